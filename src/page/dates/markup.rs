//! Dates the page's markup declares inside its body: `<time datetime>`, and elements
//! marked `itemprop=datePublished` / `property=dc:date`, … (with a `content` or
//! `datetime` attribute, or as text). Those inside comments are skipped; "modified"
//! ones are flagged.

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;
use scraper::{ElementRef, Html, Node};

use super::text::{date_in_text, is_other_date};
use crate::html::elements;
use crate::lexicon;
use crate::normalize::date::When;
use crate::normalize::text::find_ci;
use crate::page::content::{is_modified, text_of};

/// A date the markup declares.
#[derive(Debug, Clone)]
pub struct TimeHint {
    pub value: String,
    /// Marked as the publication date (`pubdate`, `itemprop=datePublished`).
    pub published: bool,
    /// Inside `<article>` or the `articleBody`.
    pub in_article: bool,
    /// An "updated" / "modified" date.
    pub modified: bool,
    /// In a navigation bar (class or id `navtop`, `navbar`, …), where sites show today's
    /// date.
    pub in_navigation: bool,
}

fn marks_published(v: &str) -> bool {
    v.split_ascii_whitespace().any(|p| {
        let p = p.rsplit([':', '/']).next().unwrap_or(p);
        matches!(p, "datePublished" | "dateCreated" | "published_time" | "created" | "date" | "issued")
    })
}

/// The declared dates of the body, in document order (at most 32).
pub fn declared_in_body(doc: &Html) -> Vec<TimeHint> {
    let mut out = Vec::new();
    for node in doc.tree.nodes() {
        let Node::Element(e) = node.value() else { continue };
        let (mut itemprop, mut property, mut pubdate) = (None, None, false);
        for (name, value) in e.attrs() {
            match name {
                "itemprop" => itemprop = Some(value),
                "property" => property = Some(value),
                "pubdate" => pubdate = true,
                _ => {}
            }
        }
        let marked = itemprop.or(property);
        let published = marked.is_some_and(marks_published) || pubdate;
        if e.name() != "time" && !published {
            continue;
        }
        let modified = marked.is_some_and(|m| m.contains("dateModified") || m.contains("modified"))
            || e.attr("class").is_some_and(is_modified);
        if e.name() == "meta" || e.name() == "link" {
            // Head declarations are read by `meta`.
            continue;
        }
        let Some(el) = ElementRef::wrap(node) else { continue };
        let value = e
            .attr("datetime")
            .or_else(|| e.attr("content"))
            .or_else(|| if e.name() == "abbr" { e.attr("title") } else { None })
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .or_else(|| Some(text_of(&el)).filter(|t| !t.is_empty() && t.chars().count() <= 100));
        let Some(value) = value else { continue };
        let (mut in_comment, mut in_article, mut in_navigation) = (false, false, false);
        for a in node.ancestors().take(40) {
            let Some(ae) = a.value().as_element() else { continue };
            let says = |s: Option<&str>| s.is_some_and(|s| s.to_ascii_lowercase().contains("comment"));
            if says(ae.attr("class")) || says(ae.attr("id")) {
                in_comment = true;
                break;
            }
            if ae.name() == "article" || ae.attr("itemprop") == Some("articleBody") {
                in_article = true;
            }
            in_navigation |= names_navigation(ae);
        }
        if in_comment {
            continue;
        }
        out.push(TimeHint { value, published: published && !modified, in_article, modified, in_navigation });
        if out.len() >= 32 {
            break;
        }
    }
    out
}

/// Does a class or id name a navigation bar (`navtop`, `navbar`, `nav-main`)? Not the
/// `<body>`'s classes (a theme's layout flags, `nav-below-header`).
fn names_navigation(e: &scraper::node::Element) -> bool {
    e.name() != "body"
        && class_and_id(e)
            .flat_map(str::split_ascii_whitespace)
            .any(|t| t.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("nav")))
}

/// Words that label a publication date written next to them.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:{})\s*:?\s*(?:$|\d)", lexicon::DATE_LABELS.alternation())).expect("lexicon pattern")
});

/// The element's class and id values.
fn class_and_id(e: &scraper::node::Element) -> impl Iterator<Item = &str> {
    [e.attr("class"), e.attr("id")].into_iter().flatten()
}

