//! The command tree (clap derive). Only the shape of the command line lives here; what
//! each command does is in `commands`.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use clap::builder::PossibleValue;
use clap::parser::ValueSource;
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::dates::{self, When};

pub const EXIT_CODES: &str = "\
Exit codes:
  0  success (warnings, if any, are printed on stderr)
  1  GlobalSign refused the request (an API error with SuccessCode -1, or a SOAP fault);
     nothing was done. The message says what to do about each error code.
  2  usage or validation error: bad arguments, unreadable or invalid order file, missing
     credentials or configuration; nothing was sent
  3  transport error or unknown outcome: no answer, a timeout, an HTTP error or an answer
     that could not be read, or a SOAP `Server` fault on an order or change. An order or
     change MAY have been made: check with `gas get` or `gas orders --sub-id` before
     trying again
  4  `gas certificate` wrote the files, but the certificate is revoked or its order
     cancelled: do not use it

Credentials come from GAS_USERNAME and GAS_PASSWORD, or from the config file
(--config, default $XDG_CONFIG_HOME/gas/config.toml), or the password from standard
input with --password-stdin; never from a command-line argument.";

/// The version line: the package version and the WSDL the client was generated from.
pub fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        format!(
            "{} (GasOrderService v2, WSDL sha256 {})",
            env!("CARGO_PKG_VERSION"),
            option_env!("GAS_WSDL_SHA256").unwrap_or("unknown: built without build.rs's hash")
        )
    })
}

/// `gas`: order and track GlobalSign client certificates from a shell or a script.
#[derive(Debug, Parser)]
#[command(
    name = "gas",
    version = version(),
    about = "Order and track GlobalSign client certificates (GasOrderService v2) from a shell or a script",
    after_help = EXIT_CODES,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Where to send requests: `live` (GlobalSign production, orders are billed), `test`
    /// (GlobalSign's test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or
    /// `endpoint` in the config file.
    #[arg(long, global = true, env = "GAS_ENDPOINT", value_name = "URL")]
    pub endpoint: Option<String>,

    /// Allow a plain `http://` endpoint on a host other than loopback. The password then
    /// travels unencrypted: only for a sandbox on a trusted network.
    #[arg(long, global = true)]
    pub allow_plain_http: bool,

    /// Config file with `username`, `password`, `endpoint`, `timeout`, `strict_reading`
    /// (TOML). Default: $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must
    /// not be readable by other users.
    #[arg(long, global = true, env = "GAS_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Read the API password from the first line of standard input.
    #[arg(long, global = true)]
    pub password_stdin: bool,

    /// Time allowed for each HTTP exchange: `90`, `90s`, `1500ms`, `2m` (default 60s).
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<Duration>,

    /// Machine-readable output: one JSON object per line on stdout; errors as one JSON
    /// object on stderr.
    #[arg(long, global = true)]
    pub json: bool,

    /// Log what happens to stderr (-v: each call and where an answer differed from our
    /// WSDL, -vv: details). Secrets never appear.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Refuse an answer that differs from our WSDL in any way (exit 3) instead of reading
    /// it and listing the differences. Also `strict_reading = true` in the config file.
    #[arg(long, global = true)]
    pub strict_reading: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Place an order (OrderOS, OrderOSEV, OrderPS1, OrderPS2, OrderPS2Dept, OrderPS2Pro,
    /// OrderAATL, OrderQC) from a TOML or JSON file, or print a template for one.
    #[command(subcommand)]
    Order(OrderCommand),

    /// Reissue the certificate of an order (ReIssue): a new order with a new key.
    Reissue(ReissueArgs),

    /// Cancel an order (ModifyOrder CANCEL).
    Cancel(ModifyArgs),

    /// Revoke the certificate of an order (ModifyOrder REVOKE).
    Revoke(ModifyArgs),

    /// Send an order's e-mail again (ResendEmail).
    ResendEmail(ResendEmailArgs),

    /// Show one order (GetOrderByOrderID).
    Get(GetArgs),

    /// List the orders modified between two moments (GetModifiedOrders).
    Modified(ModifiedArgs),

    /// List orders by product, status, dates, common name, OrderID or SubID (GetOrders).
    Orders(OrdersArgs),

    /// Write an order's issued certificate and its CA chain as PEM files.
    Certificate(CertificateArgs),

    /// Run the local sandbox server (a GasOrderService that follows the spec).
    Sandbox(SandboxArgs),

    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        #[arg(value_enum, ignore_case = true)]
        shell: clap_complete::Shell,
    },

    /// Print the manual page (roff), or write one per command into a directory.
    Man {
        /// Write `gas.1` and `gas-<command>.1` into this directory instead.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },

    /// Compare the service with our WSDL, read-only: its `?wsdl` in API terms, then
    /// GetOrders, GetOrderByOrderID and GetModifiedOrders over a recent window, listing
    /// every deviation. Never orders, modifies or resends.
    Probe(ProbeArgs),
}

