//! A listing (a section front, a tag or search page): every item, its title and teaser.
//! The items are the main column's same-shaped blocks ([`Table::items_text`]); menus
//! and facet chips, boxes of links with little text of their own, and the light blocks
//! between the items are left out.
use super::blocks::{Column, Runs, Table};
use crate::page::content::{Content, Page};
use std::collections::HashSet;

pub fn extract(page: &Page, t: &Table) -> Content {
    t.items_text(page, Column::ITEMS, Runs::ITEMS)
}

/// The lines every few items repeat (labels, buttons, badges: [`Table::items_chrome`]).
pub fn chrome(page: &Page, t: &Table) -> HashSet<String> {
    t.items_chrome(page, Column::ITEMS, Runs::ITEMS)
}

/// Every item, boxes of links kept: a listing whose items are bare links.
pub fn links(page: &Page, t: &Table) -> Content {
    t.items_links(page, Column::ITEMS, Runs::ITEMS)
}