/// Does a class or id value hold one of `words` (ASCII case folded)?
fn names_any(e: &scraper::node::Element, words: &[&str]) -> bool {
    class_and_id(e).any(|s| words.iter().any(|w| find_ci(s, w).is_some()))
}

/// Does a class or id value name a comment section or a caption?
fn names_comment_or_caption(e: &scraper::node::Element) -> bool {
    names_any(e, &["comment", "caption"])
}

/// Is this node inside a comment section or never-text markup?
fn in_excluded(node: ego_tree::NodeRef<'_, Node>) -> bool {
    node.ancestors().take(40).any(|a| a.value().as_element().is_some_and(never_shown))
}

/// A text of the page, trimmed, with its node.
pub type NodeText<'a> = (ego_tree::NodeRef<'a, Node>, &'a str);

/// The page's texts, trimmed, of at most [`SHORT_WITH_DIGITS`] bytes and holding a digit,
/// with their nodes, in document order: where a labelled date or an update's date can
/// be. One walk serves [`labelled_dates`] and [`update_dates`].
pub fn short_texts_with_digits(doc: &Html) -> Vec<NodeText<'_>> {
    doc.tree
        .nodes()
        .filter_map(|node| {
            let Node::Text(t) = node.value() else { return None };
            // The digit first: most texts have none, and it needs no trim.
            if !t.bytes().any(|b| b.is_ascii_digit()) {
                return None;
            }
            let t = t.trim();
            (t.len() <= SHORT_WITH_DIGITS).then_some((node, t))
        })
        .collect()
}

/// The longest text [`short_texts_with_digits`] keeps, in bytes.
pub const SHORT_WITH_DIGITS: usize = 80;

/// A short text that is a labelled date (`am 25.01.2022`, `Datum` then `25.01.2022`),
/// the last resort when nothing else dates the page. `texts`: the page's
/// [`short_texts_with_digits`].
pub fn labelled_dates(texts: &[NodeText<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut short = ShortTexts::default();
    for &(node, t) in texts.iter().filter(|(_, t)| t.len() <= 60) {
        let labelled = LABEL.is_match(t) || {
            // The label in the element before (`<span>Datum</span> <span>25.01.2022</span>`).
            let owner = node.parent();
            let prev = owner.and_then(|o| o.prev_siblings().find(|s| s.value().is_element()));
            prev.and_then(ElementRef::wrap).is_some_and(|p| {
                short
                    .of(&p, 30)
                    .is_some_and(|label| LABEL.is_match(label) && !label.bytes().any(|b| b.is_ascii_digit()))
            })
        };
        if labelled && !in_excluded(node) {
            out.push(t.to_owned());
            if out.len() >= 8 {
                break;
            }
        }
    }
    out
}

/// The short texts of elements ([`text_of`], when at most a given number of bytes), each
/// element read once: many dates of a page share the element around them, and an element
/// whose text is long is read only until that shows (its visible ASCII characters alone
/// exceed the bound), so the look stays linear on a page of many dates in one element.
#[derive(Default)]
struct ShortTexts {
    read: FxHashMap<ego_tree::NodeId, Option<String>>,
}

impl ShortTexts {
    /// The text of `el` when it is at most `max` bytes (the same `max` for an element
    /// each time).
    fn of(&mut self, el: &ElementRef, max: usize) -> Option<&str> {
        self.read.entry(el.id()).or_insert_with(|| text_of_at_most(el, max)).as_deref()
    }
}

/// [`text_of`] `el` when it is at most `max` bytes. The text it reads is at least as long
/// as the printable ASCII characters of its text nodes (code left out, as [`text_of`]
/// does), which are counted first, stopping once they are more than `max`.
fn text_of_at_most(el: &ElementRef, max: usize) -> Option<String> {
    let mut shown = 0usize;
    let mut skip: Option<ego_tree::NodeId> = None;
    for edge in el.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) if skip.is_none() => match node.value() {
                Node::Text(t) => {
                    for b in t.bytes() {
                        shown += usize::from(b.is_ascii_graphic());
                        if shown > max {
                            return None;
                        }
                    }
                }
                Node::Element(e) if elements::Tag::of(e.name()).is_code() => skip = Some(node.id()),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) if skip == Some(node.id()) => skip = None,
            _ => {}
        }
    }
    Some(text_of(el)).filter(|t| t.len() <= max)
}

