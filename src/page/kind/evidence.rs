//! What a page carries that tells its kind, read in one walk over the parsed tree plus
//! its declarations (JSON-LD, `<meta>`) and its URL.
//!
//! Only the words the weights know are looked up (JSON-LD types, URL and host words,
//! class and id words, `itemprop` names, the labels of the lexicon); everything else is
//! counted into a few numbers of the page's structure (see [`Structure`]).

use std::sync::LazyLock;

use ego_tree::iter::Edge;
use regex::Regex;
use rustc_hash::FxHashMap;
use scraper::{Html, Node};
use serde_json::Value;

use super::weights::{Space, Weights};
use crate::normalize::text;
use crate::page::dates::date_in_text;
use crate::page::meta::Meta;

/// One piece of evidence: a known word of a namespace (or a number of the structure)
/// and how strongly the page shows it (0-1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Item<'w> {
    pub space: Space,
    pub name: &'w str,
    pub value: f32,
}

impl std::fmt::Display for Item<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}={:.2}", self.space.name(), self.name, self.value)
    }
}

/// Counts of the walk.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    /// Visible text in characters (CJK counted twice), and the part inside links.
    text: u32,
    link_text: u32,
    /// `<p>` of at least [`PROSE`] characters, mostly not links: their number and text.
    prose: u32,
    prose_text: u32,
    h1: u32,
    headings: u32,
    pre: u32,
    code: u32,
    th: u32,
    forms: u32,
    inputs: u32,
    times: u32,
    imgs: u32,
    buttons: u32,
    items: u32,
    prices: u32,
    /// The largest group of same-shaped sibling cards (a link and a heading or picture
    /// each), of link rows, and of posts (blocks of prose with their own structure).
    cards: u32,
    rows: u32,
    posts: u32,
    /// The largest group of same-shaped siblings that mostly show a price.
    priced: u32,
    /// Short texts that read as a byline (`By Jane Roe`).
    bylines: u32,
    /// Text inside groups of at least three same-shaped siblings.
    repeated_text: u32,
    /// The most prose under one element as its own paragraphs: an article's body.
    main_prose: u32,
    /// Short texts that are a date (`May 6, 2024`, `06.05.2024`), and whether one is
    /// shown beside the first `<h1>` (where an article says when it was published).
    dates: u32,
    date_near_h1: bool,
    /// Sections (the text from the end of an `<h2>`-`<h4>` to the next one) with little
    /// text, and with a story's worth of it (their share is the evidence).
    sections_short: u32,
    sections_long: u32,
    /// Links to a place in the page (`href="#install"`): a table of contents; and such
    /// links inside an `<h2>`-`<h4>` (a heading's permalink, as documentation generators
    /// write them).
    anchor_links: u32,
    heading_anchors: u32,
    /// Links whose text is a version number (`v2.3`, `3.12`, `1.4.x`): a documentation's
    /// version menu (a `<select>` is cut before the parse, as the page reader does).
    versions: u32,
    /// Links whose text is a page number (`2`, `3`, `17`): pagination.
    page_numbers: u32,
    /// Links to a telephone number or a mail address (`tel:`, `mailto:`).
    contact_links: u32,
    /// The largest group of same-shaped siblings that mostly hold a link and a date (a
    /// `<time>` or a date shown): the items of a river of stories or an archive.
    dated_cards: u32,
}

/// A page with less text than this (characters) is judged by what it declares (its
/// JSON-LD, `og:type`, URL) only: its structure is too little to tell, and pages that
/// are filled in by scripts are mostly empty shells.
const LITTLE_TEXT: u32 = 300;

/// A page is `scattered` when at least this share of its text is in groups of
/// same-shaped blocks (cards, rows, posts) and its largest block of prose paragraphs
/// holds less than [`SCATTERED_MAIN`] of it: a thread, a river of teasers, a page of
/// sections, not a story with its comments or related links.
const SCATTERED_REPEATED: f32 = 0.7;
const SCATTERED_MAIN: f32 = 0.25;

/// A paragraph of prose has at least this many characters.
const PROSE: u32 = 80;

/// A section with fewer characters than this is short (a service page's feature, a
/// card's blurb); one with more is a part of a story.
const SECTION_SHORT: u32 = 300;

/// A date is shown beside the headline when it is at most this many characters before
/// the first `<h1>` or after it.
const NEAR_H1_BEFORE: u32 = 300;
const NEAR_H1_AFTER: u32 = 600;

