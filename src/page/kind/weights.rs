//! The weights of the evidence, from `data/page-kinds.toml` (embedded at build time,
//! parsed once), and the labels of the lexicon they name.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::lexicon::{self, Lexicon};
use crate::record::PageType;

/// The namespaces of evidence (the tables of `data/page-kinds.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Space {
    /// A schema.org type of the page's JSON-LD or microdata (`itemtype`).
    Ld,
    /// The page's `og:type`.
    Og,
    /// A word of the URL's path (or a search/page parameter of its query).
    Url,
    /// The URL's last path segment (`/blog/`, `/docs`), or the first word of the host of
    /// a URL with no path (`blog.example.org/`): the index a URL names.
    UrlEnd,
    /// A word of the URL's host, other than the top-level domain and `www`.
    Host,
    /// A word of the class and id names of the page's elements.
    Class,
    /// An `itemprop` name.
    Itemprop,
    /// A lexicon of short texts (buttons, links, labels): `cart-buttons`, …
    Label,
    /// A number of the page's structure (see [`super::evidence`]).
    Structure,
}

impl Space {
    pub const ALL: [Space; 9] = [
        Space::Ld,
        Space::Og,
        Space::Url,
        Space::UrlEnd,
        Space::Host,
        Space::Class,
        Space::Itemprop,
        Space::Label,
        Space::Structure,
    ];

    /// The table's name in `data/page-kinds.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Space::Ld => "ld",
            Space::Og => "og",
            Space::Url => "url",
            Space::UrlEnd => "url_end",
            Space::Host => "host",
            Space::Class => "class",
            Space::Itemprop => "itemprop",
            Space::Label => "label",
            Space::Structure => "structure",
        }
    }

    /// How strongly `count` sightings of a word count: declarations and URL words once,
    /// names and labels more with their number (1 → 0.2, 3 → 0.4, 31 → 1).
    pub fn value_of(self, count: u32) -> f32 {
        match self {
            Space::Ld | Space::Og | Space::Url | Space::UrlEnd | Space::Host => 1.0,
            Space::Class | Space::Itemprop | Space::Label => ((count as f32 + 1.0).log2() / 5.0).min(1.0),
            Space::Structure => count as f32,
        }
    }
}

/// A weight per kind, in [`PageType::ALL`] order.
pub type PerKind = [f32; 7];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct KindWeights {
    #[serde(default)]
    article: f32,
    #[serde(default)]
    forum: f32,
    #[serde(default)]
    listing: f32,
    #[serde(default)]
    collection: f32,
    #[serde(default)]
    product: f32,
    #[serde(default)]
    documentation: f32,
    #[serde(default)]
    service: f32,
}

impl KindWeights {
    fn per_kind(&self) -> PerKind {
        [self.article, self.forum, self.listing, self.collection, self.product, self.documentation, self.service]
    }
}

type Table = std::collections::BTreeMap<String, KindWeights>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    margin: f32,
    #[serde(default)]
    doubt: Option<f32>,
    #[serde(default)]
    declared_discount: f32,
    bias: KindWeights,
    ld: Table,
    og: Table,
    url: Table,
    url_end: Table,
    host: Table,
    class: Table,
    itemprop: Table,
    label: Table,
    structure: Table,
}

/// The lexicons of short texts that the `label` table may name.
pub static LABELS: &[&Lexicon] = &[
    &lexicon::CART_BUTTONS,
    &lexicon::CALL_TO_ACTION,
    &lexicon::POST_LABELS,
    &lexicon::DOCS_LABELS,
    &lexicon::LISTING_LABELS,
    &lexicon::SHOP_LABELS,
];

/// The parsed weights.
#[derive(Debug)]
pub struct Weights {
    /// How much more than `article` another kind must score.
    pub margin: f32,
    /// An article page whose other kind scores within this of `article` is in doubt:
    /// its body is read by the main column (see [`super::Verdict::reader`]); minus
    /// infinity (no `doubt` in the file): never.
    pub doubt: f32,
    /// The share of the article weight of declared types (JSON-LD, `og:type`) taken off
    /// on a page whose structure disagrees (its text is in repeated blocks, none of them a
    /// story's body: the evidence `scattered`); 0: none.
    pub declared_discount: f32,
    pub bias: PerKind,
    /// Per namespace (in [`Space::ALL`] order): word → its weights.
    tables: [FxHashMap<String, PerKind>; Space::ALL.len()],
    /// A label text → its lexicon's name.
    labels: FxHashMap<&'static str, &'static str>,
    /// The first bytes of the label texts (lower-cased): a cheap test before folding.
    label_starts: [bool; 256],
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            margin: 0.0,
            doubt: f32::NEG_INFINITY,
            declared_discount: 0.0,
            bias: PerKind::default(),
            tables: Default::default(),
            labels: FxHashMap::default(),
            label_starts: [false; 256],
        }
    }
}

/// An error in `data/page-kinds.toml` (a test keeps the shipped file clean).
#[derive(Debug, thiserror::Error)]
pub enum WeightsError {
    #[error("data/page-kinds.toml: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("data/page-kinds.toml: [label] names {0:?}, which is no lexicon of labels")]
    UnknownLabel(String),
    #[error("data/page-kinds.toml: [structure] names {0:?}, which the page walk does not measure")]
    UnknownStructure(String),
}

