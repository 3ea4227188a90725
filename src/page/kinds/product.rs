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

/// The headings of the boxes beside a product's text that show other products (lexicon
/// `product-aside-headings`), matched on a heading's whole text.
pub static ASIDE_HEADINGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("^(?:{})$", lexicon::PRODUCT_ASIDE_HEADINGS.alternation())).expect("lexicon pattern")
});

/// A product page's table is read with its hidden elements (tab panels), but not those
/// hidden by a class name (`hide`, `d-none`: a shop's data dumps, tooltips, variants).
pub const READ: Read = Read { hidden: true, panels: true, classed: true };

/// A product's column: down into a child holding 55% of the text (not 60%, as other
/// kinds): the product's description and specifications beside the shop's buy box
/// (financing, returns, a help line, a summary of reviews) that holds nearly half of the
/// text. Tuned on half a of the development pages (0.5 and 0.6 gave less, 0.45 far less).
pub const COLUMN: Column = Column { share: 0.55, ..Column::DEFAULT };

pub fn extract(page: &Page, t: &Table) -> Content {
    t.column_text(page, COLUMN)
}

/// A line of at least this many words that the text repeats is a box the page shows
/// more than once (a tooltip or popover opened from several places, a notice repeated
/// under every variant): its last copy is kept. Shorter lines repeat in a product's
/// own text (the labels and values of specification tables: `Weight`, `Yes`). Tuned on
/// half a of the development pages.
const REPEAT: usize = 3;

/// The product's text (whichever extractor gave it, see [`super::extract`]) without the
/// shop's controls ([`control`]) and without the later copies of its repeated lines
/// ([`REPEAT`] words or more).
pub fn tidy(paragraphs: &mut Vec<String>) {
    paragraphs.retain(|p| !control(p));
    // The last copy is kept: the first may be the product's name, which the body's
    // cleaning drops as the title line at the top.
    let mut seen = std::collections::HashSet::new();
    paragraphs.reverse();
    paragraphs.retain(|p| p.split_whitespace().count() < REPEAT || seen.insert(p.clone()));
    paragraphs.reverse();
}

/// Is the line a control of the shop, not the product's text: a price alone, a cart
/// button, a shop label, a toggle of the page (lexicon `product-controls`)?
pub fn control(line: &str) -> bool {
    let folded = lexicon::fold_line(line);
    let folded = folded.trim_end_matches(':').trim();
    lexicon::CART_BUTTONS.contains(folded)
        || lexicon::SHOP_LABELS.contains(folded)
        || lexicon::PRODUCT_CONTROLS.contains(folded)
        || price(folded)
}

/// A price alone: a currency sign (lexicon `currency-signs`) or code and figures
/// (`$20.00`, `149 €`, `usd 20`).
fn price(s: &str) -> bool {
    let sign = |c: char| lexicon::CURRENCY_SIGNS.contains(c.encode_utf8(&mut [0u8; 4]));
    let rest: String = s.chars().filter(|&c| !(c.is_ascii_digit() || sign(c) || " .,'-–+%/()".contains(c))).collect();
    let code = rest.is_empty() || (rest.len() == 3 && rest.chars().all(|c| c.is_ascii_lowercase()));
    code && s.chars().any(|c| c.is_ascii_digit()) && (s.chars().any(sign) || !rest.is_empty())
}
