//! `cargo xtask regen`: wsdl/ → the checked-in generated code, and what changed.
//!
//! Three steps, each a function so tests can run them on temporary directories:
//! [`generate`] (read wsdl/, run the generator, all in memory) → [`plan`] (compare
//! with what is on disk: changed, added and stale files, and the API summary from
//! the old and new [`Surface`]s) → [`apply`] (write only what changed, remove stale
//! files). `--check` stops after `plan` and fails when it is not empty.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use soapgen_codegen::LoadOptions;
use soapgen_codegen::surface::{self, Change, Surface};

use crate::input_hash;
use crate::layout::{Layout, OVERLAY_FILE, SURFACE_FILE};
use crate::line_diff;
use crate::manifest::Manifest;

/// A directory the generator owns completely, and the files it should hold
/// (paths relative to `dir`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
    pub dir: PathBuf,
    pub files: BTreeMap<PathBuf, String>,
}

/// Everything one run of the generator produced, before anything is written.
#[derive(Clone, Debug, Default)]
pub struct Generation {
    pub trees: Vec<Tree>,
    /// The API surface of the new code (also written to `API.txt` in the client tree).
    pub surface: Surface,
    /// Overlay entries whose element path matches nothing in the model.
    pub overlay_unmatched: Vec<String>,
    /// Things to tell the maintainer (generator notes, edited fetched files).
    pub notes: Vec<String>,
    /// The input identity recorded in the `@generated` headers (see [`input_hash`]).
    pub identity: String,
}

/// The first line of `API.txt`, in the same shape as the generated code's header.
pub fn surface_header(source_name: &str, identity: &str) -> String {
    soapgen_codegen::generated_header(source_name, identity)
}

const SURFACE_EXPLANATION: &[&str] = &[
    "The API surface of this generated code: operations, types and their fields, and the",
    "spec overlay's value sets and constraints. `cargo xtask regen` compares it with the new",
    "surface to print what changed in API terms; review it like the code.",
];

/// The generator's input, read and resolved.
pub struct Inputs {
    pub model: soapgen_codegen::model::Model,
    /// The overlay file, when wsdl/ has one.
    pub overlay: Option<PathBuf>,
    /// See [`input_hash`].
    pub identity: String,
    pub notes: Vec<String>,
}

/// Reads wsdl/: the WSDL and its imports (mapped through `MANIFEST.toml` when the
/// files were fetched), and the overlay's presence and hash.
pub fn load(layout: &Layout) -> Result<Inputs, String> {
    let mut notes = Vec::new();
    let manifest = Manifest::read(&layout.manifest())?;
    let mut options = LoadOptions::default();
    if let Some(m) = &manifest {
        options.url_map = m.url_map(&layout.wsdl_dir);
        for edited in m.edited_files(&layout.wsdl_dir) {
            notes.push(format!(
                "{} differs from what MANIFEST.toml recorded when it was fetched (edited by hand?)",
                layout.show(&layout.wsdl_dir.join(edited))
            ));
        }
    }
    let model = soapgen_codegen::load(&layout.entry(), &options).map_err(|e| e.to_string())?;
    for n in &model.notes {
        notes.push(format!("{}: {}", n.pos, n.message));
    }

    let overlay_path = layout.overlay();
    let overlay_bytes = match std::fs::read(&overlay_path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("cannot read {}: {e}", layout.show(&overlay_path))),
    };
    let overlay_hash = overlay_bytes.as_deref().map(input_hash::sha256_hex);
    let identity = input_hash::identity_of_hashes(
        model
            .inputs
            .iter()
            .map(|i| (i.path.as_str(), i.sha256.as_str()))
            .chain(overlay_hash.as_deref().map(|h| (OVERLAY_FILE, h))),
    );
    Ok(Inputs {
        model,
        overlay: overlay_bytes.map(|_| overlay_path),
        identity,
        notes,
    })
}

