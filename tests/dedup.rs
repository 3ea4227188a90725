//! `--dedup mark|drop` and `--near-dup` on a corpus with planted exact and near
//! duplicates, made from samples/: the first record in input order wins, the output is
//! the same for any `-j`, and `drop` keeps one line per input.

mod common;

use std::path::Path;

use common::{json_lines, newsnorm, root};
use serde_json::Value;

fn sample(name: &str) -> String {
    let dir = root().join("samples");
    let entry = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(name))
        .unwrap_or_else(|| panic!("sample {name}"));
    std::fs::read_to_string(entry.path()).unwrap()
}

/// The planted corpus, in input (file name) order, and the names of its files.
fn planted(dir: &Path) -> Vec<&'static str> {
    let cna = sample("000");
    let portal = sample("002");
    let cna3 = sample("003");
    let hkc = sample("004");
    let files: Vec<(&'static str, String)> = vec![
        ("01_cna.txt", cna.clone()),
        ("02_portal.txt", portal.clone()),
        // The same article under another URL (so another id): an exact duplicate of 01.
        ("03_cna_copy.txt", cna.replace("202104240003", "202104249999")),
        ("04_empty.txt", String::new()),
        ("05_hkc.txt", hkc.clone()),
        // Two characters of the body changed, under another URL: a near duplicate of 05.
        ("06_hkc_revised.txt", hkc.replace("47751", "47752").replacen("預計持續兩小時", "預計持續三小時", 1)),
        // A sentence shorter than 08, same URL: 08 is a near duplicate of 07 (the first).
        ("07_cna3_revised.txt", cna3.replace("美國聯邦參議院26日以高票通過布林肯出任國務卿的人事案。", "")),
        ("08_cna3.txt", cna3.clone()),
        // Byte for byte 02 again (same id, no URL): an exact duplicate.
        ("09_portal_copy.txt", portal.clone()),
    ];
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    files.iter().map(|(n, _)| *n).collect()
}

struct Run {
    status: i32,
    out: Vec<Value>,
    err: Vec<Value>,
    raw: (Vec<u8>, Vec<u8>),
}

fn run(dir: &Path, args: &[&str], jobs: u8) -> Run {
    let errs = dir.join(format!("errs-{jobs}.jsonl"));
    let out = newsnorm()
        .arg("-q")
        .args(["-j", &jobs.to_string()])
        .arg("--errors")
        .arg(&errs)
        .args(args)
        .arg(dir.join("in"))
        .output()
        .unwrap();
    let err_bytes = std::fs::read(&errs).unwrap();
    Run {
        status: out.status.code().unwrap_or(-1),
        out: json_lines(&out.stdout),
        err: json_lines(&err_bytes),
        raw: (out.stdout, err_bytes),
    }
}

/// Run with -j 1, 2 and 3; all three must write the same bytes.
fn run_all_jobs(dir: &Path, args: &[&str]) -> Run {
    let first = run(dir, args, 1);
    for jobs in [2, 3] {
        let other = run(dir, args, jobs);
        assert_eq!(other.raw, first.raw, "-j {jobs} differs from -j 1 with {args:?}");
        assert_eq!(other.status, first.status);
    }
    first
}

fn file_of(v: &Value) -> String {
    v["source_path"].as_str().unwrap().rsplit('/').next().unwrap().to_owned()
}

fn setup() -> (tempfile::TempDir, Vec<&'static str>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    let names = planted(&dir.path().join("in"));
    (dir, names)
}

#[test]
fn mark_exact_duplicates() {
    let (dir, _) = setup();
    let r = run_all_jobs(dir.path(), &["--dedup", "mark"]);
    assert_eq!(r.status, 1, "the empty file is a failure");
    let files: Vec<_> = r.out.iter().map(file_of).collect();
    assert_eq!(
        files,
        [
            "01_cna.txt",
            "02_portal.txt",
            "03_cna_copy.txt",
            "05_hkc.txt",
            "06_hkc_revised.txt",
            "07_cna3_revised.txt",
            "08_cna3.txt",
            "09_portal_copy.txt"
        ]
    );
    let id = |name: &str| r.out.iter().find(|v| file_of(v) == name).unwrap()["id"].clone();
    let dup = |name: &str| r.out.iter().find(|v| file_of(v) == name).unwrap()["duplicate_of"].clone();
    assert_ne!(id("03_cna_copy.txt"), id("01_cna.txt"));
    assert_eq!(dup("03_cna_copy.txt"), id("01_cna.txt"));
    assert_eq!(dup("09_portal_copy.txt"), id("02_portal.txt"));
    for name in
        ["01_cna.txt", "02_portal.txt", "05_hkc.txt", "06_hkc_revised.txt", "07_cna3_revised.txt", "08_cna3.txt"]
    {
        assert_eq!(dup(name), Value::Null, "{name}");
    }
    assert!(r.out.iter().all(|v| !v["warnings"].as_array().unwrap().contains(&Value::from("near_duplicate"))));
    assert_eq!(r.err.len(), 1);
    assert_eq!(r.err[0]["error"]["kind"], "empty");
}

