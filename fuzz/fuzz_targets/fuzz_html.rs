//! HTML extraction with the rules of an outlet picked by the first byte.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use newsnorm::html;
use newsnorm::sites::Outlets;

fuzz_target!(|data: &[u8]| {
    let (sel, rest) = common::split_selector(data);
    let text = common::text(rest);
    let outlets = Outlets::builtin();
    let base = Some("https://example.org/news/1.html");
    let x = match outlets.iter().nth(usize::from(sel) % (outlets.iter().count() + 1)) {
        Some(o) => o.with_html_rules(None, None, base, |rules| html::extract(&text, rules)),
        None => html::extract(&text, html::Rules { base, ..Default::default() }),
    };
    for p in &x.paragraphs {
        assert!(!p.is_empty(), "empty paragraph");
    }
    let _ = html::nesting_depth(&text);
});
