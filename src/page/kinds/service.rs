//! A service or company page: its sections in order, the main column's text mass.
//! Also the fallback of an article page whose scoring found no text.

use super::blocks::{Column, Table};
use crate::page::content::{Content, Page};

pub fn extract(page: &Page, t: &Table) -> Content {
    t.column_text(page, Column::DEFAULT)
}
