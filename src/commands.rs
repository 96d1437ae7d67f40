//! What each subcommand does, in terms of request documents and answers.
//!
//! Every command builds a request document keyed by element names (from an order file or
//! from its flags), has it checked against the WSDL's shape ([`request::check`]), and
//! hands it to a [`Service`], which turns it into the generated request type, validates
//! it with the client's generated checks, and either prints it (`--dry-run`) or sends it.
//! The answers come back keyed by element names too, and are rendered here.

use std::io::Read;
use std::path::Path;

use serde_json::{Map, Value, json};

use crate::certificate;
use crate::cli::{
    CertificateArgs, Command, GetArgs, ModifiedArgs, ModifyArgs, OrderArgs, OrderCommand,
    OrdersArgs, Product, ReissueArgs, ResendEmailArgs, ReturnArgs,
};
use crate::csr;
use crate::dates;
use crate::failure::{Exit, Failure, Item, invalid_request};
use crate::output::Output;
use crate::overlay::Overlay;
use crate::progress::Progress;
use crate::render::{self, items, text};
use crate::request::{self, Problem};
use crate::shape;
use crate::template;

/// The part of `gas` that speaks to GasOrderService: typed requests, validation, the
/// client. Documents in, documents out, all keyed by element names.
pub trait Service {
    /// The SOAP envelope `operation` would send for `document` (the content of its
    /// `Request` element), with every secret masked. Validation failures are exit 2.
    fn dry_run(&self, operation: &'static str, document: &Value) -> Result<String, Failure>;

    /// Sends the request and returns the content of the answer's `Response` element.
    fn call(&self, operation: &'static str, document: &Value) -> Result<Outcome, Failure>;
}

/// A successful answer.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The `Response` element's content, keyed by element names.
    pub response: Value,
    /// `SuccessCode` 1: success with warnings.
    pub warnings: Vec<Item>,
    /// Set when the answer was lost and the order was found by its SubID instead.
    pub recovered: Option<String>,
    /// Where the answer differed from our WSDL and was read anyway (gas-client's
    /// reading policy).
    pub deviations: Vec<gas_client::Deviation>,
}

pub struct Context<'a> {
    pub out: &'a Output,
    pub service: &'a dyn Service,
    pub overlay: &'static Overlay,
    /// Reads a file's text; `-` is standard input.
    pub read_file: &'a dyn Fn(&Path) -> Result<String, String>,
    /// Reads an environment variable.
    pub env: &'a dyn Fn(&str) -> Option<String>,
}

/// The most `gas` reads of an order file or a CSR: both are a few kilobytes, and a file
/// read whole must not be able to exhaust memory.
pub const MAX_INPUT_BYTES: u64 = 1024 * 1024;

/// Reads a text file of at most [`MAX_INPUT_BYTES`], or standard input for `-`.
pub fn read_file_or_stdin(path: &Path) -> Result<String, String> {
    let name = if path == Path::new("-") {
        "standard input".to_owned()
    } else {
        path.display().to_string()
    };
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        std::io::stdin()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!(
            "{name}: larger than {} KiB; an order file or a CSR is a few kilobytes",
            MAX_INPUT_BYTES / 1024
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        format!("{name}: binary data, not text (order files are TOML or JSON, a CSR is PEM: convert a DER one with `openssl req -inform DER -in FILE -out csr.pem`)")
    })
}

pub fn run(command: &Command, ctx: &Context<'_>) -> Result<(), Failure> {
    match command {
        Command::Order(OrderCommand::Template { product }) => {
            template_command(*product, ctx);
            Ok(())
        }
        Command::Order(order) => match order.order() {
            Some((product, args)) => order_command(product, args, ctx),
            None => Ok(()),
        },
        Command::Reissue(args) => reissue(args, ctx),
        Command::Cancel(args) => modify(args, "CANCEL", ctx),
        Command::Revoke(args) => modify(args, "REVOKE", ctx),
        Command::ResendEmail(args) => resend_email(args, ctx),
        Command::Get(args) => get(args, ctx),
        Command::Modified(args) => modified(args, ctx),
        Command::Orders(args) => orders(args, ctx),
        Command::Certificate(args) => certificate_command(args, ctx),
        Command::Sandbox(_)
        | Command::Probe(_)
        | Command::Completions { .. }
        | Command::Man { .. } => Err(Failure::usage(
            "this command runs from main (it needs no request document)",
        )),
    }
}

