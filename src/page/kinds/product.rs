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
use scraper::{ElementRef, Html};

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

/// Cards of other products: a run of at least this many same-shaped siblings.
const CARDS: usize = 3;

/// A card's visible text is at most this long (weighted characters): a short title, a
/// price, a seller's name, a delivery line.
const CARD_TEXT: u32 = 300;

/// A run of cards holding more than this share of the page's visible text is the page
/// itself, not a box beside the product.
const CARDS_SHARE: f32 = 0.4;

/// Leave out the carousels and grids of other products that no class word or heading
/// names (a marketplace's sponsored items, a shop's `More from this seller`): runs of
/// [`CARDS`] or more same-shaped siblings, each a short box (at most [`CARD_TEXT`] of
/// visible text) with a link, at least half of them showing a price ([`priced`]). The
/// product's own text has no such run: its features and specifications are not links
/// with prices. Not a box holding the `<h1>`, and not a run holding more than
/// [`CARDS_SHARE`] of the page's visible text (then the cards are the page: a grid of
/// products or homes read as a product page).
pub fn leave_out_cards(doc: &Html, t: &mut Table) {
    // A page mostly hidden (shown by script) is measured whole.
    let shown = t.mostly_visible();
    let visible = |b: &super::blocks::Block| if shown { b.text.saturating_sub(b.veiled) } else { b.text };
    let page = t.get(t.body).map_or(0, visible);
    let mut marks = Vec::new();
    // Per shape of a block's children with text: the shape, the children, whether all
    // are cards, their visible text.
    let mut runs: Vec<(u64, Vec<u32>, bool, u32)> = Vec::new();
    // Linear in the children: a run's place by its shape.
    let mut at: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    for b in &t.blocks {
        if b.out || b.children.len() < CARDS {
            continue;
        }
        runs.clear();
        at.clear();
        for &c in &b.children {
            let Some(cb) = t.get(c).filter(|cb| cb.text > 0 && !cb.out) else { continue };
            let k = *at.entry(cb.shape).or_insert_with(|| {
                runs.push((cb.shape, Vec::new(), true, 0));
                runs.len() - 1
            });
            let Some(run) = runs.get_mut(k) else { continue };
            let card = !cb.h1 && cb.anchors > 0 && visible(cb) <= CARD_TEXT;
            run.1.push(c);
            run.2 &= card;
            run.3 += visible(cb);
        }
        for (_, cards, all, text) in runs.drain(..) {
            if cards.len() >= CARDS && all && text as f32 <= CARDS_SHARE * page as f32 {
                // Each card is looked at once, for a bounded number of nodes.
                let element = |c: u32| t.get(c).and_then(|cb| doc.tree.get(cb.id)).and_then(ElementRef::wrap);
                let prices = cards.iter().filter(|&&c| element(c).is_some_and(priced)).count();
                if 2 * prices >= cards.len() {
                    marks.extend(cards);
                }
            }
        }
    }
    for m in marks {
        if let Some(b) = t.blocks.get_mut(m as usize) {
            b.aside = true;
        }
    }
    t.leave_out();
}

/// A card's price is among its first this many nodes (a card is a short box; the bound
/// keeps the look linear on a page of nested boxes).
const CARD_NODES: usize = 256;

/// Does the element's text show a price: a text of its own that is a price alone with a
/// currency sign (`$23.12`, `149 €`; not `140 GSM`, which [`price`] would take for a
/// code)?
fn priced(el: ElementRef) -> bool {
    el.descendants().take(CARD_NODES).filter_map(|n| n.value().as_text()).any(|s| {
        let s = s.trim();
        s.len() < 40 && price(&lexicon::fold_line(s)) && s.chars().any(currency_sign)
    })
}

/// Is the character a currency sign (lexicon `currency-signs`)?
fn currency_sign(c: char) -> bool {
    lexicon::CURRENCY_SIGNS.contains(c.encode_utf8(&mut [0u8; 4]))
}

/// The product's text (whichever extractor gave it, see [`super::extract`]) without the
/// shop's controls ([`control`]) and with one copy of its repeated lines of
/// [`super::blocks::REPEAT`] words or more, the last: a box the page shows more than once
/// (a tooltip or popover opened from several places, a notice repeated under every
/// variant). Shorter lines repeat in a product's own text (the labels and values of
/// specification tables: `Weight`, `Yes`).
pub fn tidy(paragraphs: &mut Vec<String>) {
    for p in paragraphs.iter_mut() {
        if let Some(once) = twice(p) {
            *p = once.to_string();
        }
    }
    paragraphs.retain(|p| !control(p));
    // The last copy is kept: the first may be the product's name, which the body's
    // cleaning drops as the title line at the top.
    super::blocks::once(paragraphs, super::blocks::REPEAT, true);
}

/// The text a line writes twice side by side, with or without a space between (`EUR
/// 20.99EUR 20.99`, `Seller's other items Seller's other items`): a label written once for
/// the eye and once for screen readers, which a shop's page shows once.
fn twice(line: &str) -> Option<&str> {
    let half = line.len() / 2;
    let (a, b) = (line.get(..half)?, line.get(half..)?);
    let b = if line.len() % 2 == 1 { b.strip_prefix(' ')? } else { b };
    (a == b && a.trim().chars().count() >= 3).then_some(a.trim())
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
    let sign = currency_sign;
    let rest: String = s.chars().filter(|&c| !(c.is_ascii_digit() || sign(c) || " .,'-–+%/()".contains(c))).collect();
    let code = rest.is_empty() || (rest.len() == 3 && rest.chars().all(|c| c.is_ascii_lowercase()));
    code && s.chars().any(|c| c.is_ascii_digit()) && (s.chars().any(sign) || !rest.is_empty())
}
