//! Markdown rendering (pulldown-cmark, shortcodes, raw HTML blocks, rules).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use newsnorm::markdown;

fuzz_target!(|data: &[u8]| {
    let (sel, rest) = common::split_selector(data);
    let text = common::text(rest);
    let base = (sel & 2 != 0).then_some("https://web.archive.org/web/2022/https://hkcnews.com/article/1/x");
    let promo = ["請加入成為眾新聞的月費訂戶".to_owned(), "![博客 |".to_owned()];
    let cut = match sel & 5 {
        0 => markdown::Cut::Never,
        1 => markdown::Cut::AtRuleBefore(&promo),
        _ => markdown::Cut::AtAnyRule,
    };
    let x = markdown::render(&text, cut, base);
    for p in &x.paragraphs {
        assert!(!p.is_empty(), "empty paragraph");
    }
});