fn template_command(product: Product, ctx: &Context<'_>) {
    let operation = product.operation();
    match shape::request(operation) {
        Ok(node) => ctx.out.text(&template::render(
            operation,
            product.command(),
            &node,
            ctx.overlay,
        )),
        Err(e) => ctx.out.failure(&internal(e)),
    }
}

fn internal(message: String) -> Failure {
    Failure::new(Exit::Usage, "internal", message)
}

/// Checks a document, then dry-runs or sends it; prints warnings. `None` for a dry run.
fn send(
    operation: &'static str,
    document: Value,
    dry_run: bool,
    progress: Option<&str>,
    ctx: &Context<'_>,
) -> Result<Option<Outcome>, Failure> {
    remember_secrets(&document, ctx.out);
    let node = shape::request(operation).map_err(internal)?;
    let canonical = request::check(&document, &node)
        .map_err(|problems| invalid_request(operation, problem_items(problems)))?;
    if dry_run {
        let xml = ctx.service.dry_run(operation, &canonical)?;
        if ctx.out.json {
            ctx.out
                .json_line(&json!({ "operation": operation, "request": xml }));
        } else {
            ctx.out.text(&format!("{}\n", xml.trim_end()));
        }
        return Ok(None);
    }
    let spinner = Progress::start(
        progress.unwrap_or(operation),
        progress.is_some() && !ctx.out.json,
    );
    let result = ctx.service.call(operation, &canonical);
    spinner.finish();
    let outcome = result?;
    ctx.out.deviations(operation, &outcome.deviations);
    if !outcome.warnings.is_empty() {
        ctx.out.warning(
            &format!("{operation} succeeded with warnings (SuccessCode 1)"),
            &outcome.warnings,
        );
    }
    if let Some(note) = &outcome.recovered {
        ctx.out.note(note);
    }
    Ok(Some(outcome))
}

/// Every `…Password` value in a document is masked in all output from now on.
fn remember_secrets(value: &Value, out: &Output) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                if key.ends_with("Password") {
                    if let Value::String(s) = value {
                        out.secrets.add(s);
                    }
                }
                remember_secrets(value, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| remember_secrets(v, out)),
        _ => {}
    }
}

pub fn problem_items(problems: Vec<Problem>) -> Vec<Item> {
    problems
        .into_iter()
        .map(|p| {
            let field = (!p.path.is_empty()).then_some(p.path);
            Item::new(field, p.code.map(str::to_owned), p.message)
        })
        .collect()
}

/// Prints the answer to a change (order, reissue, cancel, revoke, resend).
fn print_change(operation: &str, outcome: &Outcome, ctx: &Context<'_>) {
    if ctx.out.json {
        ctx.out.json_line(&outcome.response);
    } else {
        ctx.out
            .text(&render::change_summary(operation, &outcome.response));
    }
}

/// Reads a CSR file and checks it (see [`crate::csr`]); exit 2 names what the file is.
fn read_csr(path: &Path, ctx: &Context<'_>) -> Result<String, Failure> {
    let text = (ctx.read_file)(path).map_err(Failure::usage)?;
    let name = if path == Path::new("-") {
        "standard input".to_owned()
    } else {
        path.display().to_string()
    };
    csr::check(&text).map_err(|e| Failure::usage(format!("CSR {name}: {e}; nothing was sent")))
}