/// The numbers of the structure the walk measures (see [`super::evidence`]).
pub const STRUCTURE: &[&str] = &[
    "text",
    "prose_share",
    "prose",
    "link_density",
    "headings_per_prose",
    "headings",
    "h1_none",
    "h1_many",
    "pre",
    "code",
    "th",
    "forms",
    "inputs",
    "times",
    "imgs",
    "buttons",
    "items",
    "prose_long",
    "main_prose",
    "main_share",
    "prices",
    "price_few",
    "price_many",
    "priced_cards",
    "bylines",
    "cards",
    "rows",
    "posts",
    "repeated_share",
    "dated",
    "dates_shown",
    "date_near_h1",
    "sections_short",
    "ld_dated",
    "anonymous",
    "ld_date",
    "ld_author",
    "ld_none",
    "url_root",
    "url_one",
    "url_deep",
    "url_date",
    "url_slug",
    "url_id",
    "url_page",
    "anchor_links",
    "heading_anchors",
    "versions",
    "page_numbers",
    "contact_links",
    "dated_cards",
    "scattered",
];

pub(super) const TEXT: &str = include_str!("../../../data/page-kinds.toml");

impl Weights {
    /// Parse a weights file.
    pub fn parse(text: &str) -> Result<Weights, WeightsError> {
        let file: File = toml::from_str(text)?;
        let doubt = file.doubt.unwrap_or(f32::NEG_INFINITY);
        let mut w = Weights {
            margin: file.margin,
            doubt,
            declared_discount: file.declared_discount.clamp(0.0, 1.0),
            bias: file.bias.per_kind(),
            ..Weights::default()
        };
        let tables = [
            (Space::Ld, file.ld),
            (Space::Og, file.og),
            (Space::Url, file.url),
            (Space::UrlEnd, file.url_end),
            (Space::Host, file.host),
            (Space::Class, file.class),
            (Space::Itemprop, file.itemprop),
            (Space::Label, file.label),
            (Space::Structure, file.structure),
        ];
        for (space, table) in tables {
            for (word, kw) in table {
                if space == Space::Label && !LABELS.iter().any(|l| l.name() == word) {
                    return Err(WeightsError::UnknownLabel(word));
                }
                if space == Space::Structure && !STRUCTURE.contains(&word.as_str()) {
                    return Err(WeightsError::UnknownStructure(word));
                }
                if let Some(t) = w.tables.get_mut(space as usize) {
                    t.insert(word, kw.per_kind());
                }
            }
        }
        for list in LABELS {
            for text in list.words() {
                w.labels.entry(text).or_insert(list.name());
                if let Some(b) = text.bytes().next()
                    && let Some(slot) = w.label_starts.get_mut(usize::from(b))
                {
                    *slot = true;
                }
            }
        }
        Ok(w)
    }

    /// The shipped weights (empty, so every page is an article, if the file were broken:
    /// a test keeps it from being).
    pub fn get() -> &'static Weights {
        static W: OnceLock<Weights> = OnceLock::new();
        W.get_or_init(|| Weights::parse(TEXT).unwrap_or_default())
    }

    /// The stored form of `word` when the weights know it in `space` (a label text gives
    /// its lexicon's name).
    pub fn known(&self, space: Space, word: &str) -> Option<&str> {
        let word = if space == Space::Label { *self.labels.get(word)? } else { word };
        self.tables.get(space as usize)?.get_key_value(word).map(|(k, _)| k.as_str())
    }

    /// Could `text` (not yet folded) be a label? Its first byte that is not white space,
    /// lower-cased, must open one.
    pub fn may_start_label(&self, text: &str) -> bool {
        text.trim_start()
            .bytes()
            .next()
            .is_some_and(|b| self.label_starts.get(usize::from(b.to_ascii_lowercase())).copied().unwrap_or(false))
    }

    /// The weights of a known word.
    pub fn of(&self, space: Space, word: &str) -> Option<&PerKind> {
        self.tables.get(space as usize)?.get(word)
    }
}

/// The position of `kind` in [`PerKind`].
pub fn index(kind: PageType) -> usize {
    PageType::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_parse() {
        let w = Weights::parse(TEXT).unwrap_or_else(|e| panic!("{e}"));
        assert!(w.margin >= 0.0);
        assert!(w.doubt.is_finite(), "the shipped weights read articles in doubt by their column");
        assert!(w.known(Space::Ld, "NewsArticle").is_some());
        assert_eq!(w.known(Space::Label, "add to cart"), Some("cart-buttons"));
        for space in Space::ALL {
            assert!(w.tables.get(space as usize).is_some_and(|t| !t.is_empty()), "no [{}] entries", space.name());
            assert_eq!(Space::ALL.get(space as usize), Some(&space));
        }
    }

    #[test]
    fn unknown_names_are_refused() {
        let base = "margin = 1\n[bias]\n[ld]\n[og]\n[url]\n[url_end]\n[host]\n[class]\n[itemprop]\n[structure]\n";
        assert!(Weights::parse(&format!("{base}[label]\nnope = {{ forum = 1 }}\n")).is_err());
        assert!(Weights::parse(&format!("{base}[label]\n")).is_ok());
        let bad = "margin = 1\n[bias]\n[ld]\n[og]\n[url]\n[url_end]\n[host]\n[class]\n[itemprop]\n[label]\n[structure]\nnope = { forum = 1 }\n";
        assert!(matches!(Weights::parse(bad), Err(WeightsError::UnknownStructure(_))));
        assert!(Weights::parse("margin = 1\n[bias]\nblog = 1\n").is_err());
    }
}
