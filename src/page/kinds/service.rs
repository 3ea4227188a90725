//! A service or company page: its sections in order, the main column's text mass.
//! Also the fallback of an article page whose scoring found no text, and the reader of
//! an article whose scored text is a sliver of its page.

use super::blocks::{Column, Table};
use crate::page::content::{Content, Page};

/// The column of a service page goes down into a child only when it holds 80% of the
/// text outside links (60% for the other kinds): a landing or company page is built of
/// sibling sections (a hero, features, a list of services, testimonials) and the
/// heaviest of them often holds more than half of the text without being the page.
/// Tuned on half a of the development pages (0.6, 0.7, 0.75, 0.8, 0.85, 0.9).
pub const COLUMN: Column = Column { share: 0.8, ..Column::DEFAULT };

pub fn extract(page: &Page, t: &Table) -> Content {
    t.column_text(page, COLUMN)
}

/// The page's text (whichever extractor gave it, see [`super::extract`]) without the
/// later copies of a line: landing pages write a section twice for small and large
/// screens (one copy hidden by a style sheet the reader does not apply), and its
/// calls to action after every block. The first copy is kept, in its place.
pub fn tidy(paragraphs: &mut Vec<String>) {
    super::blocks::once(paragraphs, 0, false);
}