/// A text read as a possible date: at most this many bytes.
const DATE_MAX: usize = 80;

/// Text of a short control (a button, a link, a label) read for the lexicon's labels:
/// at most this many bytes, and this many characters without white space.
const LABEL_MAX: usize = 48;
const LABEL_CHARS: u32 = 32;

/// Distinct shapes of children tracked per element (more are not grouped).
const MAX_GROUPS: usize = 24;

/// The currency signs (lexicon `currency-signs`) as a regex alternation.
fn currency_signs() -> String {
    crate::lexicon::CURRENCY_SIGNS.words().iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

/// A number, in a currency: `$19.99`, `€ 1.299,00`, `12,50 €`, `USD 40`.
static PRICE: LazyLock<Regex> = LazyLock::new(|| {
    let signs = currency_signs();
    // ASCII word boundaries: the fast automata take them; Unicode ones need a slow search.
    Regex::new(&format!(
        r"(?:(?:{signs})|(?-u:\b)(?:USD|EUR|GBP|CHF|CAD|AUD|JPY|INR|Rs\.?)\s?)\s?\d{{1,3}}(?:[.,\u{{a0}} ]?\d{{3}})*(?:[.,]\d{{1,2}})?|\d{{1,3}}(?:[.,\u{{a0}} ]?\d{{3}})*(?:[.,]\d{{1,2}})?\s?(?:{signs}|EUR(?-u:\b)|zł|kr(?-u:\b)|Kč|Ft(?-u:\b)|lei(?-u:\b))",
    ))
    .expect("lexicon pattern")
});

/// A currency sign or code, the cheap test before [`PRICE`] (a literal search).
static CURRENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{}|USD|EUR|GBP|CHF|CAD|AUD|JPY|INR|Rs|zł|kr|Kč|Ft|lei", currency_signs()))
        .expect("lexicon pattern")
});

/// A byline: `By Jane Roe`, `von Anna Muster`, `Par Jean`.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:by|written by|posted by|von|par|por|di|door|av|af)\s+\p{Lu}\p{L}+").expect("static regex")
});

/// Can `t` open with a byline word (a cheap test before [`BYLINE`])?
fn could_be_byline(t: &str) -> bool {
    t.trim_start()
        .bytes()
        .next()
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'b' | b'w' | b'p' | b'v' | b'd' | b'a'))
}

/// A version number as a link shows it: `v2.3`, `3.12`, `1.4.x`, `v5`,
/// `2.0.1 (latest)`.
static VERSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[vV]\d{1,3}(?:\.(?:\d{1,3}|x))*|\d{1,3}(?:\.(?:\d{1,3}|x)){1,2})(?:\s*\([^)]{1,12}\))?\s*$")
        .expect("static regex")
});

/// A page number as pagination shows it: `2`, `17`.
fn is_page_number(t: &str) -> bool {
    let t = t.trim();
    (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()) && t != "0"
}

/// A date in a URL's path: `/2024/05/`, `2024-05-06`.
static URL_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])(?:[/-]|$)").expect("static regex"));

/// Same-shaped siblings: their number and what they hold.
#[derive(Debug, Clone, Copy, Default)]
struct Group {
    shape: u64,
    n: u32,
    text: u32,
    link_text: u32,
    linked: u32,
    /// With a heading or a picture.
    titled: u32,
    /// With block structure (two block children or more) or a `<time>`.
    rich: u32,
    /// Showing a price.
    priced: u32,
    /// With a date (a `<time>` or a date shown).
    dated: u32,
}

/// An open element.
#[derive(Debug, Default)]
struct Frame {
    /// Tag and class (see [`shape_of`]); 0: not grouped (text-level elements).
    shape: u64,
    text: u32,
    link_text: u32,
    has_link: bool,
    titled: bool,
    blocks: u32,
    has_time: bool,
    /// Holds a `<time>` or a short text that is a date.
    dated: bool,
    prices: u32,
    /// Text of the prose paragraphs among its children.
    prose_kids: u32,
    groups: Vec<Group>,
}

/// The shape of an element for grouping: its tag (by position in [`GROUPED`]) and the id
/// of its class value among the page's distinct values; 0 for elements never grouped.
fn shape_of(tag: &str, class_id: u32) -> u64 {
    GROUPED.iter().position(|g| *g == tag).map_or(0, |t| ((t as u64 + 1) << 32) | u64::from(class_id))
}

