//! The record contract of SPEC.md (v1.2) as one checker: for the integration tests
//! (through `tests/common`), the property tests and every fuzz target (the fuzz crate
//! includes this file with `#[path]`). It depends on `newsnorm`, `serde_json` and
//! `chrono` only. Each check returns the first broken rule in words, so property tests
//! can shrink on it and the others can panic with it.
//!
//! Lines: a record line, an error object `{"source_path", "error": {"kind", "message"}}`,
//! a dropped duplicate `{"source_path", "duplicate_of": {"id", "source_path"}}` or a page
//! left out by `--page-type` `{"source_path", "page_type"}`: one JSON object, on one line
//! ending in `\n`.

#![allow(dead_code)]

use serde_json::Value;

/// The keys of a record, in SPEC order.
pub const RECORD_KEYS: &[&str] = &[
    "id",
    "format",
    "source_path",
    "title",
    "date",
    "author",
    "publisher",
    "url",
    "archive_url",
    "body",
    "images",
    "tags",
    "category",
    "page_type",
    "language",
    "duplicate_of",
    "warnings",
];

macro_rules! ensure {
    ($cond:expr, $($what:tt)+) => {
        if !$cond {
            return Err(format!($($what)+));
        }
    };
}

/// A record of the library: its line, then its fields.
pub fn check_record(r: &newsnorm::Record) -> Result<(), String> {
    check_record_line(&newsnorm::output::record_line(r)).map(|_| ())
}

/// An error of the library: a documented kind, and an error line that keeps the contract.
pub fn check_error(e: &newsnorm::Error) -> Result<(), String> {
    ensure!(newsnorm::error::KINDS.contains(&e.kind()), "undocumented error kind {}", e.kind());
    check_line(&newsnorm::output::error_line("in/put\n.txt", e)).map(|_| ())
}

/// One output line: a record, an error object, a dropped duplicate or a page left out by
/// `--page-type`, by its keys.
pub fn check_line(line: &[u8]) -> Result<Value, String> {
    let v = one_json_line(line)?;
    if v.get("error").is_some() {
        check_error_value(&v)?;
    } else if v.get("duplicate_of").is_some_and(Value::is_object) {
        check_dropped_value(&v)?;
    } else if v.get("id").is_none() && v.get("page_type").is_some() {
        check_left_out_value(&v)?;
    } else {
        check_key_order(line)?;
        check_record_value(&v)?;
    }
    Ok(v)
}

/// A record line: one JSON line with the SPEC's keys in order, keeping the contract.
pub fn check_record_line(line: &[u8]) -> Result<Value, String> {
    let v = one_json_line(line)?;
    check_key_order(line)?;
    check_record_value(&v)?;
    Ok(v)
}

fn one_json_line(line: &[u8]) -> Result<Value, String> {
    ensure!(line.last() == Some(&b'\n'), "a line must end with a newline");
    ensure!(line.iter().filter(|&&b| b == b'\n').count() == 1, "a raw newline inside the JSON line");
    let v: Value =
        serde_json::from_slice(line).map_err(|e| format!("not JSON ({e}): {}", String::from_utf8_lossy(line)))?;
    ensure!(v.is_object(), "a line is not a JSON object");
    Ok(v)
}

/// The record keys, each once, in SPEC order (on the raw line: a parsed map does not
/// keep the order). A key's `"name":` cannot occur inside a string value, whose quotes
/// are escaped.
fn check_key_order(line: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(line).map_err(|e| format!("not UTF-8: {e}"))?;
    let mut from = 0;
    for key in RECORD_KEYS {
        let needle = format!("\"{key}\":");
        let at =
            text.get(from..).and_then(|rest| rest.find(&needle)).ok_or(format!("key {key} missing or out of order"))?;
        from += at + needle.len();
    }
    let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let n = v.as_object().map_or(0, serde_json::Map::len);
    ensure!(n == RECORD_KEYS.len(), "{n} keys, the SPEC has {}", RECORD_KEYS.len());
    Ok(())
}

fn is_id(v: &Value) -> bool {
    v.as_str().is_some_and(|s| s.len() == 16 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

fn check_url(what: &str, u: &str) -> Result<(), String> {
    ensure!(u.starts_with("http://") || u.starts_with("https://"), "{what} {u:?} is not absolute http(s)");
    ensure!(!u.contains(|c: char| c.is_whitespace() || !c.is_ascii()), "{what} {u:?} has whitespace or non-ASCII");
    Ok(())
}

/// A one-line text: non-empty, no line break, no surrounding whitespace.
fn check_inline(what: &str, s: &str) -> Result<(), String> {
    ensure!(!s.is_empty(), "{what} is empty (null is written for none)");
    ensure!(!s.contains(['\n', '\r']), "{what} {s:?} has a line break");
    ensure!(s.trim() == s, "{what} {s:?} is not trimmed");
    Ok(())
}

fn opt_str<'a>(v: &'a Value, key: &str) -> Result<Option<&'a str>, String> {
    match v.get(key) {
        Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        other => Err(format!("{key} is {other:?}, not a string or null")),
    }
}

fn str_of<'a>(v: &'a Value, key: &str) -> Result<&'a str, String> {
    v.get(key).and_then(Value::as_str).ok_or(format!("{key} is not a string"))
}

/// A date as the SPEC writes it: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS+HH:MM`.
pub fn check_date(d: &str) -> Result<(), String> {
    let day = d.len() == 10 && chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok();
    let full = d.len() == 25 && chrono::DateTime::parse_from_rfc3339(d).is_ok() && d.as_bytes().get(10) == Some(&b'T');
    ensure!(day || full, "date {d:?} is neither YYYY-MM-DD nor YYYY-MM-DDTHH:MM:SS+HH:MM");
    Ok(())
}