/// The entry WSDL as the `@generated` headers name it: relative to the root
/// (`wsdl/GasOrderService.wsdl`), or just its file name when it lies elsewhere, so the
/// output never depends on where a checkout or a temporary directory is.
fn source_name(layout: &Layout) -> String {
    let entry = layout.entry();
    match entry.strip_prefix(&layout.root) {
        Ok(rel) => rel.display().to_string().replace('\\', "/"),
        Err(_) => entry
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

/// Reads wsdl/ and runs the generator, all in memory.
pub fn generate(layout: &Layout) -> Result<Generation, String> {
    let inputs = load(layout)?;
    let overlay = inputs.overlay.as_deref();
    let source_name = source_name(layout);
    let files = backend_files(&inputs.model, overlay, &source_name, &inputs.identity)?;
    let (surface, overlay_unmatched) = surface_of(&inputs.model, overlay)?;
    let mut client = Tree {
        dir: layout.client_generated.clone(),
        files,
    };
    let header = surface_header(&source_name, &inputs.identity);
    let mut header_lines = vec![header.as_str()];
    header_lines.extend_from_slice(SURFACE_EXPLANATION);
    client
        .files
        .insert(PathBuf::from(SURFACE_FILE), surface.to_text(&header_lines));
    Ok(Generation {
        trees: vec![client],
        surface,
        overlay_unmatched,
        notes: inputs.notes,
        identity: inputs.identity,
    })
}

/// Model (+ overlay) → generated source files, paths relative to the output directory.
///
/// `source_name` is the input as the `@generated` header names it (a path relative to
/// the workspace, never an absolute one, so the output is the same in every checkout);
/// `identity` is the hash the header records (see [`input_hash`]): it covers the
/// overlay too, so the generator's own `input_sha256` (WSDL files only) is replaced by
/// it for this call.
pub(crate) fn backend_files(
    model: &soapgen_codegen::model::Model,
    overlay: Option<&Path>,
    source_name: &str,
    identity: &str,
) -> Result<BTreeMap<PathBuf, String>, String> {
    let overlay = read_overlay(overlay)?;
    let mut model = model.clone();
    model.input_sha256 = identity.to_owned();
    let options = soapgen_codegen::GenerateOptions {
        source_name: Some(source_name.to_owned()),
        ..soapgen_codegen::GenerateOptions::default()
    };
    soapgen_codegen::generate(&model, overlay.as_ref(), &options)
        .map(|g| g.files)
        .map_err(|e| e.to_string())
}

fn read_overlay(path: Option<&Path>) -> Result<Option<soapgen_codegen::overlay::Overlay>, String> {
    path.map(|p| soapgen_codegen::overlay::Overlay::load(p).map_err(|e| e.to_string()))
        .transpose()
}

/// The API surface of a model with the overlay's value sets and constraints, and the
/// overlay entries that match no element.
pub fn surface_of(
    model: &soapgen_codegen::model::Model,
    overlay: Option<&Path>,
) -> Result<(Surface, Vec<String>), String> {
    let mut surface = Surface::from_model(model);
    let mut unmatched = Vec::new();
    if let Some(overlay) = read_overlay(overlay)? {
        surface.add_overlay(&overlay);
        unmatched = soapgen_codegen::overlay::unmatched_paths(model, &overlay);
    }
    Ok((surface, unmatched))
}

/// One file whose content must change: `old` None = to be created, `new` None = stale,
/// to be removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileChange {
    pub path: PathBuf,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The difference between what is on disk and what the generator produced.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// Sorted by path.
    pub files: Vec<FileChange>,
    /// Files in a generated directory that were not generated and carry no
    /// `@generated` marker: left alone, reported.
    pub foreign: Vec<PathBuf>,
    /// What changed in API terms (old `API.txt` → new surface), then overlay entries
    /// that match nothing.
    pub summary: Vec<Change>,
    /// Set when the old `API.txt` is missing or unreadable: the summary then compares
    /// with an empty surface, and is printed as totals rather than line by line.
    pub old_surface_problem: Option<String>,
    /// Totals of the new surface: operations, types, value sets, constraints.
    pub new_totals: [usize; 4],
    pub notes: Vec<String>,
}

impl Plan {
    pub fn is_current(&self) -> bool {
        self.files.is_empty()
    }
}

/// Compares a generation with the files on disk, and the old `API.txt` with the new
/// surface. Reads only.
pub fn plan(generation: &Generation, layout: &Layout) -> Result<Plan, String> {
    let mut out = plan_files(generation)?;
    out.notes = generation.notes.clone();
    summarize(&mut out, generation, layout)?;
    Ok(out)
}

/// Compares the generated trees with the files on disk. Reads only.
pub fn plan_files(generation: &Generation) -> Result<Plan, String> {
    let mut out = Plan::default();
    for tree in &generation.trees {
        for (rel, new) in &tree.files {
            let path = tree.dir.join(rel);
            match read_optional(&path)? {
                Some(old) if old.as_bytes() == new.as_bytes() => {}
                old => out.files.push(FileChange {
                    path,
                    old,
                    new: Some(new.clone()),
                }),
            }
        }
        for path in files_under(&tree.dir)? {
            let Ok(rel) = path.strip_prefix(&tree.dir) else {
                continue;
            };
            if tree.files.contains_key(rel) {
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(text) if is_generated(&text) => out.files.push(FileChange {
                    path,
                    old: Some(text),
                    new: None,
                }),
                _ => out.foreign.push(path),
            }
        }
    }
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    out.foreign.sort();
    Ok(out)
}

fn summarize(out: &mut Plan, generation: &Generation, layout: &Layout) -> Result<(), String> {
    let new = &generation.surface;
    out.new_totals = [
        new.operations.len(),
        new.types.len(),
        new.value_sets.len(),
        new.constraints.len(),
    ];
    let old_surface = match read_optional(&layout.surface())? {
        None => {
            out.old_surface_problem = Some(format!(
                "{} does not exist yet: every item counts as added",
                layout.show(&layout.surface())
            ));
            Surface::default()
        }
        Some(text) => match Surface::parse(&text) {
            Ok(s) => s,
            Err(e) => {
                out.old_surface_problem = Some(format!(
                    "{}:{}: {}; comparing with an empty surface",
                    layout.show(&layout.surface()),
                    e.line,
                    e.message
                ));
                Surface::default()
            }
        },
    };
    out.summary = surface::diff(&old_surface, &generation.surface);
    out.summary.extend(
        generation
            .overlay_unmatched
            .iter()
            .map(|p| Change::OverlayUnmatched(p.clone())),
    );
    Ok(())
}

/// Writes what changed and removes stale files (and directories they leave empty).
pub fn apply(plan: &Plan) -> Result<(), String> {
    for f in &plan.files {
        match &f.new {
            Some(text) => {
                if let Some(parent) = f.path.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
                }
                std::fs::write(&f.path, text)
                    .map_err(|e| format!("cannot write {}: {e}", f.path.display()))?;
            }
            None => {
                std::fs::remove_file(&f.path)
                    .map_err(|e| format!("cannot remove {}: {e}", f.path.display()))?;
                if let Some(parent) = f.path.parent() {
                    // Only succeeds when empty, which is what we want.
                    let _ = std::fs::remove_dir(parent);
                }
            }
        }
    }
    Ok(())
}

