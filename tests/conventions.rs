//! Command-line conventions: completions and the man page for every subcommand,
//! `--errors -`, `--exit-zero`, an empty `--files-from` list, `detect` on inputs that
//! fail.

mod common;

use std::process::{Command, Stdio};

use common::{json_lines, newsnorm, output_bounded, skip, wait_bounded, write};

const SUBCOMMANDS: &[&str] = &["detect", "completions", "man"];

#[test]
fn completions_for_every_shell_name_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = newsnorm().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell} completions lack {sub}");
        }
    }
    let out = newsnorm().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "an unknown shell is a usage error");
}

/// The bash script is valid bash, and completes the subcommands once sourced.
#[test]
fn bash_completion_works_in_bash() {
    let out = newsnorm().args(["completions", "bash"]).output().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("newsnorm.bash");
    write(&script, &out.stdout);
    // Complete `newsnorm d<TAB>` and `newsnorm --str<TAB>` as bash would.
    let probe = r#"source "$1"
        COMP_WORDS=(newsnorm d); COMP_CWORD=1; _newsnorm newsnorm d newsnorm; echo "${COMPREPLY[*]}"
        COMP_WORDS=(newsnorm --str); COMP_CWORD=1; _newsnorm newsnorm --str newsnorm; echo "${COMPREPLY[*]}""#;
    let run = output_bounded(Command::new("bash").args(["-c", probe, "bash"]).arg(&script));
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let said = String::from_utf8(run.stdout).unwrap();
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.first().map(|l| l.split_whitespace().any(|w| w == "detect")), Some(true), "{said:?}");
    assert_eq!(lines.get(1).copied(), Some("--stream"), "{said:?}");
}

#[test]
fn man_page_renders_with_man() {
    let out = newsnorm().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    for section in ["NAME", "SYNOPSIS", "OPTIONS", "SUBCOMMANDS"] {
        assert!(page.contains(&format!(".SH {section}")), "no {section}");
    }
    for sub in SUBCOMMANDS {
        assert!(page.contains(&format!("newsnorm\\-{sub}(1)")), "{sub} not listed");
    }
    // The pages of every subcommand, for a man1 folder.
    let dir = tempfile::tempdir().unwrap();
    let made = newsnorm().args(["man", "--dir"]).arg(dir.path()).output().unwrap();
    assert!(made.status.success());
    for sub in SUBCOMMANDS {
        assert!(dir.path().join(format!("newsnorm-{sub}.1")).is_file(), "no page for {sub}");
    }
    // Rendered by man itself (groff), with its warnings on.
    let has_man = Command::new("man").arg("--version").output().is_ok_and(|o| o.status.success());
    if !has_man {
        skip("man is not installed, so the man page was not rendered");
        return;
    }
    let mut child = Command::new("man")
        .args(["--warnings", "-l", "-"])
        .env("MANWIDTH", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(page.as_bytes()).unwrap();
    }
    let shown = wait_bounded(child);
    assert!(shown.status.success(), "{}", String::from_utf8_lossy(&shown.stderr));
    assert!(shown.stderr.is_empty(), "man warned: {}", String::from_utf8_lossy(&shown.stderr));
    let text = String::from_utf8_lossy(&shown.stdout);
    for want in ["SYNOPSIS", "--files-from", "--stream", "newsnorm-detect(1)"] {
        assert!(text.contains(want), "rendered page lacks {want}");
    }
}

/// `--errors -`: each error object in its input's place among the records on stdout;
/// nothing on stderr.
#[test]
fn errors_to_stdout_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read(common::root().join("samples/002_4144df8498471dcd.txt")).unwrap();
    write(&dir.path().join("1.txt"), &seed);
    write(&dir.path().join("2-notes.txt"), b"not an article\n");
    write(&dir.path().join("3.txt"), &seed);
    write(&dir.path().join("4-empty.txt"), b"");
    for jobs in ["1", "2"] {
        let out = newsnorm().args(["--errors", "-", "-j", jobs]).arg(dir.path()).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "failed inputs still give status 1");
        assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
        let lines = json_lines(&out.stdout);
        let shape: Vec<&str> = lines
            .iter()
            .map(|l| l["error"]["kind"].as_str().unwrap_or_else(|| l["format"].as_str().unwrap()))
            .collect();
        assert_eq!(shape, ["portal-text", "unrecognized_format", "portal-text", "empty"], "-j {jobs}");
    }
    // With -o, the records go to the file and the error objects to stdout.
    let dest = dir.path().join("out.jsonl");
    let out = newsnorm().args(["--errors", "-", "-o"]).arg(&dest).arg(dir.path()).output().unwrap();
    assert_eq!(json_lines(&out.stdout).len(), 2);
    assert!(out.stderr.is_empty());
    assert_eq!(json_lines(&std::fs::read(&dest).unwrap()).len(), 2);
}

