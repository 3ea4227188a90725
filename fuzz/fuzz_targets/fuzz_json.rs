//! `json`: detector, reader (every object of an array or JSON Lines, through the
//! pipeline) and records. The input raw, then glued into JSON picked by its first byte:
//! as a news-please `maintext`, as a scrapy item's raw page, as lines of JSON Lines, or
//! as a fundus body. A NUL splits the rest into two fuzzed parts.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let host = common::site_host(data.first().copied().unwrap_or(0));
    let skeleton = move |sel: u8, a: &str, b: &str| {
        let (ja, jb) = (serde_json::Value::from(a), serde_json::Value::from(b));
        match sel % 4 {
            0 => format!("{{\"title\": {jb}, \"maintext\": {ja}, \"url\": \"https://{host}/a\", \"date_publish\": {jb}}}"),
            1 => format!("[{{\"url\": \"https://{host}/p\", \"html\": {ja}}}, {{\"url\": {jb}, \"text\": {ja}}}]"),
            2 => format!("{a}\n{{\"url\": \"https://{host}/l\", \"content\": {jb}}}\n{b}\n"),
            _ => format!("{{\"title\": {jb}, \"body\": {{\"summary\": [{ja}], \"sections\": [{{\"headline\": [], \"paragraphs\": [{ja}, {jb}]}}]}}, \"publishing_date\": {jb}}}"),
        }
    };
    common::fuzz_format("json", data, skeleton);
    let (sel, rest) = common::split_selector(data);
    let input = common::text(rest);
    let (a, b) = common::two_parts(&input);
    common::check_each("fuzz/items.json", &skeleton(sel, a, b));
    common::check_each("fuzz/items.json", &common::text(data));
});