fn order_command(product: Product, args: &OrderArgs, ctx: &Context<'_>) -> Result<(), Failure> {
    let operation = product.operation();
    let text = (ctx.read_file)(&args.file).map_err(Failure::usage)?;
    let name = args.file.display().to_string();
    let mut document = request::parse_document(&name, &text).map_err(Failure::usage)?;
    let Some(map) = document.as_object_mut() else {
        return Err(Failure::usage(format!("{name}: not a table of fields")));
    };
    if let Some(sub_id) = &args.sub_id {
        map.insert("SubID".to_owned(), Value::String(sub_id.clone()));
    }
    if let Some(path) = &args.csr {
        map.insert("CSR".to_owned(), Value::String(read_csr(path, ctx)?));
    } else if let Some(Value::String(text)) = map.get("CSR") {
        let checked = csr::check(text).map_err(|e| {
            Failure::usage(format!("{name}: CSR: {e}; nothing was sent")).with_hint(
                "Leave CSR out of the file when there is none, or give the file with --csr FILE.",
            )
        })?;
        map.insert("CSR".to_owned(), Value::String(checked));
    }
    if product == Product::Ps2 {
        ctx.out.warning(
            "PS2 was discontinued for new orders in API 2.4.5: GlobalSign may refuse this order (PS2Pro or PS2Dept are its successors)",
            &[],
        );
    }
    if let Some(outcome) = send(operation, document, args.dry_run, None, ctx)? {
        print_change(operation, &outcome, ctx);
    }
    Ok(())
}

fn reissue(args: &ReissueArgs, ctx: &Context<'_>) -> Result<(), Failure> {
    let mut parameter = Map::new();
    parameter.insert("IssueType".into(), json!(args.issue_type));
    if args.pickup_password_env {
        let password = (ctx.env)("GAS_PICKUP_PASSWORD").ok_or_else(|| {
            Failure::usage("--pickup-password-env: GAS_PICKUP_PASSWORD is not set")
        })?;
        parameter.insert("PickupPassword".into(), json!(password));
    }
    if let Some(path) = &args.csr {
        parameter.insert("CSR".into(), json!(read_csr(path, ctx)?));
    }
    parameter.insert("HashAlgorithm".into(), json!(args.hash_algorithm));
    let document = json!({ "OrderParameter": parameter, "TargetOrderID": args.order_id });
    let sent = send("ReIssue", document, args.dry_run, None, ctx);
    if let Some(outcome) = with_order_state(sent, &args.order_id, ctx)? {
        print_change("ReIssue", &outcome, ctx);
    }
    Ok(())
}

fn modify(args: &ModifyArgs, operation: &str, ctx: &Context<'_>) -> Result<(), Failure> {
    let document = json!({ "OrderID": args.order_id, "ModifyOrderOperation": operation });
    let sent = send("ModifyOrder", document, args.dry_run, None, ctx);
    if let Some(outcome) = with_order_state(sent, &args.order_id, ctx)? {
        print_change("ModifyOrder", &outcome, ctx);
    }
    Ok(())
}

/// When GlobalSign refuses a change because of the order's state (−9202, −9920, −9915),
/// the failure says what that state is now: one read-only GetOrderByOrderID.
fn with_order_state(
    sent: Result<Option<Outcome>, Failure>,
    order_id: &str,
    ctx: &Context<'_>,
) -> Result<Option<Outcome>, Failure> {
    let mut failure = match sent {
        Err(failure) if failure.exit == Exit::Api => failure,
        other => return other,
    };
    let about_state = failure.items.iter().any(|item| {
        matches!(item.code.as_deref(), Some("-9202" | "-9920" | "-9915"))
            && item.field.as_deref().is_none_or(|f| f.contains("OrderID"))
    });
    if !about_state {
        return Err(failure);
    }
    let query =
        json!({ "OrderID": order_id, "OrderQueryOption": { "ReturnCertificateInfo": "true" } });
    let Ok(found) = ctx.service.call("GetOrderByOrderID", &query) else {
        return Err(failure);
    };
    let detail = found
        .response
        .get("OrderDetail")
        .cloned()
        .unwrap_or_default();
    let status = text(render::at(&detail, "OrderInfo/OrderStatus"));
    if status.is_empty() {
        return Err(failure);
    }
    let mut state = format!(
        "Order {order_id} is now in order status {}",
        render::with_meaning(ctx.overlay, "OrderStatus", &status)
    );
    let certificate = text(render::at(&detail, "CertificateInfo/CertificateStatus"));
    if !certificate.is_empty() {
        state.push_str(&format!(
            ", certificate status {}",
            render::with_meaning(ctx.overlay, "CertificateStatus", &certificate)
        ));
    }
    state.push('.');
    let hint = match failure.hint.take() {
        Some(hint) => format!("{state}\n{hint}"),
        None => state,
    };
    Err(failure.with_hint(hint))
}

