//! Input lists (`--files-from`, `-0`), their composition with find and xargs, and the
//! order of the output: always the order of the inputs, whatever `-j`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use common::{json_lines, newsnorm, output_bounded, root, write};

const SEEDS: &[&str] = &[
    "samples/000_50549907408c293c.txt",
    "samples/001_0449b5c089946648.txt",
    "samples/002_4144df8498471dcd.txt",
    "samples/003_19a37a5063008632.txt",
    "samples/004_bbaef8e750e56c0e.txt",
];

fn source_paths(bytes: &[u8]) -> Vec<String> {
    json_lines(bytes).iter().map(|v| v["source_path"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn files_from_a_file_in_list_order() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.txt");
    // Reversed, with a blank line, a CRLF line and a missing file.
    let text = format!("{}\n\n{}\r\nno/such/file\n{}\n", SEEDS[4], SEEDS[2], SEEDS[0]);
    write(&list, text.as_bytes());
    let out = newsnorm().args(["--quiet", "--files-from"]).arg(&list).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(source_paths(&out.stdout), vec![SEEDS[4], SEEDS[2], SEEDS[0]]);
    let errs = json_lines(&out.stderr);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0]["source_path"], "no/such/file");
    assert_eq!(errs[0]["error"]["kind"], "not_found");
    // Paths on the command line come first, then the list.
    let out = newsnorm().args(["--quiet", SEEDS[1], "--files-from"]).arg(&list).output().unwrap();
    assert_eq!(source_paths(&out.stdout), vec![SEEDS[1], SEEDS[4], SEEDS[2], SEEDS[0]]);
}

#[test]
fn files_from_stdin_newline_and_nul_separated() {
    let list = format!("{}\n{}\n", SEEDS[3], SEEDS[1]);
    let out = newsnorm().args(["--quiet", "--files-from", "-"]).write_stdin(list).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(source_paths(&out.stdout), vec![SEEDS[3], SEEDS[1]]);

    // NUL-separated: names may hold spaces and newlines.
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("with space\nand newline.txt");
    std::fs::copy(root().join(SEEDS[2]), &odd).unwrap();
    let mut list = Vec::new();
    for p in [PathBuf::from(SEEDS[0]), odd.clone()] {
        list.extend_from_slice(p.to_str().unwrap().as_bytes());
        list.push(0);
    }
    let out = newsnorm().args(["--quiet", "--files-from", "-", "-0"]).write_stdin(list).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(source_paths(&out.stdout), vec![SEEDS[0].to_owned(), odd.display().to_string()]);
}

