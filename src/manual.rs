//! `gas completions <shell>` and `gas man`: generated from the clap definitions, so they
//! cannot drift from the command line. The scripts in `completions/` are this output,
//! checked by `tests/cli_manual.rs`.

use std::path::Path;

use crate::cli;
use crate::failure::Failure;
use crate::output::Output;

/// The completion script for `shell` on stdout.
pub fn completions(shell: clap_complete::Shell, out: &Output) -> Result<(), Failure> {
    let mut command = cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "gas", &mut script);
    out.text(&String::from_utf8_lossy(&script));
    Ok(())
}

/// The manual page on stdout, or one page per command written into `dir`.
pub fn man(dir: Option<&Path>, out: &Output) -> Result<(), Failure> {
    let command = cli::command();
    let Some(dir) = dir else {
        out.text(&render(command)?);
        return Ok(());
    };
    std::fs::create_dir_all(dir).map_err(|e| Failure::usage(format!("{}: {e}", dir.display())))?;
    let mut pages = vec![("gas.1".to_owned(), command.clone())];
    for sub in command.get_subcommands() {
        let name = format!("gas-{}", sub.get_name());
        pages.push((
            format!("{name}.1"),
            sub.clone().display_name(name.clone()).bin_name(name),
        ));
    }
    for (file, page) in pages {
        let path = dir.join(&file);
        std::fs::write(&path, render(page)?)
            .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
        out.note(&format!("wrote {}", path.display()));
    }
    Ok(())
}

fn render(command: clap::Command) -> Result<String, Failure> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|e| Failure::usage(format!("the manual page cannot be written: {e}")))?;
    Ok(String::from_utf8_lossy(&page).into_owned())
}