/// Does a class or id value name a date (`date`, `post-date`, `datum`)?
fn names_date(e: &scraper::node::Element) -> bool {
    names_any(e, &["date", "datum"])
}

/// The dates of calendar badges, in document order (at most 4): an element named as a
/// date whose day, month and year are each an element of their own, written without a
/// space between them (`<span>Feb</span> <span>18</span><span>2009</span>`, which reads as
/// one line `Feb 182009`), read with a space between its children. Outside comments and
/// never-text markup.
pub fn date_badges(doc: &Html, month_first: bool) -> Vec<When> {
    let mut out = Vec::new();
    for node in doc.tree.nodes() {
        let Node::Element(e) = node.value() else { continue };
        if !names_date(e) {
            continue;
        }
        let parts: Vec<ElementRef> = node.children().filter_map(ElementRef::wrap).take(7).collect();
        if !(2..=6).contains(&parts.len()) || in_excluded(node) {
            continue;
        }
        let mut line = String::new();
        for p in &parts {
            let Some(t) = text_of_at_most(p, 20) else { break };
            line.push_str(&t);
            line.push(' ');
        }
        if line.len() > 60 {
            continue;
        }
        if let Some(w) = date_in_text(&line, month_first) {
            out.push(w);
            if out.len() >= 4 {
                break;
            }
        }
    }
    out
}

/// Words that label an update's date written after them.
static UPDATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:{})\s*:?\s", lexicon::UPDATE_LABELS.alternation())).expect("lexicon pattern")
});

/// Short texts that say when the page was last updated (`Last updated: November 13,
/// 2025`, `<b>Aktualisiert am</b> 17.01.2021`), outside comments and never-text
/// markup, in document order (at most 4): the day of a page that shows no other.
/// `texts`: the page's [`short_texts_with_digits`].
pub fn update_dates(texts: &[NodeText<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut short = ShortTexts::default();
    for &(node, t) in texts {
        // The label in the text, or in the element around it.
        let text = if UPDATE_LABEL.is_match(&format!("{t} ")) {
            Some(t.to_owned())
        } else {
            node.ancestors()
                .take(2)
                .filter_map(ElementRef::wrap)
                .map_while(|p| short.of(&p, 100).map(str::to_owned))
                .find(|p| UPDATE_LABEL.is_match(&format!("{p} ")))
        };
        if let Some(text) = text
            && !in_excluded(node)
        {
            out.push(text);
            if out.len() >= 4 {
                break;
            }
        }
    }
    out
}

/// A date shown near the headline: the text of its element, and whether a label in it or
/// beside it calls it another date than the publication (`Updated`).
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub text: String,
    pub other: bool,
}

/// How much text after the headline a date line may follow it by (the byline, the
/// standfirst), and before it (a date above the headline), in characters.
const AFTER_H1: usize = 1200;
const BEFORE_H1: usize = 200;

/// Is this element never shown as the page's own (the document's `<title>`, scripts,
/// navigation, asides, captions, comment sections)?
pub(crate) fn never_shown(e: &scraper::node::Element) -> bool {
    matches!(
        e.name(),
        "title" | "script" | "style" | "nav" | "footer" | "aside" | "figcaption" | "noscript" | "template"
    ) || names_comment_or_caption(e)
}

/// An element whose class, id or `itemprop` names an update (`updated`, `dateModified`)
/// and not the publication (hAtom's `published updated` on one date is the publication).
fn named_update(e: &ElementRef) -> bool {
    let v = e.value();
    let names = [v.attr("class"), v.attr("id"), v.attr("itemprop")].into_iter().flatten();
    let names = names.map(str::to_ascii_lowercase).collect::<Vec<_>>().join(" ");
    (names.contains("updated") || names.contains("modified"))
        && !(names.contains("publish") || names.contains("posted") || names.contains("created"))
}