/// A file the generator wrote: its first line carries the `@generated` marker.
fn is_generated(text: &str) -> bool {
    text.lines()
        .next()
        .is_some_and(|l| l.contains("@generated"))
}

fn read_optional(path: &Path) -> Result<Option<String>, String> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// Every file under `dir`, recursively, sorted; nothing when `dir` does not exist.
fn files_under(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(format!("cannot list {}: {e}", d.display())),
        };
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot list {}: {e}", d.display()))?;
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The API summary: one line per change, a header line first.
pub fn render_summary(plan: &Plan) -> String {
    let mut s = String::new();
    if let Some(p) = &plan.old_surface_problem {
        let _ = writeln!(s, "note: {p}");
    }
    let api: Vec<&Change> = plan
        .summary
        .iter()
        .filter(|c| !matches!(c, Change::OverlayUnmatched(_)))
        .collect();
    if plan.old_surface_problem.is_some() {
        let [ops, types, sets, constraints] = plan.new_totals;
        let _ = writeln!(
            s,
            "API: all new ({ops} operations, {types} types, {sets} value sets, \
             {constraints} overlay constraints; see {SURFACE_FILE})"
        );
    } else if api.is_empty() {
        s.push_str("API changes: none\n");
    } else {
        let _ = writeln!(s, "API changes ({}):", api.len());
        for c in api {
            let _ = writeln!(s, "  {c}");
        }
    }
    let unmatched: Vec<&Change> = plan
        .summary
        .iter()
        .filter(|c| matches!(c, Change::OverlayUnmatched(_)))
        .collect();
    if !unmatched.is_empty() {
        let _ = writeln!(
            s,
            "Overlay entries that match no element ({}):",
            unmatched.len()
        );
        for c in unmatched {
            let _ = writeln!(s, "  {c}");
        }
    }
    s
}