fn resend_email(args: &ResendEmailArgs, ctx: &Context<'_>) -> Result<(), Failure> {
    let document =
        json!({ "OrderID": args.order_id, "EmailType": args.email_type.to_ascii_uppercase() });
    let sent = send("ResendEmail", document, args.dry_run, None, ctx);
    if let Some(outcome) = with_order_state(sent, &args.order_id, ctx)? {
        let mut response = outcome.response.clone();
        if let Some(map) = response.as_object_mut() {
            map.entry("OrderID")
                .or_insert_with(|| Value::String(args.order_id.clone()));
        }
        print_change(
            "ResendEmail",
            &Outcome {
                response,
                ..outcome
            },
            ctx,
        );
    }
    Ok(())
}

/// `OrderQueryOption`'s `Return…` flags that are set.
fn return_options(returns: &ReturnArgs, query: &mut Map<String, Value>) {
    let flags = [
        ("ReturnOrderOption", returns.order_option),
        ("ReturnCertificateInfo", returns.certificate_info),
        ("ReturnFulfillment", returns.fulfillment),
        ("ReturnCACerts", returns.ca_certs),
    ];
    for (name, set) in flags {
        if set || returns.all {
            query.insert(name.to_owned(), json!("true"));
        }
    }
}

fn get(args: &GetArgs, ctx: &Context<'_>) -> Result<(), Failure> {
    let mut query = Map::new();
    return_options(&args.returns, &mut query);
    let mut document = json!({ "OrderID": args.order_id });
    if !query.is_empty() {
        document["OrderQueryOption"] = Value::Object(query);
    }
    let Some(outcome) = send("GetOrderByOrderID", document, args.dry_run, None, ctx)? else {
        return Ok(());
    };
    let Some(detail) = outcome.response.get("OrderDetail") else {
        return Err(Failure::new(
            Exit::Api,
            "not_found",
            format!("GlobalSign returned no details for order {}", args.order_id),
        ));
    };
    if ctx.out.json {
        ctx.out.json_line(detail);
    } else {
        ctx.out.text(&render::order_detail(detail, ctx.overlay));
    }
    Ok(())
}

fn print_orders(outcome: &Outcome, ctx: &Context<'_>) {
    let details = items(outcome.response.get("OrderDetail"), "OrderDetail");
    if ctx.out.json {
        for detail in details {
            ctx.out.json_line(detail);
        }
    } else if details.is_empty() {
        ctx.out.note("no orders match");
    } else {
        ctx.out.text(&render::order_table(&details, ctx.overlay));
        ctx.out.note(&format!(
            "{} order{}",
            details.len(),
            if details.len() == 1 { "" } else { "s" }
        ));
    }
}

/// Listings ask for CertificateInfo too: the table shows each certificate's status and
/// common name.
fn listing_returns(returns: &ReturnArgs) -> ReturnArgs {
    ReturnArgs {
        certificate_info: true,
        ..*returns
    }
}

fn modified(args: &ModifiedArgs, ctx: &Context<'_>) -> Result<(), Failure> {
    let mut query = Map::new();
    if let Some(status) = &args.status {
        query.insert("OrderStatus".into(), json!(status));
    }
    return_options(&listing_returns(&args.returns), &mut query);
    if let Some(warning) = dates::inverted("--from", Some(args.from), "--to", Some(args.to)) {
        ctx.out.warning(&warning, &[]);
    }
    let mut document =
        json!({ "FromDate": args.from.start_date_time(), "ToDate": args.to.end_date_time() });
    if !query.is_empty() {
        document["OrderQueryOption"] = Value::Object(query);
    }
    let label = "asking GlobalSign for modified orders";
    if let Some(outcome) = send(
        "GetModifiedOrders",
        document,
        args.dry_run,
        Some(label),
        ctx,
    )? {
        print_orders(&outcome, ctx);
    }
    Ok(())
}

