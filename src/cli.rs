//! The command tree (clap derive). Only the shape of the command line lives here; what
//! each command does is in `commands`.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};

pub const EXIT_CODES: &str = "\
Exit codes:
  0  success (warnings, if any, are printed on stderr)
  1  GlobalSign refused the request (an API error with SuccessCode -1, or a SOAP fault);
     nothing was done. The message says what to do about each error code.
  2  usage or validation error: bad arguments, unreadable or invalid order file, missing
     credentials or configuration; nothing was sent
  3  transport error or unknown outcome: no answer, a timeout, an HTTP error or an answer
     that could not be read. An order or change MAY have been made: check with `gas get`
     or `gas orders --sub-id` before trying again

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
pub struct GlobalArgs {
    /// Where to send requests: `live` (GlobalSign production, orders are billed), `test`
    /// (GlobalSign's test system) or a URL (e.g. the local sandbox). Also GAS_ENDPOINT or
    /// `endpoint` in the config file.
    #[arg(
        long,
        global = true,
        env = "GAS_ENDPOINT",
        value_name = "live|test|URL"
    )]
    pub endpoint: Option<String>,

    /// Config file with `username`, `password`, `endpoint`, `timeout` (TOML). Default:
    /// $XDG_CONFIG_HOME/gas/config.toml. A file holding a password must not be readable by
    /// other users.
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

    /// Log what happens to stderr (-v: each call, -vv: details). Secrets never appear.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
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
}

/// The eight order operations, by the names operators use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Product {
    /// Code signing (OrderOS).
    Os,
    /// EV code signing (OrderOSEV).
    Osev,
    /// PersonalSign 1 (OrderPS1).
    Ps1,
    /// PersonalSign 2 (OrderPS2).
    Ps2,
    /// PersonalSign 2 Department (OrderPS2Dept).
    Ps2dept,
    /// PersonalSign 2 Pro (OrderPS2Pro).
    Ps2pro,
    /// PDF signing, AATL (OrderAATL).
    Aatl,
    /// Qualified certificate for signature or seal (OrderQC).
    Qc,
}

impl Product {
    #[cfg(test)]
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
    #[arg(long, value_name = "ID")]
    pub sub_id: Option<String>,

    /// Validate and print the SOAP request (secrets masked) instead of sending it.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ReissueArgs {
    /// The order whose certificate is reissued (TargetOrderID).
    pub order_id: String,

    /// What the reissue does: 0 (register only), 1 (issue), 2 (Fortify).
    #[arg(long, value_name = "TYPE", default_value = "1", value_parser = allowed("IssueType"))]
    pub issue_type: String,

    /// The new certificate signing request (PEM file; `-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub csr: Option<PathBuf>,

    /// Signature hash algorithm.
    #[arg(long, value_name = "ALGORITHM", default_value = "SHA256", value_parser = allowed("HashAlgorithm"))]
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
    pub order_id: String,

    /// Validate and print the SOAP request (secrets masked) instead of sending it.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ResendEmailArgs {
    /// The order (OrderID).
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
    pub order_id: String,

    #[command(flatten)]
    pub returns: ReturnArgs,

    /// Validate and print the SOAP request (secrets masked) instead of sending it.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ModifiedArgs {
    /// Start of the range: a date-time (2024-05-01T00:00:00Z, offsets allowed) or a date
    /// (2024-05-01, meaning its start in UTC).
    #[arg(long, value_name = "WHEN", value_parser = parse_moment_start)]
    pub from: String,

    /// End of the range, as --from (a date means its end: 23:59:59 UTC).
    #[arg(long, value_name = "WHEN", value_parser = parse_moment_end)]
    pub to: String,

    /// Only orders in this status (section 14.3).
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
    /// Only this product (ProductCode, section 14.1).
    #[arg(long, value_name = "CODE", value_parser = allowed("ProductCode"))]
    pub product: Option<String>,

    /// Only orders in this status (OrderStatus, section 14.3).
    #[arg(long, value_name = "STATUS", value_parser = allowed("OrderStatus"))]
    pub status: Option<String>,

    /// Only orders whose certificate is in this status (CertificateStatus, section 14.4).
    #[arg(long, value_name = "STATUS", value_parser = allowed("CertificateStatus"))]
    pub certificate_status: Option<String>,

    /// Requested on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub requested_from: Option<String>,

    /// Requested on or before this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub requested_to: Option<String>,

    /// Issued on or after this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub issued_from: Option<String>,

    /// Issued on or before this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub issued_to: Option<String>,

    /// Expiring on or after this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub expires_from: Option<String>,

    /// Expiring on or before this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub expires_to: Option<String>,

    /// Only orders for this certificate common name.
    #[arg(long, value_name = "NAME")]
    pub common_name: Option<String>,

    /// Only the order with this OrderID.
    #[arg(long, value_name = "ID")]
    pub order_id: Option<String>,