/// The list of files that differ, one per line with `M`/`A`/`D` like `git status`.
pub fn render_files(plan: &Plan, layout: &Layout) -> String {
    let mut s = String::new();
    for f in &plan.files {
        let mark = match (&f.old, &f.new) {
            (None, _) => 'A',
            (_, None) => 'D',
            _ => 'M',
        };
        let _ = writeln!(s, "  {mark} {}", layout.show(&f.path));
    }
    for f in &plan.foreign {
        let _ = writeln!(
            s,
            "  ? {} (not generated, no @generated marker: left alone)",
            layout.show(f)
        );
    }
    s
}

/// Unified diffs of modified files; added and removed files by name and size only
/// (a first generation would otherwise print every line of it).
pub fn render_diff(plan: &Plan, layout: &Layout) -> String {
    let mut s = String::new();
    for f in &plan.files {
        let name = layout.show(&f.path);
        match (&f.old, &f.new) {
            (Some(old), Some(new)) => s.push_str(&line_diff::unified(&name, old, new)),
            (None, Some(new)) => {
                let _ = writeln!(s, "new file {name} ({} lines)", new.lines().count());
            }
            (Some(old), None) => {
                let _ = writeln!(s, "removed {name} ({} lines)", old.lines().count());
            }
            (None, None) => {}
        }
    }
    s
}

/// What `regen` does after generating: print, and write unless `check`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Write nothing; fail when the checked-in code is stale.
    pub check: bool,
    /// Print only the API summary (files are still written unless `check`).
    pub summary_only: bool,
}

/// Runs regen on a layout; returns the text to print, or an error whose text names
/// the stale files and the summary (for `--check`).
pub fn run(layout: &Layout, options: Options) -> Result<String, String> {
    let generation = generate(layout)?;
    let plan = plan(&generation, layout)?;
    report(&plan, layout, options)
}

/// Prints (as text) and applies a plan according to `options`.
pub fn report(plan: &Plan, layout: &Layout, options: Options) -> Result<String, String> {
    let mut out = String::new();
    for n in &plan.notes {
        let _ = writeln!(out, "note: {n}");
    }
    out.push_str(&render_summary(plan));
    if options.check {
        if plan.is_current() {
            out.push_str("generated code is current\n");
            return Ok(out);
        }
        let mut err = format!(
            "generated code is stale: {} file(s) differ from what wsdl/ generates \
             (run `cargo xtask regen`):\n",
            plan.files.len()
        );
        err.push_str(&render_files(plan, layout));
        err.push_str(&out);
        return Err(err);
    }
    if plan.is_current() {
        out.push_str("generated code is current: nothing written\n");
        out.push_str(&render_files(plan, layout));
        return Ok(out);
    }
    apply(plan)?;
    if options.summary_only {
        return Ok(out);
    }
    let _ = writeln!(out, "wrote {} file(s):", plan.files.len());
    out.push_str(&render_files(plan, layout));
    out.push('\n');
    out.push_str(&render_diff(plan, layout));
    Ok(out)
}