/// The dates the page shows next to its headline (the first `<h1>`), nearest first after
/// it, then before it (at most 4): the text of small elements (a `<time>`, a `<span>`, a
/// date line) that are a date, where sites write the day they published or last updated
/// the article.
///
/// The look is bounded by the headline, not the page: a page without an `<h1>` is not
/// walked, and of the text before the headline only the last [`BEFORE_H1`] characters
/// are kept, of the text after it the first [`AFTER_H1`].
pub fn shown_near_title(doc: &Html, month_first: bool) -> Vec<Shown> {
    if !doc.tree.nodes().any(|n| n.value().as_element().is_some_and(|e| e.name() == "h1")) {
        return Vec::new();
    }
    // Text nodes in document order, outside what is never shown, with the characters of
    // text before each: the last ones before the headline (a window of `BEFORE_H1`), and
    // those from the headline on (to `AFTER_H1`); `h1_at`: the characters before it.
    let mut before: std::collections::VecDeque<(ego_tree::NodeRef<'_, Node>, usize)> = Default::default();
    let mut from_h1: Vec<(ego_tree::NodeRef<'_, Node>, usize)> = Vec::new();
    let mut h1_at: Option<usize> = None;
    let mut skip_until: Option<ego_tree::NodeId> = None;
    let mut seen = 0usize;
    for edge in doc.root_element().traverse() {
        let ego_tree::iter::Edge::Open(node) = edge else {
            if let ego_tree::iter::Edge::Close(node) = edge
                && skip_until == Some(node.id())
            {
                skip_until = None;
            }
            continue;
        };
        if skip_until.is_some() {
            continue;
        }
        match node.value() {
            Node::Element(e) => {
                if never_shown(e) {
                    skip_until = Some(node.id());
                } else if e.name() == "h1" && h1_at.is_none() {
                    h1_at = Some(seen);
                }
            }
            Node::Text(t) => {
                let n = t.trim().chars().count();
                if n > 0 {
                    match h1_at {
                        None => {
                            // Texts that end up further than `BEFORE_H1` before the headline.
                            while before.front().is_some_and(|t| t.1 + BEFORE_H1 < seen) {
                                before.pop_front();
                            }
                            before.push_back((node, seen));
                        }
                        Some(start) if seen > start + AFTER_H1 => break,
                        Some(_) => from_h1.push((node, seen)),
                    }
                    seen += n;
                }
            }
            _ => {}
        }
    }
    let Some(start) = h1_at else { return Vec::new() };
    let before = before.iter().rev().take_while(|t| t.1 + BEFORE_H1 >= start);
    let mut out: Vec<Shown> = Vec::new();
    for (node, _) in from_h1.iter().chain(before) {
        // A date line is a short text with digits, in a small element (this keeps the
        // look linear: a text node of a big element is never read whole).
        let short = node.value().as_text().is_some_and(|t| {
            let t = t.trim();
            t.len() <= 240 && t.bytes().any(|b| b.is_ascii_digit())
        });
        let Some(owner) = node.parent().and_then(ElementRef::wrap).filter(|_| short) else { continue };
        if owner.value().name() == "h1" || owner.descendants().nth(24).is_some() {
            continue;
        }
        let text = text_of(&owner);
        if text.chars().count() > 80 || date_in_text(&text, month_first).is_none() || !is_date_line(&text) {
            continue;
        }
        if out.iter().any(|s| s.text == text) {
            continue;
        }
        // A label beside it: in its element, or in the element around it.
        let around =
            owner.parent().and_then(ElementRef::wrap).map(|p| text_of(&p)).filter(|t| t.chars().count() <= 100);
        let other = is_other_date(&text)
            || around.as_deref().is_some_and(is_other_date)
            || named_update(&owner)
            || owner.parent().and_then(ElementRef::wrap).is_some_and(|p| named_update(&p));
        out.push(Shown { text, other });
        if out.len() >= 4 {
            break;
        }
    }
    out
}

/// A short text that is mostly a date (few letters besides a month's name and a label).
fn is_date_line(t: &str) -> bool {
    t.chars().filter(|c| c.is_alphabetic()).count() <= 40
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_dates_are_found() {
        let doc = Html::parse_document(
            "<body><div class=release><span>dpa</span><span> am 25.01.2022</span></div>\
             <div><span class=label>Datum</span> <span class=value>26.01.2022</span></div>\
             <div class=comments><span>am 27.01.2022</span></div><p>Seit 1990 am Markt</p></body>",
        );
        assert_eq!(labelled_dates(&short_texts_with_digits(&doc)), vec!["am 25.01.2022", "26.01.2022"]);
    }

    #[test]
    fn times_and_marked_dates_outside_comments() {
        let doc = Html::parse_document(
            r#"<body><div class="footer"><time itemprop="datePublished" datetime="2022-01-21">21.01.2022</time></div>
            <span property="schema:dateCreated" content="2022-01-28T12:45:46+00:00">x</span>
            <div id="comments"><time datetime="2023-01-01T00:00:00Z">c</time></div>
            <article><time class="updated" datetime="2022-02-02">u</time><time>3. Mai 2020</time></article></body>"#,
        );
        let hints = declared_in_body(&doc);
        let values: Vec<(&str, bool, bool, bool)> =
            hints.iter().map(|h| (h.value.as_str(), h.published, h.in_article, h.modified)).collect();
        assert_eq!(
            values,
            vec![
                ("2022-01-21", true, false, false),
                ("2022-01-28T12:45:46+00:00", true, false, false),
                ("2022-02-02", false, true, true),
                ("3. Mai 2020", false, true, false),
            ]
        );
    }

    #[test]
    fn dates_shown_near_the_headline() {
        // A date line under the headline, one above it, a teaser's date far below and a
        // date in the navigation: the near ones, nearest after the headline first.
        let filler = "Text of the article. ".repeat(80);
        let doc = Html::parse_document(&format!(
            "<body><nav><span>1 January 2019</span></nav><div class=kicker><span>Updated 3 May 2024</span></div>\
             <h1>The headline</h1><div class=meta><span>By Ann Lee</span><span class=x>October 3, 2024</span></div>\
             <p>{filler}</p><div class=teaser><span>23.07.2025</span></div></body>"
        ));
        let shown = |text: &str, other| Shown { text: text.to_owned(), other };
        assert_eq!(
            shown_near_title(&doc, true),
            vec![shown("October 3, 2024", false), shown("Updated 3 May 2024", true)]
        );
        // A label in the element around the date.
        let doc = Html::parse_document(
            "<body><h1>The headline</h1><p><span>Last updated:</span> <time>Sep 4, 2025</time></p></body>",
        );
        assert_eq!(shown_near_title(&doc, true), vec![shown("Sep 4, 2025", true)]);
        // No headline, no date near it.
        let doc = Html::parse_document("<body><p><span>October 3, 2024</span></p></body>");
        assert!(shown_near_title(&doc, true).is_empty());
    }

    /// 50,000 short numbers in one element: the label of an update is looked for in the
    /// element around each, and the element's text was read whole for each (minutes); the
    /// bound only says "linear". Labels around dates are still read.
    #[test]
    fn the_look_for_update_labels_is_linear() {
        let page = format!("<body><article>{}</article></body>", "<i>1</i> ".repeat(50_000));
        let doc = Html::parse_document(&page);
        let start = std::time::Instant::now();
        let texts = short_texts_with_digits(&doc);
        assert_eq!(texts.len(), 50_000);
        assert!(update_dates(&texts).is_empty());
        assert!(labelled_dates(&texts).is_empty());
        assert!(start.elapsed() < std::time::Duration::from_secs(10), "{:?}", start.elapsed());
        let doc = Html::parse_document(
            "<body><p><b>Aktualisiert am</b> <span>17.01.2021</span></p><p><span>Datum</span><span>3.2.2020</span></p></body>",
        );
        let texts = short_texts_with_digits(&doc);
        assert_eq!(update_dates(&texts), vec!["Aktualisiert am 17.01.2021"]);
        assert_eq!(labelled_dates(&texts), vec!["3.2.2020"]);
    }

    #[test]
    fn the_look_near_the_headline_is_linear() {
        // 100,000 short texts with digits straight in <body>: none is read with its whole
        // element (that was 1,200 reads of the page).
        let page = format!("<body><h1>Headline</h1>{}</body>", "7<br>".repeat(100_000));
        let doc = Html::parse_document(&page);
        let start = std::time::Instant::now();
        assert!(shown_near_title(&doc, false).is_empty());
        assert!(start.elapsed() < std::time::Duration::from_secs(10), "{:?}", start.elapsed());
    }
}