/// The eight order operations, by the names operators use. Their ProductCodes are
/// accepted too, in any case (`PS1`, `OSMulti`, `dsaatl`): one vocabulary everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Product {
    /// Code signing (OrderOS).
    #[value(alias = "osmulti")]
    Os,
    /// EV code signing (OrderOSEV).
    Osev,
    /// PersonalSign 1 (OrderPS1).
    Ps1,
    /// PersonalSign 2 (OrderPS2; discontinued for new orders in API 2.4.5).
    Ps2,
    /// PersonalSign 2 Department (OrderPS2Dept).
    Ps2dept,
    /// PersonalSign 2 Pro (OrderPS2Pro).
    Ps2pro,
    /// PDF signing, AATL (OrderAATL).
    #[value(alias = "dsaatl")]
    Aatl,
    /// Qualified certificate for signature or seal (OrderQC).
    #[value(alias = "dsqcsignature", alias = "dsqcseal")]
    Qc,
}

impl Product {
    pub const ALL: [Product; 8] = [
        Product::Os,
        Product::Osev,
        Product::Ps1,
        Product::Ps2,
        Product::Ps2dept,
        Product::Ps2pro,
        Product::Aatl,
        Product::Qc,
    ];

    /// The WSDL operation that places this order.
    pub fn operation(self) -> &'static str {
        match self {
            Product::Os => "OrderOS",
            Product::Osev => "OrderOSEV",
            Product::Ps1 => "OrderPS1",
            Product::Ps2 => "OrderPS2",
            Product::Ps2dept => "OrderPS2Dept",
            Product::Ps2pro => "OrderPS2Pro",
            Product::Aatl => "OrderAATL",
            Product::Qc => "OrderQC",
        }
    }

    /// The ProductCodes the operation orders (section 14.1).
    pub fn product_codes(self) -> &'static [&'static str] {
        match self {
            Product::Os => &["OSMulti"],
            Product::Osev => &["OSEV"],
            Product::Ps1 => &["PS1"],
            Product::Ps2 => &["PS2"],
            Product::Ps2dept => &["PS2Dept"],
            Product::Ps2pro => &["PS2Pro"],
            Product::Aatl => &["DSAATL"],
            Product::Qc => &["DSQCSignature", "DSQCSeal"],
        }
    }

    /// A product by its command name or one of its ProductCodes, in any case.
    pub fn from_name(name: &str) -> Option<Product> {
        let name = name.trim();
        Product::ALL.into_iter().find(|p| {
            p.command().eq_ignore_ascii_case(name)
                || p.product_codes()
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(name))
        })
    }

    /// The name on the command line (`ps2dept`).
    pub fn command(self) -> &'static str {
        match self {
            Product::Os => "os",
            Product::Osev => "osev",
            Product::Ps1 => "ps1",
            Product::Ps2 => "ps2",
            Product::Ps2dept => "ps2dept",
            Product::Ps2pro => "ps2pro",
            Product::Aatl => "aatl",
            Product::Qc => "qc",
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum OrderCommand {
    /// Code signing (OrderOS).
    Os(OrderArgs),
    /// EV code signing (OrderOSEV).
    Osev(OrderArgs),
    /// PersonalSign 1 (OrderPS1).
    Ps1(OrderArgs),
    /// PersonalSign 2 (OrderPS2).
    Ps2(OrderArgs),
    /// PersonalSign 2 Department (OrderPS2Dept).
    Ps2dept(OrderArgs),
    /// PersonalSign 2 Pro (OrderPS2Pro).
    Ps2pro(OrderArgs),
    /// PDF signing, AATL (OrderAATL).
    Aatl(OrderArgs),
    /// Qualified certificate for signature or seal (OrderQC).
    Qc(OrderArgs),
    /// Print a commented TOML template with every field of an order: length, allowed
    /// values and description from the spec.
    Template {
        /// Which order.
        #[arg(ignore_case = true)]
        product: Product,
    },
}

impl OrderCommand {
    /// The product and arguments of an order command; `None` for `template`.
    pub fn order(&self) -> Option<(Product, &OrderArgs)> {
        Some(match self {
            OrderCommand::Os(a) => (Product::Os, a),
            OrderCommand::Osev(a) => (Product::Osev, a),
            OrderCommand::Ps1(a) => (Product::Ps1, a),
            OrderCommand::Ps2(a) => (Product::Ps2, a),
            OrderCommand::Ps2dept(a) => (Product::Ps2dept, a),
            OrderCommand::Ps2pro(a) => (Product::Ps2pro, a),
            OrderCommand::Aatl(a) => (Product::Aatl, a),
            OrderCommand::Qc(a) => (Product::Qc, a),
            OrderCommand::Template { .. } => return None,
        })
    }
}

#[derive(Debug, Args)]
pub struct OrderArgs {
    /// The order: a TOML or JSON file with the request's fields (see `gas order template`),
    /// or `-` for standard input.
    #[arg(long, short, value_name = "FILE")]
    pub file: PathBuf,

    /// Set the order's SubID (your own reference, at most 50 characters), replacing the
    /// file's. With a SubID an order whose answer was lost can be found again.
    #[arg(long, value_name = "ID", value_parser = non_empty)]
    pub sub_id: Option<String>,

    /// The certificate signing request (PEM file; `-` for standard input), replacing the
    /// file's `CSR` (OrderAATL, OrderQC). Checked before sending.
    #[arg(long, value_name = "FILE")]
    pub csr: Option<PathBuf>,

    /// Validate and print the SOAP request (secrets masked) instead of sending it.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ReissueArgs {
    /// The order whose certificate is reissued (TargetOrderID).
    #[arg(value_parser = non_empty)]
    pub order_id: String,

    /// What the reissue does: 0 (register only), 1 (issue), 2 (Fortify).
    #[arg(long, value_name = "TYPE", default_value = "1", value_parser = allowed("IssueType"), ignore_case = true)]
    pub issue_type: String,

    /// The new certificate signing request (PEM file; `-` for standard input). Checked
    /// before sending: an empty file, a certificate or a key is refused.
    #[arg(long, value_name = "FILE")]
    pub csr: Option<PathBuf>,

    /// Signature hash algorithm.
    #[arg(long, value_name = "ALGORITHM", default_value = "SHA256", value_parser = allowed("HashAlgorithm"), ignore_case = true)]
    pub hash_algorithm: String,

    /// Read the PKCS#12 pickup password from the environment variable GAS_PICKUP_PASSWORD.
    #[arg(long)]
    pub pickup_password_env: bool,

    /// Validate and print the SOAP request (secrets masked) instead of sending it.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ModifyArgs {
    /// The order (OrderID).
    #[arg(value_parser = non_empty)]
    pub order_id: String,

    /// Validate and print the SOAP request (secrets masked) instead of sending it.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ResendEmailArgs {
    /// The order (OrderID).
    #[arg(value_parser = non_empty)]
    pub order_id: String,

    /// Which e-mail to send again.
    #[arg(long = "type", value_name = "TYPE", default_value = "ENROLLMENT", value_parser = allowed("EmailType"), ignore_case = true)]
    pub email_type: String,

    /// Validate and print the SOAP request (secrets masked) instead of sending it.
    #[arg(long)]
    pub dry_run: bool,
}

/// What a query returns besides the order's basic information (`OrderQueryOption`).
#[derive(Debug, Args, Clone, Copy, Default)]
pub struct ReturnArgs {
    /// Return the organization, contacts and subscriber (ReturnOrderOption).
    #[arg(long)]
    pub order_option: bool,

    /// Return the certificate's details (ReturnCertificateInfo).
    #[arg(long)]
    pub certificate_info: bool,

    /// Return the certificate itself (ReturnFulfillment).
    #[arg(long)]
    pub fulfillment: bool,

    /// Return the CA certificates (ReturnCACerts).
    #[arg(long)]
    pub ca_certs: bool,

    /// All of the above.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// The order (OrderID).
    #[arg(value_parser = non_empty)]
    pub order_id: String,

    #[command(flatten)]
    pub returns: ReturnArgs,

    /// Validate and print the SOAP request (secrets masked) instead of sending it.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ModifiedArgs {
    /// Start of the range: a date (2024-05-01, from its start in UTC), a date-time
    /// (2024-05-01T12:00:00Z, offsets allowed), now, today, yesterday, or a time before
    /// now (-7d, -12h, -30m, -2w).
    #[arg(long, value_name = "WHEN", value_parser = dates::parse, allow_hyphen_values = true)]
    pub from: When,

    /// End of the range, as --from (a date means its end: 23:59:59 UTC). Default: now.
    #[arg(long, value_name = "WHEN", value_parser = dates::parse, allow_hyphen_values = true, default_value = "now")]
    pub to: When,

    /// Only orders in this status.
    #[arg(long, value_name = "STATUS", value_parser = allowed("OrderStatus"))]
    pub status: Option<String>,

    #[command(flatten)]
    pub returns: ReturnArgs,

    /// Validate and print the SOAP request (secrets masked) instead of sending it.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct OrdersArgs {
    /// Only this product: os, osev, ps1, ps2, ps2dept, ps2pro, aatl (as for `gas order`)
    /// or a ProductCode: OSMulti, OSEV, PS1, PS2, PS2Pro, PS2Dept, DSAATL, DSQCSignature,
    /// DSQCSeal. Any case.
    #[arg(long, value_name = "PRODUCT", value_parser = parse_product_code)]
    pub product: Option<String>,

    /// Only orders in this status.
    #[arg(long, value_name = "STATUS", value_parser = allowed("OrderStatus"))]
    pub status: Option<String>,

    /// Only orders whose certificate is in this status.
    #[arg(long, value_name = "STATUS", value_parser = allowed("CertificateStatus"))]
    pub certificate_status: Option<String>,

    /// Requested on or after this day. Every date flag takes a date (2024-05-01), a
    /// date-time (its date is used), now, today, yesterday, or a time before now (-7d,
    /// -12h, -30m, -2w).
    #[arg(long, value_name = "WHEN", value_parser = dates::parse, allow_hyphen_values = true)]
    pub requested_from: Option<When>,

    /// Requested on or before this day.
    #[arg(long, value_name = "WHEN", value_parser = dates::parse, allow_hyphen_values = true)]
    pub requested_to: Option<When>,

    /// Issued on or after this day.
    #[arg(long, value_name = "WHEN", value_parser = dates::parse, allow_hyphen_values = true)]
    pub issued_from: Option<When>,

    /// Issued on or before this day.
    #[arg(long, value_name = "WHEN", value_parser = dates::parse, allow_hyphen_values = true)]
    pub issued_to: Option<When>,

    /// Expiring on or after this day.
    #[arg(long, value_name = "WHEN", value_parser = dates::parse, allow_hyphen_values = true)]
    pub expires_from: Option<When>,

    /// Expiring on or before this day.
    #[arg(long, value_name = "WHEN", value_parser = dates::parse, allow_hyphen_values = true)]
    pub expires_to: Option<When>,

    /// Only orders for this certificate common name.
    #[arg(long, value_name = "NAME", value_parser = non_empty)]
    pub common_name: Option<String>,

    /// Only the order with this OrderID.
    #[arg(long, value_name = "ID", value_parser = non_empty)]
    pub order_id: Option<String>,

    /// Only orders with this SubID (your own reference given when ordering).
    #[arg(long, value_name = "ID", value_parser = non_empty)]
    pub sub_id: Option<String>,

    #[command(flatten)]
    pub returns: ReturnArgs,

    /// Validate and print the SOAP request (secrets masked) instead of sending it.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct CertificateArgs {
    /// The order (OrderID).
    #[arg(value_parser = non_empty)]
    pub order_id: String,

    /// Directory to write into (created if missing): `<OrderID>.pem` (the certificate),
    /// `<OrderID>.chain.pem` (the intermediate CA certificates, the one that issued the
    /// certificate first), `<OrderID>.fullchain.pem` (the certificate, then the
    /// intermediates) and `<OrderID>.root.pem` (the root CA certificate, to trust).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Replace files that already exist.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Address to listen on (loopback unless you mean it).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8443")]
    pub listen: std::net::SocketAddr,

    /// A test account, USER:PASSWORD (repeatable). These are the sandbox's own made-up
    /// accounts, not GlobalSign credentials. Without any (and without --accounts-file),
    /// the sandbox takes GAS_USERNAME and GAS_PASSWORD as its one account.
    #[arg(long = "account", value_name = "USER:PASSWORD")]
    pub accounts: Vec<String>,

    /// A file of accounts, one USER:PASSWORD per line; blank lines and # comments are
    /// skipped (repeatable).
    #[arg(long, value_name = "FILE")]
    pub accounts_file: Vec<PathBuf>,

    /// Keep orders, counters and the test CA in this file (created if missing), so that a
    /// restart loses nothing. Default: memory only.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,

    /// When GlobalSign's steps outside the API (vetting, pick-up, revocation) happen:
    /// at once (on-order), or only through the admin API (manual). IssueType 0 (REGISTER)
    /// orders always wait for the admin step.
    #[arg(long, value_enum, value_name = "POLICY", default_value_t = IssuePolicyArg::OnOrder)]
    pub issue_policy: IssuePolicyArg,

    /// Serve the admin API under /sandbox/admin/ (vetting, issue, revocation, faults).
    /// Unauthenticated: keep the sandbox on loopback.
    #[arg(long)]
    pub admin: bool,

    /// Refuse new PS2 orders, as GlobalSign does since API 2.4.5.
    #[arg(long)]
    pub refuse_ps2: bool,

    /// Timeouts, connection cap, listen backlog, retention: as `gas-sandbox`'s.
    #[command(flatten)]
    pub limits: gas_sandbox::options::LimitOptions,
}

/// `gas sandbox --issue-policy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IssuePolicyArg {
    /// Vet and issue while the order call runs; revoke at once.
    OnOrder,
    /// Leave orders waiting for the admin steps.
    Manual,
}

