//! What kind of page a parsed HTML page is (SPEC v1.2 `page_type`): a score per kind from
//! the evidence the page carries, weighted by `data/page-kinds.toml`.
//!
//! - [`evidence`]: the page's JSON-LD and microdata types, `og:type`, `itemprop`
//!   names, URL and host words, class and id words, the short texts of its buttons and
//!   labels (lexicons `cart-buttons`, `call-to-action`, `post-labels`, `docs-labels`), and
//!   numbers of its structure: prose, link density, headings, code blocks, tables, forms,
//!   prices, groups of same-shaped siblings (cards, link rows, posts), declared dates;
//! - [`weights`]: what each piece of evidence weighs for each kind.
//!
//! A kind other than `article` must beat `article` by the file's `margin`: a filter
//! must not lose articles, so when in doubt a page is an article. The cost is one walk
//! over the tree the page reader parsed (no second parse).

pub mod evidence;
pub mod weights;

use scraper::Html;
use serde_json::Value;

pub use evidence::Item;
pub use weights::{PerKind, Space, Weights};

use crate::page::meta::Meta;
use crate::record::PageType;

/// The kind of a page, with its scores and the evidence they came from.
#[derive(Debug, Clone)]
pub struct Verdict<'w> {
    pub kind: PageType,
    /// The score of each kind, in [`PageType::ALL`] order.
    pub scores: PerKind,
    pub evidence: Vec<Item<'w>>,
    /// The kind whose extractor reads the page's body: the page's kind, or, for an
    /// article in doubt (see [`in_doubt`]), `documentation` or `service`: the main
    /// column, which takes the article scoring's text when that has more. A
    /// documentation or company page whose evidence came close reads as its kind does;
    /// an article read so mostly keeps its article scoring's text.
    pub reader: PageType,
}

/// The kind of a parsed page whose declarations are `meta` and `ld` (its parsed
/// JSON-LD blocks) and whose URL is `url`.
pub fn classify(doc: &Html, meta: &Meta, ld: &[Value], url: Option<&str>) -> Verdict<'static> {
    classify_with(doc, meta, ld, url, Weights::get())
}

/// [`classify`] with other weights (for tuning tools).
pub fn classify_with<'w>(doc: &Html, meta: &Meta, ld: &[Value], url: Option<&str>, w: &'w Weights) -> Verdict<'w> {
    let evidence = evidence::gather(doc, meta, ld, url, w);
    let scores = score(&evidence, w);
    let kind = decide(&scores, w.margin);
    let reader = match kind {
        PageType::Article => in_doubt(&scores, w.doubt).unwrap_or(kind),
        _ => kind,
    };
    Verdict { kind, scores, evidence, reader }
}

/// The bias plus the weighted evidence, per kind. On a page whose structure disagrees
/// with an article (the evidence `scattered`), what its declared types (JSON-LD,
/// `og:type`) weigh for `article` is lessened by the weights' `declared_discount`: many
/// threads, section fronts and company pages are declared `Article` by their CMS.
pub fn score(evidence: &[Item], w: &Weights) -> PerKind {
    let mut scores = w.bias;
    let scattered = evidence.iter().any(|i| i.space == Space::Structure && i.name == SCATTERED && i.value > 0.0);
    let article = weights::index(PageType::Article);
    for item in evidence {
        if let Some(k) = w.of(item.space, item.name) {
            let declared = scattered && matches!(item.space, Space::Ld | Space::Og);
            for (i, (s, k)) in scores.iter_mut().zip(k).enumerate() {
                let k = if declared && i == article { k * (1.0 - w.declared_discount) } else { *k };
                *s += k * item.value;
            }
        }
    }
    scores
}

/// The structure evidence of a page whose text is in repeated blocks, none of them a
/// story's body (see [`evidence`]).
pub const SCATTERED: &str = "scattered";

/// The best kind; another kind than `article` only when it beats `article` by `margin`.
pub fn decide(scores: &PerKind, margin: f32) -> PageType {
    let article = weights::index(PageType::Article);
    let (best, top) = scores
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != article)
        .fold((article, f32::MIN), |acc, (i, s)| if *s > acc.1 { (i, *s) } else { acc });
    match scores.get(article) {
        Some(a) if top > a + margin => PageType::ALL.get(best).copied().unwrap_or_default(),
        _ => PageType::Article,
    }
}

/// The kinds a page in doubt may be read as: pages whose body is their main column's
/// text (the column takes the article scoring's text when that has more, so an article
/// read so mostly keeps its text).
const DOUBTED: [PageType; 2] = [PageType::Documentation, PageType::Service];

/// The kind of [`DOUBTED`] that scores at least `article`'s score less `doubt`, the
/// higher of them; `None` when none does.
pub fn in_doubt(scores: &PerKind, doubt: f32) -> Option<PageType> {
    let a = *scores.get(weights::index(PageType::Article))?;
    DOUBTED
        .iter()
        .filter_map(|k| scores.get(weights::index(*k)).map(|s| (*k, *s)))
        .filter(|(_, s)| *s >= a - doubt)
        .max_by(|x, y| x.1.total_cmp(&y.1))
        .map(|(k, _)| k)
}

/// The kind of an HTML page given as text (for `newsnorm detect` and tools): the page
/// is prepared and parsed as the page reader does, and its own URL (canonical link,
/// `og:url`, JSON-LD) is read.
pub fn of_text(text: &str) -> Verdict<'static> {
    let w = Weights::get();
    let prepared = crate::page::prepare::prepare(text);
    let Some(doc) = crate::html::parse_document(&prepared.html) else {
        return Verdict { kind: PageType::Article, scores: w.bias, evidence: Vec::new(), reader: PageType::Article };
    };
    let meta = crate::page::meta::read(&doc);
    let ld: Vec<Value> = prepared.ld_json.iter().filter_map(|b| crate::page::jsonld::parse_block(b)).collect();
    let url = crate::page::page_url(&meta, &crate::page::jsonld::from_values(&ld));
    classify_with(&doc, &meta, &ld, url.as_deref(), w)
}

#[cfg(test)]
mod tests;
