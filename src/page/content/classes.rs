//! What an element's names say: its `class` and `id` words (boilerplate, article text,
//! a byline or date block, comments), its role, `itemprop` and visibility, as bits and
//! weights that the scoring weighs ([`cut_of`], [`weight_of_bits`]).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use scraper::node::Element;

use crate::html::elements::{Reader, Tag};

/// Class or id words of boilerplate: such elements are not article text
/// (Readability's "unlikely candidates", with the banners of today's pages).
static UNLIKELY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"-ad-|^ad-|-ads?$|^ads?$|adsbygoogle|advert|ai2html|banner|breadcrumb|combx|comment|community|consent|cookie|cover-wrap|disqus|extra|footer|gdpr|legends|menu|newsletter|related|recommend|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|modal|paywall|subscribe|share|sharing|teaser-list|toolbar|navbar|^nav|-nav|skip-link|sr-only|visually-hidden|print-only|yom-remote|outbrain|taboola|widget|tags?$|tag-list|taglist|author-bio|authorbox|about-author|more-from|read-more|readmore|also-read|next-post|prev-post|post-nav|masthead|jump-link",
    )
    .expect("static regex")
});

/// Class or id words that save an element from [`UNLIKELY`].
static MAYBE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"and|article|body|column|content|main|mathjax|shadow|entry|post-text|story|text").expect("static regex")
});

/// Class or id words of the article (+25).
static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|artikel|beitrag|inhalt")
        .expect("static regex")
});

/// Class or id words of boilerplate (-25).
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|byline|author|dateline|caption|credit|copyright|social|teaser|infobox")
        .expect("static regex")
});

/// Class or id words of a byline or date block: not body text, but read for metadata.
static META_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"byline|author|dateline|posted|published|pubdate|post-?meta|entry-?meta|article-?meta|meta-?data|^meta$|[-_]meta$|^date|[-_]date|datum|timestamp|^time$").expect("static regex")
});

/// How an element is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drop {
    /// Article text, maybe.
    Keep,
    /// Not text, but metadata may be read inside (a header, a byline block).
    Soft,
    /// Boilerplate or not text at all: skipped entirely.
    Hard,
}

/// The attributes the walk looks at, read in one pass over the element's attributes.
#[derive(Default, Clone, Copy)]
pub(super) struct Attrs<'a> {
    pub(super) class: &'a str,
    pub(super) id: &'a str,
    pub(super) hidden: bool,
    pub(super) aria_hidden: bool,
    pub(super) style: Option<&'a str>,
    pub(super) role: Option<&'a str>,
    pub(super) itemprop: Option<&'a str>,
    pub(super) href: bool,
    pub(super) rel: Option<&'a str>,
    pub(super) testid: Option<&'a str>,
}

impl<'a> Attrs<'a> {
    pub(super) fn of(e: &'a Element) -> Self {
        let mut a = Attrs::default();
        for (name, value) in e.attrs() {
            match name {
                "class" => a.class = value,
                "id" => a.id = value,
                "hidden" => a.hidden = true,
                "aria-hidden" => a.aria_hidden = value == "true",
                "style" => a.style = Some(value),
                "role" => a.role = Some(value),
                "itemprop" => a.itemprop = Some(value),
                "href" => a.href = true,
                "rel" => a.rel = Some(value),
                "data-testid" => a.testid = Some(value),
                _ => {}
            }
        }
        a
    }
}

/// Is the element hidden (`hidden`, `display: none`, `visibility: hidden`)?
fn hidden(e: &Element, a: &Attrs) -> bool {
    if a.hidden || a.aria_hidden && e.name() != "span" {
        return true;
    }
    a.style.is_some_and(|s| {
        let b = s.as_bytes();
        let has = |w: &[u8]| b.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w));
        if !has(b"none") && !has(b"hidden") {
            return false;
        }
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Why an element's name, tag or attributes alone would take it out of the text. These
/// are evidence, not verdicts: the table keeps an element that holds most of the page's
/// paragraph text whatever its name says (see `table`), except for the cuts that are not
/// [`guarded`](Cut::guarded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cut {
    /// Nothing against it.
    None,
    /// A header (`<header>`, `role=banner`): not text, but metadata is read inside.
    Header,
    /// Hidden (`hidden`, `display: none`, `aria-hidden`): shown by a script, if at all.
    Hidden,
    /// A landmark role of chrome (`navigation`, `complementary`, `dialog`, …).
    Role,
    /// A chrome element: `nav`, `aside`, `footer`, `menu`, `dialog`.
    Chrome,
    /// The text of a form control (`label`, `option`).
    Control,
    /// Class or id words of boilerplate ([`UNLIKELY`]).
    Class,
    /// Class or id words of comments.
    Comments,
    /// The outlet's own boilerplate selectors.
    Rules,
}

impl Cut {
    /// Does a text-mass guard overrule this cut? Comments, form controls and what an
    /// outlet's rules say are taken out whatever they hold.
    pub(super) fn guarded(self) -> bool {
        matches!(self, Cut::Header | Cut::Hidden | Cut::Role | Cut::Chrome | Cut::Class)
    }

    /// The cut as one bit of a set of evidence.
    pub(super) fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// How much a kind of evidence weighs against an element: what is hidden is not
    /// shown at all, and weighs twice what a name says.
    pub(super) fn weight(self) -> u32 {
        if self == Cut::Hidden { 2 } else { 1 }
    }

    /// How the element is treated when nothing overrules the cut.
    pub(super) fn drop(self) -> Drop {
        match self {
            Cut::None => Drop::Keep,
            Cut::Header => Drop::Soft,
            _ => Drop::Hard,
        }
    }
}

