//! What an element's names say: its `class` and `id` words (boilerplate, article text,
//! a byline or date block, comments), its role, `itemprop` and visibility, as bits and
//! weights that the scoring weighs ([`drop_of`], [`weight_of_bits`]).

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

/// How the walk treats `e` by its name and attributes alone. `lenient` keeps what only
/// class names say is boilerplate (for pages whose whole article has such a class).
pub(super) fn drop_of(e: &Element, tag: Tag, a: &Attrs, lenient: bool, bits: u16) -> Drop {
    let name = e.name();
    if tag.never_text(Reader::Page) || hidden(e, a) {
        return Drop::Hard;
    }
    if let Some(role) = a.role {
        match role.trim() {
            "navigation" | "complementary" | "contentinfo" | "search" | "menu" | "menubar" | "dialog" | "alert"
            | "alertdialog" => return Drop::Hard,
            "banner" => return Drop::Soft,
            _ => {}
        }
    }
    if name == "header" {
        return Drop::Soft;
    }
    if matches!(name, "body" | "html" | "main" | "article" | "a") {
        return Drop::Keep;
    }
    if a.class.is_empty() && a.id.is_empty() {
        return Drop::Keep;
    }
    if a.itemprop.is_some_and(|p| p == "articleBody" || p == "text") {
        return Drop::Keep;
    }
    if lenient {
        return Drop::Keep;
    }
    if bits & UNLIKELY_BIT != 0 {
        return Drop::Hard;
    }
    Drop::Keep
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
