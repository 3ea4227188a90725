//! The main content of a page: a scoring in the family of Readability.
//!
//! One pass over the tree builds a table of elements with their text and link text in
//! characters (a CJK character counts twice, so density works without spaces between
//! words), their own text (not inside a child block), commas and class/id weight.
//! Paragraph-like blocks give their score to their container and, less, to its
//! ancestors; the best container (discounted by link density) and its siblings that
//! score near it are the article. A second walk over them writes paragraphs, dropping
//! what looks like boilerplate (link-dense lists, share bars, related lists, captions to
//! `images`). Both passes are linear in the number of nodes: a score goes up at most
//! five ancestors, and the walk skips dropped subtrees.

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use regex::Regex;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

use crate::html;
use crate::html::elements::{Reader, Tag};
use crate::html::images::{image_src, resolve_image};
use crate::html::text::{Paragraphs, inline_text, measure, walk};
use crate::normalize::text;
use crate::record::Image;

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
struct Attrs<'a> {
    class: &'a str,
    id: &'a str,
    hidden: bool,
    aria_hidden: bool,
    style: Option<&'a str>,
    role: Option<&'a str>,
    itemprop: Option<&'a str>,
    href: bool,
    rel: Option<&'a str>,
    testid: Option<&'a str>,
}

impl<'a> Attrs<'a> {
    fn of(e: &'a Element) -> Self {
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
fn drop_of(e: &Element, tag: Tag, a: &Attrs, lenient: bool, bits: u16) -> Drop {
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

const UNLIKELY_BIT: u16 = 1;
const META_BIT: u16 = 2;
const DATE_BIT: u16 = 4;
const BYLINE_BIT: u16 = 8;
const NEGATIVE_BIT: u16 = 16;
const POSITIVE_BIT: u16 = 32;
const STRONG_BIT: u16 = 64;
const COMMENT_BIT: u16 = 128;

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
struct Verdicts<'a>(HashMap<&'a str, u16>);

impl<'a> Verdicts<'a> {
    fn of(&mut self, s: &'a str) -> u16 {
        if s.is_empty() {
            return 0;
        }
        *self.0.entry(s).or_insert_with(|| verdict(s))
    }
}

/// The +/-25 class weight from the verdicts of an element's class and id.
fn weight_of_bits(e: &Element, a: &Attrs, class_bits: u16, id_bits: u16) -> i32 {
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

/// Metadata found while walking the page, read by the byline and date readers.
#[derive(Debug, Default)]
pub struct Hints {
    /// Text of byline elements (`rel=author`, `itemprop=author`, class `byline`/`author`).
    pub bylines: Vec<String>,
    /// Text of date-classed elements.
    pub dates: Vec<String>,
    /// The text of the first `<h1>`s.
    pub h1: Vec<String>,
}

/// The article's text and pictures.
#[derive(Debug, Default)]
pub struct Content {
    pub paragraphs: Vec<String>,
    pub images: Vec<Image>,
    pub hints: Hints,
}

const NONE: u32 = u32::MAX;

/// A hasher for node ids (small integers): one multiplication, not SipHash.
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type IdMap = HashMap<NodeId, u32, std::hash::BuildHasherDefault<IdHasher>>;

/// One element in the table.
struct Info {
    id: NodeId,
    parent: u32,
    /// Text below, in weighted characters.
    text: u32,
    /// Of which inside links.
    link: u32,
    /// Text not inside a child block.
    own: u32,
    own_link: u32,
    commas: u32,
    has_block_child: bool,
    drop: Drop,
    /// A byline or date block by its class: dropped from the text when short.
    meta_block: bool,
    /// Class weight (+/-25 per hint, see [`weight_of_bits`]).
    weight: i32,
    score: f32,
    scored: bool,
}

pub(crate) fn is_modified(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    s.contains("modif") || s.contains("updat") || s.contains("edited") || s.contains("aktualisiert")
}

struct Table {
    info: Vec<Info>,
    index: IdMap,
    /// Elements to read hints from once the table is built.
    byline_nodes: Vec<NodeId>,
    date_nodes: Vec<NodeId>,
    h1_nodes: Vec<NodeId>,
    body: u32,
}

/// Class or id words of the article's own text block (+50).
static STRONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"article[-_]?(?:body|content|text|inner)|content[-_]?article|post[-_]?(?:body|content|text|entry)|entry[-_]?(?:content|body)|story[-_]?(?:body|content|text)|articlebody|article__body|news[-_]?(?:text|body|content)|artikel[-_]?(?:text|body|inhalt)|main[-_]?content|single[-_]?(?:content|post)|blog[-_]?post|rich-?text|richtext|td-post-content|field--name-body|text--richtext|page[-_]?content")
        .expect("static regex")
});