/// What `e`'s name, tag and attributes alone say against it: the cut that decides its
/// treatment, and every kind of evidence found ([`Cut::bit`] of each), for the guard
/// weighs them all. (The element table's never-text elements, code and media, are not
/// asked: they are never read.)
pub(super) fn cut_of(e: &Element, tag: Tag, a: &Attrs, bits: u16) -> (Cut, u8) {
    let name = e.name();
    if tag.is_control() {
        return (Cut::Control, 0);
    }
    let mut evidence = 0u8;
    if tag.never_text(Reader::Page) {
        evidence |= Cut::Chrome.bit();
    }
    if hidden(e, a) {
        evidence |= Cut::Hidden.bit();
    }
    if let Some(role) = a.role {
        match role.trim() {
            "navigation" | "complementary" | "contentinfo" | "search" | "menu" | "menubar" | "dialog" | "alert"
            | "alertdialog" => evidence |= Cut::Role.bit(),
            "banner" => evidence |= Cut::Header.bit(),
            _ => {}
        }
    }
    if name == "header" {
        evidence |= Cut::Header.bit();
    }
    let saved = matches!(name, "body" | "html" | "main" | "article" | "a")
        || (a.class.is_empty() && a.id.is_empty())
        || a.itemprop.is_some_and(|p| p == "articleBody" || p == "text");
    let class = !saved && bits & UNLIKELY_BIT != 0;
    if class && bits & COMMENT_BIT != 0 {
        return (Cut::Comments, evidence);
    }
    if class {
        evidence |= Cut::Class.bit();
    }
    let cut = [Cut::Chrome, Cut::Hidden, Cut::Role, Cut::Header, Cut::Class]
        .into_iter()
        .find(|c| evidence & c.bit() != 0)
        .unwrap_or(Cut::None);
    (cut, evidence)
}

pub(super) const UNLIKELY_BIT: u16 = 1;
pub(super) const META_BIT: u16 = 2;
pub(super) const DATE_BIT: u16 = 4;
pub(super) const BYLINE_BIT: u16 = 8;
pub(super) const NEGATIVE_BIT: u16 = 16;
pub(super) const POSITIVE_BIT: u16 = 32;
pub(super) const STRONG_BIT: u16 = 64;
pub(super) const COMMENT_BIT: u16 = 128;

/// What the words of one `class` or `id` value say, as bits.
fn verdict(s: &str) -> u16 {
    if s.is_empty() {
        return 0;
    }
    let mut bits = 0;
    // The patterns are lower-case ASCII: class names are matched case-insensitively.
    let l = s.to_ascii_lowercase();
    if UNLIKELY.is_match(&l) && !MAYBE.is_match(&l) {
        bits |= UNLIKELY_BIT;
    }
    if META_BLOCK.is_match(&l) {
        bits |= META_BIT;
    }
    let comment = l.contains("comment") || l.contains("reply");
    if comment {
        bits |= COMMENT_BIT;
    }
    if (l.contains("date")
        || l.contains("time")
        || l.contains("datum")
        || l.contains("posted")
        || l.contains("publish"))
        && !is_modified(&l)
        && !comment
    {
        bits |= DATE_BIT;
    }
    if (l.contains("byline") || l.contains("author") || l.contains("autor"))
        && !l.contains("bio")
        && !l.contains("avatar")
        && !comment
    {
        bits |= BYLINE_BIT;
    }
    if NEGATIVE.is_match(&l) {
        bits |= NEGATIVE_BIT;
    }
    if POSITIVE.is_match(&l) {
        bits |= POSITIVE_BIT;
    }
    if STRONG.is_match(&l) {
        bits |= STRONG_BIT;
    }
    bits
}

/// [`verdict`] of each distinct value of a page (pages repeat their classes).
#[derive(Default)]
pub(super) struct Verdicts<'a>(HashMap<&'a str, u16>);

impl<'a> Verdicts<'a> {
    pub(super) fn of(&mut self, s: &'a str) -> u16 {
        if s.is_empty() {
            return 0;
        }
        *self.0.entry(s).or_insert_with(|| verdict(s))
    }
}

/// The +/-25 class weight from the verdicts of an element's class and id.
pub(super) fn weight_of_bits(e: &Element, a: &Attrs, class_bits: u16, id_bits: u16) -> i32 {
    let mut w = match a.itemprop {
        Some("articleBody") => 50,
        _ => 0,
    };
    if e.name() == "article" {
        w += 10;
    }
    for b in [class_bits, id_bits] {
        if b & NEGATIVE_BIT != 0 {
            w -= 25;
        }
        if b & POSITIVE_BIT != 0 {
            w += 25;
        }
        if b & STRONG_BIT != 0 {
            w += 25;
        }
    }
    w
}

pub fn is_modified(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    s.contains("modif") || s.contains("updat") || s.contains("edited") || s.contains("aktualisiert")
}

/// Class or id words of the article's own text block (+50).
static STRONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"article[-_]?(?:body|content|text|inner)|content[-_]?article|post[-_]?(?:body|content|text|entry)|entry[-_]?(?:content|body)|story[-_]?(?:body|content|text)|articlebody|article__body|news[-_]?(?:text|body|content)|artikel[-_]?(?:text|body|inhalt)|main[-_]?content|single[-_]?(?:content|post)|blog[-_]?post|rich-?text|richtext|td-post-content|field--name-body|text--richtext|page[-_]?content")
        .expect("static regex")
});