/// The global options that only a client command uses: `gas sandbox` refuses them when
/// they are given on its command line, and its help hides them.
pub const CLIENT_ONLY_OPTIONS: [&str; 5] = [
    "endpoint",
    "allow_plain_http",
    "password_stdin",
    "timeout",
    "strict_reading",
];

/// The command tree as clap builds it, with `gas sandbox`'s help showing only what applies
/// to it.
pub fn command() -> clap::Command {
    let command = Cli::command();
    // A subcommand's own argument shadows a global one of the same id: a hidden copy keeps
    // them out of `gas sandbox --help` while `gas sandbox --endpoint` still parses (and is
    // then refused by name).
    let hidden: Vec<clap::Arg> = command
        .get_arguments()
        .filter(|arg| CLIENT_ONLY_OPTIONS.contains(&arg.get_id().as_str()))
        .map(|arg| arg.clone().global(false).hide(true))
        .collect();
    command.mut_subcommand("sandbox", |sandbox| sandbox.args(hidden))
}

/// Parses the command line (see [`normalize`]).
pub fn parse(args: Vec<OsString>) -> Result<(Cli, ArgMatches), clap::Error> {
    let matches = command().try_get_matches_from(normalize(args))?;
    let cli = Cli::from_arg_matches(&matches)?;
    Ok((cli, matches))
}

