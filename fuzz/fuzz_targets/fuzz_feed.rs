//! `feed`: detector, reader (every item, through the pipeline) and records. The input raw,
//! then glued into a feed picked by its first byte: as an item's CDATA content, as an
//! Atom entry's xhtml content, as an item's title and date, or as raw items in a channel.
//! A NUL splits the rest into two fuzzed parts.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let host = common::site_host(data.first().copied().unwrap_or(0));
    let skeleton = move |sel: u8, a: &str, b: &str| match sel % 4 {
        0 => format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
             <channel><title>T</title><link>https://{host}/</link><item><title>{b}</title><link>/a/1</link>\
             <content:encoded><![CDATA[{a}]]></content:encoded></item><item><title>2</title>\
             <description>{b}</description></item></channel></rss>"
        ),
        1 => format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://{host}/\"><title>F</title>\
             <entry><title type=\"html\">{b}</title><link href=\"{b}\"/><content type=\"xhtml\">\
             <div xmlns=\"http://www.w3.org/1999/xhtml\">{a}</div></content></entry></feed>"
        ),
        2 => format!(
            "<rss><channel><item><title>{a}</title><pubDate>{b}</pubDate><link>https://{host}/x</link>\
             <description>&lt;p&gt;text&lt;/p&gt;</description></item></channel></rss>"
        ),
        _ => format!("<rss version=\"2.0\"><channel><title>{b}</title>{a}</channel></rss>"),
    };
    common::fuzz_format("feed", data, skeleton);
    let (sel, rest) = common::split_selector(data);
    let input = common::text(rest);
    let (a, b) = common::two_parts(&input);
    common::check_each("fuzz/feed.xml", &skeleton(sel, a, b));
    common::check_each("fuzz/feed.xml", &common::text(data));
});