fn build(doc: &Html, lenient: bool, rules: Option<&html::Rules>) -> Table {
    let mut verdicts = Verdicts::default();
    let mut t = Table {
        info: Vec::with_capacity(1024),
        index: IdMap::with_capacity_and_hasher(1024, Default::default()),
        byline_nodes: Vec::new(),
        date_nodes: Vec::new(),
        h1_nodes: Vec::new(),
        body: NONE,
    };
    // Open elements (table indices) and the nearest open block.
    let mut stack: Vec<u32> = Vec::with_capacity(64);
    let mut blocks: Vec<u32> = Vec::with_capacity(64);
    // Inside boilerplate whose hints are still read.
    let mut ghost: Option<NodeId> = None;
    let mut soft = 0usize;
    let mut links = 0usize;
    walk(doc.tree.root(), |edge| {
        match edge {
            Edge::Open(node) => {
                if ghost.is_some() {
                    if let Node::Element(e) = node.value() {
                        let a = Attrs::of(e);
                        let bits = verdicts.of(a.class) | verdicts.of(a.id);
                        if Tag::of(e.name()).never_text(Reader::Page) || bits & COMMENT_BIT != 0 {
                            return false;
                        }
                        t.collect_hints(node.id(), &a, bits);
                    }
                    return true;
                }
                match node.value() {
                    Node::Text(s) => {
                        let Some(&top) = stack.last() else { return true };
                        if soft > 0 {
                            return true;
                        }
                        let (n, commas) = measure(s);
                        if n == 0 {
                            return true;
                        }
                        if let Some(i) = t.info.get_mut(top as usize) {
                            i.text += n;
                            if links > 0 {
                                i.link += n;
                            }
                        }
                        if let Some(&b) = blocks.last()
                            && let Some(i) = t.info.get_mut(b as usize)
                        {
                            i.own += n;
                            i.commas += commas;
                            if links > 0 {
                                i.own_link += n;
                            }
                        }
                    }
                    Node::Element(e) => {
                        let name = e.name();
                        let tag = Tag::of(name);
                        let a = Attrs::of(e);
                        let (cb, ib) = (verdicts.of(a.class), verdicts.of(a.id));
                        let bits = cb | ib;
                        let mut drop = drop_of(e, tag, &a, lenient, bits);
                        // The outlet's own boilerplate selectors.
                        if drop != Drop::Hard
                            && let Some(rules) = rules
                            && let Some(el) = ElementRef::wrap(node)
                            && rules.drops(&el)
                        {
                            drop = Drop::Hard;
                        }
                        if drop == Drop::Hard {
                            // Boilerplate by its class only (not a comment section): its
                            // bylines and dates are still read.
                            if bits & (UNLIKELY_BIT | COMMENT_BIT) == UNLIKELY_BIT && !tag.never_text(Reader::Page) {
                                ghost = Some(node.id());
                                return true;
                            }
                            return false;
                        }
                        let idx = t.info.len() as u32;
                        let parent = stack.last().copied().unwrap_or(NONE);
                        let block = tag.block(Reader::Page);
                        if block
                            && let Some(&b) = blocks.last()
                            && let Some(p) = t.info.get_mut(b as usize)
                        {
                            p.has_block_child = true;
                        }
                        t.info.push(Info {
                            id: node.id(),
                            parent,
                            text: 0,
                            link: 0,
                            own: 0,
                            own_link: 0,
                            commas: 0,
                            has_block_child: false,
                            drop,
                            meta_block: !lenient && bits & META_BIT != 0,
                            // The lenient reading trusts no class name of boilerplate.
                            weight: if lenient {
                                weight_of_bits(e, &a, cb, ib).max(0)
                            } else {
                                weight_of_bits(e, &a, cb, ib)
                            },
                            score: 0.0,
                            scored: false,
                        });
                        t.index.insert(node.id(), idx);
                        stack.push(idx);
                        if block {
                            blocks.push(idx);
                        }
                        if drop == Drop::Soft {
                            soft += 1;
                        }
                        if name == "a" && a.href {
                            links += 1;
                        }
                        if name == "body" && t.body == NONE {
                            t.body = idx;
                        }
                        if name == "h1" && t.h1_nodes.len() < 4 {
                            t.h1_nodes.push(node.id());
                        }
                        t.collect_hints(node.id(), &a, bits);
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = ghost {
                    if id == node.id() {
                        ghost = None;
                    }
                    return true;
                }
                let Node::Element(e) = node.value() else { return true };
                let Some(idx) = stack.pop() else { return true };
                if blocks.last() == Some(&idx) {
                    blocks.pop();
                }
                let Some(&Info { text, link, drop, .. }) = t.info.get(idx as usize) else { return true };
                if drop == Drop::Soft {
                    soft = soft.saturating_sub(1);
                }
                if e.name() == "a" && e.attr("href").is_some() {
                    links = links.saturating_sub(1);
                }
                if let Some(&p) = stack.last()
                    && let Some(pi) = t.info.get_mut(p as usize)
                {
                    pi.text += text;
                    pi.link += link;
                }
            }
        }
        true
    });
    t
}

impl Table {
    /// Note `e` when it is a byline or date block (by class, `itemprop` or `rel`).
    fn collect_hints(&mut self, id: NodeId, a: &Attrs, bits: u16) {
        let date_block = bits & (DATE_BIT | META_BIT) != 0
            || a.itemprop.is_some_and(|p| p == "datePublished" || p == "dateCreated")
            || a.testid.is_some_and(|p| p.contains("date") && !is_modified(p));
        if date_block && self.date_nodes.len() < 48 {
            self.date_nodes.push(id);
        }
        let byline = bits & BYLINE_BIT != 0
            || a.rel.is_some_and(|r| r.split_ascii_whitespace().any(|r| r == "author"))
            || a.itemprop.is_some_and(|p| p == "author" || p == "creator");
        if byline && self.byline_nodes.len() < 16 {
            self.byline_nodes.push(id);
        }
    }
}

fn tag_bonus(name: &str) -> f32 {
    match name {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn element<'a>(doc: &'a Html, id: NodeId) -> Option<ElementRef<'a>> {
    doc.tree.get(id).and_then(ElementRef::wrap)
}

impl Table {
    fn name<'a>(&self, doc: &'a Html, i: u32) -> &'a str {
        self.info
            .get(i as usize)
            .and_then(|x| doc.tree.get(x.id))
            .and_then(|n| n.value().as_element())
            .map_or("", |e| e.name())
    }

    fn touch(&mut self, doc: &Html, i: u32) {
        let bonus = self.info.get(i as usize).filter(|x| !x.scored).and_then(|x| {
            let e = doc.tree.get(x.id)?.value().as_element()?;
            Some(tag_bonus(e.name()) + x.weight as f32)
        });
        if let (Some(b), Some(x)) = (bonus, self.info.get_mut(i as usize)) {
            x.score = b;
            x.scored = true;
        }
    }

    fn add(&mut self, doc: &Html, i: u32, s: f32) {
        self.touch(doc, i);
        if let Some(x) = self.info.get_mut(i as usize) {
            x.score += s;
        }
    }

    fn parent(&self, i: u32) -> u32 {
        self.info.get(i as usize).map_or(NONE, |x| x.parent)
    }

    /// Is `i` inside `ancestor`?
    fn is_inside(&self, i: u32, ancestor: u32) -> bool {
        let mut at = i;
        for _ in 0..64 {
            if at == NONE {
                return false;
            }
            if at == ancestor {
                return true;
            }
            at = self.parent(at);
        }
        false
    }

    fn link_density(&self, i: u32) -> f32 {
        self.info.get(i as usize).map_or(0.0, |x| if x.text == 0 { 0.0 } else { x.link as f32 / x.text as f32 })
    }

    /// Score the paragraphs' containers; the best candidate.
    fn score(&mut self, doc: &Html) -> Option<u32> {
        for i in 0..self.info.len() as u32 {
            let Some(x) = self.info.get(i as usize) else { continue };
            if x.own < 25 || x.drop != Drop::Keep {
                continue;
            }
            let name = self.name(doc, i);
            if Tag::of(name).is_heading() || matches!(name, "th" | "figcaption" | "caption" | "a" | "body" | "html") {
                continue;
            }
            let ld = x.own_link as f32 / x.own as f32;
            let contrib = (1.0 + x.commas.min(30) as f32 + (x.own as f32 / 100.0).min(3.0)) * (1.0 - ld);
            if contrib <= 0.0 {
                continue;
            }
            let divish = matches!(name, "div" | "section" | "article" | "main" | "td" | "blockquote");
            let container = if divish && x.has_block_child { i } else { x.parent };
            let mut at = container;
            for level in 0..5u32 {
                if at == NONE {
                    break;
                }
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                self.add(doc, at, contrib / div);
                at = self.parent(at);
            }
        }
        let mut best: Option<(u32, f32)> = None;
        for i in 0..self.info.len() as u32 {
            let Some(x) = self.info.get(i as usize) else { continue };
            if !x.scored || x.drop != Drop::Keep {
                continue;
            }
            let s = x.score * (1.0 - self.link_density(i));
            if let Some(x) = self.info.get_mut(i as usize) {
                x.score = s;
            }
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        let (mut top, top_score) = best?;
        // Several blocks scoring near the best one: the article is split among them, and
        // their common ancestor is the article (Readability's rule).
        let mut alternatives: Vec<(u32, f32)> = Vec::new();
        for (i, x) in self.info.iter().enumerate() {
            if x.scored && x.drop == Drop::Keep && i as u32 != top && x.score >= top_score * 0.75 {
                alternatives.push((i as u32, x.score));
            }
        }
        alternatives.sort_by(|a, b| b.1.total_cmp(&a.1));
        alternatives.truncate(4);
        if !alternatives.is_empty() {
            let need = alternatives.len().min(3);
            let mut at = self.parent(top);
            let mut steps = 0;
            while at != NONE && at != self.body && steps < 6 {
                let inside = alternatives.iter().filter(|(a, _)| self.is_inside(*a, at)).count();
                if inside >= need {
                    top = at;
                    break;
                }
                at = self.parent(at);
                steps += 1;
            }
        }
        // Climb while an ancestor scores higher than what is below it (the article is
        // split into several scored blocks), or the candidate is an only child.
        let mut last = top_score;
        let threshold = top_score / 3.0;
        let mut at = self.parent(top);
        while at != NONE && at != self.body {
            let Some(x) = self.info.get(at as usize) else { break };
            if x.scored {
                if x.score < threshold {
                    break;
                }
                if x.score > last {
                    top = at;
                    break;
                }
                last = x.score;
            }
            at = x.parent;
        }
        loop {
            let p = self.parent(top);
            if p == NONE || p == self.body {
                break;
            }
            let (pt, tt) =
                (self.info.get(p as usize).map_or(0, |x| x.text), self.info.get(top as usize).map_or(0, |x| x.text));
            // The parent adds (almost) no text of its own: take it, with its other pieces.
            if pt > tt + tt / 10 + 10 {
                break;
            }
            top = p;
        }
        Some(top)
    }
}

/// Writes paragraphs and pictures from chosen subtrees.
struct Writer<'a> {
    base: Option<&'a str>,
    text: Paragraphs,
    images: Vec<Image>,
}

