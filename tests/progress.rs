//! The progress bar is for a person at a terminal: it is drawn when stderr is a
//! terminal (checked under `script`, which gives the run a pseudo-terminal; skipped
//! with a note where util-linux `script` is not available), never when stderr is
//! redirected, and `--quiet` silences it.

mod common;

use std::path::Path;
use std::process::Command;

use common::{json_lines, output_bounded, root, write};

const BIN: &str = env!("CARGO_BIN_EXE_newsnorm");

/// `n` copies of a seed: enough inputs for a bar (300 or more).
fn inputs(dir: &Path, n: usize) {
    let seed = std::fs::read(root().join("samples/000_50549907408c293c.txt")).unwrap();
    for i in 0..n {
        write(&dir.join(format!("{i:04}.txt")), &seed);
    }
}

/// Run a shell command line under `script` (stdin, stdout and stderr on a
/// pseudo-terminal) and return what the terminal showed; `None` when `script` cannot
/// run here.
fn on_a_terminal(command: &str) -> Option<String> {
    let probe = Command::new("script").args(["-q", "-e", "-c", "true", "/dev/null"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        common::skip("util-linux `script` is not available, so the terminal test did not run");
        return None;
    }
    let out = output_bounded(Command::new("script").args(["-q", "-e", "-c", command, "/dev/null"]));
    assert!(matches!(out.status.code(), Some(0 | 1)), "status {:?}", out.status);
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

#[test]
fn bar_on_a_terminal_only_and_quiet_silences_it() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("in");
    inputs(&corpus, 320);
    let out = dir.path().join("out.jsonl");

    // stderr on the terminal, records to a file: the bar and the summary are drawn.
    let Some(screen) = on_a_terminal(&format!("{BIN} {} > {}", quote(&corpus), quote(&out))) else { return };
    assert!(screen.contains("/320 files"), "no progress bar on the terminal: {screen:?}");
    let rate = regex::Regex::new(r"files  (\S+) files/s").unwrap();
    let shown = rate.captures(&screen).map(|c| c[1].to_owned());
    assert!(
        shown.as_deref().is_some_and(|r| r.bytes().all(|b| b.is_ascii_digit())),
        "rate not a whole number of files/s: {shown:?}"
    );
    assert!(screen.contains("newsnorm: 320 records, 0 errors"), "no summary: {screen:?}");
    assert_eq!(json_lines(&std::fs::read(&out).unwrap()).len(), 320);

    // --quiet: nothing on the terminal at all.
    let screen = on_a_terminal(&format!("{BIN} --quiet {} > {}", quote(&corpus), quote(&out))).unwrap_or_default();
    assert_eq!(screen, "", "--quiet still drew something");

    // stderr redirected (even with stdout on the terminal): no bar, no summary; the
    // error stream stays JSON Lines.
    let errs = dir.path().join("errs.jsonl");
    let screen = on_a_terminal(&format!("{BIN} {} 2> {} | wc -l", quote(&corpus), quote(&errs))).unwrap_or_default();
    assert_eq!(screen.trim(), "320", "records went through the pipe, nothing else was drawn");
    assert!(std::fs::read(&errs).unwrap().is_empty(), "no bar or summary in a redirected error stream");

    // Fewer than 300 inputs: no bar, only the summary.
    let few = dir.path().join("few");
    inputs(&few, 5);
    let screen = on_a_terminal(&format!("{BIN} {} > {}", quote(&few), quote(&out))).unwrap_or_default();
    assert!(!screen.contains("files"), "bar for 5 inputs: {screen:?}");
    assert!(screen.contains("newsnorm: 5 records, 0 errors"));

    // One of each: singular nouns.
    let one = dir.path().join("one");
    inputs(&one, 1);
    write(&one.join("zz-notes.txt"), b"not an article\n");
    let screen = on_a_terminal(&format!("{BIN} {} > {}", quote(&one), quote(&out))).unwrap_or_default();
    assert!(screen.contains("newsnorm: 1 record, 1 error\r\n"), "{screen:?}");
}

#[test]
fn error_objects_on_the_terminal_start_a_line_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("in");
    inputs(&corpus, 320);
    write(&corpus.join("0100x.txt"), b"not an article\n");
    write(&corpus.join("0200x.txt"), b"not one either\n");
    let out = dir.path().join("out.jsonl");
    let Some(screen) = on_a_terminal(&format!("{BIN} {} > {}", quote(&corpus), quote(&out))) else { return };
    assert!(screen.contains("/322 files"), "no progress bar: {screen:?}");
    let objects: Vec<usize> = screen.match_indices("{\"source_path\"").map(|(i, _)| i).collect();
    assert_eq!(objects.len(), 2, "{screen:?}");
    for at in objects {
        let before = screen.get(..at).unwrap();
        // The bar's line is cleared (ESC [2K) or ended before an error object.
        assert!(before.ends_with("\u{1b}[2K") || before.ends_with('\n'), "error object drawn into the bar: {screen:?}");
    }
    assert!(screen.contains("newsnorm: 320 records, 2 errors"));
}

/// A run over a WARC file counts its inputs without reading the container first (its
/// records are known only as they are read): a bar without a total.
#[test]
fn a_warc_run_gets_a_bar_without_a_total() {
    let dir = tempfile::tempdir().unwrap();
    let page = b"<!doctype html><html><head><title>T</title></head><body><article><p>\
        A paragraph of an article long enough to be read as the text of the page.</p></article></body></html>";
    let mut warc = Vec::new();
    for i in 0..3 {
        let http = [
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n", page.len())
                .into_bytes(),
            page.to_vec(),
        ]
        .concat();
        warc.extend(
            format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:r-{i}>\r\nWARC-Date: 2024-04-26T02:45:00Z\r\n\
                 WARC-Target-URI: https://example.org/{i}\r\nContent-Type: application/http; msgtype=response\r\n\
                 Content-Length: {}\r\n\r\n",
                http.len()
            )
            .into_bytes(),
        );
        warc.extend(http);
        warc.extend(b"\r\n\r\n");
    }
    let file = dir.path().join("crawl.warc");
    write(&file, &warc);
    let out = dir.path().join("out.jsonl");
    let Some(screen) = on_a_terminal(&format!("{BIN} {} > {}", quote(&file), quote(&out))) else { return };
    assert!(screen.contains(" inputs  "), "no bar for a WARC run: {screen:?}");
    assert!(!screen.contains("/1 files"), "a WARC counted as one file of a total: {screen:?}");
    assert!(screen.contains("newsnorm: 3 records, 0 errors"), "{screen:?}");
    assert_eq!(json_lines(&std::fs::read(&out).unwrap()).len(), 3);
}