/// Whether the global option `id` was given on the command line (not by the
/// environment or a default), before or after the subcommand.
pub fn given(matches: &ArgMatches, id: &str) -> bool {
    let here = |m: &ArgMatches| {
        m.try_get_raw(id).ok().flatten().is_some()
            && m.value_source(id) == Some(ValueSource::CommandLine)
    };
    here(matches) || matches.subcommand().is_some_and(|(_, sub)| here(sub))
}

/// `gas order PS1`, `gas order OSMulti`: the product after `order` in any case or as its
/// ProductCode becomes its command name (clap's subcommand names are case-sensitive).
pub fn normalize(mut args: Vec<OsString>) -> Vec<OsString> {
    const TAKES_VALUE: [&str; 3] = ["--endpoint", "--config", "--timeout"];
    let mut index = 1;
    while let Some(arg) = args.get(index).and_then(|a| a.to_str()) {
        if TAKES_VALUE.contains(&arg) {
            index += 2;
        } else if arg.starts_with('-') {
            index += 1;
        } else {
            break;
        }
    }
    let is_order = args.get(index).is_some_and(|a| a == "order");
    if let Some(product) = args.get_mut(index + 1).filter(|_| is_order) {
        if let Some(found) = product.to_str().and_then(Product::from_name) {
            *product = OsString::from(found.command());
        }
    }
    args
}

