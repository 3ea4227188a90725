//! The `html` format (full pages): the input raw, then glued into a page skeleton: as
//! the body, as a JSON-LD block, or as the head's meta/title (the first byte picks the
//! skeleton and an outlet host for the canonical URL, so outlet rules run); a NUL
//! splits the rest into two fuzzed parts.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::fuzz_format("html", data, |sel, a, b| {
        let host = common::site_host(sel);
        let head = format!("<link rel=canonical href=\"https://{host}/2020/01/02/a.html\">");
        match sel % 4 {
            0 => format!("<!doctype html><html><head>{head}<title>{b}</title></head><body>{a}</body></html>"),
            1 => format!(
                "<!doctype html><html><head>{head}<script type=\"application/ld+json\">{a}</script></head>\
                 <body><article><p>{b}</p></article></body></html>"
            ),
            2 => format!("<!doctype html><html><head>{head}{a}</head><body><div class=\"content\">{b}</div></body></html>"),
            _ => format!(
                "<!doctype html><html lang=en><head>{head}<meta property=\"article:published_time\" content=\"{b}\">\
                 <meta name=author content=\"{b}\"></head><body><header><p class=byline>{b}</p></header>\
                 <main><p>{a}</p><ol><li>{b}</li></ol><figure><img src=\"{b}\"><figcaption>{a}</figcaption></figure></main></body></html>"
            ),
        }
    });
});
