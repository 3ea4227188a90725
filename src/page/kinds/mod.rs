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
use std::sync::LazyLock;

/// An extractor of one kind of page.
pub struct Extractor {
    pub kind: PageType,
    /// The page's main content, from its table.
    pub extract: fn(&Page, &Table) -> Content,
    /// The class and id words of the boxes it leaves out (see [`Table::build_for`]).
    pub aside: Option<&'static LazyLock<Regex>>,
    /// The hidden elements its table reads (tab panels, accordions).
    pub read: Read,
    /// Leaves out the lines that are not the kind's text (a shop's controls, repeated
    /// popovers), whichever extractor gave the content.
    pub control: Option<fn(&mut Vec<String>)>,
}

/// Threads, documentation and service pages read their panels hidden until a tab or
/// toggle is clicked (answers of a FAQ, sections of a page in tabs).
const PANELS: Read = Read { hidden: false, panels: true, classed: false };
/// Listings and collections read their visible elements only.
const VISIBLE: Read = Read { hidden: false, panels: false, classed: false };

/// The extractor of each kind but `article`.
pub static KINDS: &[Extractor] = &[
    Extractor { kind: PageType::Forum, extract: forum::extract, aside: None, read: PANELS, control: None },
    Extractor { kind: PageType::Listing, extract: listing::extract, aside: None, read: VISIBLE, control: None },
    Extractor { kind: PageType::Collection, extract: collection::extract, aside: None, read: VISIBLE, control: None },
    Extractor {
        kind: PageType::Product,
        extract: product::extract,
        aside: Some(&product::ASIDE),
        read: product::READ,
        control: Some(product::tidy),
    },
    Extractor {
        kind: PageType::Documentation,
        extract: documentation::extract,
        aside: None,
        read: PANELS,
        control: None,
    },
    Extractor { kind: PageType::Service, extract: service::extract, aside: None, read: PANELS, control: None },
];

/// Less text than this (weighted characters, a sentence or two) is a page shown by a
/// script: its hidden elements, or the markup it holds aside (`<noscript>`, templates), are
/// read when they give more (an article's short scored text is kept: it is read with its
/// outlet's rules, the column is not). Tuned on half a of the development pages.
pub const SCANT: u32 = 200;

/// Weighted characters of paragraphs.
pub fn weight(paragraphs: &[String]) -> u32 {
    paragraphs.iter().map(|p| crate::html::text::measure(p).0).sum()
}

/// The main content of `page`, whose kind is `kind`.
pub fn extract(kind: PageType, page: &Page) -> Content {
    let mut article = content::article(page);
    let chosen = KINDS.iter().find(|e| e.kind == kind);
    let (extract, aside, read) = match chosen {
        Some(e) => (e.extract, e.aside.map(|r| &**r), e.read),
        None if article.paragraphs.is_empty() => (service::extract as fn(&Page, &Table) -> Content, None, PANELS),
        None => return article,
    };
    // The boxes the kind leaves out: by their class, and by their heading.
    let build = |read: Read| {
        let mut t = Table::build_for(page.doc, read, aside);
        if aside.is_some() {
            t.leave_out_headed(page.doc, &product::ASIDE_HEADINGS);
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
    // when it found more.
    let mut chosen_content = if weight(&own.paragraphs) < weight(&article.paragraphs) {
        article
    } else {
        Content { hints: article.hints, ..own }
    };
    if let Some(control) = chosen.and_then(|e| e.control) {
        control(&mut chosen_content.paragraphs);
    }
    chosen_content
}

#[cfg(test)]
mod tests;
