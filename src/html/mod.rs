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
fn close_raw_text_tags(html: &str) -> std::borrow::Cow<'_, str> {
    static SELF_CLOSED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        let names = elements::raw_text_names();
        regex::Regex::new(&format!(r"(?i)<({names})(\s[^<>]*?)?\s*/>")).expect("static regex")
    });
    SELF_CLOSED.replace_all(html, "<$1$2></$1>")
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
