//! The server's limits as command-line options, shared by the `gas-sandbox` binary and
//! `gas sandbox` (flatten [`LimitOptions`] into a clap command), so both take the same
//! flags with the same defaults.

use std::time::Duration;

use clap::Args;

use crate::server::ServerLimits;

/// Timeouts, connection cap, listen backlog and retention.
#[derive(Clone, Debug, Args)]
pub struct LimitOptions {
    /// A request's headers must arrive within this (from the connection opening for the
    /// first request, from its first byte for later ones), e.g. 10s, 500ms.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_duration)]
    pub header_read_timeout: Duration,

    /// A request's body must arrive within this of its headers; else 408 and the connection
    /// is closed.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub body_read_timeout: Duration,

    /// Close a kept-alive connection when no request starts within this of the last answer.
    #[arg(long, value_name = "DURATION", default_value = "120s", value_parser = parse_duration)]
    pub idle_timeout: Duration,

    /// The most connections open at once; at the cap the longest-idle one is closed, and a
    /// new one gets 503 when all are busy. Default: 1024, or fewer if `ulimit -n` is lower.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: Option<u32>,

    /// Connections the kernel may queue before they are accepted (capped by
    /// net.core.somaxconn).
    #[arg(long, value_name = "N", default_value_t = ServerLimits::default().listen_backlog)]
    pub listen_backlog: u32,

    /// Keep at most this many orders, forgetting the oldest beyond it (0: keep all).
    #[arg(long, value_name = "N", default_value_t = crate::DEFAULT_MAX_ORDERS)]
    pub max_orders: usize,
}

impl LimitOptions {
    /// The server limits these options give.
    pub fn server_limits(&self) -> ServerLimits {
        ServerLimits {
            header_read_timeout: self.header_read_timeout,
            body_read_timeout: self.body_read_timeout,
            idle_timeout: self.idle_timeout,
            max_connections: self.max_connections.map(|n| n as usize),
            listen_backlog: self.listen_backlog,
        }
    }

    /// The retention these options give (for [`crate::SandboxBuilder::max_orders`]).
    pub fn max_orders(&self) -> Option<usize> {
        (self.max_orders > 0).then_some(self.max_orders)
    }
}

/// `30`, `30s`, `500ms`, `2m`: a whole number with an optional unit (seconds by default).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{text}`: expected a number with ms, s or m, e.g. 10s"))?;
    match unit {
        "" | "s" => Ok(Duration::from_secs(n)),
        "ms" => Ok(Duration::from_millis(n)),
        "m" => Ok(Duration::from_secs(n.saturating_mul(60))),
        _ => Err(format!("`{text}`: the unit must be ms, s or m")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Command {
        #[command(flatten)]
        limits: LimitOptions,
    }

    #[test]
    fn defaults_are_the_libraries_defaults() {
        let parsed = Command::parse_from(["x"]);
        assert_eq!(parsed.limits.server_limits(), ServerLimits::default());
        assert_eq!(parsed.limits.max_orders(), Some(crate::DEFAULT_MAX_ORDERS));
    }

    #[test]
    fn flags_set_every_limit() {
        let parsed = Command::parse_from([
            "x",
            "--header-read-timeout",
            "500ms",
            "--body-read-timeout",
            "2",
            "--idle-timeout",
            "1m",
            "--max-connections",
            "7",
            "--listen-backlog",
            "16",
            "--max-orders",
            "0",
        ]);
        let limits = parsed.limits.server_limits();
        assert_eq!(limits.header_read_timeout, Duration::from_millis(500));
        assert_eq!(limits.body_read_timeout, Duration::from_secs(2));
        assert_eq!(limits.idle_timeout, Duration::from_secs(60));
        assert_eq!(limits.max_connections, Some(7));
        assert_eq!(limits.listen_backlog, 16);
        assert_eq!(parsed.limits.max_orders(), None);
        assert!(parse_duration("5h").is_err() && parse_duration("s").is_err());
    }
}