fn orders(args: &OrdersArgs, ctx: &Context<'_>) -> Result<(), Failure> {
    let mut query = Map::new();
    return_options(&listing_returns(&args.returns), &mut query);
    let ranges = [
        (
            "RequestDate",
            "--requested",
            args.requested_from,
            args.requested_to,
        ),
        ("IssueDate", "--issued", args.issued_from, args.issued_to),
        (
            "ExpirationDate",
            "--expires",
            args.expires_from,
            args.expires_to,
        ),
    ];
    for (element, flag, from, to) in ranges {
        let (from_flag, to_flag) = (format!("{flag}-from"), format!("{flag}-to"));
        if let Some(warning) = dates::inverted(&from_flag, from, &to_flag, to) {
            ctx.out.warning(&warning, &[]);
        }
        for (suffix, when) in [("From", from), ("To", to)] {
            if let Some(when) = when {
                query.insert(format!("{element}{suffix}"), json!(when.date()));
            }
        }
    }
    let filters = [
        ("ProductCode", &args.product),
        ("OrderStatus", &args.status),
        ("CertificateStatus", &args.certificate_status),
        ("CommonName", &args.common_name),
        ("OrderID", &args.order_id),
        ("SubID", &args.sub_id),
    ];
    for (name, value) in filters {
        if let Some(value) = value {
            query.insert(name.to_owned(), json!(value));
        }
    }
    let mut document = json!({});
    if !query.is_empty() {
        document["OrderQueryOption"] = Value::Object(query);
    }
    let label = "asking GlobalSign for orders";
    if let Some(outcome) = send("GetOrders", document, args.dry_run, Some(label), ctx)? {
        print_orders(&outcome, ctx);
    }
    Ok(())
}

