//! A documentation page: the main column with its headings and code blocks; the sidebar
//! and the table of contents, boxes of links, are left out.

use super::blocks::{Column, Table};
use crate::page::content::{Content, Page};

pub fn extract(page: &Page, t: &Table) -> Content {
    t.column_text(page, Column::DEFAULT)
}
