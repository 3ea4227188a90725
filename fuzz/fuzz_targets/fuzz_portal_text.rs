//! `portal-text`: detector, extractor, `into_record` and the JSON line. Every input runs
//! raw, then glued into a valid portal dump picked by its first byte: the rest as the
//! body and chrome under a title and dateline, as the head lines above a dateline, or
//! as the outlet of the dateline. A NUL splits the input into two parts.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::fuzz_format("portal-text", data, |sel, a, b| {
        let outlet = common::site_label(sel / 3);
        match sel % 3 {
            0 => format!("標題 一\n\n標題 一\n\n{outlet} 2024-04-26 10:45\n\n{a}\n\n原始連結\n\n{b}"),
            1 => format!("{a}\n{outlet} 2024-04-26 10:45\n第一段。\n{b}\n熱門文章\n分享"),
            _ => format!("{a}\n\n{b} 2024-04-26 10:45\n\n正文。\n\n原始連結\n"),
        }
    });
});
