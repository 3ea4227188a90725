//! `markdown` (static-site posts): detector, reader and record. The input raw, then glued
//! into a post picked by its first byte: as the Markdown body under YAML front matter,
//! as the body under TOML front matter, or as front matter values. A NUL splits the rest
//! into two fuzzed parts.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::fuzz_format("markdown", data, |sel, a, b| {
        let host = common::site_host(sel / 3);
        match sel % 3 {
            0 => format!("---\ntitle: \"T\"\nauthor: A\ncanonical_url: https://{host}/p\ntags: [x, y]\n---\n\n{a}\n\n{b}\n"),
            1 => format!("+++\ntitle = \"T\"\ndate = 2024-05-07T10:30:00+02:00\n+++\n{a}\n{{{{< x >}}}}\n{b}\n"),
            _ => format!("---\ntitle: {a}\ndate: {b}\nauthors: [{b}]\n---\nBody text.\n"),
        }
    });
});