/// The fields of a record (a parsed record line).
pub fn check_record_value(v: &Value) -> Result<(), String> {
    ensure!(is_id(&v["id"]), "id {} is not 16 lowercase hex characters", v["id"]);
    let format = str_of(v, "format")?;
    ensure!(
        !format.is_empty()
            && format.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'),
        "format {format:?}"
    );
    ensure!(!str_of(v, "source_path")?.is_empty(), "empty source_path");

    let warnings: Vec<&str> = v["warnings"]
        .as_array()
        .ok_or("warnings is not an array")?
        .iter()
        .map(|w| w.as_str().ok_or(format!("warning {w} is not a string")))
        .collect::<Result<_, _>>()?;
    for (i, w) in warnings.iter().enumerate() {
        ensure!(newsnorm::record::WARNINGS.contains(w), "warning {w:?} is not a documented code");
        ensure!(!warnings[..i].contains(w), "warning {w:?} twice");
    }

    let title = str_of(v, "title")?;
    ensure!(!title.contains(['\n', '\r', '\t']), "title {title:?} is not one line");
    // ASCII space is trimmed; U+3000 is kept (SPEC: title).
    ensure!(title.trim_matches(|c: char| c.is_ascii_whitespace()) == title, "title {title:?} is not trimmed");
    ensure!(!title.is_empty() || warnings.contains(&"no_title"), "an empty title without warning no_title");

    if let Some(d) = opt_str(v, "date")? {
        check_date(d)?;
    }
    for key in ["author", "publisher", "category", "language"] {
        if let Some(s) = opt_str(v, key)? {
            check_inline(key, s)?;
        }
    }
    if let Some(lang) = opt_str(v, "language")? {
        let mut parts = lang.split('-');
        let primary = parts.next().unwrap_or("");
        ensure!(
            (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase()),
            "language {lang:?} is not a BCP 47 tag"
        );
        ensure!(parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric())), "language {lang:?}");
    }
    for key in ["url", "archive_url"] {
        if let Some(u) = opt_str(v, key)? {
            check_url(key, u)?;
        }
    }
    ensure!(
        v["duplicate_of"].is_null() || is_id(&v["duplicate_of"]),
        "duplicate_of {} is not an id",
        v["duplicate_of"]
    );
    let page_type = str_of(v, "page_type")?;
    ensure!(newsnorm::PageType::from_name(page_type).is_some(), "page_type {page_type:?}");

    let images = v["images"].as_array().ok_or("images is not an array")?;
    for img in images {
        let o = img.as_object().ok_or("an image is not an object")?;
        ensure!(o.len() == 2, "an image has keys other than url and caption: {img}");
        check_url("image url", str_of(img, "url")?)?;
        if let Some(c) = opt_str(img, "caption")? {
            check_inline("caption", c)?;
        }
    }
    let tags = v["tags"].as_array().ok_or("tags is not an array")?;
    let mut seen = std::collections::HashSet::with_capacity(tags.len());
    for t in tags {
        let t = t.as_str().ok_or("a tag is not a string")?;
        check_inline("tag", t)?;
        ensure!(seen.insert(t), "tag {t:?} twice");
    }

    let body = str_of(v, "body")?;
    let media_only = warnings.contains(&"media_only");
    ensure!(body.is_empty() == media_only, "an empty body goes with warning media_only, and only it: {body:?}");
    if !body.is_empty() {
        ensure!(!body.contains('\r'), "a carriage return in the body");
        // SPEC v1.1: paragraphs separated by one blank line; a line break inside a
        // paragraph is a single `\n` between lines of text.
        for p in body.split("\n\n") {
            ensure!(!p.is_empty() && p.trim() == p, "paragraph {p:?} is empty or not trimmed (a blank line too many?)");
            for line in p.split('\n') {
                ensure!(
                    !line.is_empty() && line.trim() == line,
                    "line {line:?} of paragraph {p:?} is empty or not trimmed"
                );
            }
        }
    }
    Ok(())
}

/// An error object: its `source_path`, a documented `kind` and a message naming the input.
pub fn check_error_value(v: &Value) -> Result<(), String> {
    let o = v.as_object().ok_or("not an object")?;
    ensure!(o.len() == 2, "an error object has keys other than source_path and error: {v}");
    let path = str_of(v, "source_path")?;
    let kind = v["error"]["kind"].as_str().ok_or("error.kind is not a string")?;
    ensure!(newsnorm::error::KINDS.contains(&kind), "undocumented error kind {kind}");
    let message = v["error"]["message"].as_str().ok_or("error.message is not a string")?;
    ensure!(message.starts_with(path), "the message {message:?} does not start with the input's path {path:?}");
    Ok(())
}

/// A dropped duplicate's line.
pub fn check_dropped_value(v: &Value) -> Result<(), String> {
    ensure!(!str_of(v, "source_path")?.is_empty(), "empty source_path");
    ensure!(is_id(&v["duplicate_of"]["id"]), "duplicate_of.id {} is not an id", v["duplicate_of"]["id"]);
    str_of(&v["duplicate_of"], "source_path")?;
    Ok(())
}

/// The line of a page left out by `--page-type`: its `source_path` and its kind.
pub fn check_left_out_value(v: &Value) -> Result<(), String> {
    let o = v.as_object().ok_or("not an object")?;
    ensure!(o.len() == 2, "a page-type line has keys other than source_path and page_type: {v}");
    ensure!(!str_of(v, "source_path")?.is_empty(), "empty source_path");
    let page_type = str_of(v, "page_type")?;
    ensure!(newsnorm::PageType::from_name(page_type).is_some(), "page_type {page_type:?}");
    Ok(())
}