#[test]
fn usage_errors_of_lists() {
    // stdin cannot be both the list and an input (an empty list is no usage error: see
    // tests/conventions.rs).
    let out = newsnorm().args(["--files-from", "-", "-"]).write_stdin("x\n").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = newsnorm().args(["--files-from", "no/such/list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // -0 means nothing without a list.
    let out = newsnorm().args(["-0", "samples/"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A tree of seeds with awkward names for find and xargs.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (i, seed) in SEEDS.iter().enumerate() {
        let name = match i {
            0 => "a plain.txt".to_owned(),
            1 => "b\nnewline.txt".to_owned(),
            2 => "c 'quote\".txt".to_owned(),
            _ => format!("sub/{i}.txt"),
        };
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::copy(root().join(seed), path).unwrap();
    }
    dir
}

fn bash(script: &str, dir: &Path) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("newsnorm");
    output_bounded(StdCommand::new("bash").arg("-c").arg(script).arg(bin).current_dir(dir))
}

#[cfg(unix)]
#[test]
fn composes_with_find_print0_and_xargs_0() {
    let dir = tree();
    let direct = newsnorm().args(["--quiet", "."]).current_dir(dir.path()).output().unwrap();
    assert_eq!(direct.status.code(), Some(0));
    let mut want = source_paths(&direct.stdout);
    want.sort();
    assert_eq!(want.len(), 5);

    for script in [
        r#"set -o pipefail; find . -type f -print0 | "$0" --quiet --files-from - -0"#,
        r#"set -o pipefail; find . -type f -print0 | xargs -0 "$0" --quiet"#,
        r#"l=$(mktemp) && find . -type f -print0 > "$l" && "$0" --quiet --files-from "$l" --null; rc=$?; rm -f "$l"; exit $rc"#,
    ] {
        let out = bash(script, dir.path());
        assert_eq!(out.status.code(), Some(0), "{script}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty());
        let mut got = source_paths(&out.stdout);
        got.sort();
        assert_eq!(got, want, "{script}");
    }
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_still_open() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    // A GBK file name (啊), as unzipped from a Chinese archive.
    let name = std::ffi::OsStr::from_bytes(b"gbk-\xb0\xa1.txt");
    std::fs::copy(root().join(SEEDS[2]), dir.path().join(name)).unwrap();
    let shown = "gbk-\u{FFFD}\u{FFFD}.txt";
    // On the command line (clap once refused the whole run), in a walked directory,
    // and in a NUL-separated list.
    let seed = root().join(SEEDS[0]);
    let out = newsnorm().arg("--quiet").arg(name).arg(&seed).current_dir(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(source_paths(&out.stdout), vec![shown.to_owned(), seed.display().to_string()]);

    let out = newsnorm().args(["--quiet", "."]).current_dir(dir.path()).output().unwrap();
    assert_eq!(source_paths(&out.stdout), vec![format!("./{shown}")]);

    let mut list = name.as_bytes().to_vec();
    list.push(0);
    let out = newsnorm()
        .args(["--quiet", "--files-from", "-", "-0"])
        .current_dir(dir.path())
        .write_stdin(list)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(source_paths(&out.stdout), vec![shown]);
}

/// A mixed set: seeds, copies with big bodies (slow) and small ones (fast), and every
/// kind of bad input, interleaved so parallel workers finish out of order.
fn mixed_set(dir: &Path) -> Vec<PathBuf> {
    let mut inputs = Vec::new();
    let bads: &[(&str, &[u8])] = &[
        ("empty.txt", b""),
        ("binary.png", b"\x89PNG\r\n\x1a\n\0\0"),
        ("unclosed.md", b"---\ntitle: x\n"),
        ("notes.txt", b"not an article\n"),
    ];
    for i in 0..60 {
        let seed = SEEDS[i % SEEDS.len()];
        let mut text = std::fs::read_to_string(root().join(seed)).unwrap();
        if i % 7 == 0 {
            // A slow one: a long Jekyll body.
            text = text.replacen("<div>", &format!("<div>{}", "<p>長文。</p>".repeat(3000)), 1);
        }
        let path = dir.join(format!("{i:03}.txt"));
        write(&path, text.as_bytes());
        inputs.push(path);
        if i % 5 == 0 {
            let (name, bytes) = bads[(i / 5) % bads.len()];
            let path = dir.join(format!("{i:03}-{name}"));
            write(&path, bytes);
            inputs.push(path);
        }
        if i % 11 == 0 {
            inputs.push(dir.join(format!("{i:03}-missing.txt")));
        }
    }
    inputs
}

#[test]
fn output_order_is_input_order_whatever_the_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = mixed_set(dir.path());
    let mut runs = Vec::new();
    for jobs in [Some("1"), Some("2"), Some("4"), None] {
        let mut cmd = newsnorm();
        cmd.arg("--quiet");
        if let Some(j) = jobs {
            cmd.args(["-j", j]);
        }
        let out = cmd.args(&inputs).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        runs.push((jobs, out));
    }
    let (_, first) = &runs[0];
    // Records and errors together name every input once, in input order.
    let mut named: Vec<String> = source_paths(&first.stdout);
    named.extend(source_paths(&first.stderr));
    assert_eq!(named.len(), inputs.len());
    let records = source_paths(&first.stdout);
    let in_order: Vec<String> =
        inputs.iter().map(|p| p.display().to_string()).filter(|p| records.contains(p)).collect();
    assert_eq!(records, in_order);
    let errors = source_paths(&first.stderr);
    let in_order: Vec<String> = inputs.iter().map(|p| p.display().to_string()).filter(|p| errors.contains(p)).collect();
    assert_eq!(errors, in_order);
    for (jobs, out) in &runs[1..] {
        assert!(out.stdout == first.stdout, "stdout with -j {jobs:?} differs from -j 1");
        assert!(out.stderr == first.stderr, "error stream with -j {jobs:?} differs from -j 1");
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

/// A FIFO or socket found by walking a folder is never opened (a FIFO would block the
/// run for ever): it gets an error line of its own, kind `not_a_file`, in its place.
#[cfg(unix)]
#[test]
fn special_files_in_a_walked_folder_get_their_own_error_line() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.txt"), &std::fs::read(root().join(SEEDS[0])).unwrap());
    mkfifo(&dir.path().join("b.fifo"));
    let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("c.sock")).unwrap();
    write(&dir.path().join("d.txt"), &std::fs::read(root().join(SEEDS[2])).unwrap());
    for jobs in ["1", "2"] {
        let out = output_bounded(
            StdCommand::new(assert_cmd::cargo::cargo_bin("newsnorm"))
                .args(["-q", "--errors", "-", "-j", jobs])
                .arg(dir.path()),
        );
        assert_eq!(out.status.code(), Some(1));
        let lines = json_lines(&out.stdout);
        let got: Vec<(String, String)> = lines
            .iter()
            .map(|l| {
                let name = l["source_path"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
                (name, l["error"]["kind"].as_str().unwrap_or("record").to_owned())
            })
            .collect();
        let want = [("a.txt", "record"), ("b.fifo", "not_a_file"), ("c.sock", "not_a_file"), ("d.txt", "record")];
        assert_eq!(got, want.map(|(a, b)| (a.to_owned(), b.to_owned())), "-j {jobs}");
        assert!(lines[1]["error"]["message"].as_str().unwrap().contains("a FIFO (named pipe)"));
        assert!(lines[2]["error"]["message"].as_str().unwrap().contains("a socket"));
    }
}

/// A FIFO named as an input is read (process substitution `<(…)` is one), and the lines
/// of the inputs before it are written before it blocks: a reader sees them while the
/// FIFO's writer has not written yet.
#[cfg(unix)]
#[test]
fn a_named_fifo_is_read_and_what_came_before_it_is_written_first() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    for jobs in ["1", "2"] {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("in.fifo");
        mkfifo(&fifo);
        let mut child = KillOnDrop(
            StdCommand::new(assert_cmd::cargo::cargo_bin("newsnorm"))
                .args(["-q", "-j", jobs, SEEDS[0], SEEDS[1]])
                .arg(&fifo)
                .arg(SEEDS[3])
                .current_dir(root())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
        let (tx, rx) = std::sync::mpsc::channel();
        let stdout = child.0.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let _ = tx.send(line.unwrap());
            }
        });
        let wait = std::time::Duration::from_secs(60);
        let first = rx.recv_timeout(wait).expect("-j {jobs}: the first record came before the FIFO was written");
        let second = rx.recv_timeout(wait).expect("-j {jobs}: the second record came before the FIFO was written");
        assert!(first.contains(SEEDS[0]) && second.contains(SEEDS[1]));
        // Now the FIFO's writer comes: its document is read, and the run goes on.
        let mut w = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
        w.write_all(&std::fs::read(root().join(SEEDS[2])).unwrap()).unwrap();
        drop(w);
        let third = rx.recv_timeout(wait).unwrap();
        let fourth = rx.recv_timeout(wait).unwrap();
        assert!(third.contains("in.fifo") && third.contains("portal-text"), "{third}");
        assert!(fourth.contains(SEEDS[3]));
        assert_eq!(child.0.wait().unwrap().code(), Some(0));
    }
}

/// A child process killed when the test ends, also when it fails.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