/// Containers whose repetition is a page's structure (cards, rows, posts).
const GROUPED: [&str; 11] = ["div", "article", "section", "li", "tr", "figure", "aside", "a", "dl", "ul", "table"];

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "div"
            | "p"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "ul"
            | "ol"
            | "li"
            | "table"
            | "tr"
            | "blockquote"
            | "pre"
            | "figure"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "dl"
            | "form"
    )
}

/// Characters of `s` as the page reader counts them (no white space, CJK twice).
/// Also: does `s` hold an ASCII digit? (One pass over ASCII text.)
fn measure(s: &str) -> (u32, bool) {
    let (mut n, mut digit) = (0u32, false);
    for b in s.bytes() {
        if b >= 0x80 {
            let n = s.chars().filter(|c| !c.is_whitespace()).map(|c| if text::is_wide(c) { 2 } else { 1 }).sum();
            return (n, s.bytes().any(|b| b.is_ascii_digit()));
        }
        n += u32::from(!b.is_ascii_whitespace());
        digit |= b.is_ascii_digit();
    }
    (n, digit)
}

/// `count` on a 0-1 scale that grows with its logarithm: 1 → 0.2, 3 → 0.4, 31 and more → 1.
fn scale(count: u32) -> f32 {
    ((count as f32 + 1.0).log2() / 5.0).min(1.0)
}

/// Lower-case `s` into `buf` with white space folded, without a trailing colon or arrow.
fn fold_label(s: &str, buf: &mut String) {
    buf.clear();
    for w in s.split_whitespace() {
        if !buf.is_empty() {
            buf.push(' ');
        }
        for c in w.chars() {
            buf.extend(c.to_lowercase());
        }
    }
    let t = trim_label(buf).len();
    buf.truncate(t);
}

/// A folded label without a trailing colon, arrow or stop.
fn trim_label(s: &str) -> &str {
    s.trim_end_matches([':', '›', '→', '»', '>', '.', '!']).trim_end()
}

/// The longest ASCII text folded on the stack by [`fold_ascii_label`] (every text the
/// walk reads as a label is shorter: see [`LABEL_MAX`]).
const FOLD_ON_STACK: usize = 64;

/// [`fold_label`] of an ASCII text of at most [`FOLD_ON_STACK`] bytes, into `buf`: byte
/// by byte, with no allocation and none of the per-character machinery of a Unicode
/// split (the look runs on every short text of a page). `None` for other texts.
fn fold_ascii_label<'b>(s: &str, buf: &'b mut [u8; FOLD_ON_STACK]) -> Option<&'b str> {
    if s.len() > FOLD_ON_STACK || !s.is_ascii() {
        return None;
    }
    let mut n = 0;
    let mut gap = false;
    for b in s.bytes() {
        // The ASCII white space of `char::is_whitespace` (the vertical tab too).
        if matches!(b, b'\t'..=b'\r' | b' ') {
            gap = n > 0;
            continue;
        }
        if gap {
            *buf.get_mut(n)? = b' ';
            n += 1;
            gap = false;
        }
        *buf.get_mut(n)? = b.to_ascii_lowercase();
        n += 1;
    }
    std::str::from_utf8(buf.get(..n)?).ok().map(trim_label)
}

/// The evidence gatherer.
struct Walk<'w> {
    w: &'w Weights,
    counts: Counts,
    /// Per known word of a namespace, how many times it was seen.
    seen: Vec<(Space, &'w str, u32)>,
    label: String,
    fold: String,
}

impl<'w> Walk<'w> {
    fn see(&mut self, space: Space, word: &str) {
        self.see_n(space, word, 1);
    }

    /// `word` seen `n` times.
    fn see_n(&mut self, space: Space, word: &str, n: u32) {
        let Some(name) = self.w.known(space, word) else { return };
        match self.seen.iter_mut().find(|(s, known, _)| *s == space && *known == name) {
            Some((_, _, c)) => *c += n,
            None => self.seen.push((space, name, n)),
        }
    }

