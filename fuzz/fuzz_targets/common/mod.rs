//! Shared helpers of the fuzz targets: the record contract of SPEC.md (the one checker of
//! the tests, `tests/common/contract.rs`, included here), and skeletons that glue fuzz
//! input into otherwise valid files so the extractors' deep paths run.

#![allow(dead_code)]

#[path = "../../../tests/common/contract.rs"]
pub mod contract;

use newsnorm::formats::{FORMATS, Format};
use newsnorm::record::Article;
use newsnorm::sites::Outlets;
use newsnorm::{Error, Record};

/// The input as text (lossy), the way the pipeline sees damaged UTF-8.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// A selector byte and the rest (empty input: selector 0).
pub fn split_selector(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((b, rest)) => (*b, rest),
        None => (0, data),
    }
}

/// Two fuzz-controlled parts: split at the first NUL (none: everything is the first).
pub fn two_parts(s: &str) -> (&str, &str) {
    s.split_once('\0').unwrap_or((s, ""))
}

/// A site label chosen by `sel`, so every outlet's rules are reached.
pub fn site_label(sel: u8) -> &'static str {
    let outlets = Outlets::builtin();
    let i = usize::from(sel) % (outlets.iter().count() + 1);
    outlets.iter().nth(i).and_then(|s| s.names().first()).map_or("Unknown Feed", String::as_str)
}

/// A host of an outlet chosen by `sel` (for URL-driven site lookup).
pub fn site_host(sel: u8) -> &'static str {
    let outlets = Outlets::builtin();
    let i = usize::from(sel) % (outlets.iter().count() + 1);
    outlets.iter().nth(i).and_then(|s| s.hosts().first()).map_or("example.org", String::as_str)
}

pub fn format(name: &str) -> &'static dyn Format {
    match newsnorm::formats::by_name(name) {
        Some(f) => f,
        None => panic!("no format {name}"),
    }
}

/// Every detector must run on any text (and stay in 0..=100).
pub fn detect_all(text: &str) {
    for f in FORMATS {
        let score = f.detect(text);
        assert!(score <= 100, "{} detect gave {score}", f.name());
    }
    let _ = newsnorm::formats::detect(text);
}

/// Extract with one format, build the record and check it.
pub fn extract_and_check(format: &'static dyn Format, text: &str) {
    match format.extract(text, &newsnorm::formats::Context::default()) {
        Ok(article) => check_article(format, article),
        Err(e) => check_error(&e),
    }
}

pub fn check_article(format: &'static dyn Format, article: Article) {
    match article.into_record(format.name(), "fuzz/input") {
        Ok(record) => check_record(&record),
        Err(e) => check_error(&e),
    }
}

/// An error has a documented kind and an error line that keeps the contract.
pub fn check_error(e: &Error) {
    if let Err(problem) = contract::check_error(e) {
        panic!("{problem}");
    }
}

/// The record contract of SPEC.md.
pub fn check_record(r: &Record) {
    if let Err(problem) = contract::check_record(r) {
        panic!("{problem}: {r:?}");
    }
}

/// One format's fuzz run: the input raw, as a file of the format would come, then glued
/// into a skeleton by `skeleton(selector byte, first part, second part)`, the selector
/// being the input's first byte and the parts the rest split at its first NUL. Both
/// texts go through every detector and through this format's extractor and checks.
pub fn fuzz_format(name: &str, data: &[u8], skeleton: impl Fn(u8, &str, &str) -> String) {
    let format = format(name);
    let raw = text(data);
    detect_all(&raw);
    extract_and_check(format, &raw);

    let (sel, rest) = split_selector(data);
    let input = text(rest);
    let (a, b) = two_parts(&input);
    let glued = skeleton(sel, a, b);
    detect_all(&glued);
    extract_and_check(format, &glued);
}

/// Every record or error of an input through the pipeline (each item of a container),
/// each checked.
pub fn check_each(path: &str, text: &str) {
    let opts = newsnorm::Options::default();
    newsnorm::process_each(path, text.as_bytes(), &newsnorm::Hint::default(), &opts, &mut |_, r| match r {
        Ok(record) => check_record(&record),
        Err(e) => check_error(&e),
    });
}