/// An identifier or filter value: empty text would match everything (an unset shell
/// variable must not list every order).
pub fn non_empty(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        Err("the value is empty (an unset shell variable?)".to_owned())
    } else {
        Ok(text.to_owned())
    }
}

/// `--product` of `gas orders`: a product's command name or a ProductCode, any case.
pub fn parse_product_code(text: &str) -> Result<String, String> {
    let text = non_empty(text)?;
    let product = Product::from_name(&text).ok_or_else(|| {
        format!(
            "{text:?} is not a product; use os, osev, ps1, ps2, ps2dept, ps2pro, aatl or a ProductCode (OSMulti, OSEV, PS1, PS2, PS2Pro, PS2Dept, DSAATL, DSQCSignature, DSQCSeal)"
        )
    })?;
    let codes = product.product_codes();
    if let Some(code) = codes.iter().find(|c| c.eq_ignore_ascii_case(text.trim())) {
        return Ok((*code).to_owned());
    }
    match codes {
        [only] => Ok((*only).to_owned()),
        several => Err(format!(
            "{text} is {} products: give one of {}",
            several.len(),
            several.join(", ")
        )),
    }
}

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// The window, in days up to now, for GetOrders (by request date) and GetModifiedOrders.
    #[arg(long, value_name = "N", default_value_t = 7, value_parser = clap::value_parser!(u16).range(1..=90))]
    pub days: u16,

    /// Write the WSDL and every exchange into DIR, secrets masked and personal data
    /// (names, e-mails, addresses, phone numbers, certificates and their subjects) replaced
    /// by placeholders of the same length and shape, to attach to a bug report.
    #[arg(long, value_name = "DIR")]
    pub record: Option<PathBuf>,
}