    /// Each word of a class or id attribute (split at anything not an ASCII letter or
    /// digit), `n` times.
    fn see_words(&mut self, space: Space, value: &str, n: u32) {
        let mut last = "";
        for word in value.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| w.len() >= 2 && w.len() <= 24) {
            if word.eq_ignore_ascii_case(last) {
                continue;
            }
            last = word;
            if word.bytes().any(|b| b.is_ascii_uppercase()) {
                let lower = word.to_ascii_lowercase();
                self.see_n(space, &lower, n);
            } else {
                self.see_n(space, word, n);
            }
        }
    }

    fn see_label(&mut self, s: &str) {
        if !self.w.may_start_label(s) {
            return;
        }
        let mut stack = [0u8; FOLD_ON_STACK];
        if let Some(fold) = fold_ascii_label(s, &mut stack) {
            if !fold.is_empty() {
                self.see(Space::Label, fold);
            }
            return;
        }
        let mut fold = std::mem::take(&mut self.fold);
        fold_label(s, &mut fold);
        if !fold.is_empty() {
            self.see(Space::Label, &fold);
        }
        self.fold = fold;
    }
}

/// Read the page's evidence.
pub fn gather<'w>(doc: &Html, meta: &Meta, ld: &[Value], url: Option<&str>, w: &'w Weights) -> Vec<Item<'w>> {
    let mut walk = Walk { w, counts: Counts::default(), seen: Vec::new(), label: String::new(), fold: String::new() };
    let objects = ld_objects(ld);
    for t in ld_types(&objects) {
        walk.see(Space::Ld, t);
    }
    if let Some(og) = meta.first(&["og:type"]) {
        walk.see(Space::Og, &og.to_ascii_lowercase());
    }
    let dated = meta.first(&["article:published_time", "og:article:published_time"]).is_some();
    let mut structure: Vec<(&'static str, f32)> = Vec::new();
    if let Some(url) = url {
        url_evidence(url, &mut walk, &mut structure);
    }
    walk_tree(doc, &mut walk);

    let c = walk.counts;
    let (ld_dated, ld_date) = ld_dates(&objects);
    let total = c.text.max(1) as f32;
    let ratio = |a: u32, b: u32| if b == 0 { 0.0 } else { (a as f32 / b as f32).min(1.0) };
    structure.extend([
        ("text", (c.text as f32 / 8000.0).min(1.0)),
        ("prose_share", c.prose_text as f32 / total),
        ("prose", scale(c.prose)),
        ("link_density", c.link_text as f32 / total),
        ("headings_per_prose", ratio(c.headings, c.prose + 1)),
        ("headings", scale(c.headings)),
        ("h1_none", f32::from(c.h1 == 0)),
        ("h1_many", f32::from(c.h1 > 1)),
        ("pre", scale(c.pre)),
        ("code", scale(c.code)),
        ("th", scale(c.th)),
        ("forms", scale(c.forms)),
        ("inputs", scale(c.inputs)),
        ("times", scale(c.times)),
        ("imgs", scale(c.imgs)),
        ("buttons", scale(c.buttons)),
        ("items", scale(c.items)),
        ("prose_long", (c.prose_text as f32 / 4000.0).min(1.0)),
        ("main_prose", (c.main_prose as f32 / 3000.0).min(1.0)),
        ("main_share", c.main_prose as f32 / total),
        ("prices", scale(c.prices)),
        ("price_few", f32::from((1..=4).contains(&c.prices))),
        ("price_many", f32::from(c.prices >= 8)),
        ("priced_cards", scale(c.priced)),
        ("bylines", scale(c.bylines)),
        ("cards", scale(c.cards)),
        ("rows", scale(c.rows)),
        ("posts", scale(c.posts)),
        ("repeated_share", (c.repeated_text as f32 / total).min(1.0)),
        ("dated", f32::from(dated)),
        ("dates_shown", scale(c.dates)),
        ("date_near_h1", f32::from(c.date_near_h1)),
        (
            "sections_short",
            if c.sections_short + c.sections_long >= 3 {
                ratio(c.sections_short, c.sections_short + c.sections_long)
            } else {
                0.0
            },
        ),
        // No sign of a writer or a day: the mark of pages that are not articles.
        (
            "anonymous",
            f32::from(
                !dated
                    && !ld_dated
                    && c.bylines == 0
                    && c.times == 0
                    && !c.date_near_h1
                    && !ld_has_key(&objects, "author"),
            ),
        ),
        ("ld_dated", f32::from(ld_dated)),
        ("ld_date", f32::from(ld_date && !ld_dated)),
        ("ld_author", f32::from(ld_has_key(&objects, "author"))),
        ("ld_none", f32::from(ld.is_empty())),
        ("anchor_links", scale(c.anchor_links)),
        ("heading_anchors", scale(c.heading_anchors)),
        ("versions", scale(c.versions)),
        ("page_numbers", scale(c.page_numbers)),
        ("contact_links", scale(c.contact_links)),
        ("dated_cards", scale(c.dated_cards)),
        (
            "scattered",
            f32::from(
                c.repeated_text as f32 / total >= SCATTERED_REPEATED && (c.main_prose as f32 / total) < SCATTERED_MAIN,
            ),
        ),
    ]);

    let mut items: Vec<Item<'w>> =
        walk.seen.iter().map(|&(space, name, n)| Item { space, name, value: space.value_of(n) }).collect();
    if c.text < LITTLE_TEXT {
        items.retain(|i| matches!(i.space, Space::Ld | Space::Og | Space::Url | Space::UrlEnd | Space::Host));
        return items;
    }
    for (name, value) in structure {
        if value != 0.0
            && let Some(name) = w.known(Space::Structure, name)
        {
            items.push(Item { space: Space::Structure, name, value });
        }
    }
    items
}

