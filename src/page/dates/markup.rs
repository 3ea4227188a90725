//! Dates the page's markup declares inside its body: `<time datetime>`, and elements
//! marked `itemprop=datePublished` / `property=dc:date`, … (with a `content` or
//! `datetime` attribute, or as text). Those inside comments are skipped; "modified"
//! ones are flagged.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node};

use super::text::{date_in_text, is_other_date};
use crate::lexicon;
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
        let (mut in_comment, mut in_article) = (false, false);
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
        }
        if in_comment {
            continue;
        }
        out.push(TimeHint { value, published: published && !modified, in_article, modified });
        if out.len() >= 32 {
            break;
        }
    }
    out
}

/// Words that label a publication date written next to them.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:{})\s*:?\s*(?:$|\d)", lexicon::DATE_LABELS.alternation())).expect("lexicon pattern")
});

/// Is this node inside a comment section or never-text markup?
fn in_excluded(node: ego_tree::NodeRef<'_, Node>) -> bool {
    node.ancestors().take(40).any(|a| {
        a.value().as_element().is_some_and(|e| {
            matches!(e.name(), "script" | "style" | "nav" | "footer" | "aside" | "figcaption" | "noscript")
                || [e.attr("class"), e.attr("id")].into_iter().flatten().any(|s| {
                    let s = s.to_ascii_lowercase();
                    s.contains("comment") || s.contains("caption")
                })
        })
    })
}

/// The page's texts, trimmed, of at most `max` bytes and holding a digit, with their
/// nodes, in document order: where a labelled date can be.
fn texts_with_digits(doc: &Html, max: usize) -> impl Iterator<Item = (ego_tree::NodeRef<'_, Node>, &str)> {
    doc.tree.nodes().filter_map(move |node| {
        let Node::Text(t) = node.value() else { return None };
        let t = t.trim();
        (!t.is_empty() && t.len() <= max && t.bytes().any(|b| b.is_ascii_digit())).then_some((node, t))
    })
}

/// A short text that is a labelled date (`am 25.01.2022`, `Datum` then `25.01.2022`),
/// the last resort when nothing else dates the page.
pub fn labelled_dates(doc: &Html) -> Vec<String> {
    let mut out = Vec::new();
    for (node, t) in texts_with_digits(doc, 60) {
        let labelled = LABEL.is_match(t) || {
            // The label in the element before (`<span>Datum</span> <span>25.01.2022</span>`).
            let owner = node.parent();
            let prev = owner.and_then(|o| o.prev_siblings().find(|s| s.value().is_element()));
            prev.and_then(ElementRef::wrap).is_some_and(|p| {
                let label = text_of(&p);
                label.len() <= 30 && LABEL.is_match(&label) && !label.bytes().any(|b| b.is_ascii_digit())
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

/// Words that label an update's date written after them.
static UPDATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:{})\s*:?\s", lexicon::UPDATE_LABELS.alternation())).expect("lexicon pattern")
});

/// Short texts that say when the page was last updated (`Last updated: November 13,
/// 2025`, `<b>Aktualisiert am</b> 17.01.2021`), outside comments and never-text
/// markup, in document order (at most 4): the day of a page that shows no other.
pub fn update_dates(doc: &Html) -> Vec<String> {
    let mut out = Vec::new();
    for (node, t) in texts_with_digits(doc, 80) {
        // The label in the text, or in the element around it.
        let text = if UPDATE_LABEL.is_match(&format!("{t} ")) {
            Some(t.to_owned())
        } else {
            node.ancestors()
                .take(2)
                .filter_map(ElementRef::wrap)
                .map(|p| text_of(&p))
                .take_while(|p| p.len() <= 100)
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

/// Is this element never shown as the page's own (scripts, navigation, asides, captions,
/// comment sections)?
pub(crate) fn never_shown(e: &scraper::node::Element) -> bool {
    matches!(e.name(), "script" | "style" | "nav" | "footer" | "aside" | "figcaption" | "noscript" | "template")
        || [e.attr("class"), e.attr("id")].into_iter().flatten().any(|s| {
            let s = s.to_ascii_lowercase();
            s.contains("comment") || s.contains("caption")
        })
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
pub fn shown_near_title(doc: &Html, month_first: bool) -> Vec<Shown> {
    // Text nodes in document order, outside what is never shown, with where the h1 is.
    let mut texts: Vec<(ego_tree::NodeRef<'_, Node>, usize)> = Vec::new();
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
                    h1_at = Some(texts.len());
                }
            }
            Node::Text(t) => {
                let n = t.trim().chars().count();
                if n > 0 {
                    texts.push((node, seen));
                    seen += n;
                }
            }
            _ => {}
        }
        if let Some(h) = h1_at
            && let Some(&(_, start)) = texts.get(h)
            && seen > start + AFTER_H1 + 2000
        {
            break;
        }
    }
    let Some(h) = h1_at else { return Vec::new() };
    let start = texts.get(h).map_or(seen, |t| t.1);
    let after = texts.iter().skip(h).take_while(|t| t.1 <= start + AFTER_H1);
    let before = texts.iter().take(h).rev().take_while(|t| t.1 + BEFORE_H1 >= start);
    let mut out: Vec<Shown> = Vec::new();
    for (node, _) in after.chain(before) {
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
        assert_eq!(labelled_dates(&doc), vec!["am 25.01.2022", "26.01.2022"]);
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
