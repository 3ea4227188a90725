//! The main content of pages that are not articles: one extractor per kind, registered in
//! [`KINDS`] and chosen by the page's kind (see [`crate::page::kind`]); articles keep the
//! article extractor ([`content::article`]).
//!
//! Every extractor reads the page's structure from one table ([`blocks::Table`]): the
//! main column by text mass, boxes of links left out, same-shaped sibling blocks (posts,
//! cards, items). The article extractor still runs on every page: it gives the metadata
//! hints (bylines, dates, the `<h1>`), and an article whose scoring found no text gets
//! the main column's text instead of no record.
//!
//! - [`forum`]: every post of a thread;
//! - [`listing`]: every item of a section front, tag or search page;
//! - [`collection`]: every card of a grid of products or media;
//! - [`product`]: the name, description and specifications;
//! - [`documentation`]: the main column with its headings and code;
//! - [`service`]: the sections of a company or product page, in order.

pub mod blocks;
pub mod collection;
pub mod documentation;
pub mod forum;
pub mod listing;
pub mod product;
pub mod service;

use crate::page::content::{self, Content, Page};
use crate::record::PageType;
use blocks::{Read, Table};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// An extractor of one kind of page.
pub struct Extractor {
    pub kind: PageType,
    /// The page's main content, from its table.
    pub extract: fn(&Page, &Table) -> Content,
    /// The class and id words of the boxes it leaves out (see [`Table::build_for`]).
    pub aside: Option<&'static LazyLock<Regex>>,
    /// The headings that name the boxes it leaves out (see [`Table::leave_out_headed`]).
    pub headed: Option<&'static LazyLock<Regex>>,
    /// Marks more boxes it leaves out, found by their structure (see [`Table::leave_out`]).
    pub mark: Option<fn(&scraper::Html, &mut Table)>,
    /// The hidden elements its table reads (tab panels, accordions).
    pub read: Read,
    /// Leaves out the lines that are not the kind's text (a shop's controls, repeated
    /// popovers), whichever extractor gave the content.
    pub control: Option<fn(&mut Vec<String>)>,
    /// The article scoring's text, when heavier, replaces the kind's own only if it holds
    /// at least this share of the own text's words (see [`covered`]), or the own text is
    /// short ([`SHORT`]): a heavier text elsewhere on the page (a consent box's panels, a
    /// footer of fine print, a column of filters) is not the items or posts the kind
    /// found, but a text that holds them and more is (the posts the run missed).
    pub overlap: f32,
    /// The item chrome of the page ([`Table::items_chrome`]): lines left out of the
    /// content whichever extractor gave it.
    pub chrome: Option<fn(&Page, &Table) -> HashSet<String>>,
    /// The content when neither the kind's text nor the article scoring's reaches
    /// [`BARE`]: the items with the boxes of links kept (an index of bare links).
    pub bare: Option<fn(&Page, &Table) -> Content>,
}

/// Threads, documentation and service pages read their panels hidden until a tab or
/// toggle is clicked (answers of a FAQ, sections of a page in tabs).
const PANELS: Read = Read { hidden: false, panels: true, classed: false };
/// Listings and collections read their visible elements only.
const VISIBLE: Read = Read { hidden: false, panels: false, classed: false };

impl Extractor {
    /// The extractor of `kind` by `extract` alone: panels read, nothing left out beyond
    /// the table's own boxes of links, no lines tidied, the article scoring's heavier text
    /// taken whatever it holds.
    const fn plain(kind: PageType, extract: fn(&Page, &Table) -> Content) -> Extractor {
        Extractor {
            kind,
            extract,
            aside: None,
            headed: None,
            mark: None,
            read: PANELS,
            control: None,
            overlap: 0.0,
            chrome: None,
            bare: None,
        }
    }
}

/// The extractor of each kind but `article`.
pub static KINDS: &[Extractor] = &[
    Extractor {
        overlap: ITEMS,
        control: Some(blocks::items_once),
        chrome: Some(forum::chrome),
        ..Extractor::plain(PageType::Forum, forum::extract)
    },
    Extractor {
        read: VISIBLE,
        overlap: ITEMS,
        control: Some(blocks::items_once),
        chrome: Some(listing::chrome),
        bare: Some(listing::links),
        ..Extractor::plain(PageType::Listing, listing::extract)
    },
    Extractor {
        read: VISIBLE,
        overlap: ITEMS,
        control: Some(blocks::items_once),
        ..Extractor::plain(PageType::Collection, collection::extract)
    },
    Extractor {
        aside: Some(&product::ASIDE),
        headed: Some(&product::ASIDE_HEADINGS),
        mark: Some(product::leave_out_cards),
        read: product::READ,
        control: Some(product::tidy),
        ..Extractor::plain(PageType::Product, product::extract)
    },
    Extractor::plain(PageType::Documentation, documentation::extract),
    Extractor { control: Some(service::tidy), ..Extractor::plain(PageType::Service, service::extract) },
];

/// Less text than this (weighted characters, a sentence or two) is a page shown by a
/// script: its hidden elements, or the markup it holds aside (`<noscript>`, templates), are
/// read when they give more (an article's short scored text is kept: it is read with its
/// outlet's rules, the column is not). Tuned on half a of the development pages.
pub const SCANT: u32 = 200;

/// An article's scored text is a sliver of its page when the main column has more than
/// this many times its weight: a company page or a thread read as an article whose scoring
/// kept one block (a hero's lines, the first post), not a story. Tuned on half a of the
/// development pages.
pub const SLIVER: u32 = 10;

