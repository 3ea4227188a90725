//! `mhtml`: detector, reader (MIME parsing, the HTML part's decoding, the page reader)
//! and record. The input raw, then glued into a saved page picked by its first byte: as
//! the quoted-printable HTML part, as a base64 part, or as the headers. A NUL splits the
//! rest into two fuzzed parts.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::fuzz_format("mhtml", data, |sel, a, b| {
        let host = common::site_host(sel / 3);
        let head = format!(
            "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://{host}/a\r\nMIME-Version: 1.0\r\n\
             Content-Type: multipart/related; type=\"text/html\"; boundary=\"B\"\r\n\r\n"
        );
        match sel % 3 {
            0 => format!("{head}--B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{a}\r\n--B\r\n{b}\r\n--B--\r\n"),
            1 => format!("{head}--B\r\nContent-Type: text/html; charset={b}\r\nContent-Transfer-Encoding: base64\r\n\r\n{a}\r\n--B--\r\n"),
            _ => format!("{a}\r\nContent-Type: multipart/related; boundary=\"{b}\"\r\n\r\n--{b}\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n"),
        }
    });
});
