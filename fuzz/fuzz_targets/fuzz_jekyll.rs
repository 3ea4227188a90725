//! `jekyll`: detector, extractor, `into_record` and the JSON line. Every input runs
//! raw (as a file would come), then glued into a valid post picked by its first byte:
//! the rest as the HTML body, as the front matter, or as the preamble lines between
//! them, with an outlet label and host picked by the same byte so every site's HTML
//! rules run. A NUL in the input splits it into two parts for the skeletons.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::fuzz_format("jekyll", data, |sel, a, b| {
        let label = common::site_label(sel / 3);
        let host = common::site_host(sel / 3);
        match sel % 3 {
            // A valid post with the input as its HTML.
            0 => format!(
                "---\nlayout: post\ntitle: \"標題 &amp; T\"\ndate: 2021-04-23T23:34:02.000Z\nauthor: {label}\n\
                 from: https://www.{host}/news/1.aspx\ntags: [ {label}, x ]\ncategories: [ {label} ]\n---\n\
                 <!--1619220842000-->\n[標題](https://www.{host}/news/1.aspx)\n------\n\n{a}{b}"
            ),
            // The input as front matter (first part) and HTML (second part).
            1 => format!("---\n{a}\n---\n<!--1619220842000-->\n[t](https://{host}/a)\n------\n<p>正文。</p>{b}"),
            // The input as the preamble lines, then HTML.
            _ => format!(
                "---\nlayout: post\ntitle: t\nauthor: {label}\nfrom: https://{host}/a\n---\n{a}\n------\n<div>{b}</div>"
            ),
        }
    });
});