/// `article`, or the main column's text when the article's text is a sliver of it (see
/// [`SLIVER`]). The column is read only when the page has that much more text at all.
fn sliver_or(article: Content, page: &Page) -> Content {
    let scored = weight(&article.paragraphs).max(1);
    if shown(page) <= scored.saturating_mul(SLIVER) {
        return article;
    }
    let own = service::extract(page, &Table::build_for(page.doc, PANELS, None));
    if weight(&own.paragraphs) > scored.saturating_mul(SLIVER) {
        Content { hints: article.hints, ..own }
    } else {
        article
    }
}

/// Threads, listings and collections: the article scoring's text replaces the items only
/// if it holds this share of their words. Tuned on half a of the development pages.
const ITEMS: f32 = 0.4;

/// Own text shorter than this (weighted characters) is replaced by a heavier article
/// text whatever it holds: the items were not found.
pub const SHORT: u32 = 2 * SCANT;

/// A listing whose text and article text are both lighter than this (weighted characters)
/// is read with its boxes of links ([`Extractor::bare`]). Tuned on half a of the
/// development pages.
pub const BARE: u32 = 2 * SHORT;

/// The share of the words of `own` (lower-cased runs of letters and digits, counted with
/// repeats) also in `other`.
pub fn covered(own: &[String], other: &[String]) -> f32 {
    let words = |ps: &[String]| {
        let mut m: HashMap<String, u32> = HashMap::new();
        for p in ps {
            for w in p.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                *m.entry(w.to_lowercase()).or_default() += 1;
            }
        }
        m
    };
    let (mine, theirs) = (words(own), words(other));
    let total: u32 = mine.values().sum();
    let shared: u32 = mine.iter().map(|(w, &n)| n.min(theirs.get(w).copied().unwrap_or(0))).sum();
    if total == 0 { 0.0 } else { shared as f32 / total as f32 }
}

/// Weighted characters of the whole page's text.
fn shown(page: &Page) -> u32 {
    page.doc.root_element().text().map(|t| crate::html::text::measure(t).0).sum()
}

/// Weighted characters of paragraphs.
pub fn weight(paragraphs: &[String]) -> u32 {
    paragraphs.iter().map(|p| crate::html::text::measure(p).0).sum()
}

/// The main content of `page`, whose kind is `kind`.
pub fn extract(kind: PageType, page: &Page) -> Content {
    let mut article = content::article(page);
    let chosen = KINDS.iter().find(|e| e.kind == kind);
    // A documentation or service page (or an article in doubt with them) whose article
    // text is (nearly: 49/50) all of its text: its column, a part of that text, cannot
    // outweigh it, and is not built (a page of one paragraph repeated a hundred thousand
    // times would pay for it twice).
    if matches!(kind, PageType::Documentation | PageType::Service)
        && u64::from(weight(&article.paragraphs)) * 50 >= u64::from(shown(page)) * 49
    {
        return article;
    }
    let e = match chosen {
        Some(e) => e,
        None if article.paragraphs.is_empty() => &Extractor::plain(PageType::Service, service::extract),
        None => return sliver_or(article, page),
    };
    let (extract, aside, read, overlap) = (e.extract, e.aside.map(|r| &**r), e.read, e.overlap);
    // The boxes the kind leaves out: by their class, and by their heading.
    let build = |read: Read| {
        let mut t = Table::build_for(page.doc, read, aside);
        if let Some(headings) = e.headed {
            t.leave_out_headed(page.doc, headings);
        }
        if let Some(mark) = e.mark {
            mark(page.doc, &mut t);
        }
        t
    };
    let table = build(read);
    if aside.is_some() {
        // The boxes the kind leaves out are left out of the article scoring's text too.
        let out = table.left_out(page);
        article.paragraphs.retain(|p| !out.contains(p));
    }
    let mut own = extract(page, &table);
    if weight(&own.paragraphs).max(weight(&article.paragraphs)) < SCANT {
        // (Next to) no visible text: a page hidden until a script shows it.
        let hidden = extract(page, &build(Read { hidden: true, ..read }));
        if weight(&hidden.paragraphs) > weight(&own.paragraphs) {
            own = hidden;
        }
    }
    // The page's main text may be in a box the column missed (hidden tab panels, a
    // column of plain text beside a bigger one of links): the article scoring's text,
    // when it found more (and, for the kinds that say so, holds the own text).
    // Items that are bare links (an index, a category's members) are boxes of links: a
    // listing that found next to no text reads them.
    if let Some(bare) = chosen.and_then(|e| e.bare)
        && weight(&own.paragraphs).max(weight(&article.paragraphs)) < BARE
    {
        let links = bare(page, &table);
        if weight(&links.paragraphs) > weight(&own.paragraphs) {
            own = links;
        }
    }
    let own_weight = weight(&own.paragraphs);
    let replace = own_weight < weight(&article.paragraphs)
        && (overlap <= 0.0 || own_weight < SHORT || covered(&own.paragraphs, &article.paragraphs) >= overlap);
    let mut chosen_content = if replace { article } else { Content { hints: article.hints, ..own } };
    if let Some(control) = chosen.and_then(|e| e.control) {
        control(&mut chosen_content.paragraphs);
    }
    if let Some(chrome) = chosen.and_then(|e| e.chrome) {
        let lines = chrome(page, &table);
        chosen_content.paragraphs.retain(|p| !lines.contains(p));
    }
    chosen_content
}

#[cfg(test)]
mod tests;