impl Writer<'_> {
    fn image(&mut self, el: &ElementRef) {
        if let Some(src) = image_src(el, Reader::Page)
            && let Some(url) = resolve_image(src, self.base)
        {
            self.images.push(Image { url, caption: None });
        }
    }
}

/// All text of an element (inline), skipping what is never text.
pub fn text_of(el: &ElementRef) -> String {
    text::clean_inline(&inline_text(el, Some(Reader::Page), |_, tag| tag.is_code()))
}

impl Table {
    /// Is this element, inside the article, boilerplate by its statistics?
    fn conditionally_dropped(&self, doc: &Html, i: u32) -> bool {
        let Some(x) = self.info.get(i as usize) else { return false };
        let name = self.name(doc, i);
        if !matches!(name, "div" | "section" | "ul" | "ol" | "table" | "form" | "dl" | "span" | "p" | "center") {
            return false;
        }
        let weight = x.weight;
        let ld = self.link_density(i);
        if x.text == 0 {
            return false;
        }
        if weight < 0 && x.text < 1000 {
            return true;
        }
        if ld > 0.5 && !(name == "p" && x.text > 200) {
            return true;
        }
        ld > 0.25 && weight < 25 && x.text < 300 && name != "p"
    }

    fn write(&self, doc: &Html, root: u32, w: &mut Writer) {
        let Some(root_node) = self.info.get(root as usize).and_then(|x| doc.tree.get(x.id)) else { return };
        walk(root_node, |edge| {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Text(t) => w.text.text(t),
                    Node::Element(e) => {
                        let Some(&i) = self.index.get(&node.id()) else { return false };
                        let keep = self
                            .info
                            .get(i as usize)
                            .is_some_and(|x| x.drop == Drop::Keep && !(x.meta_block && x.text < 300 && i != root));
                        if !keep || (i != root && self.conditionally_dropped(doc, i)) {
                            return false;
                        }
                        let Some(el) = ElementRef::wrap(node) else { return true };
                        let tag = Tag::of(e.name());
                        if tag.is_caption() {
                            let cap = text_of(&el);
                            if let Some(img) = w.images.last_mut().filter(|i| i.caption.is_none())
                                && !cap.is_empty()
                            {
                                img.caption = Some(cap);
                            }
                            return false;
                        }
                        if e.name() == "img" {
                            w.image(&el);
                        }
                        w.text.open(&el, tag);
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    if let Node::Element(e) = node.value() {
                        w.text.close(Tag::of(e.name()));
                    }
                }
            }
            true
        });
        w.text.flush();
    }

    /// The candidate and the siblings that belong with it, in document order.
    fn with_siblings(&self, doc: &Html, top: u32) -> Vec<u32> {
        let Some(top_info) = self.info.get(top as usize) else { return vec![top] };
        let parent = top_info.parent;
        if parent == NONE {
            return vec![top];
        }
        let top_score = top_info.score;
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = element(doc, top_info.id).and_then(|e| e.value().attr("class")).unwrap_or("");
        let mut out = Vec::new();
        let Some(parent_node) = self.info.get(parent as usize).and_then(|x| doc.tree.get(x.id)) else {
            return vec![top];
        };
        for child in parent_node.children() {
            let Some(&i) = self.index.get(&child.id()) else { continue };
            if i == top {
                out.push(i);
                continue;
            }
            let Some(x) = self.info.get(i as usize) else { continue };
            if x.drop != Drop::Keep {
                continue;
            }
            let Some(el) = ElementRef::wrap(child) else { continue };
            let bonus = if !top_class.is_empty() && el.value().attr("class") == Some(top_class) {
                top_score * 0.2
            } else {
                0.0
            };
            if x.scored && x.score + bonus >= threshold {
                out.push(i);
                continue;
            }
            // A block of plain text next to the article is more of it.
            let weight = x.weight;
            if x.text >= 150 && self.link_density(i) < 0.2 && weight >= 0 && !x.meta_block {
                out.push(i);
                continue;
            }
            if matches!(el.value().name(), "p" | "blockquote" | "pre" | "ul" | "ol") {
                let ld = self.link_density(i);
                if x.text > 80 && ld < 0.25 {
                    out.push(i);
                } else if x.text > 0 && x.text <= 80 && ld == 0.0 {
                    let t = text_of(&el);
                    if t.ends_with(['.', '!', '?', '。', '！', '？', ':']) {
                        out.push(i);
                    }
                }
            }
        }
        out
    }

    fn hints(&self, doc: &Html) -> Hints {
        let read = |ids: &[NodeId]| -> Vec<String> {
            ids.iter()
                .filter_map(|id| element(doc, *id))
                .map(|e| text_of(&e))
                .filter(|t| !t.is_empty() && t.chars().count() <= 200)
                .collect()
        };
        Hints { bylines: read(&self.byline_nodes), dates: read(&self.date_nodes), h1: read(&self.h1_nodes) }
    }
}