#[test]
fn exit_zero_keeps_failed_inputs_out_of_the_status() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("notes.txt"), b"not an article\n");
    let out = newsnorm().arg("--exit-zero").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json_lines(&out.stderr).len(), 1, "the error object is still written");
    // Usage errors still give 2.
    let out = newsnorm().args(["--exit-zero", "--max-size", "lots"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = newsnorm().args(["--exit-zero", "--files-from", "no/such/list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// The incremental run on a night nothing changed: an empty list is no input, status 0,
/// and `-o` leaves an empty file (replacing the last night's).
#[test]
fn an_empty_file_list_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("corpus/old.md"), b"old\n");
    let stamp = dir.path().join("stamp");
    write(&stamp, b"");
    let new = dir.path().join("new.jsonl");
    write(&new, b"yesterday's records\n");
    // Make the stamp newer than the corpus file.
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options().write(true).open(dir.path().join("corpus/old.md")).unwrap().set_modified(old).unwrap();
    let script = r#"set -o pipefail; find corpus -type f -newer stamp -print0 | "$0" --files-from - -0 -o new.jsonl"#;
    let out = output_bounded(
        Command::new("bash").args(["-c", script]).arg(env!("CARGO_BIN_EXE_newsnorm")).current_dir(dir.path()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty());
    assert_eq!(std::fs::read(&new).unwrap(), b"", "an empty output file");
    for list in ["", "\n\n"] {
        let out = newsnorm().args(["--files-from", "-"]).write_stdin(list).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(out.stdout.is_empty() && out.stderr.is_empty());
    }
}

/// `detect` on inputs that fail: `path<TAB>unrecognized` when no format fits (or two
/// fit equally), `path<TAB>error:KIND` when the input could not be read as text; the
/// error object on the error stream either way, status 1.
#[test]
fn detect_output_for_inputs_that_fail() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a-notes.txt"), b"not an article\n");
    write(&dir.path().join("b-empty.txt"), b"");
    write(&dir.path().join("c-binary.bin"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let missing = dir.path().join("d-missing.txt");
    let out = newsnorm().arg("detect").arg(dir.path()).arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let d = dir.path().display();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "{d}/a-notes.txt\tunrecognized\n{d}/b-empty.txt\terror:empty\n{d}/c-binary.bin\terror:binary\n{d}/d-missing.txt\terror:not_found\n"
        )
    );
    let kinds: Vec<String> =
        json_lines(&out.stderr).iter().map(|e| e["error"]["kind"].as_str().unwrap().to_owned()).collect();
    assert_eq!(kinds, ["unrecognized_format", "empty", "binary", "not_found"]);
}

/// The README's install block works on a fresh home: its lines after `cargo install`
/// (which the test stands in for with a link to the built binary in `~/.cargo/bin`) make
/// the folders they write to, install the completions and the man pages, and `man
/// newsnorm` finds the page with only `~/.cargo/bin` on the `PATH`.
#[cfg(unix)]
#[test]
fn the_readme_install_block_works_on_a_fresh_home() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let start = readme.find("```sh\ncargo install --path .\n").expect("the install block");
    let block = &readme[start + "```sh\n".len()..];
    let block = &block[..block.find("```").unwrap()];
    let lines: Vec<&str> = block.lines().skip(1).collect();
    assert!(lines.iter().any(|l| l.starts_with("mkdir -p")), "{block}");
    let home = tempfile::tempdir().unwrap();
    let bin = home.path().join(".cargo/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_newsnorm"), bin.join("newsnorm")).unwrap();
    let has_man = Command::new("man").arg("--version").output().is_ok_and(|o| o.status.success());
    for line in lines {
        if line.starts_with("man ") && !has_man {
            skip("man is not installed, so `man newsnorm` of the install block did not run");
            continue;
        }
        let out = output_bounded(
            Command::new("sh")
                .arg("-c")
                .arg(line)
                .env_clear()
                .env("HOME", home.path())
                .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
                .env("MANPAGER", "cat")
                .env("PAGER", "cat"),
        );
        assert!(out.status.success(), "{line}: {}", String::from_utf8_lossy(&out.stderr));
        if line.starts_with("man ") {
            assert!(String::from_utf8_lossy(&out.stdout).contains("newsnorm"), "{line}");
        }
    }
    let completion = home.path().join(".local/share/bash-completion/completions/newsnorm");
    assert!(std::fs::metadata(&completion).is_ok_and(|m| m.len() > 100), "no completions");
    assert!(home.path().join(".cargo/share/man/man1/newsnorm.1").is_file(), "no man page");
}
