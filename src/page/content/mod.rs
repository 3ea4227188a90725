//! The main content of a page: for an article, a block scoring in the family of
//! Readability ([`article`], the entry point).
//!
//! One pass over the tree builds a table of elements with their text and link text in
//! characters (a CJK character counts twice, so density works without spaces between
//! words), their own text (not inside a child block), commas and class/id weight.
//! Paragraph-like blocks give their score to their container and, less, to its
//! ancestors; the best container (discounted by link density) and its siblings that
//! score near it are the article. A second walk over them writes paragraphs, dropping
//! what looks like boilerplate (link-dense lists, share bars, related lists, captions to
//! `images`). Both passes are linear in the number of nodes: a score goes up at most
//! five ancestors, and the walk skips dropped subtrees.
//!
//! - [`classes`]: what class and id words, roles and visibility say;
//! - `table`: the one-pass table of elements and their text;
//! - `score`: block scoring, the candidate and its siblings;
//! - `write`: the chosen blocks to paragraphs and pictures.
//!
//! Pages of other kinds (a forum thread, a listing, a product, documentation) need other
//! extractors: each goes in its own file under `src/page/kinds/` (`forum.rs`,
//! `listing.rs`, …) as `pub fn extract(page: &Page) -> Content`, the signature of
//! [`article`], reusing the toolkit in [`crate::html`] (the element table, the text walker)
//! and, where it helps, this module's table and classes; the page reader
//! (`page::extract_doc`) picks the extractor by the page's type.

pub mod classes;
mod score;
mod table;
mod write;

use scraper::Html;

pub use crate::html::text::text_of;
pub use classes::is_modified;

use crate::html;
use crate::html::elements::Reader;
use crate::html::text::{Paragraphs, measure};
use crate::record::Image;
use table::{NONE, build};
use write::Writer;

/// Metadata found while walking the page, read by the byline and date readers.
#[derive(Debug, Default)]
pub struct Hints {
    /// Text of byline elements (`rel=author`, `itemprop=author`, class `byline`/`author`).
    pub bylines: Vec<String>,
    /// Text of date-classed elements.
    pub dates: Vec<String>,
    /// The text of the first `<h1>`s.
    pub h1: Vec<String>,
}

/// The article's text and pictures.
#[derive(Debug, Default)]
pub struct Content {
    pub paragraphs: Vec<String>,
    pub images: Vec<Image>,
    pub hints: Hints,
}

/// Weighted characters of the paragraphs.
fn weight_of(paragraphs: &[String]) -> u32 {
    paragraphs.iter().map(|p| measure(p).0).sum()
}

fn run(doc: &Html, base: Option<&str>, lenient: bool, rules: Option<&html::Rules>) -> (Content, u32) {
    let mut t = build(doc, lenient, rules);
    let top = t.score(doc).unwrap_or(t.body);
    let mut w = Writer { base, text: Paragraphs::new(Reader::Page), images: Vec::new() };
    // A streaming page: the blocks its script moves into place, in their order.
    let roots = if t.streamed.len() > 1 {
        t.streamed.clone()
    } else if top != NONE {
        t.with_siblings(doc, top)
    } else {
        Vec::new()
    };
    {
        for root in roots {
            t.write(doc, root, &mut w);
        }
    }
    let hints = t.hints(doc);
    let mut paragraphs = w.text.finish();
    drop_repeated_runs(&mut paragraphs);
    let weight = weight_of(&paragraphs);
    (Content { paragraphs, images: w.images, hints }, weight)
}

/// A run of paragraphs that repeats an earlier run is a second copy of the text, not
/// more of it, when it is at least this many paragraphs ...
const RUN_MIN: usize = 4;
/// ... of at least this many characters, and this many on average (sentences, not the
/// repeated labels of a list of records: "Reported by:", a price, a place).
const RUN_CHARS: usize = 400;
const RUN_AVERAGE: usize = 50;

/// Drop the second copies of runs of paragraphs: pages that carry their article twice
/// (a desktop and a mobile layout, a tab panel and its accordion twin, a block joined
/// as a sibling of itself). A paragraph repeated alone (a chorus, a refrain, a table's
/// repeated cell) stays: only a run of [`RUN_MIN`] consecutive repeats in the same order
/// goes. Linear: one map of first occurrences, and each paragraph is looked up in one run
/// (or, before a short run, at most [`RUN_MIN`] times).
fn drop_repeated_runs(paragraphs: &mut Vec<String>) {
    use std::collections::HashMap;
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(paragraphs.len());
    let mut gone = vec![false; paragraphs.len()];
    let mut i = 0;
    while let Some(p) = paragraphs.get(i) {
        let Some(&j) = first.get(p.as_str()) else {
            first.insert(p.as_str(), i);
            i += 1;
            continue;
        };
        // The run: i.., j.. equal, j's run before i.
        let mut k = 0;
        let mut chars = 0;
        // Each paragraph of the run first appeared in the earlier copy, in its order (one
        // paragraph repeated many times is not a copy of a run).
        while let Some(a) = paragraphs.get(i + k) {
            if j + k >= i || first.get(a.as_str()) != Some(&(j + k)) {
                break;
            }
            chars += a.chars().count();
            k += 1;
        }
        if k >= RUN_MIN && chars >= RUN_CHARS && chars >= RUN_AVERAGE * k {
            for g in gone.iter_mut().skip(i).take(k) {
                *g = true;
            }
        }
        // A run is compared once: the next comparison starts after it.
        i += if k >= RUN_MIN { k } else { 1 };
    }
    if gone.contains(&true) {
        let mut n = 0;
        paragraphs.retain(|_| {
            let keep = !gone.get(n).copied().unwrap_or(false);
            n += 1;
            keep
        });
    }
}

/// A parsed page, as a content extractor is given it.
#[derive(Clone, Copy)]
pub struct Page<'a> {
    pub doc: &'a Html,
    /// Base for relative image URLs (the page's URL).
    pub base: Option<&'a str>,
    /// The outlet's HTML rules: what they say is boilerplate is dropped before scoring.
    pub rules: Option<&'a html::Rules<'a>>,
}

/// The main content of an article page: its text, pictures and the metadata hints found
/// on the way.
pub fn article(page: &Page) -> Content {
    let Page { doc, base, rules } = *page;
    let (content, weight) = run(doc, base, false, rules);
    if weight >= 250 {
        return content;
    }
    // Too little text: the article itself may carry a class that reads as boilerplate.
    let (lenient, lweight) = run(doc, base, true, rules);
    if lweight > weight * 2 { Content { hints: content.hints, ..lenient } } else { content }
}

/// [`article`] of a parsed page; `base` resolves relative image URLs.
pub fn extract(doc: &Html, base: Option<&str>) -> Content {
    article(&Page { doc, base, rules: None })
}

/// [`extract`], also dropping what an outlet's `rules` say is boilerplate.
pub fn extract_with(doc: &Html, base: Option<&str>, rules: Option<&html::Rules>) -> Content {
    article(&Page { doc, base, rules })
}

#[cfg(test)]
mod tests;
