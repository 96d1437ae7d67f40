//! Building and running the Java side (interop/jaxws/): `wsimport` over
//! wsdl/GasOrderService.wsdl, `javac` over its output and our sources, cached under
//! `target/tmp/jaxws/` by the inputs' hash so that a rerun starts the JVM at once.
//!
//! Needs Debian's `jaxws` package (`wsimport`, the JAX-WS RI jars in /usr/share/java) and a
//! JDK (`javac`). Without them every test here fails with how to install them: CI installs
//! them in `.ci/run`, so a missing tool is an error, never a skip.

use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// JAX-WS RI as Debian installs it; its manifest's Class-Path brings JAXB, SAAJ, StAX and
/// the rest.
pub const JAXWS_RT_JAR: &str = "/usr/share/java/jaxws-rt.jar";

/// The package wsimport writes the generated classes into.
const GENERATED_PACKAGE: &str = "gasws";

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn wsdl() -> PathBuf {
    repo().join("wsdl/GasOrderService.wsdl")
}

/// The compiled classes (generated and ours), built once per test process.
pub fn classes() -> &'static Path {
    static BUILT: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match BUILT.get_or_init(build) {
        Ok(dir) => dir,
        Err(message) => panic!("the JAX-WS interop build failed: {message}"),
    }
}

fn build() -> Result<PathBuf, String> {
    for tool in ["wsimport", "javac", "java"] {
        if !runs(tool) {
            return Err(format!(
                "`{tool}` is not installed; install Debian's jaxws package and a JDK \
                 (apt-get install jaxws openjdk-17-jdk-headless; `.ci/run` does it)"
            ));
        }
    }
    if !Path::new(JAXWS_RT_JAR).is_file() {
        return Err(format!("{JAXWS_RT_JAR} is missing (apt-get install jaxws)"));
    }
    let sources = java_sources(&repo().join("interop/jaxws/src"))?;
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("jaxws");
    let stamp = dir.join("inputs.hash");
    let hash = inputs_hash(&sources)?;
    let classes = dir.join("classes");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(hash.as_str()) && classes.is_dir() {
        return Ok(classes);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let generated = dir.join("generated");
    std::fs::create_dir_all(&generated).map_err(|e| format!("{}: {e}", generated.display()))?;
    std::fs::create_dir_all(&classes).map_err(|e| format!("{}: {e}", classes.display()))?;

    let mut wsimport = Command::new("wsimport");
    wsimport
        .args([
            "-quiet",
            "-keep",
            "-Xnocompile",
            "-p",
            GENERATED_PACKAGE,
            "-s",
        ])
        .arg(&generated)
        .arg("-d")
        .arg(&generated)
        .arg(wsdl());
    run(&mut wsimport)?;

    let mut all = java_sources(&generated)?;
    all.extend(sources);
    let mut javac = Command::new("javac");
    javac
        .args(["-nowarn", "-encoding", "UTF-8", "-cp", JAXWS_RT_JAR, "-d"])
        .arg(&classes)
        .args(&all);
    run(&mut javac)?;
    std::fs::write(&stamp, &hash).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(classes)
}

fn runs(tool: &str) -> bool {
    // wsimport has no --version; `-version` prints it and exits 0, like java and javac.
    Command::new(tool)
        .arg("-version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

fn run(command: &mut Command) -> Result<(), String> {
    let out = command.output().map_err(|e| format!("{command:?}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{command:?} failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Every `.java` file under `dir`, sorted.
fn java_sources(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("{}: {e}", d.display()))?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "java") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// What the build depends on: the WSDL, our sources, and the JDK and JAX-WS in use.
fn inputs_hash(sources: &[PathBuf]) -> Result<String, String> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for path in std::iter::once(&wsdl()).chain(sources) {
        path.hash(&mut hasher);
        std::fs::read(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .hash(&mut hasher);
    }
    let java = Command::new("java")
        .arg("-version")
        .output()
        .map_err(|e| e.to_string())?;
    java.stderr.hash(&mut hasher);
    std::fs::metadata(JAXWS_RT_JAR)
        .map_err(|e| format!("{JAXWS_RT_JAR}: {e}"))?
        .len()
        .hash(&mut hasher);
    Ok(format!("{:016x}", hasher.finish()))
}

/// A `java` command for one of our main classes, on the built classes and JAX-WS RI.
pub fn java(main_class: &str) -> Command {
    let mut command = Command::new("java");
    command
        // JAX-WS RI's optional JMX monitoring needs jars Debian's package does not pull.
        .arg("-Dcom.sun.xml.ws.monitoring.endpoint=false")
        .arg("-Dcom.sun.xml.ws.monitoring.client=false")
        .arg("-cp")
        .arg(format!("{}:{JAXWS_RT_JAR}", classes().display()))
        .arg(main_class);
    command
}

/// The JAX-WS RI server (`gasinterop.JaxwsServer`), running until this value is dropped
/// or the test process ends (it exits when its standard input closes).
pub struct JavaServer {
    child: Child,
    pub url: String,
}

impl JavaServer {
    /// Starts the server; its stderr (JAX-WS logs each validation failure there) goes to
    /// a file in the temporary directory, shown if it does not start.
    pub fn start(user: &str, password: &str) -> JavaServer {
        let log = std::env::temp_dir().join(format!("gas-jaxws-server-{}.log", std::process::id()));
        let log_file = std::fs::File::create(&log).expect("server log file");
        let mut child = java("gasinterop.JaxwsServer")
            .arg(wsdl())
            .args([user, password])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log_file)
            .spawn()
            .expect("java starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx
            .recv_timeout(Duration::from_secs(120))
            .unwrap_or_default();
        let Some(url) = line.trim().strip_prefix("listening ") else {
            let _ = child.kill();
            panic!(
                "the JAX-WS server did not start; its log ({}):\n{}",
                log.display(),
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        };
        JavaServer {
            url: url.to_owned(),
            child,
        }
    }
}

impl Drop for JavaServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