/// Words of the URL's host and path, and the shape of its path.
fn url_evidence(url: &str, walk: &mut Walk, structure: &mut Vec<(&'static str, f32)>) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    let host = host.rsplit('@').next().unwrap_or(host).split(':').next().unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    // Not the top-level domain, nor `www`.
    for label in labels.iter().take(labels.len().saturating_sub(1)).filter(|l| **l != "www") {
        walk.see_words(Space::Host, label, 1);
    }
    let path = path.split('#').next().unwrap_or("");
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let slug_words = |s: &str| s.split(['-', '_', '+', ' ']).filter(|w| w.chars().any(char::is_alphabetic)).count();
    match segments.last() {
        Some(end) => {
            let end = end
                .rsplit_once('.')
                .filter(|(_, ext)| matches!(*ext, "html" | "htm" | "php" | "aspx"))
                .map_or(*end, |(stem, _)| stem);
            if end.bytes().any(|b| b.is_ascii_uppercase()) {
                walk.see(Space::UrlEnd, &end.to_ascii_lowercase());
            } else {
                walk.see(Space::UrlEnd, end);
            }
        }
        None => {
            if let Some(first) = labels.iter().find(|l| **l != "www") {
                walk.see(Space::UrlEnd, first);
            }
        }
    }
    // The words of a slug (`how-to-book-a-flight`) are the article's, not the site's.
    for seg in segments.iter().filter(|s| slug_words(s) <= 3) {
        walk.see_words(Space::Url, seg, 1);
    }
    for (key, value) in query.split('&').filter_map(|kv| kv.split_once('=')) {
        if matches!(key, "q" | "query" | "search" | "s" | "page" | "p" | "category" | "cat" | "tag")
            && !value.is_empty()
        {
            walk.see(Space::Url, key);
        }
    }
    let last = segments.last().copied().unwrap_or("");
    structure.extend([
        ("url_root", f32::from(segments.is_empty())),
        ("url_one", f32::from(segments.len() == 1)),
        ("url_deep", f32::from(segments.len() >= 3)),
        ("url_date", f32::from(URL_DATE.is_match(path))),
        ("url_slug", f32::from(segments.iter().any(|s| slug_words(s) >= 4))),
        ("url_id", f32::from(segments.iter().any(|s| s.bytes().filter(u8::is_ascii_digit).count() >= 5))),
        ("url_page", f32::from(last.ends_with(".html") || last.ends_with(".htm") || last.ends_with(".php"))),
    ]);
}

/// Every object of the page's JSON-LD, nested ones too (to a bounded depth and number).
fn ld_objects(values: &[Value]) -> Vec<&serde_json::Map<String, Value>> {
    let mut out = Vec::new();
    let mut stack: Vec<(&Value, usize)> = values.iter().map(|v| (v, 0)).collect();
    let mut visited = 0usize;
    while let Some((v, depth)) = stack.pop() {
        visited += 1;
        if depth > 10 || visited > 5000 {
            break;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().map(|x| (x, depth + 1))),
            Value::Object(o) => {
                out.push(o);
                stack.extend(o.values().filter(|x| x.is_object() || x.is_array()).map(|x| (x, depth + 1)));
            }
            _ => {}
        }
    }
    out
}

