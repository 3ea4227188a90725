//! Shell completions and the man page, generated from the command-line definition so
//! they never fall behind it.

use std::io;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "newsnorm", &mut script);
    script
}

/// The man page (roff) of newsnorm, its options and its subcommands.
pub fn man() -> io::Result<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    Ok(page)
}

/// Write the pages of newsnorm and of each of its subcommands (`newsnorm-detect.1`, …)
/// into `dir`, which must exist.
pub fn man_pages(dir: &Path) -> io::Result<()> {
    if !dir.is_dir() {
        return Err(io::Error::new(io::ErrorKind::NotFound, "no such directory"));
    }
    clap_mangen::generate_to(Cli::command(), dir)
}

/// Write generated text to stdout; a closed pipe (`| head`) is not an error.
pub fn print(text: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut out = io::stdout().lock();
    match out.write_all(text).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subcommands() -> Vec<String> {
        let names: Vec<String> = Cli::command().get_subcommands().map(|c| c.get_name().to_owned()).collect();
        assert!(names.iter().any(|n| n == "detect"), "{names:?}");
        names
    }

    #[test]
    fn every_shell_completes_every_subcommand_and_option() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::Elvish, Shell::PowerShell] {
            let script = String::from_utf8(completions(shell)).unwrap();
            for name in subcommands() {
                assert!(script.contains(&name), "{shell} completions lack the subcommand {name}");
            }
            for flag in ["stream", "errors", "exit-zero", "files-from", "format"] {
                // fish writes long options as `-l NAME`.
                let option = if shell == Shell::Fish { format!("-l {flag}") } else { format!("--{flag}") };
                assert!(script.contains(&option), "{shell} completions lack {option}");
            }
        }
    }

    #[test]
    fn man_page_has_its_sections_and_subcommands() {
        let page = String::from_utf8(man().unwrap()).unwrap();
        assert!(page.contains(".TH newsnorm 1"), "no title line");
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "SUBCOMMANDS", "VERSION"] {
            assert!(page.contains(&format!(".SH {section}")), "no {section} section");
        }
        for name in subcommands() {
            assert!(page.contains(&format!("newsnorm\\-{}", name.replace('-', "\\-"))), "no subcommand {name}");
        }
        assert!(page.contains("\\-\\-stream"));
    }

    #[test]
    fn a_page_per_subcommand() {
        let dir = tempfile::tempdir().unwrap();
        man_pages(dir.path()).unwrap();
        for name in subcommands() {
            let page = std::fs::read_to_string(dir.path().join(format!("newsnorm-{name}.1"))).unwrap();
            assert!(page.contains(".SH NAME"), "{name}");
        }
        assert!(dir.path().join("newsnorm.1").is_file());
        assert!(man_pages(&dir.path().join("absent")).is_err());
    }
}