    /// Only orders with this SubID (your own reference given when ordering).
    #[arg(long, value_name = "ID")]
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
    pub order_id: String,

    /// Directory to write `<OrderID>.pem` (the certificate), `<OrderID>.chain.pem` (the CA
    /// certificates) and `<OrderID>.fullchain.pem` (both) into; created if missing.
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
    /// accounts, not GlobalSign credentials. Without any, the sandbox takes GAS_USERNAME and
    /// GAS_PASSWORD as its one account.
    #[arg(long = "account", value_name = "USER:PASSWORD")]
    pub accounts: Vec<String>,
}

/// A value parser accepting the values of an overlay value set, listed in `--help`.
fn allowed(set: &'static str) -> clap::builder::PossibleValuesParser {
    let values: Vec<PossibleValue> = match crate::overlay::overlay() {
        Ok(overlay) => overlay
            .value_set(set)
            .map(|s| {
                s.values
                    .iter()
                    .map(|v| PossibleValue::new(v.value.as_str()).help(v.doc.as_str()))
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

/// A calendar date, YYYY-MM-DD, checked for being a real date.
pub fn parse_date(text: &str) -> Result<String, String> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return Err(format!("{text:?} is not a date; write YYYY-MM-DD"));
    }
    let year: u32 = text[..4].parse().map_err(|_| "bad year".to_owned())?;
    let month: u32 = text[5..7].parse().map_err(|_| "bad month".to_owned())?;
    let day: u32 = text[8..].parse().map_err(|_| "bad day".to_owned())?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("{text:?}: there is no month {month}")),
    };
    if day == 0 || day > days {
        return Err(format!("{text:?}: there is no day {day} in that month"));
    }
    Ok(text.to_owned())
}

fn parse_moment(text: &str, end_of_day: bool) -> Result<String, String> {
    let text = text.trim();
    if text.len() == 10 {
        let date = parse_date(text)?;
        let time = if end_of_day { "23:59:59" } else { "00:00:00" };
        return Ok(format!("{date}T{time}Z"));
    }
    // YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)
    let shape_ok = text.len() >= 20
        && text.is_char_boundary(10)
        && parse_date(&text[..10]).is_ok()
        && text.as_bytes()[10] == b'T'
        && valid_time_and_zone(&text[11..]);
    if shape_ok {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "{text:?} is not a date-time; write 2024-05-01T12:00:00Z, 2024-05-01T12:00:00+02:00 or a date 2024-05-01"
        ))
    }
}

fn valid_time_and_zone(rest: &str) -> bool {
    let b = rest.as_bytes();
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let two = |i: usize, max: u32| -> bool {
        rest.get(i..i + 2)
            .and_then(|s| s.parse::<u32>().ok())
            .is_some_and(|n| n <= max && rest.as_bytes()[i].is_ascii_digit())
    };
    if !(two(0, 23) && two(3, 59) && two(6, 59)) {
        return false;
    }
    let mut zone = &rest[8..];
    if let Some(fraction) = zone.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        zone = &fraction[digits..];
    }
    match zone.as_bytes() {
        [b'Z'] => true,
        [b'+' | b'-', ..] if zone.len() == 6 && zone.as_bytes()[3] == b':' => {
            let z = &zone[1..];
            z.get(0..2)
                .and_then(|s| s.parse::<u32>().ok())
                .is_some_and(|h| h <= 14)
                && z.get(3..5)
                    .and_then(|s| s.parse::<u32>().ok())
                    .is_some_and(|m| m <= 59)
        }
        _ => false,
    }
}

pub fn parse_moment_start(text: &str) -> Result<String, String> {
    parse_moment(text, false)
}

pub fn parse_moment_end(text: &str) -> Result<String, String> {
    parse_moment(text, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

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
    fn durations() {
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1500ms"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("5h").is_err());
        assert!(parse_duration("soon").is_err());
    }

    #[test]
    fn dates_and_moments() {
        assert_eq!(parse_date("2024-02-29").unwrap(), "2024-02-29");
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("2024-13-01").is_err());
        assert!(parse_date("24-01-01").is_err());
        assert_eq!(
            parse_moment_start("2024-05-01").unwrap(),
            "2024-05-01T00:00:00Z"
        );
        assert_eq!(
            parse_moment_end("2024-05-01").unwrap(),
            "2024-05-01T23:59:59Z"
        );
        for ok in [
            "2024-05-01T12:00:00Z",
            "2017-12-11T12:13:12.025-05:00",
            "2024-05-01T23:59:59+14:00",
        ] {
            assert_eq!(parse_moment_start(ok).unwrap(), ok);
        }
        for bad in [
            "2024-05-01 12:00:00Z",
            "2024-05-01T24:00:00Z",
            "2024-05-01T12:00:00",
            "2024-05-01T12:00:00.Z",
            "2024-05-01T12:00:00+1:00",
            "yesterday",
        ] {
            assert!(parse_moment_start(bad).is_err(), "{bad}");
        }
    }
}
