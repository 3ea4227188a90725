//! Output integrity: a closed pipe ends the run quietly with status 0; an interrupted
//! run leaves no partial `-o` file and no temporary file, and never half a line.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use common::{json_lines, output_bounded, root, wait_bounded};

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("newsnorm")
}

/// `copies` copies of each seed in a new temporary directory.
fn many_seeds(copies: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    for i in 0..copies {
        for (name, bytes) in &seeds {
            std::fs::write(dir.path().join(format!("{i:05}_{name}")), bytes).unwrap();
        }
    }
    dir
}

/// Read 100 bytes of the output and close the pipe, as `| head -c 100` does.
fn head_c_100(args: &[&Path]) {
    let mut child = StdCommand::new(bin())
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = wait_bounded(child);
    assert!(first.starts_with(b"{\"id\":\""));
    assert_eq!(out.status.code(), Some(0), "a closed pipe is a normal end");
    assert!(out.stderr.is_empty(), "nothing on stderr: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn closed_pipe_ends_the_run_quietly() {
    // Megabytes of records: the writes really hit EPIPE.
    let dir = many_seeds(100);
    head_c_100(&[dir.path()]);
    // The seeds alone may fit the pipe's buffer: the same outcome either way.
    head_c_100(&[Path::new("samples/")]);
}

#[cfg(unix)]
#[test]
fn closed_pipe_in_a_shell_pipeline() {
    let dir = many_seeds(100);
    let out = output_bounded(
        StdCommand::new("bash")
            .arg("-c")
            .arg(r#""$0" "$1" | head -c 100 > /dev/null; exit "${PIPESTATUS[0]}""#)
            .arg(bin())
            .arg(dir.path()),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".newsnorm-"))
        .collect()
}

#[cfg(unix)]
fn signal(child: &Child, sig: &str) {
    let ok = StdCommand::new("kill").arg(format!("-{sig}")).arg(child.id().to_string()).status().unwrap();
    assert!(ok.success());
}

/// Wait until `ready` or the deadline; `false` when the child ended first.
fn wait_for(child: &mut Child, mut ready: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if ready() {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("timed out");
}

/// Start `-o out.jsonl` on many inputs, interrupt it once its temporary file holds
/// records, and check what is left.
#[cfg(unix)]
fn interrupt_output_file(sig: &str, previous: Option<&[u8]>) {
    let inputs = many_seeds(400);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out.jsonl");
    if let Some(bytes) = previous {
        std::fs::write(&dest, bytes).unwrap();
    }
    let mut child = StdCommand::new(bin())
        .args(["-j", "1", "-o"])
        .arg(&dest)
        .arg(inputs.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started =
        wait_for(&mut child, || temp_files(dir.path()).iter().any(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > 0)));
    assert!(started, "the run ended before it could be interrupted: make the input set larger");
    signal(&child, sig);
    let out = wait_bounded(child);
    assert_eq!(out.status.code(), Some(130), "interrupted: status 130");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(temp_files(dir.path()).is_empty(), "the temporary file is removed");
    match previous {
        None => assert!(!dest.exists(), "no partial out.jsonl"),
        Some(bytes) => assert_eq!(std::fs::read(&dest).unwrap(), bytes, "the previous output is unchanged"),
    }
}

#[cfg(unix)]
#[test]
fn sigterm_leaves_no_partial_output_file() {
    interrupt_output_file("TERM", None);
}

#[cfg(unix)]
#[test]
fn sigint_keeps_the_previous_output_file() {
    interrupt_output_file("INT", Some(b"{\"previous\":\"run\"}\n"));
}

#[test]
fn a_finished_output_file_holds_whole_records() {
    let inputs = many_seeds(20);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out.jsonl");
    let out = output_bounded(StdCommand::new(bin()).args(["-q", "-o"]).arg(&dest).arg(inputs.path()));
    assert_eq!(out.status.code(), Some(0));
    let bytes = std::fs::read(&dest).unwrap();
    assert!(bytes.ends_with(b"\n"));
    assert_eq!(json_lines(&bytes).len(), 100);
    assert!(temp_files(dir.path()).is_empty());
}

/// Interrupting a run that writes to a slow reader ends it on a line boundary: the
/// interrupt waits for the buffer being written.
#[cfg(unix)]
#[test]
fn sigterm_on_stdout_never_leaves_half_a_line() {
    let inputs = many_seeds(400);
    let mut child = StdCommand::new(bin())
        .args(["-j", "1"])
        .arg(inputs.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut got = vec![0u8; 100_000];
    stdout.read_exact(&mut got).unwrap();
    // The writer is now blocked in the middle of a 256 KiB buffer: the pipe is full.
    std::thread::sleep(Duration::from_millis(200));
    signal(&child, "TERM");
    std::thread::sleep(Duration::from_millis(200));
    stdout.read_to_end(&mut got).unwrap();
    let out = wait_bounded(child);
    assert!(got.ends_with(b"\n"), "the output ends on a whole line");
    let records = json_lines(&got);
    assert!(records.len() >= 10 && records.len() < 3000, "{} records", records.len());
    assert_eq!(out.status.code(), Some(130));
}
