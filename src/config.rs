//! Where `gas` gets its endpoint, timeout and credentials.
//!
//! Precedence, highest first: command-line flags (`--endpoint`, `--timeout`,
//! `--password-stdin`), environment variables (`GAS_ENDPOINT`, `GAS_USERNAME`,
//! `GAS_PASSWORD`), the config file. The password is never a command-line argument:
//! arguments are visible to every user of the machine through `ps`.
//!
//! The config file is TOML:
//!
//! ```toml
//! endpoint = "test"            # live | test | URL
//! username = "PAR12345_api"
//! password = "..."             # the file must then be private: chmod 600
//! timeout = "60s"
//! strict_reading = false       # true: refuse any answer that differs from our WSDL
//! ```

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use soap_runtime::Secret;

use crate::cli::{GlobalArgs, parse_duration};
use crate::failure::Failure;

/// The config file's content.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub endpoint: Option<String>,
    pub username: Option<String>,
    pub password: Option<Secret>,
    pub timeout: Option<String>,
    pub strict_reading: Option<bool>,
}

/// Everything resolved, ready to build a client.
#[derive(Debug)]
pub struct Settings {
    pub endpoint: Option<Endpoint>,
    pub timeout: Option<Duration>,
    pub username: Option<String>,
    pub password: Option<Secret>,
    /// `--allow-plain-http`: plain HTTP to a host other than loopback.
    pub allow_plain_http: bool,
    /// `--strict-reading` or `strict_reading = true`: an answer that differs from our WSDL
    /// is an error (gas-client's `strict_reading`) instead of read and its deviations listed.
    pub strict_reading: bool,
    /// Things the operator should know (e.g. a group-readable config file).
    pub warnings: Vec<String>,
}

/// Where requests go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    Live,
    Test,
    Url(String),
}

impl Endpoint {
    pub fn parse(text: &str) -> Result<Endpoint, String> {
        let text = text.trim();
        match text.to_ascii_lowercase().as_str() {
            "live" | "production" | "prod" => Ok(Endpoint::Live),
            "test" => Ok(Endpoint::Test),
            lower if lower.starts_with("http://") || lower.starts_with("https://") => {
                Ok(Endpoint::Url(text.to_owned()))
            }
            _ => Err(format!(
                "endpoint {text:?} is neither live, test nor an http(s) URL"
            )),
        }
    }
}

/// The process environment, as a function so that tests can give their own.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

pub fn real_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The default config file: `$XDG_CONFIG_HOME/gas/config.toml`, else
/// `$HOME/.config/gas/config.toml`.
pub fn default_config_path(env: Env<'_>) -> Option<PathBuf> {
    if let Some(xdg) = env("XDG_CONFIG_HOME") {
        return Some(PathBuf::from(xdg).join("gas").join("config.toml"));
    }
    env("HOME").map(|home| {
        PathBuf::from(home)
            .join(".config")
            .join("gas")
            .join("config.toml")
    })
}

/// Resolves the settings. `stdin` is read only with `--password-stdin`.
pub fn resolve(
    global: &GlobalArgs,
    env: Env<'_>,
    stdin: &mut dyn BufRead,
) -> Result<Settings, Failure> {
    let mut warnings = Vec::new();
    let (file, path) = match &global.config {
        Some(path) => (Some(read_config(path, &mut warnings)?), Some(path.clone())),
        None => match default_config_path(env) {
            Some(path) if path.exists() => (Some(read_config(&path, &mut warnings)?), Some(path)),
            _ => (None, None),
        },
    };
    let file = file.unwrap_or_default();
    let where_file = |key: &str| match &path {
        Some(p) => format!("`{key}` in {}", p.display()),
        None => format!("`{key}` in the config file"),
    };

    let endpoint = match (&global.endpoint, &file.endpoint) {
        (Some(text), _) => Some(Endpoint::parse(text).map_err(Failure::usage)?),
        (None, Some(text)) => Some(
            Endpoint::parse(text)
                .map_err(|e| Failure::usage(format!("{}: {e}", where_file("endpoint"))))?,
        ),
        (None, None) => None,
    };
    let timeout = match (global.timeout, &file.timeout) {
        (Some(t), _) => Some(t),
        (None, Some(text)) => Some(
            parse_duration(text)
                .map_err(|e| Failure::usage(format!("{}: {e}", where_file("timeout"))))?,
        ),
        (None, None) => None,
    };
    let username = env("GAS_USERNAME").or(file.username);
    let password = if global.password_stdin {
        let mut line = String::new();
        stdin.read_line(&mut line).map_err(|e| {
            Failure::usage(format!(
                "--password-stdin: could not read standard input: {e}"
            ))
        })?;
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            return Err(Failure::usage(
                "--password-stdin: standard input was empty; pipe the password in, e.g. `pass show gas | gas --password-stdin ...`",
            ));
        }
        Some(Secret::new(line))
    } else {
        env("GAS_PASSWORD").map(Secret::new).or(file.password)
    };
    Ok(Settings {
        endpoint,
        timeout,
        username,
        password,
        allow_plain_http: global.allow_plain_http,
        strict_reading: global.strict_reading || file.strict_reading.unwrap_or(false),
        warnings,
    })
}

