//! Shared helpers of the fuzz targets: the record invariants of SPEC.md, and skeletons
//! that glue fuzz input into otherwise valid files so the extractors' deep paths run.

#![allow(dead_code)]

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

/// An error has a known kind and an error line that is one JSON line.
pub fn check_error(e: &Error) {
    assert!(newsnorm::error::KINDS.contains(&e.kind()), "unknown kind {}", e.kind());
    let line = newsnorm::output::error_line("fuzz/input", e);
    one_json_line(&line);
}

fn one_json_line(line: &[u8]) -> serde_json::Value {
    assert_eq!(line.last(), Some(&b'\n'), "line must end with a newline");
    assert_eq!(line.iter().filter(|&&b| b == b'\n').count(), 1, "a raw newline inside the JSON line");
    match serde_json::from_slice::<serde_json::Value>(line) {
        Ok(v) => v,
        Err(e) => panic!("not JSON: {e}: {}", String::from_utf8_lossy(line)),
    }
}

/// The record invariants of SPEC.md.
pub fn check_record(r: &Record) {
    let line = newsnorm::output::record_line(r);
    let v = one_json_line(&line);
    assert!(v.is_object(), "record line is not an object");

    assert_eq!(r.id.len(), 16, "id {:?}", r.id);
    assert!(r.id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)), "id {:?}", r.id);

    assert!(!r.body.is_empty(), "empty body in a record");
    for p in r.body.split("\n\n") {
        assert!(!p.is_empty(), "empty paragraph in body {:?}", r.body);
        assert!(!p.contains('\n'), "a line break inside a paragraph: {p:?}");
        assert_eq!(p.trim_matches([' ', '\u{3000}']), p, "untrimmed paragraph {p:?}");
    }
    assert!(!r.title.contains(['\n', '\r']), "line break in title {:?}", r.title);
    // ASCII space is trimmed; U+3000 is kept as the contract says (SPEC: title).
    assert_eq!(r.title.trim_matches(|c: char| c.is_ascii_whitespace()), r.title, "untrimmed title {:?}", r.title);

    if let Some(u) = &r.url {
        assert!(u.starts_with("http://") || u.starts_with("https://"), "url {u:?}");
        assert!(!u.contains(char::is_whitespace), "whitespace in url {u:?}");
    }
    if let Some(u) = &r.archive_url {
        assert!(u.starts_with("http://") || u.starts_with("https://"), "archive_url {u:?}");
    }
    for img in &r.images {
        assert!(img.url.starts_with("http://") || img.url.starts_with("https://"), "image url {:?}", img.url);
    }
    if let Some(d) = &r.date {
        let ok = chrono::DateTime::parse_from_rfc3339(d).is_ok()
            || chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok() && d.len() == 10;
        assert!(ok, "date {d:?} is neither RFC 3339 nor YYYY-MM-DD");
    }
    for t in &r.tags {
        assert!(!t.is_empty(), "empty tag");
    }
    for w in &r.warnings {
        assert!(w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "warning {w:?}");
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