/// A value parser accepting the values of an overlay value set, listed in `--help`.
fn allowed(set: &'static str) -> clap::builder::PossibleValuesParser {
    let values: Vec<PossibleValue> = match crate::overlay::overlay() {
        Ok(overlay) => overlay
            .value_set(set)
            .map(|s| {
                s.values
                    .iter()
                    .map(|v| {
                        PossibleValue::new(v.value.as_str())
                            .help(v.doc.as_deref().unwrap_or_default())
                    })
                    .collect()
            })
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    clap::builder::PossibleValuesParser::new(values)
}

/// `90`, `90s`, `1500ms`, `2m`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => text.split_at(i),
        None => (text, "s"),
    };
    let n: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a duration (try 30s, 1500ms or 2m)"))?;
    let duration = match unit {
        "ms" => Duration::from_millis(n),
        "s" => Duration::from_secs(n),
        "m" => Duration::from_secs(n.saturating_mul(60)),
        _ => return Err(format!("{text:?}: unknown unit {unit:?} (use ms, s or m)")),
    };
    if duration.is_zero() {
        return Err("the timeout must be more than zero".to_owned());
    }
    Ok(duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_tree_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn products_name_their_operations() {
        for product in Product::ALL {
            let value = product.to_possible_value().unwrap();
            assert_eq!(value.get_name(), product.command());
            assert!(product.operation().starts_with("Order"));
        }
    }

    #[test]
    fn one_product_vocabulary_in_any_case() {
        assert_eq!(Product::from_name("PS1"), Some(Product::Ps1));
        assert_eq!(Product::from_name("osmulti"), Some(Product::Os));
        assert_eq!(Product::from_name("DSQCSeal"), Some(Product::Qc));
        assert_eq!(Product::from_name("nope"), None);
        assert_eq!(parse_product_code("ps1").unwrap(), "PS1");
        assert_eq!(parse_product_code("OS").unwrap(), "OSMulti");
        assert_eq!(parse_product_code("dsqcseal").unwrap(), "DSQCSeal");
        assert!(
            parse_product_code("qc")
                .unwrap_err()
                .contains("DSQCSignature")
        );
        assert!(parse_product_code("").is_err());
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            normalize(args(&[
                "gas",
                "--endpoint",
                "test",
                "-v",
                "order",
                "PS2Pro",
                "--file",
                "x"
            ])),
            args(&[
                "gas",
                "--endpoint",
                "test",
                "-v",
                "order",
                "ps2pro",
                "--file",
                "x"
            ])
        );
        assert_eq!(
            normalize(args(&["gas", "orders", "--sub-id", "order"])),
            args(&["gas", "orders", "--sub-id", "order"])
        );
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1500ms"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("5h").is_err());
        assert!(parse_duration("soon").is_err());
    }
}
