//! Where the client sends its requests, and who it says it is.

use soap_runtime::Secret;

/// The GasOrderService address.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Endpoint {
    /// GlobalSign's production system: [`Endpoint::LIVE_URL`]. Orders placed here are billed.
    Live,
    /// GlobalSign's test system: [`Endpoint::TEST_URL`]. Test accounts are given on request.
    Test,
    /// Any other address, e.g. the local sandbox (`http://127.0.0.1:PORT/pc/ws/v2/GasOrderService`).
    /// Plain `http` is accepted only for loopback hosts unless
    /// [`GasClientBuilder::allow_plain_http`](crate::GasClientBuilder::allow_plain_http) is set.
    Url(String),
}

impl Endpoint {
    /// Production endpoint (spec section 2.3).
    pub const LIVE_URL: &'static str = "https://system.globalsign.com/pc/ws/v2/GasOrderService";
    /// Test endpoint (spec section 2.4).
    pub const TEST_URL: &'static str = "https://test-gcc.globalsign.com/pc/ws/v2/GasOrderService";

    /// The endpoint's URL as text.
    pub fn as_str(&self) -> &str {
        match self {
            Endpoint::Live => Self::LIVE_URL,
            Endpoint::Test => Self::TEST_URL,
            Endpoint::Url(url) => url,
        }
    }
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The API account: user name and password, given once to the client, which puts them into
/// every request's `OrderRequestHeader/AuthToken`. The password prints as `***`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    user_name: String,
    password: Secret,
}

impl Credentials {
    /// The account's user name and password (each at most 30 characters, spec section 15).
    pub fn new(user_name: impl Into<String>, password: impl Into<Secret>) -> Self {
        Credentials {
            user_name: user_name.into(),
            password: password.into(),
        }
    }

    /// `AuthToken/UserName`.
    pub fn user_name(&self) -> &str {
        &self.user_name
    }

    /// `AuthToken/Password`.
    pub fn password(&self) -> &Secret {
        &self.password
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_debug_hides_the_password() {
        let c = Credentials::new("PAR12345_api", "pw-marker-1");
        let shown = format!("{c:?}");
        assert!(shown.contains("PAR12345_api"));
        assert!(!shown.contains("pw-marker-1"));
    }

    #[test]
    fn endpoints_have_the_spec_urls() {
        assert_eq!(
            Endpoint::Live.as_str(),
            "https://system.globalsign.com/pc/ws/v2/GasOrderService"
        );
        assert_eq!(
            Endpoint::Test.to_string(),
            "https://test-gcc.globalsign.com/pc/ws/v2/GasOrderService"
        );
    }
}
