//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod contract;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};

use assert_cmd::Command;
use serde_json::Value;

pub mod warc;

/// How long any one run of the binary may take in a test before it is killed (and the
/// test fails on its status), so a hang costs minutes, not the whole CI budget.
pub const RUN_LIMIT: std::time::Duration = std::time::Duration::from_secs(300);

/// The built `newsnorm` binary, run from the crate root, killed after [`RUN_LIMIT`].
pub fn newsnorm() -> Command {
    let mut cmd = Command::cargo_bin("newsnorm").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).timeout(RUN_LIMIT);
    cmd
}

/// Wait for a spawned child like `Child::wait_with_output`, but at most [`RUN_LIMIT`]:
/// then it is killed and the test fails.
pub fn wait_bounded(mut child: Child) -> Output {
    use wait_timeout::ChildExt;
    fn drain(mut r: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    }
    let stdout = child.stdout.take().map(drain);
    let stderr = child.stderr.take().map(drain);
    let Some(status) = child.wait_timeout(RUN_LIMIT).expect("wait for the child") else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("the run did not end within {RUN_LIMIT:?}: killed");
    };
    let join =
        |h: Option<std::thread::JoinHandle<Vec<u8>>>| h.map(|h| h.join().unwrap_or_default()).unwrap_or_default();
    Output { status, stdout: join(stdout), stderr: join(stderr) }
}

/// `Command::output` (stdin closed, stdout and stderr captured) within [`RUN_LIMIT`].
pub fn output_bounded(cmd: &mut std::process::Command) -> Output {
    wait_bounded(cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn"))
}

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Say something in the `cargo test` output even when the test passes: libtest
/// captures `eprintln!` of passing tests, but not writes to the stderr handle itself.
/// One line, prefixed with the test's name.
pub fn tell(message: &str) {
    use std::io::Write;
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("test");
    // One write, so the line is not broken up by libtest's own output.
    let _ = std::io::stderr().write_all(format!("{message} [{test}]\n").as_bytes());
}

/// A test (or part of one) that cannot run here: a visible `SKIPPED: reason` line.
pub fn skip(reason: &str) {
    tell(&format!("SKIPPED: {reason}"));
}

/// The shared corpus, when this checkout has it (CI does); else a visible
/// `SKIPPED: ../shared/corpus not found` line and `None`.
pub fn corpus() -> Option<PathBuf> {
    let p = root().join("../shared/corpus");
    if p.is_dir() {
        Some(p)
    } else {
        skip("../shared/corpus not found, so the part of this test that needs it did not run");
        None
    }
}

/// Parse the lines of an output stream, failing the test on any line that breaks the
/// record contract ([`contract::check_line`]: a record, an error object or a dropped
/// duplicate, each one JSON line).
pub fn json_lines(bytes: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(bytes).expect("output is UTF-8");
    text.split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| {
            contract::check_line(l.as_bytes()).unwrap_or_else(|e| panic!("line {}: {e}: {}", i + 1, l.trim_end()))
        })
        .collect()
}

/// stdout and stderr of a run, as JSON lines.
pub fn run_json(output: &Output) -> (Vec<Value>, Vec<Value>) {
    (json_lines(&output.stdout), json_lines(&output.stderr))
}

/// Assert the line is a record that keeps the contract (keys in SPEC order and the rest).
pub fn assert_key_order(line: &str) {
    contract::check_record_line(format!("{line}\n").as_bytes()).unwrap_or_else(|e| panic!("{e}: {line}"));
}

/// Boilerplate that must never be in a body (issue #2 acceptance 1).
pub const BOILERPLATE_MARKERS: &[&str] = &["获取更多RSS", "延伸閱讀", "原始連結", "熱門文章", "更多中央廣播電臺新聞"];

/// Assert a body has no boilerplate marker and no markup residue.
pub fn assert_clean_body(path: &str, body: &str) {
    if body.is_empty() {
        // A media-only record (SPEC v1.2); `json_lines` checked its `media_only` warning.
        return;
    }
    for m in BOILERPLATE_MARKERS {
        assert!(!body.contains(m), "{path}: body contains boilerplate {m:?}");
    }
    for p in body.split("\n\n") {
        assert_eq!(p, p.trim(), "{path}: paragraph not trimmed: {p:?}");
        assert!(!p.is_empty(), "{path}: empty paragraph");
        assert_ne!(p, "分享", "{path}: 分享 line in body");
    }
    assert!(!body.contains("\n\n\n"), "{path}: more than one blank line between paragraphs");
    for residue in ["<div", "<p>", "</p>", "<img", "<a href", "<br", "{{<", "**", "](http", "&amp;", "&quot;", "&#"] {
        assert!(!body.contains(residue), "{path}: markup residue {residue:?} in body");
    }
}

pub fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, bytes).expect("write test file");
}
