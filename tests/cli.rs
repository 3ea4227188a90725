//! The command line, through the built binary.

mod common;

use common::{assert_key_order, json_lines, newsnorm, run_json, write};

#[test]
fn detect_names_the_format_of_every_seed() {
    let out = newsnorm().args(["detect", "--quiet", "samples/"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        vec![
            "samples/000_50549907408c293c.txt\tjekyll\tarticle",
            "samples/001_0449b5c089946648.txt\tjekyll\tarticle",
            "samples/002_4144df8498471dcd.txt\tportal-text\tarticle",
            "samples/003_19a37a5063008632.txt\tjekyll\tarticle",
            "samples/004_bbaef8e750e56c0e.txt\twayback-markdown\tarticle",
        ]
    );
}

#[test]
fn unrecognised_input_is_an_error_object_and_the_rest_still_runs() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.txt");
    write(&junk, b"this is not an article in any known format\n");
    let out = newsnorm()
        .args(["samples/000_50549907408c293c.txt"])
        .arg(&junk)
        .arg("samples/002_4144df8498471dcd.txt")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    let records = json_lines(&out.stdout);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["format"], "jekyll");
    assert_eq!(records[1]["format"], "portal-text");
    for line in stdout.lines() {
        assert_key_order(line);
    }
    let stderr = String::from_utf8(out.stderr).unwrap();
    let mut lines = stderr.lines();
    let err: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(err["source_path"], junk.display().to_string());
    assert_eq!(err["error"]["kind"], "unrecognized_format");
    assert!(err["error"]["message"].as_str().unwrap().contains("junk.txt"));
    assert_eq!(lines.next(), None, "stderr is redirected: error objects only, no summary line");

    let out = newsnorm().arg("detect").arg(&junk).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("{}\tunrecognized\n", junk.display()));
}

#[test]
fn stdin_is_read_when_no_path_is_given() {
    let seed = std::fs::read("samples/002_4144df8498471dcd.txt").unwrap();
    for args in [&[][..], &["-"][..]] {
        let out = newsnorm().args(args).write_stdin(seed.clone()).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let (records, _) = (json_lines(&out.stdout), ());
        assert_eq!(records.len(), 1);
        assert_eq!(records[0]["source_path"], "-");
    }
}

#[test]
fn output_file_and_errors_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.jsonl");
    let err_path = dir.path().join("err.jsonl");
    let out = newsnorm()
        .args(["--quiet", "samples/", "no/such/file"])
        .arg("-o")
        .arg(&out_path)
        .arg("--errors")
        .arg(&err_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert_eq!(json_lines(&std::fs::read(&out_path).unwrap()).len(), 5);
    let errs = json_lines(&std::fs::read(&err_path).unwrap());
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0]["error"]["kind"], "not_found");
    // No temporary file is left beside the output.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn forced_format_applies_to_every_input() {
    let out = newsnorm().args(["--format", "portal-text", "samples/002_4144df8498471dcd.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    // A Jekyll post read as a portal dump has no dateline: a clear error, not a record.
    let out = newsnorm().args(["--format", "portal-text", "samples/000_50549907408c293c.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let (records, errs) = run_json(&out_without_summary(out));
    assert!(records.is_empty());
    assert_eq!(errs[0]["error"]["kind"], "missing_part");
}

fn out_without_summary(mut out: std::process::Output) -> std::process::Output {
    let text = String::from_utf8(out.stderr).unwrap();
    out.stderr = text.lines().filter(|l| l.starts_with('{')).map(|l| format!("{l}\n")).collect::<String>().into_bytes();
    out
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(newsnorm().args(["--format", "nope", "samples/"]).output().unwrap().status.code(), Some(2));
    assert_eq!(newsnorm().args(["--encoding", "klingon", "samples/"]).output().unwrap().status.code(), Some(2));
    assert_eq!(newsnorm().args(["-o", "/no/such/dir/out.jsonl", "samples/"]).output().unwrap().status.code(), Some(2));
}

#[test]
fn help_shows_examples() {
    let out = newsnorm().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Examples:") && text.contains("newsnorm detect"));
}