/// The `@type`s of an object, last path segment only (`https://schema.org/Offer`: `Offer`).
fn types_of(o: &serde_json::Map<String, Value>) -> impl Iterator<Item = &str> {
    let types: Vec<&str> = match o.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    types.into_iter().map(|t| t.rsplit(['/', ':', '#']).next().unwrap_or(t))
}

/// Every `@type` of the objects, each once.
fn ld_types<'a>(objects: &[&'a serde_json::Map<String, Value>]) -> Vec<&'a str> {
    let mut out: Vec<&str> = objects.iter().flat_map(|o| types_of(o)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Does an article object (a type ending in `Article` or `Posting`) declare
/// `datePublished`, and does any other object?
fn ld_dates(objects: &[&serde_json::Map<String, Value>]) -> (bool, bool) {
    let (mut article, mut other) = (false, false);
    for o in objects.iter().filter(|o| o.get("datePublished").is_some_and(|x| !x.is_null())) {
        if types_of(o).any(|t| t.ends_with("Article") || t.ends_with("Posting")) {
            article = true;
        } else {
            other = true;
        }
    }
    (article, other)
}

/// Does any object have `key`?
fn ld_has_key(objects: &[&serde_json::Map<String, Value>], key: &str) -> bool {
    objects.iter().any(|o| o.get(key).is_some_and(|x| !x.is_null()))
}

/// One walk over the tree: text and link text, prose, headings, code, tables, forms,
/// prices, labels, class words and the groups of same-shaped siblings.
fn walk_tree(doc: &Html, walk: &mut Walk) {
    let mut stack: Vec<Frame> = Vec::with_capacity(64);
    // Depth of `<a href>`, of `<head>`, and the element whose text is a label.
    let mut links = 0u32;
    let mut head = 0u32;
    let mut label_of: Option<ego_tree::NodeId> = None;
    // Class and id values, counted: a page repeats a few hundred of them thousands of
    // times, and their words are looked up once per value.
    let mut names: FxHashMap<&str, (u32, u32)> = FxHashMap::default();
    // Where the first `<h1>` starts and ends (characters of text before it), where the
    // dates shown before it are, and where the open section started.
    let mut h1: (Option<u32>, Option<u32>) = (None, None);
    let mut last_date_before_h1: Option<u32> = None;
    let mut section_from: Option<u32> = None;
    // Depth of `<h2>`-`<h4>`.
    let mut heading = 0u32;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) => {
                    if head > 0 {
                        continue;
                    }
                    let (n, digit) = measure(t);
                    if n == 0 {
                        continue;
                    }
                    walk.counts.text += n;
                    if let Some(f) = stack.last_mut() {
                        f.text += n;
                        if links > 0 {
                            f.link_text += n;
                        }
                    }
                    if links > 0 {
                        walk.counts.link_text += n;
                    }
                    if label_of.is_some() {
                        if walk.label.len() < LABEL_MAX {
                            walk.label.push(' ');
                            walk.label.push_str(t);
                        }
                    } else if t.len() <= LABEL_MAX && n <= LABEL_CHARS {
                        walk.see_label(t);
                    }
                    if digit && CURRENCY.is_match(t) {
                        let prices = PRICE.find_iter(t).take(4).count() as u32;
                        walk.counts.prices += prices;
                        if let Some(f) = stack.last_mut() {
                            f.prices += prices;
                        }
                    }
                    if t.len() <= 60 && could_be_byline(t) && BYLINE.is_match(t) {
                        walk.counts.bylines += 1;
                    }
                    if digit && t.len() <= DATE_MAX && date_in_text(t, false).is_some() {
                        if let Some(f) = stack.last_mut() {
                            f.dated = true;
                        }
                        let c = &mut walk.counts;
                        c.dates += 1;
                        // The text's start, in characters before it.
                        let at = c.text - n;
                        match h1 {
                            (None, _) => last_date_before_h1 = Some(at),
                            (Some(_), Some(end)) if at <= end + NEAR_H1_AFTER => c.date_near_h1 = true,
                            _ => {}
                        }
                    }
                }
                Node::Element(e) => {
                    let name = e.name();
                    if name == "head" {
                        head += 1;
                    }
                    let mut class_id = 0;
                    for (attr, value) in e.attrs() {
                        match attr {
                            "class" | "id" => {
                                let next = names.len() as u32 + 1;
                                let (n, id) = names.entry(value).or_insert((0, next));
                                *n += 1;
                                if attr == "class" {
                                    class_id = *id;
                                }
                            }
                            "itemprop" => walk.see(Space::Itemprop, value),
                            "itemtype" => walk.see(Space::Ld, value.rsplit(['/', '#']).next().unwrap_or(value)),
                            _ => {}
                        }
                    }
                    let c = &mut walk.counts;
                    match name {
                        "a" if e.attr("href").is_some() => {
                            links += 1;
                            let href = e.attr("href").unwrap_or("").trim();
                            if href.len() > 1 && href.starts_with('#') && !href.starts_with("#!") {
                                c.anchor_links += 1;
                                c.heading_anchors += u32::from(heading > 0);
                            } else if text::starts_with_ci(href, "tel:") || text::starts_with_ci(href, "mailto:") {
                                c.contact_links += 1;
                            }
                        }
                        "h1" => {
                            c.h1 += 1;
                            if h1.0.is_none() {
                                h1.0 = Some(c.text);
                                c.date_near_h1 |= last_date_before_h1.is_some_and(|d| d + NEAR_H1_BEFORE >= c.text);
                            }
                        }
                        "h2" | "h3" => {
                            c.headings += 1;
                            heading += 1;
                        }
                        "h4" => heading += 1,
                        "pre" => c.pre += 1,
                        "code" => c.code += 1,
                        "th" => c.th += 1,
                        "form" => c.forms += 1,
                        "input" | "textarea" => {
                            c.inputs += 1;
                            if let Some(v) = e.attr("value").filter(|v| v.len() <= LABEL_MAX) {
                                walk.see_label(v);
                            }
                        }
                        "time" => c.times += 1,
                        "img" => c.imgs += 1,
                        "button" => c.buttons += 1,
                        "li" => c.items += 1,
                        _ => {}
                    }
                    let c = &mut walk.counts;
                    if matches!(name, "h2" | "h3" | "h4")
                        && let Some(from) = section_from.take()
                    {
                        if c.text - from < SECTION_SHORT {
                            c.sections_short += 1;
                        } else {
                            c.sections_long += 1;
                        }
                    }
                    if label_of.is_none() && matches!(name, "a" | "button" | "summary" | "label") {
                        label_of = Some(node.id());
                        walk.label.clear();
                    }
                    let shape = shape_of(name, class_id);
                    if let Some(parent) = stack.last_mut() {
                        parent.blocks += u32::from(is_block(name));
                        parent.titled |= matches!(name, "h2" | "h3" | "h4" | "img" | "picture");
                        parent.has_time |= name == "time";
                        parent.dated |= name == "time";
                    }
                    stack.push(Frame { shape, ..Frame::default() });
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(e) = node.value() else { continue };
                let name = e.name();
                match name {
                    "head" => head = head.saturating_sub(1),
                    "h1" if h1.1.is_none() => h1.1 = Some(walk.counts.text),
                    "h2" | "h3" | "h4" => {
                        section_from = Some(walk.counts.text);
                        heading = heading.saturating_sub(1);
                    }
                    _ => {}
                }
                if name == "a" && e.attr("href").is_some() {
                    links = links.saturating_sub(1);
                }
                if label_of == Some(node.id()) {
                    label_of = None;
                    let label = std::mem::take(&mut walk.label);
                    if label.len() <= LABEL_MAX {
                        walk.see_label(&label);
                        if name == "a" && is_page_number(&label) {
                            walk.counts.page_numbers += 1;
                        } else if name == "a" && VERSION.is_match(&label) {
                            walk.counts.versions += 1;
                        }
                    }
                    walk.label = label;
                }
                let Some(frame) = stack.pop() else { continue };
                let prose = name == "p" && frame.text >= PROSE && frame.link_text * 3 < frame.text;
                if prose {
                    walk.counts.prose += 1;
                    walk.counts.prose_text += frame.text;
                }
                walk.counts.main_prose = walk.counts.main_prose.max(frame.prose_kids);
                close_groups(&frame, &mut walk.counts);
                let Some(parent) = stack.last_mut() else { continue };
                parent.text += frame.text;
                parent.link_text += frame.link_text;
                let has_link = frame.has_link || name == "a";
                parent.has_link |= has_link;
                parent.titled |= frame.titled;
                parent.has_time |= frame.has_time;
                parent.dated |= frame.dated;
                parent.prices += frame.prices;
                if prose {
                    parent.prose_kids += frame.text;
                }
                if frame.shape == 0 || frame.text == 0 {
                    continue;
                }
                let at = match parent.groups.iter().position(|g| g.shape == frame.shape) {
                    Some(at) => at,
                    None if parent.groups.len() < MAX_GROUPS => {
                        parent.groups.push(Group { shape: frame.shape, ..Group::default() });
                        parent.groups.len() - 1
                    }
                    None => continue,
                };
                let Some(g) = parent.groups.get_mut(at) else { continue };
                g.n += 1;
                g.text += frame.text;
                g.link_text += frame.link_text;
                g.linked += u32::from(has_link);
                g.titled += u32::from(frame.titled);
                g.rich += u32::from(frame.blocks >= 2 || frame.has_time);
                g.priced += u32::from(frame.prices > 0);
                g.dated += u32::from(frame.dated);
            }
        }
    }
    for (value, (n, _)) in names {
        walk.see_words(Space::Class, value, n);
    }
}