#[test]
fn mark_near_duplicates() {
    let (dir, _) = setup();
    let r = run_all_jobs(dir.path(), &["--dedup", "mark", "--near-dup", "0.9"]);
    let rec = |name: &str| r.out.iter().find(|v| file_of(v) == name).unwrap().clone();
    let near = |v: &Value| v["warnings"].as_array().unwrap().contains(&Value::from("near_duplicate"));
    assert_eq!(rec("06_hkc_revised.txt")["duplicate_of"], rec("05_hkc.txt")["id"]);
    assert!(near(&rec("06_hkc_revised.txt")));
    // The same URL: the first in input order (the revised, shorter one) wins.
    assert_eq!(rec("08_cna3.txt")["duplicate_of"], rec("07_cna3_revised.txt")["id"]);
    assert!(near(&rec("08_cna3.txt")));
    assert_eq!(rec("07_cna3_revised.txt")["duplicate_of"], Value::Null);
    // Exact duplicates stay exact (no warning).
    assert_eq!(rec("03_cna_copy.txt")["duplicate_of"], rec("01_cna.txt")["id"]);
    assert!(!near(&rec("03_cna_copy.txt")));
    // Different articles are not near duplicates of each other.
    for name in ["01_cna.txt", "02_portal.txt", "05_hkc.txt"] {
        assert_eq!(rec(name)["duplicate_of"], Value::Null, "{name}");
    }
    // --near-dup alone means --dedup mark.
    let stats = dir.path().join("stats.json");
    let alone = run(dir.path(), &["--near-dup", "0.9", "--stats", stats.to_str().unwrap()], 2);
    assert_eq!(alone.raw.0, r.raw.0);
    let s: Value = serde_json::from_str(&std::fs::read_to_string(&stats).unwrap()).unwrap();
    assert_eq!(s["duplicates"], serde_json::json!({"exact": 2, "near": 2, "dropped": 0}));
    assert_eq!(s["warnings"]["near_duplicate"], 2);
}

#[test]
fn drop_keeps_one_line_per_input() {
    let (dir, names) = setup();
    let r = run_all_jobs(dir.path(), &["--dedup", "drop", "--near-dup", "0.9"]);
    let kept: Vec<_> = r.out.iter().map(file_of).collect();
    assert_eq!(kept, ["01_cna.txt", "02_portal.txt", "05_hkc.txt", "07_cna3_revised.txt"]);
    assert!(r.out.iter().all(|v| v["duplicate_of"].is_null()));
    let mut lines: Vec<_> = r.out.iter().chain(r.err.iter()).map(file_of).collect();
    lines.sort();
    assert_eq!(lines, names, "one line per input");
    let dropped = |name: &str| r.err.iter().find(|v| file_of(v) == name).unwrap().clone();
    let first = |name: &str| r.out.iter().find(|v| file_of(v) == name).unwrap().clone();
    for (dup, orig) in [
        ("03_cna_copy.txt", "01_cna.txt"),
        ("06_hkc_revised.txt", "05_hkc.txt"),
        ("08_cna3.txt", "07_cna3_revised.txt"),
        ("09_portal_copy.txt", "02_portal.txt"),
    ] {
        let d = dropped(dup);
        assert_eq!(d.as_object().unwrap().len(), 2, "{d}");
        assert_eq!(d["duplicate_of"]["id"], first(orig)["id"]);
        assert_eq!(d["duplicate_of"]["source_path"], first(orig)["source_path"]);
    }
    // The empty file is the only failure.
    assert_eq!(r.status, 1);
    std::fs::remove_file(dir.path().join("in/04_empty.txt")).unwrap();
    let r = run_all_jobs(dir.path(), &["--dedup", "drop", "--near-dup", "0.9"]);
    assert_eq!(r.status, 0, "dropped duplicates are not failures");
    assert_eq!(r.err.len(), 4);
}

/// More inputs than the reorder window of three workers: the copies of the five samples
/// all point at the first copy, whatever `-j`.
#[test]
fn many_copies_beyond_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let seeds: Vec<String> = ["000", "001", "002", "003", "004"].iter().map(|s| sample(s)).collect();
    let n = 1200;
    for i in 0..n {
        let text = seeds[i % 5].replace("https://", &format!("https://copy{i}."));
        std::fs::write(input.join(format!("{i:05}.txt")), text).unwrap();
    }
    let r = run_all_jobs(dir.path(), &["--dedup", "mark"]);
    assert_eq!(r.out.len(), n);
    for (i, v) in r.out.iter().enumerate() {
        let want = if i < 5 { Value::Null } else { r.out[i % 5]["id"].clone() };
        assert_eq!(v["duplicate_of"], want, "record {i}");
    }
}

#[test]
fn bad_options_are_usage_errors() {
    for args in [&["--near-dup", "1.5"][..], &["--near-dup", "0"], &["--dedup", "keep"]] {
        let out = newsnorm().args(args).arg("samples").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
    }
}