impl Settings {
    /// The credentials, or a usage failure saying how to give them.
    pub fn credentials(&self) -> Result<(&str, &Secret), Failure> {
        match (&self.username, &self.password) {
            (Some(user), Some(password)) => Ok((user, password)),
            (None, _) => Err(Failure::usage(
                "no API user name: set GAS_USERNAME or `username` in the config file",
            )),
            (_, None) => Err(Failure::usage(
                "no API password: set GAS_PASSWORD, `password` in a private config file, or use --password-stdin",
            )),
        }
    }

    /// The endpoint, or a usage failure saying how to choose one.
    pub fn endpoint(&self) -> Result<&Endpoint, Failure> {
        self.endpoint.as_ref().ok_or_else(|| {
            Failure::usage(
                "no endpoint: give --endpoint live|test|URL, GAS_ENDPOINT, or `endpoint` in the config file (gas never defaults to the billed live system)",
            )
        })
    }
}

fn read_config(path: &Path, warnings: &mut Vec<String>) -> Result<ConfigFile, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::usage(format!("config file {}: {e}", path.display())))?;
    let file: ConfigFile = toml::from_str(&text).map_err(|e| {
        Failure::usage(format!(
            "config file {}: {}",
            path.display(),
            crate::request::toml_error(&text, &e)
        ))
    })?;
    if file.password.is_some() {
        check_private(path, warnings)?;
    }
    Ok(file)
}

