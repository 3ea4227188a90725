//! A product page: the name, the description and the specification table, which are the
//! main column's text; the boxes of links around them (other products, categories) are
//! left out, and so are its reviews and the other products beside it (boxes whose class
//! or id says so: lexicon `product-aside-classes`), and the shop's controls: lines that
//! are only a price, a cart button or a shop label (`In stock`, `Quantity`). Its table
//! is read with the hidden elements ([`READ`]): the description and specifications
//! are often in tab panels hidden until their tab is clicked. The column is chosen on the
//! visible text when most of the page's text is visible (see [`Table::main_column`]):
//! hidden variants (other sizes and colours, other products' quick views, menus) would
//! otherwise pick the wrong column.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::{Column, Read, Table, class_words};
use crate::lexicon;
use crate::page::content::{Content, Page};

/// The boxes a product page's text is read without: reviews, other products.
pub static ASIDE: LazyLock<Regex> = LazyLock::new(|| class_words(&lexicon::PRODUCT_ASIDE_CLASSES));

/// A product page's table is read with its hidden elements (tab panels), but not those
/// hidden by a class name (`hide`, `d-none`: a shop's data dumps, tooltips, variants).
pub const READ: Read = Read { hidden: true, panels: true, classed: true };

pub fn extract(page: &Page, t: &Table) -> Content {
    t.column_text(page, Column::DEFAULT)
}

/// Is the line a control of the shop, not the product's text (left out by
/// [`super::extract`] whichever extractor gave the text): a price alone, a cart
/// button, a shop label?
pub fn control(line: &str) -> bool {
    let folded = lexicon::fold_line(line);
    let folded = folded.trim_end_matches(':').trim();
    lexicon::CART_BUTTONS.contains(folded) || lexicon::SHOP_LABELS.contains(folded) || price(folded)
}

/// A price alone: a currency sign (lexicon `currency-signs`) or code and figures
/// (`$20.00`, `149 €`, `usd 20`).
fn price(s: &str) -> bool {
    let sign = |c: char| lexicon::CURRENCY_SIGNS.contains(c.encode_utf8(&mut [0u8; 4]));
    let rest: String = s.chars().filter(|&c| !(c.is_ascii_digit() || sign(c) || " .,'-–+%/()".contains(c))).collect();
    let code = rest.is_empty() || (rest.len() == 3 && rest.chars().all(|c| c.is_ascii_lowercase()));
    code && s.chars().any(|c| c.is_ascii_digit()) && (s.chars().any(sign) || !rest.is_empty())
}