/// Weighted characters of the paragraphs.
fn weight_of(paragraphs: &[String]) -> u32 {
    paragraphs.iter().map(|p| measure(p).0).sum()
}

fn run(doc: &Html, base: Option<&str>, lenient: bool, rules: Option<&html::Rules>) -> (Content, u32) {
    let mut t = build(doc, lenient, rules);
    let top = t.score(doc).unwrap_or(t.body);
    let mut w = Writer { base, text: Paragraphs::new(Reader::Page), images: Vec::new() };
    if top != NONE {
        for root in t.with_siblings(doc, top) {
            t.write(doc, root, &mut w);
        }
    }
    let hints = t.hints(doc);
    let paragraphs = w.text.finish();
    let weight = weight_of(&paragraphs);
    (Content { paragraphs, images: w.images, hints }, weight)
}

/// The main content of a parsed page; `base` resolves relative image URLs.
pub fn extract(doc: &Html, base: Option<&str>) -> Content {
    extract_with(doc, base, None)
}

/// [`extract`], also dropping what an outlet's `rules` say is boilerplate.
pub fn extract_with(doc: &Html, base: Option<&str>, rules: Option<&html::Rules>) -> Content {
    let (content, weight) = run(doc, base, false, rules);
    if weight >= 250 {
        return content;
    }
    // Too little text: the article itself may carry a class that reads as boilerplate.
    let (lenient, lweight) = run(doc, base, true, rules);
    if lweight > weight * 2 { Content { hints: content.hints, ..lenient } } else { content }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> Vec<String> {
        extract(&Html::parse_document(html), Some("https://x.org/a/b.html")).paragraphs
    }

    const ARTICLE: &str = "<p>The council met on Monday evening and decided, after a long debate, to rebuild the old bridge over the river.</p>\
        <p>Work is to start in spring, the mayor said, and the bridge should open again before the end of next year, if the budget holds.</p>\
        <p>Residents welcomed the decision, although some asked why it had taken so long, given the state of the old structure.</p>";

    #[test]
    fn the_article_block_wins_over_chrome() {
        let html = format!(
            "<html><body><div class='menu'><a href='/'>Home</a> <a href='/n'>News</a></div>\
             <div id='main'><div class='story'>{ARTICLE}</div>\
             <div class='sidebar'><p>Subscribe to our newsletter for more news like this every single day of the week.</p></div></div>\
             <div class='footer-links'><ul><li><a href='/1'>Contact us and learn more about this site</a></li><li><a href='/2'>Imprint of this fine website</a></li></ul></div>\
             </body></html>"
        );
        let b = body(&html);
        assert_eq!(b.len(), 3, "{b:?}");
        assert!(b[0].starts_with("The council met"));
    }

    #[test]
    fn link_dense_lists_inside_the_article_are_dropped_numbered_lists_kept() {
        let html = format!(
            "<html><body><article>{ARTICLE}<ol start='3'><li>First step of the plan.</li><li>Second step of the plan.</li></ol>\
             <ul><li><a href='/x'>Another story about bridges</a></li><li><a href='/y'>Yet another story about rivers</a></li></ul>\
             <table><tr><th>Year</th><th>Cost</th></tr><tr><td>2024</td><td>3 million</td></tr></table>\
             <blockquote><p>We will not let the town down, the mayor said at the end.</p></blockquote></article></body></html>"
        );
        let b = body(&html);
        assert!(b.contains(&"3. First step of the plan.".to_owned()), "{b:?}");
        assert!(b.contains(&"4. Second step of the plan.".to_owned()), "{b:?}");
        assert!(b.contains(&"2024 3 million".to_owned()), "{b:?}");
        assert!(b.iter().any(|p| p.starts_with("We will not let")), "{b:?}");
        assert!(!b.iter().any(|p| p.contains("Another story")), "{b:?}");
    }

    #[test]
    fn captions_go_to_images_and_hidden_blocks_vanish() {
        let html = format!(
            "<html><body><article><figure><img src='/p/1.jpg'><figcaption>The old bridge in 1950.</figcaption></figure>{ARTICLE}\
             <div style='display: none'><p>Hidden text that is long enough to count as a paragraph of some article.</p></div>\
             <img src='/pixel.gif' width='1' height='1'></article></body></html>"
        );
        let c = extract(&Html::parse_document(&html), Some("https://x.org/a/b.html"));
        assert_eq!(
            c.images,
            vec![Image { url: "https://x.org/p/1.jpg".into(), caption: Some("The old bridge in 1950.".into()) }]
        );
        assert!(!c.paragraphs.iter().any(|p| p.contains("Hidden") || p.contains("1950")), "{:?}", c.paragraphs);
    }

    #[test]
    fn cjk_density_is_measured_in_characters() {
        let html = "<html><body><div class='nav-links'><a href='/1'>首頁</a><a href='/2'>新聞</a><a href='/3'>國際</a></div>\
             <div><p>立法院今天三讀通過預算案，行政院表示將儘速執行，各部會也將配合調整相關計畫的時程。</p>\
             <p>在野黨批評預算編列過於寬鬆，要求政府提出具體的財源規劃，並定期向國會報告執行進度。</p></div>\
             <div><ul><li><a href='/a'>相關新聞一則</a></li><li><a href='/b'>相關新聞二則</a></li></ul></div></body></html>";
        let b = body(html);
        assert_eq!(b.len(), 2, "{b:?}");
        assert!(b[0].starts_with("立法院今天三讀"), "{b:?}");
        assert_eq!(measure("中文 ab，"), (8, 1));
    }

    #[test]
    fn an_article_with_a_boilerplate_class_is_found_leniently() {
        let html = format!(
            "<html><body><div class='sidebar-layout'><div class='widget-area'>{ARTICLE}</div></div></body></html>"
        );
        let b = body(&html);
        assert_eq!(b.len(), 3, "{b:?}");
    }

    #[test]
    fn hints_collect_bylines_dates_and_h1() {
        let html = format!(
            "<html><body><header><h1>Bridge to be rebuilt</h1><span class='byline'>By Ann Lee</span>\
             <span class='post-date'>May 5, 2024</span></header><article>{ARTICLE}</article>\
             <div class='comments'><span class='author'>Troll</span></div></body></html>"
        );
        let c = extract(&Html::parse_document(&html), None);
        assert_eq!(c.hints.h1, vec!["Bridge to be rebuilt"]);
        assert_eq!(c.hints.bylines, vec!["By Ann Lee"]);
        assert!(c.hints.dates.contains(&"May 5, 2024".to_owned()), "{:?}", c.hints.dates);
        assert!(!c.paragraphs.iter().any(|p| p.contains("Ann Lee")));
    }

    #[test]
    fn scoring_is_linear_in_the_number_of_elements() {
        // 100,000 nested-and-sibling blocks: each paragraph scores at most five ancestors.
        let mut html = String::from("<html><body><div class='content'>");
        for _ in 0..25_000 {
            html.push_str(
                "<div><section><p>Some words, and commas, in a paragraph of the long article.</p></section></div>",
            );
        }
        html.push_str("</div></body></html>");
        let doc = Html::parse_document(&html);
        let started = std::time::Instant::now();
        let c = extract(&doc, None);
        assert_eq!(c.paragraphs.len(), 25_000);
        let bound = if cfg!(debug_assertions) { 60 } else { 5 };
        assert!(started.elapsed() < std::time::Duration::from_secs(bound), "{:?}", started.elapsed());
    }
}
