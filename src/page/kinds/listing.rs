//! A listing (a section front, a tag or search page): every item, its title and teaser.
//! The items are the main column's same-shaped blocks; menus and facet chips, boxes of
//! links with little text of their own, are left out.

use super::blocks::{Column, Table};
use crate::page::content::{Content, Page};

pub fn extract(page: &Page, t: &Table) -> Content {
    t.column_text(page, Column::ITEMS)
}