/// A file holding the password must not be readable by everyone; readable by the group is
/// allowed with a warning (some teams share a group on purpose).
#[cfg(unix)]
fn check_private(path: &Path, warnings: &mut Vec<String>) -> Result<(), Failure> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map_err(|e| Failure::usage(format!("config file {}: {e}", path.display())))?
        .permissions()
        .mode();
    if mode & 0o004 != 0 {
        return Err(Failure::usage(format!(
            "config file {} holds the API password and is readable by every user (mode {:03o}); run `chmod 600 {}`",
            path.display(),
            mode & 0o777,
            path.display()
        )));
    }
    if mode & 0o040 != 0 {
        warnings.push(format!(
            "config file {} holds the API password and is readable by its group (mode {:03o}); consider `chmod 600 {}`",
            path.display(),
            mode & 0o777,
            path.display()
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path, _warnings: &mut Vec<String>) -> Result<(), Failure> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use std::collections::HashMap;
    use std::io::Cursor;

    fn global(args: &[&str]) -> GlobalArgs {
        let mut all = vec!["gas"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["cancel", "X"]);
        crate::cli::Cli::try_parse_from(all).unwrap().global
    }

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| map.get(name).cloned()
    }

    fn write_config(dir: &Path, text: &str, mode: u32) -> PathBuf {
        let path = dir.join("config.toml");
        std::fs::write(&path, text).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        let _ = mode;
        path
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("gas-config-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn environment_beats_the_config_file_and_flags_beat_both() {
        let dir = scratch("precedence");
        let path = write_config(
            &dir,
            "endpoint = \"live\"\nusername = \"file-user\"\npassword = \"file-pw\"\ntimeout = \"5s\"\n",
            0o600,
        );
        let env = env_of(&[("GAS_USERNAME", "env-user")]);
        let args = global(&["--config", path.to_str().unwrap(), "--timeout", "7s"]);
        let s = resolve(&args, &env, &mut Cursor::new("")).unwrap();
        assert_eq!(s.endpoint, Some(Endpoint::Live));
        assert_eq!(s.timeout, Some(Duration::from_secs(7)));
        assert_eq!(s.username.as_deref(), Some("env-user"));
        assert_eq!(s.password.as_ref().map(Secret::expose), Some("file-pw"));

        let env = env_of(&[("GAS_PASSWORD", "env-pw")]);
        let args = global(&[
            "--config",
            path.to_str().unwrap(),
            "--password-stdin",
            "--endpoint",
            "test",
        ]);
        let s = resolve(&args, &env, &mut Cursor::new("stdin-pw\r\nrest")).unwrap();
        assert_eq!(s.password.as_ref().map(Secret::expose), Some("stdin-pw"));
        assert_eq!(s.endpoint, Some(Endpoint::Test));
        assert!(!format!("{s:?}").contains("stdin-pw"));
    }

    #[test]
    fn strict_reading_comes_from_the_flag_or_the_config_file() {
        let dir = scratch("strict");
        let env = env_of(&[]);
        let off = write_config(&dir, "endpoint = \"test\"\n", 0o600);
        let s = resolve(
            &global(&["--config", off.to_str().unwrap()]),
            &env,
            &mut Cursor::new(""),
        )
        .unwrap();
        assert!(!s.strict_reading);
        let s = resolve(
            &global(&["--config", off.to_str().unwrap(), "--strict-reading"]),
            &env,
            &mut Cursor::new(""),
        )
        .unwrap();
        assert!(s.strict_reading);
        let on = dir.join("on.toml");
        std::fs::write(&on, "strict_reading = true\n").unwrap();
        let s = resolve(
            &global(&["--config", on.to_str().unwrap()]),
            &env,
            &mut Cursor::new(""),
        )
        .unwrap();
        assert!(s.strict_reading);
    }

    #[cfg(unix)]
    #[test]
    fn a_world_readable_file_with_a_password_is_refused() {
        let dir = scratch("perms");
        let path = write_config(&dir, "username = \"u\"\npassword = \"pw-in-file\"\n", 0o644);
        let args = global(&["--config", path.to_str().unwrap()]);
        let failure = resolve(&args, &env_of(&[]), &mut Cursor::new("")).unwrap_err();
        assert_eq!(failure.exit, crate::failure::Exit::Usage);
        assert!(failure.message.contains("chmod 600"), "{}", failure.message);
        assert!(!failure.message.contains("pw-in-file"));

        let path = write_config(&dir, "username = \"u\"\npassword = \"pw\"\n", 0o640);
        let s = resolve(
            &global(&["--config", path.to_str().unwrap()]),
            &env_of(&[]),
            &mut Cursor::new(""),
        )
        .unwrap();
        assert_eq!(s.warnings.len(), 1);

        // Without a password the file may be readable.
        let path = write_config(&dir, "username = \"u\"\nendpoint = \"test\"\n", 0o644);
        resolve(
            &global(&["--config", path.to_str().unwrap()]),
            &env_of(&[]),
            &mut Cursor::new(""),
        )
        .unwrap();
    }

    #[test]
    fn problems_are_usage_errors_that_say_what_to_do() {
        let dir = scratch("problems");
        let path = write_config(&dir, "username = \"u\"\npasword = \"typo\"\n", 0o600);
        let failure = resolve(
            &global(&["--config", path.to_str().unwrap()]),
            &env_of(&[]),
            &mut Cursor::new(""),
        )
        .unwrap_err();
        assert!(failure.message.contains("pasword"), "{}", failure.message);
        assert!(!failure.message.contains("typo"), "{}", failure.message);

        let missing = dir.join("absent.toml");
        assert!(
            resolve(
                &global(&["--config", missing.to_str().unwrap()]),
                &env_of(&[]),
                &mut Cursor::new("")
            )
            .is_err()
        );

        let failure = resolve(
            &global(&["--password-stdin"]),
            &env_of(&[]),
            &mut Cursor::new("\n"),
        )
        .unwrap_err();
        assert!(failure.message.contains("empty"));

        let s = resolve(
            &global(&[]),
            &env_of(&[("XDG_CONFIG_HOME", dir.join("none").to_str().unwrap())]),
            &mut Cursor::new(""),
        )
        .unwrap();
        assert!(
            s.credentials()
                .unwrap_err()
                .message
                .contains("GAS_USERNAME")
        );
        assert!(s.endpoint().unwrap_err().message.contains("--endpoint"));
        assert!(Endpoint::parse("ftp://x").is_err());
        assert_eq!(
            Endpoint::parse("HTTP://127.0.0.1:1/x"),
            Ok(Endpoint::Url("HTTP://127.0.0.1:1/x".into()))
        );
    }

    #[test]
    fn the_default_path_follows_xdg() {
        let env = env_of(&[("XDG_CONFIG_HOME", "/x"), ("HOME", "/h")]);
        assert_eq!(
            default_config_path(&env),
            Some(PathBuf::from("/x/gas/config.toml"))
        );
        let env = env_of(&[("HOME", "/h")]);
        assert_eq!(
            default_config_path(&env),
            Some(PathBuf::from("/h/.config/gas/config.toml"))
        );
    }
}
