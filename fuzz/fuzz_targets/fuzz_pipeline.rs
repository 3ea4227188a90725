//! The whole pipeline on arbitrary bytes: every decoding path (BOMs, NULs / UTF-16
//! guesses, valid and damaged UTF-8, `<meta charset>`, chardetng), detection,
//! extraction, normalisation, the record and its JSON line. Then once more with a
//! forced encoding and format picked from the input's length, so `--encoding` and
//! `--format` paths run on the same bytes.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use newsnorm::{Options, process_bytes};

const ENCODINGS: &[&encoding_rs::Encoding] = &[
    encoding_rs::BIG5,
    encoding_rs::GB18030,
    encoding_rs::GBK,
    encoding_rs::SHIFT_JIS,
    encoding_rs::EUC_KR,
    encoding_rs::UTF_16LE,
    encoding_rs::UTF_16BE,
    encoding_rs::WINDOWS_1252,
    encoding_rs::ISO_2022_JP,
    encoding_rs::UTF_8,
];

fn run(data: &[u8], opts: &Options) {
    match process_bytes("fuzz/input", data, opts) {
        Ok(record) => common::check_record(&record),
        Err(e) => common::check_error(&e),
    }
    let _ = newsnorm::detect_bytes(data, opts);
}

fuzz_target!(|data: &[u8]| {
    run(data, &Options::default());

    let n = data.len();
    let encoding = ENCODINGS.get(n % ENCODINGS.len()).copied();
    let formats = newsnorm::formats::FORMATS;
    let format = formats.get((n / ENCODINGS.len()) % (formats.len() + 1)).copied();
    run(data, &Options { format, encoding, ..Options::default() });
});
