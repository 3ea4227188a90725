//! The HTML toolkit, with scraper: one element table, one text walker, and the two
//! readers built on them.
//!
//! - [`elements`]: what each element is to a reader (block, paragraph, heading, list,
//!   cell, caption, never text, void, raw text), and how the fragment and page readers
//!   differ on a few kinds;
//! - [`text`]: the walk (document order, whole subtrees skipped, iterative), block text
//!   with line breaks, inline text, text measures;
//! - [`select`]: outlet selectors, matched through a prefilter;
//! - [`images`]: picture URLs;
//! - [`scan`]: HTML without a tree: sizing up what the parser would face, and the text of
//!   what is too pathological to parse;
//! - [`fragment`]: the fragment reader (an article's own HTML body, with the outlet's
//!   rules): [`extract`].
//!
//! The page reader (a whole page, scored for its main content) is [`crate::page`].

pub mod elements;
pub mod fragment;
pub mod images;
pub mod scan;
pub mod select;
pub mod text;

use scraper::Html;

pub use fragment::{Extracted, Rules, extract_from};
pub use images::resolve_image;
pub use scan::{
    MAX_ATTRIBUTES, MAX_DEPTH, MAX_WORK_PER_BYTE, Nesting, count_start_tags, element_budget, nesting, nesting_depth,
};
pub use select::{Selectors, selector};

/// `<iframe …/>`, `<script …/>`: XHTML-style self-closing tags of elements whose content
/// HTML reads as raw text. An HTML parser ignores the slash, so everything after such a
/// tag would become the element's (never shown) content; they are closed instead.
///
/// A match ends at a `/>` and holds no other `<` or `>`: only the stretch from the last
/// `<` before each `/>` is given to the pattern, so a page is searched for `/>` once
/// instead of the pattern being tried at every `<` (the same replacements as the
/// pattern's `replace_all`).
fn close_raw_text_tags(html: &str) -> std::borrow::Cow<'_, str> {
    static SELF_CLOSED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        let names = elements::raw_text_names();
        regex::Regex::new(&format!(r"(?i)<({names})(\s[^<>]*?)?\s*/>")).expect("static regex")
    });
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    // Copied to `out` up to `copied`; a tag's `<` is after `from` (the last `/>` ended it).
    let (mut copied, mut from) = (0, 0);
    for slash in memchr::memmem::find_iter(bytes, b"/>") {
        let end = slash + 2;
        let lt = bytes.get(from..slash).and_then(|b| memchr::memrchr(b'<', b)).map(|i| from + i);
        from = end;
        let Some(lt) = lt else { continue };
        if bytes.get(lt..slash).is_none_or(|b| memchr::memchr(b'>', b).is_some()) {
            continue;
        }
        // The stretch holds one `<` (its first byte) and one `>` (its last): a match is
        // all of it.
        let (Some(tag), Some(before)) = (html.get(lt..end), html.get(copied..lt)) else { continue };
        let Some(caps) = SELF_CLOSED.captures(tag) else { continue };
        let out = out.get_or_insert_with(|| String::with_capacity(html.len() + 64));
        out.push_str(before);
        caps.expand("<$1$2></$1>", out);
        copied = end;
    }
    match out {
        Some(mut out) => {
            out.push_str(html.get(copied..).unwrap_or_default());
            std::borrow::Cow::Owned(out)
        }
        None => std::borrow::Cow::Borrowed(html),
    }
}

/// Parse an HTML fragment, unless it is too pathological to parse (see [`MAX_DEPTH`],
/// [`MAX_ATTRIBUTES`]). The tree's size is bounded before: the pipeline refuses an input
/// with more start tags than [`element_budget`] allows.
pub fn parse(html: &str) -> Option<Html> {
    (!scan::pathological(html)).then(|| Html::parse_fragment(&close_raw_text_tags(html)))
}

/// Parse a whole HTML document (doctype, `<html>`, `<head>`), unless it is too
/// pathological to parse (see [`MAX_DEPTH`], [`MAX_ATTRIBUTES`]): then `None`, and the
/// caller reads it flat with [`extract_parsed`].
pub fn parse_document(html: &str) -> Option<Html> {
    (!scan::pathological(html)).then(|| Html::parse_document(&close_raw_text_tags(html)))
}

/// Extract text, images and tags from an HTML fragment.
pub fn extract(html: &str, rules: Rules) -> Extracted {
    match parse(html) {
        Some(doc) => extract_from(&doc, rules),
        None => scan::extract_flat(html),
    }
}

/// As [`extract`], on a fragment already parsed with [`parse`] (`None`: read flat).
pub fn extract_parsed(doc: Option<&Html>, html: &str, rules: Rules) -> Extracted {
    match doc {
        Some(doc) => extract_from(doc, rules),
        None => scan::extract_flat(html),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pattern applied to the whole text, as the stretch-by-stretch replacement was
    /// before it.
    fn replaced_whole(html: &str) -> String {
        static WHOLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            let names = elements::raw_text_names();
            regex::Regex::new(&format!(r"(?i)<({names})(\s[^<>]*?)?\s*/>")).expect("pattern")
        });
        WHOLE.replace_all(html, "<$1$2></$1>").into_owned()
    }

    #[test]
    fn self_closed_raw_text_tags_are_closed_as_the_whole_pattern_closes_them() {
        let cases = [
            "",
            "<p>no tags closed</p>",
            r#"<script src="a.js"/><p>after</p>"#,
            "<SCRIPT/>x<Style  />y<iframe src=x />z",
            "<script<script/>",
            "<script x/>y/>",
            r#"<script a="1>2"/>"#,
            "<scripts/><br/><img src=x/>",
            "<title \u{a0}/>t",
            "< script/></script/><script\t/>",
            "<iframe src=\"/a/b\" />é<textarea />/>/>",
            "<!-- <script/> --><script/",
        ];
        for html in cases {
            assert_eq!(close_raw_text_tags(html), replaced_whole(html), "{html:?}");
        }
        assert!(matches!(close_raw_text_tags("<p>a<br/>b</p>"), std::borrow::Cow::Borrowed(_)));
        // And on texts made of the pieces that matter, in many orders.
        let pieces = ["<", ">", "/", "/>", "script", "Style", " ", "\u{a0}", "x", "=", "\"", "title", "é", "</"];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..5_000 {
            let mut html = String::new();
            for _ in 0..12 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                html.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            assert_eq!(close_raw_text_tags(&html), replaced_whole(&html), "{html:?}");
        }
    }
}
