//! A forum thread: every post, in order. The posts are the main column's text (a thread's
//! posts hold most of its text); the boxes of links between them (the author's badges,
//! the reply and share bars) are left out, and so are the light blocks between the posts,
//! which are the run of same-shaped siblings ([`Table::items_text`]): an ad, the reply
//! prompt, the pagination.
use super::blocks::{Column, Runs, Table};
use crate::page::content::{Content, Page};
use std::collections::HashSet;

pub fn extract(page: &Page, t: &Table) -> Content {
    t.items_text(page, Column::DEFAULT, Runs::POSTS)
}

/// The lines every few items repeat (labels, buttons, badges: [`Table::items_chrome`]).
pub fn chrome(page: &Page, t: &Table) -> HashSet<String> {
    t.items_chrome(page, Column::DEFAULT, Runs::POSTS)
}
