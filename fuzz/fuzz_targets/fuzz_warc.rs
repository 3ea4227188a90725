//! The WARC reader on arbitrary bytes: as they are (plain, or gzip when they start with
//! the magic), gzipped whole, gzipped per record (split before each `WARC/`), and as
//! the HTTP block of a valid `response` record (so the status line, the headers, the
//! chunked and Content-Encoding decoding run). Every input it yields is named
//! `fuzz.warc#OFFSET`, with offsets increasing within the file in the uncompressed
//! layouts, and a payload no larger than the size limit; each payload then goes
//! through the pipeline with its hint.
#![no_main]

mod common;

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use libfuzzer_sys::fuzz_target;
use newsnorm::input::warc::{Reader, SkipCount};
use newsnorm::input::Source;
use newsnorm::{Options, process};

const MAX_SIZE: u64 = 16 * 1024;

fn gz(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

/// Split before every `WARC/` and gzip each piece.
fn per_record(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut start = 0;
    for at in memchr::memmem::find_iter(data, b"WARC/").chain(std::iter::once(data.len())) {
        if at > start {
            out.extend(gz(&data[start..at]));
            start = at;
        }
    }
    out
}

fn check(bytes: &[u8], uncompressed: bool) {
    let skipped = SkipCount::default();
    let opts = Options { max_size: MAX_SIZE, ..Options::default() };
    let mut last: Option<u64> = None;
    let mut n = 0usize;
    for input in Reader::new(std::io::Cursor::new(bytes), "fuzz.warc".to_owned(), MAX_SIZE, skipped.clone()) {
        n += 1;
        assert!(n <= bytes.len() + 1, "more inputs than bytes");
        let offset: u64 = input
            .display
            .strip_prefix("fuzz.warc#")
            .and_then(|o| o.parse().ok())
            .unwrap_or_else(|| panic!("bad source_path {}", input.display));
        if uncompressed {
            assert!(offset < bytes.len() as u64, "offset {offset} past the end");
            assert!(last.is_none_or(|l| offset > l), "offsets not increasing: {last:?} then {offset}");
        }
        last = Some(offset);
        match &input.source {
            Ok(Source::Bytes(payload)) => {
                assert!(payload.len() as u64 <= MAX_SIZE, "payload over the limit");
                match process(&input.display, payload, &input.hint, &opts) {
                    Ok(record) => common::check_record(&record),
                    Err(e) => common::check_error(&e),
                }
            }
            Ok(other) => panic!("a WARC input that is not bytes: {other:?}"),
            Err(e) => common::check_error(e),
        }
    }
    assert!(skipped.get() <= bytes.len() as u64);
}

fuzz_target!(|data: &[u8]| {
    let (sel, rest) = common::split_selector(data);
    match sel % 4 {
        0 => check(rest, !rest.starts_with(&[0x1f, 0x8b])),
        1 => check(&gz(rest), false),
        2 => check(&per_record(rest), false),
        _ => {
            let mut warc = format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\nContent-Length: {}\r\n\r\n",
                rest.len()
            )
            .into_bytes();
            warc.extend_from_slice(rest);
            warc.extend_from_slice(b"\r\n\r\n");
            check(&warc, true);
        }
    }
});
