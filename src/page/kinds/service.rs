//! A service or company page: its sections in order, the main column's text mass.
//! Also the fallback of an article page whose scoring found no text, and the reader of
//! an article whose scored text is a sliver of its page.

use super::blocks::{Column, Table};
use crate::page::content::{Content, Page};
use std::collections::HashSet;

pub fn extract(page: &Page, t: &Table) -> Content {
    t.column_text(page, Column::DEFAULT)
}

/// The page's text (whichever extractor gave it, see [`super::extract`]) without the
/// later copies of a line: landing pages write a section twice for small and large
/// screens (one copy hidden by a style sheet the reader does not apply), and its
/// calls to action after every block. The first copy is kept, in its place.
pub fn tidy(paragraphs: &mut Vec<String>) {
    let mut seen = HashSet::new();
    paragraphs.retain(|p| seen.insert(p.trim().to_owned()));
}
