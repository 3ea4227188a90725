//! A product page: the name, the description and the specification table, which are the
//! main column's text; the boxes of links around them (other products, categories) are
//! left out.

use super::blocks::{Column, Table};
use crate::page::content::{Content, Page};

pub fn extract(page: &Page, t: &Table) -> Content {
    t.column_text(page, Column::DEFAULT)
}