fn certificate_command(args: &CertificateArgs, ctx: &Context<'_>) -> Result<(), Failure> {
    let document = json!({
        "OrderID": args.order_id,
        "OrderQueryOption": {
            "ReturnCertificateInfo": "true",
            "ReturnFulfillment": "true",
            "ReturnCACerts": "true"
        }
    });
    let Some(outcome) = send("GetOrderByOrderID", document, false, None, ctx)? else {
        return Ok(());
    };
    let detail = outcome
        .response
        .get("OrderDetail")
        .cloned()
        .unwrap_or_default();
    let files = certificate::files(&args.order_id, &detail).map_err(|e| {
        let status = text(render::at(&detail, "OrderInfo/OrderStatus"));
        let failure = Failure::new(
            Exit::Api,
            "no_certificate",
            format!("order {}: {e}", args.order_id),
        );
        if status.is_empty() {
            failure
        } else {
            failure.with_hint(format!(
                "Order status: {}. `gas get {}` shows the order.",
                render::with_meaning(ctx.overlay, "OrderStatus", &status),
                args.order_id
            ))
        }
    })?;
    let paths = certificate::write(&args.out, &files, args.force).map_err(Failure::usage)?;
    let unusable = certificate::unusable(&detail, ctx.overlay);
    if ctx.out.json {
        let files: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        let mut line = json!({ "OrderID": args.order_id, "files": files });
        if let Some(reason) = &unusable {
            line["unusable"] = json!(reason);
        }
        ctx.out.json_line(&line);
    } else {
        for path in paths {
            ctx.out.text(&format!("{}\n", path.display()));
        }
    }
    match unusable {
        Some(reason) => Err(Failure::new(
            Exit::Unusable,
            "certificate_unusable",
            format!(
                "order {}: {reason}; the files were written, but do not use the certificate",
                args.order_id
            ),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mask::Secrets;
    use crate::overlay::overlay;
    use crate::render::tests::sample_response;
    use std::cell::RefCell;

    /// Records what it was asked and answers from the spec's sample responses.
    #[derive(Default)]
    struct Recorder {
        calls: RefCell<Vec<(&'static str, Value)>>,
    }

    impl Service for Recorder {
        fn dry_run(&self, operation: &'static str, document: &Value) -> Result<String, Failure> {
            self.calls.borrow_mut().push((operation, document.clone()));
            Ok(format!("<{operation}/>"))
        }

        fn call(&self, operation: &'static str, document: &Value) -> Result<Outcome, Failure> {
            self.calls.borrow_mut().push((operation, document.clone()));
            let file = format!("{operation}.response.xml");
            Ok(Outcome {
                response: sample_response(operation, &file),
                ..Outcome::default()
            })
        }
    }

    fn run_with(
        args: &[&str],
        env: &[(&str, &str)],
        files: &[(&str, &str)],
    ) -> (Result<(), Failure>, Vec<(&'static str, Value)>) {
        use clap::Parser;
        let mut all = vec!["gas"];
        all.extend_from_slice(args);
        let cli = crate::cli::Cli::try_parse_from(all).unwrap();
        let recorder = Recorder::default();
        let out = Output::new(true, Secrets::default());
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect();
        let files: Vec<(String, String)> = files
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect();
        let read = move |p: &Path| {
            files
                .iter()
                .find(|(name, _)| Path::new(name) == p)
                .map(|(_, text)| text.clone())
                .ok_or_else(|| format!("{}: not found", p.display()))
        };
        let env_fn = move |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let ctx = Context {
            out: &out,
            service: &recorder,
            overlay: overlay().unwrap(),
            read_file: &read,
            env: &env_fn,
        };
        let result = run(&cli.command, &ctx);
        (result, recorder.calls.into_inner())
    }

    #[test]
    fn flags_become_request_documents() {
        let (result, calls) = run_with(&["cancel", "CE1"], &[], &[]);
        result.unwrap();
        assert_eq!(
            calls,
            [(
                "ModifyOrder",
                json!({"OrderID": "CE1", "ModifyOrderOperation": "CANCEL"})
            )]
        );

        let (result, calls) = run_with(&["revoke", "CE1", "--dry-run"], &[], &[]);
        result.unwrap();
        assert_eq!(calls[0].1["ModifyOrderOperation"], "REVOKE");

        let (result, calls) = run_with(&["resend-email", "CE1", "--type", "enrollment"], &[], &[]);
        result.unwrap();
        assert_eq!(
            calls[0].1,
            json!({"OrderID": "CE1", "EmailType": "ENROLLMENT"})
        );

        let (result, calls) = run_with(&["get", "CE1", "--fulfillment", "--ca-certs"], &[], &[]);
        result.unwrap();
        assert_eq!(
            calls[0].1,
            json!({"OrderID": "CE1", "OrderQueryOption": {"ReturnFulfillment": "true", "ReturnCACerts": "true"}})
        );

        let (result, calls) = run_with(
            &[
                "modified",
                "--from",
                "2024-01-01",
                "--to",
                "2024-01-31",
                "--status",
                "4",
                "--all",
            ],
            &[],
            &[],
        );
        result.unwrap();
        let doc = &calls[0].1;
        assert_eq!(doc["FromDate"], "2024-01-01T00:00:00Z");
        assert_eq!(doc["ToDate"], "2024-01-31T23:59:59Z");
        assert_eq!(doc["OrderQueryOption"]["OrderStatus"], "4");
        assert_eq!(doc["OrderQueryOption"]["ReturnOrderOption"], "true");

        let (result, calls) = run_with(
            &[
                "orders",
                "--product",
                "PS2",
                "--status",
                "4",
                "--certificate-status",
                "10",
                "--requested-from",
                "2024-01-01",
                "--requested-to",
                "2024-02-01",
                "--issued-from",
                "2024-01-02",
                "--issued-to",
                "2024-02-02",
                "--expires-from",
                "2025-01-01",
                "--expires-to",
                "2026-01-01",
                "--common-name",
                "Alice",
                "--order-id",
                "CE1",
                "--sub-id",
                "s1",
            ],
            &[],
            &[],
        );
        result.unwrap();
        let query = calls[0].1["OrderQueryOption"].as_object().unwrap();
        assert_eq!(query.len(), 13, "{query:?}");

        let (result, calls) = run_with(&["orders"], &[], &[]);
        result.unwrap();
        assert_eq!(
            calls[0].1,
            json!({"OrderQueryOption": {"ReturnCertificateInfo": "true"}})
        );
    }

    #[test]
    fn reissue_reads_the_csr_and_the_pickup_password_from_the_environment() {
        let (result, calls) = run_with(
            &[
                "reissue",
                "CE1",
                "--csr",
                "req.pem",
                "--pickup-password-env",
                "--dry-run",
            ],
            &[("GAS_PICKUP_PASSWORD", "pickup-pw-1")],
            &[(
                "req.pem",
                "-----BEGIN CERTIFICATE REQUEST-----\nMAUwAwIBAA==\n-----END CERTIFICATE REQUEST-----\n",
            )],
        );
        result.unwrap();
        let doc = &calls[0].1;
        assert_eq!(doc["TargetOrderID"], "CE1");
        assert_eq!(doc["OrderParameter"]["IssueType"], "1");
        assert_eq!(doc["OrderParameter"]["PickupPassword"], "pickup-pw-1");
        assert!(
            doc["OrderParameter"]["CSR"]
                .as_str()
                .unwrap()
                .ends_with("-----END CERTIFICATE REQUEST-----")
        );
        let (result, _) = run_with(&["reissue", "CE1", "--pickup-password-env"], &[], &[]);
        assert_eq!(result.unwrap_err().exit, Exit::Usage);
    }

    #[test]
    fn an_invalid_order_file_lists_every_problem_and_sends_nothing() {
        let file = "Year = \"x\"\nColour = \"blue\"\n[DnAttributes]\nCommonName = \"A\"\n";
        let (result, calls) = run_with(
            &["order", "ps2", "--file", "o.toml"],
            &[],
            &[("o.toml", file)],
        );
        let failure = result.unwrap_err();
        assert_eq!(failure.exit, Exit::Usage);
        assert_eq!(failure.kind, "validation");
        let fields: Vec<&str> = failure
            .items
            .iter()
            .filter_map(|i| i.field.as_deref())
            .collect();
        for expected in [
            "Year",
            "Colour",
            "OrderKind",
            "PickupPassword",
            "DnAttributes/Email",
            "Subscriber",
        ] {
            assert!(fields.contains(&expected), "{expected} not in {fields:?}");
        }
        assert!(calls.is_empty());
    }

    #[test]
    fn an_order_file_with_sub_id_goes_through() {
        let template = {
            let node = shape::request("OrderPS2").unwrap();
            template::render("OrderPS2", "ps2", &node, overlay().unwrap())
        };
        // The template parses and only lacks the values a person must fill in; --sub-id
        // is added to it.
        let (result, calls) = run_with(
            &[
                "order",
                "ps2",
                "--file",
                "t.toml",
                "--sub-id",
                "mine-1",
                "--dry-run",
            ],
            &[],
            &[("t.toml", &template)],
        );
        result.unwrap();
        assert_eq!(calls[0].0, "OrderPS2");
        assert_eq!(calls[0].1["SubID"], "mine-1");
        assert_eq!(calls[0].1["Year"], 1);
    }

    #[test]
    fn a_missing_file_is_a_usage_error() {
        let (result, _) = run_with(&["order", "qc", "--file", "absent.toml"], &[], &[]);
        let failure = result.unwrap_err();
        assert_eq!(failure.exit, Exit::Usage);
        assert!(failure.message.contains("absent.toml"));
    }

    #[test]
    fn certificate_without_fulfillment_says_why() {
        // The GetOrderByOrderID sample carries no X509Cert text that reads as PEM/base64
        // or none at all; either way the command must fail with exit 1, not write files.
        let dir = std::env::temp_dir().join(format!("gas-cmd-cert-{}", std::process::id()));
        let (result, calls) = run_with(
            &[
                "certificate",
                "PC2411200000123",
                "--out",
                dir.to_str().unwrap(),
            ],
            &[],
            &[],
        );
        assert_eq!(calls[0].1["OrderQueryOption"]["ReturnFulfillment"], "true");
        match result {
            Ok(()) => assert!(dir.join("PC2411200000123.pem").exists()),
            Err(failure) => assert_eq!(failure.exit, Exit::Api),
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
