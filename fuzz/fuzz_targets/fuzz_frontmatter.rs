//! Front matter: `split` on raw text and `parse` (serde-saphyr, then the lenient
//! reader) on the YAML, plus the accessors the formats use.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use newsnorm::frontmatter;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    if let Some(Ok((yaml, rest))) = frontmatter::split(&text) {
        assert!(yaml.len() + rest.len() <= text.len());
    }
    match frontmatter::parse(&text) {
        Ok(fm) => {
            for key in ["title", "date", "author", "from", "url", "original_url", "tags", "categories"] {
                let _ = fm.str(key);
                let _ = fm.list(key);
            }
        }
        Err(e) => common::check_error(&e),
    }
});