/// The groups of same-shaped children of a closed element: cards, link rows, posts.
fn close_groups(frame: &Frame, c: &mut Counts) {
    for g in frame.groups.iter().filter(|g| g.n >= 3) {
        c.repeated_text += g.text;
        let mean = g.text / g.n;
        let mostly = |k: u32| k * 5 >= g.n * 4;
        if mostly(g.linked) && mostly(g.titled) && mean <= 600 {
            c.cards = c.cards.max(g.n);
        }
        if mostly(g.linked) && mean <= 200 && g.link_text * 2 >= g.text {
            c.rows = c.rows.max(g.n);
        }
        if mostly(g.rich) && (g.text - g.link_text) / g.n >= 150 {
            c.posts = c.posts.max(g.n);
        }
        if mostly(g.priced) {
            c.priced = c.priced.max(g.n);
        }
        if mostly(g.linked) && mostly(g.dated) && mean <= 1200 {
            c.dated_cards = c.dated_cards.max(g.n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_folded() {
        let mut b = String::new();
        fold_label("  Add to\n Cart → ", &mut b);
        assert_eq!(b, "add to cart");
        fold_label("Joined:", &mut b);
        assert_eq!(b, "joined");
        fold_label("加入购物车", &mut b);
        assert_eq!(b, "加入购物车");
        fold_label("Ärger\u{a0}MELDEN!", &mut b);
        assert_eq!(b, "ärger melden");
    }

    /// The byte-by-byte fold of ASCII labels is the fold of every other text.
    #[test]
    fn ascii_labels_fold_as_other_labels() {
        let mut stack = [0u8; FOLD_ON_STACK];
        let mut b = String::new();
        for s in [
            "  Add to\n Cart → ",
            "Joined:",
            "Add to Cart",
            "Reply :",
            "\x0bNext\x0b Page >>",
            "Read more...",
            "  ",
            ":",
            "BUY",
        ] {
            fold_label(s, &mut b);
            assert_eq!(fold_ascii_label(s, &mut stack), (s.is_ascii()).then_some(b.as_str()), "{s:?}");
        }
        // Too long for the stack, or not ASCII: the general fold.
        assert_eq!(fold_ascii_label(&"a".repeat(FOLD_ON_STACK + 1), &mut stack), None);
        assert_eq!(fold_ascii_label("Añadir", &mut stack), None);
    }

    #[test]
    fn prices_in_several_forms() {
        let n = |s: &str| PRICE.find_iter(s).count();
        assert_eq!(n("$19.99"), 1);
        assert_eq!(n("Now € 1.299,00, was 1.499,00 €"), 2);
        assert_eq!(n("USD 40 or £30"), 2);
        assert_eq!(n("In 2024, 35 people"), 0);
    }

    #[test]
    fn json_ld_types_nested_and_by_url() {
        let v: Value = serde_json::from_str(
            r#"{"@graph":[{"@type":"WebPage"},{"@type":["Product","Thing"],"offers":{"@type":"https://schema.org/Offer","datePublished":null}}]}"#,
        )
        .unwrap();
        let objects = ld_objects(std::slice::from_ref(&v));
        assert_eq!(ld_types(&objects), ["Offer", "Product", "Thing", "WebPage"]);
        assert!(!ld_has_key(&objects, "datePublished"));
        assert_eq!(ld_dates(&objects), (false, false));
    }
}
