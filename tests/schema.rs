//! `newsnorm schema` prints schema/record.schema.json; every line of the corpus runs
//! (records, error objects, dropped-duplicate lines) validates against it; SPEC.md lists
//! every warning code and error kind.

mod common;

use std::path::Path;

use common::{corpus, json_lines, newsnorm, root};
use serde_json::Value;

fn schema() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join("schema/record.schema.json")).unwrap()).unwrap()
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("a valid draft 2020-12 schema")
}

/// Validate every line of `bytes`; returns how many there were.
fn validate_lines(v: &jsonschema::Validator, bytes: &[u8], what: &str) -> usize {
    let lines = json_lines(bytes);
    for line in &lines {
        let errors: Vec<String> = v.iter_errors(line).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{what}: {line} does not match the schema: {errors:?}");
    }
    lines.len()
}

/// Run with `args`, validate stdout and the error stream; returns the line counts.
fn run_and_validate(v: &jsonschema::Validator, args: &[&std::ffi::OsStr], what: &str) -> (usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let errs = dir.path().join("errs.jsonl");
    let out = newsnorm().arg("-q").arg("--errors").arg(&errs).args(args).output().unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{what}: {:?}", out.status);
    (validate_lines(v, &out.stdout, what), validate_lines(v, &std::fs::read(&errs).unwrap(), what))
}

#[test]
fn the_command_prints_the_checked_in_file() {
    let out = newsnorm().arg("schema").output().unwrap();
    assert!(out.status.success());
    assert_eq!(out.stdout, std::fs::read(root().join("schema/record.schema.json")).unwrap());
    assert_eq!(schema()["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(jsonschema::meta::is_valid(&schema()));
}

#[test]
fn the_schema_rejects_what_breaks_the_contract() {
    let v = validator();
    let out = newsnorm().arg("-q").arg("samples/000_50549907408c293c.txt").output().unwrap();
    let good: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.is_valid(&good));
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("language");
    assert!(!v.is_valid(&missing), "a record without language");
    let mut bad_id = good.clone();
    bad_id["id"] = Value::from("XYZ");
    assert!(!v.is_valid(&bad_id));
    let mut extra = good.clone();
    extra["extra"] = Value::from(1);
    assert!(!v.is_valid(&extra));
    let mut bad_date = good;
    bad_date["date"] = Value::from("yesterday");
    assert!(!v.is_valid(&bad_date));
    assert!(!v.is_valid(&serde_json::json!({"source_path": "x", "error": {"kind": "Not A Code", "message": "m"}})));
    assert!(v.is_valid(
        &serde_json::json!({"source_path": "x", "duplicate_of": {"id": "0123456789abcdef", "source_path": "y"}})
    ));
    // The line of a page left out by --page-type.
    assert!(v.is_valid(&serde_json::json!({"source_path": "x#12", "page_type": "listing"})));
    assert!(!v.is_valid(&serde_json::json!({"source_path": "x", "page_type": "blog"})));
    assert!(!v.is_valid(&serde_json::json!({"source_path": "x", "page_type": "listing", "extra": 1})));
}

#[test]
fn samples_and_planted_duplicates_validate() {
    let v = validator();
    let (records, _) = run_and_validate(&v, &["samples".as_ref()], "samples");
    assert_eq!(records, 5);
    // Planted duplicates and a failure, marked and dropped.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for entry in std::fs::read_dir(root().join("samples")).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        std::fs::write(input.join(format!("a-{name}")), &text).unwrap();
        std::fs::write(input.join(format!("b-{name}")), text.replace("https://", "https://copy.")).unwrap();
        std::fs::write(input.join(format!("c-{name}")), text.replacen("。", "，", 2)).unwrap();
    }
    std::fs::write(input.join("d-empty.txt"), "").unwrap();
    for mode in ["mark", "drop"] {
        let args: [&std::ffi::OsStr; 5] =
            ["--dedup".as_ref(), mode.as_ref(), "--near-dup".as_ref(), "0.8".as_ref(), input.as_os_str()];
        let (records, errors) = run_and_validate(&v, &args, mode);
        assert_eq!(records + errors, 16, "{mode}");
        if mode == "drop" {
            assert!(errors > 1, "dropped lines are on the error stream");
        }
    }
}

#[test]
fn corpus_validates() {
    let Some(corpus) = corpus() else { return };
    let v = validator();
    let dirs = [corpus.join("jekyll"), corpus.join("wayback-md")];
    let args: Vec<&std::ffi::OsStr> = dirs.iter().map(|d| d.as_os_str()).collect();
    let (records, errors) = run_and_validate(&v, &args, "corpus");
    assert!(records > 500, "{records} records");
    let args: Vec<&std::ffi::OsStr> =
        ["--dedup".as_ref(), "drop".as_ref(), "--near-dup".as_ref(), "0.9".as_ref()].into_iter().chain(args).collect();
    let (r2, e2) = run_and_validate(&v, &args, "corpus, dropped duplicates");
    assert_eq!(r2 + e2, records + errors);
}

/// The contract in the repository names every code a line can carry.
#[test]
fn spec_lists_every_warning_and_error_kind() {
    let spec = std::fs::read_to_string(root().join("SPEC.md")).unwrap();
    for code in newsnorm::record::WARNINGS.iter().chain(newsnorm::error::KINDS) {
        assert!(spec.contains(&format!("`{code}`")), "SPEC.md does not list `{code}`");
    }
    assert!(Path::new(&root().join("README.md")).exists());
}
