//! `wayback-markdown`: detector, extractor, `into_record` and the JSON line. Every input
//! runs raw, then glued into a valid file picked by its first byte: the rest as the
//! Markdown body under valid front matter (outlet host picked by the same byte;
//! hkcnews cuts at `---` rules), as the front matter above a valid body, or as the
//! `original_url` value. A NUL splits the input into two parts.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::fuzz_format("wayback-markdown", data, |sel, a, b| {
        let host = common::site_host(sel / 3);
        match sel % 3 {
            0 => format!(
                "---\ntitle: \"標題\"\ndate: \"2021-11-16\"\nauthor: \"記者林勵\"\ncategory: \"眾聞\"\ntags:\n  - \"a\"\n\
                 url: \"https://web.archive.org/web/20220117161412/https://{host}/article/47751/x\"\n\
                 original_url: \"https://{host}/article/47751/x\"\n---\n\n# 標題\n\n{a}{b}"
            ),
            1 => format!("---\n{a}\n---\n\n# 標題\n\n正文。{b}\n"),
            _ => format!(
                "---\ntitle: t\nurl: \"https://web.archive.org/web/2022/https://{host}/a\"\noriginal_url: {a}\n---\n{b}\n"
            ),
        }
    });
});
