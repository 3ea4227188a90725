//! Dates the page's markup declares inside its body: `<time datetime>`, and elements
//! marked `itemprop=datePublished` / `property=dc:date`, … (with a `content` or
//! `datetime` attribute, or as text). Those inside comments are skipped; "modified"
//! ones are flagged.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node};

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

/// A short text that is a labelled date (`am 25.01.2022`, `Datum` then `25.01.2022`),
/// the last resort when nothing else dates the page.
pub fn labelled_dates(doc: &Html) -> Vec<String> {
    let mut out = Vec::new();
    for node in doc.tree.nodes() {
        let Node::Text(t) = node.value() else { continue };
        let t = t.trim();
        if t.is_empty() || t.len() > 60 || !t.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
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
}
