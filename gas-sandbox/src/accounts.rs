//! API accounts (`AuthToken/UserName` + `Password`) and the login check (−4001).
//!
//! Passwords never reach Debug, Display, logs or errors: [`Accounts`] prints only the
//! user names, and parse errors name the file and line, not the line's content.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use crate::api_error::{ApiError, ErrorCode};

/// The accounts a sandbox accepts.
#[derive(Clone, Default)]
pub struct Accounts {
    passwords: BTreeMap<String, String>,
}

impl fmt::Debug for Accounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Accounts")
            .field("users", &self.passwords.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// A `user:password` line or file that cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AccountsError {
    #[error("{place}: expected `user:password` (a user name, a colon, a password)")]
    Malformed { place: String },
    #[error("{place}: empty user name")]
    EmptyUser { place: String },
    #[error("{place}: cannot read accounts file: {message}")]
    Io { place: String, message: String },
}

impl Accounts {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) an account.
    pub fn insert(&mut self, user: impl Into<String>, password: impl Into<String>) {
        self.passwords.insert(user.into(), password.into());
    }

    /// Adds every account of `other` (replacing same-named ones).
    pub fn extend(&mut self, other: Accounts) {
        self.passwords.extend(other.passwords);
    }

    pub fn is_empty(&self) -> bool {
        self.passwords.is_empty()
    }

    /// The user names, sorted.
    pub fn users(&self) -> impl Iterator<Item = &str> {
        self.passwords.keys().map(String::as_str)
    }

    /// Parses `user:password` (the password may itself contain colons). `place` names the
    /// source for errors (`--account`, `accounts.txt:3`).
    pub fn parse_entry(entry: &str, place: &str) -> Result<(String, String), AccountsError> {
        let Some((user, password)) = entry.split_once(':') else {
            return Err(AccountsError::Malformed {
                place: place.to_owned(),
            });
        };
        let user = user.trim();
        if user.is_empty() {
            return Err(AccountsError::EmptyUser {
                place: place.to_owned(),
            });
        }
        Ok((user.to_owned(), password.to_owned()))
    }

    /// Adds the accounts of a file: one `user:password` per line; blank lines and lines
    /// starting with `#` are skipped; a trailing `\r` is dropped.
    pub fn load_file(&mut self, path: &Path) -> Result<usize, AccountsError> {
        let text = std::fs::read_to_string(path).map_err(|e| AccountsError::Io {
            place: path.display().to_string(),
            message: e.to_string(),
        })?;
        self.load_text(&text, &path.display().to_string())
    }

    /// [`Accounts::load_file`] on text already read; `source` names it in errors.
    pub fn load_text(&mut self, text: &str, source: &str) -> Result<usize, AccountsError> {
        let mut added = 0;
        for (index, raw) in text.lines().enumerate() {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let (user, password) = Self::parse_entry(line, &format!("{source}:{}", index + 1))?;
            self.insert(user, password);
            added += 1;
        }
        Ok(added)
    }

    /// Checks `UserName` and `Password`; −4001 "Login failure / invalid user ID" for an
    /// unknown user or a wrong password (the same answer for both, as a login should).
    pub fn authenticate(&self, user: &str, password: &str) -> Result<(), ApiError> {
        match self.passwords.get(user) {
            Some(expected) if constant_time_eq(expected.as_bytes(), password.as_bytes()) => Ok(()),
            _ => Err(ApiError::new(ErrorCode::LOGIN_FAILURE)),
        }
    }
}

/// Equality whose time does not depend on where the inputs first differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login() {
        let mut accounts = Accounts::new();
        accounts.insert("alice", "s3cret:with:colons");
        assert!(accounts.authenticate("alice", "s3cret:with:colons").is_ok());
        let wrong = accounts
            .authenticate("alice", "nope")
            .expect_err("wrong password");
        assert_eq!(wrong.code, ErrorCode::LOGIN_FAILURE);
        assert_eq!(wrong.field, None);
        assert_eq!(
            accounts.authenticate("bob", "").expect_err("unknown").code,
            ErrorCode::LOGIN_FAILURE
        );
    }

    #[test]
    fn file_format() {
        let mut accounts = Accounts::new();
        let added = accounts
            .load_text(
                "# test accounts\n\nalice:pw1\r\n  # indented comment\nbob:p:w\n",
                "f",
            )
            .expect("valid");
        assert_eq!(added, 2);
        assert_eq!(accounts.users().collect::<Vec<_>>(), ["alice", "bob"]);
        assert!(accounts.authenticate("bob", "p:w").is_ok());
        assert!(accounts.authenticate("alice", "pw1").is_ok());
    }

    #[test]
    fn errors_name_the_line_not_the_secret() {
        let mut accounts = Accounts::new();
        let err = accounts
            .load_text("alice:pw\nhunter2\n", "accounts.txt")
            .expect_err("no colon");
        let text = err.to_string();
        assert!(text.starts_with("accounts.txt:2:"), "{text}");
        assert!(!text.contains("hunter2"));
        assert_eq!(
            Accounts::parse_entry(":pw", "--account"),
            Err(AccountsError::EmptyUser {
                place: "--account".into()
            })
        );
    }

    #[test]
    fn debug_shows_users_only() {
        let mut accounts = Accounts::new();
        accounts.insert("alice", "topsecret");
        let debug = format!("{accounts:?}");
        assert!(debug.contains("alice"));
        assert!(!debug.contains("topsecret"));
    }
}
