//! HTML extraction with the rules of an outlet picked by the first byte.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use newsnorm::html;
use newsnorm::sites::SITES;

fuzz_target!(|data: &[u8]| {
    let (sel, rest) = common::split_selector(data);
    let text = common::text(rest);
    let rules = match SITES.get(usize::from(sel) % (SITES.len() + 1)) {
        Some(site) => site.html_rules(),
        None => html::Rules::default(),
    };
    let rules = html::Rules { base: Some("https://example.org/news/1.html"), ..rules };
    let x = html::extract(&text, rules);
    for p in &x.paragraphs {
        assert!(!p.is_empty(), "empty paragraph");
    }
    let _ = html::nesting_depth(&text);
});
