//! A forum thread: every post, in order. The posts are the main column's text (a thread's
//! posts hold most of its text); the boxes of links between them (the author's badges,
//! the reply and share bars) are left out.

use super::blocks::{Column, Table};
use crate::page::content::{Content, Page};

pub fn extract(page: &Page, t: &Table) -> Content {
    t.column_text(page, Column::DEFAULT)
}
