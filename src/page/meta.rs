//! The page's `<meta>` declarations (OpenGraph, `article:*`, Dublin Core, `parsely-*`,
//! `sailthru.*`, plain `author` / `date`), `<link rel=canonical>`, `<title>` and
//! `<html lang>`, read in one pass over the elements.

use scraper::{Html, Node};

/// What the page declares about itself outside JSON-LD.
#[derive(Debug, Default)]
pub struct Meta {
    /// `(key, content)` of every `<meta>` with a `name`, `property` or `itemprop`; the key
    /// lower-cased, in document order.
    pairs: Vec<(String, String)>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// The `<title>` text.
    pub title: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
}

impl Meta {
    /// The first non-empty value of any of `keys` (in the order of `keys`).
    pub fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.pairs.iter().find(|(key, v)| key == k && !v.is_empty()).map(|(_, v)| v.as_str()))
    }

    /// The value of a key that is not among [`DATE_KEYS`] but names a publication date
    /// (`sw-pubdate`, `publication_date`, `article.publishdate`).
    pub fn generic_date(&self) -> Option<&str> {
        self.pairs.iter().find(|(k, v)| !v.is_empty() && names_publication(k)).map(|(_, v)| v.as_str())
    }

    /// Every non-empty value of `key`, in document order.
    pub fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs.iter().filter(move |(k, v)| k == key && !v.is_empty()).map(|(_, v)| v.as_str())
    }
}

/// Does a key (lower-case) name a publication date (`sw-pubdate`, `publication_date`,
/// `publisheddate`) and not an update's or an expiry's?
pub fn names_publication(k: &str) -> bool {
    (k.contains("pubdate") || k.contains("publish") || k.contains("publication"))
        && !k.contains("modif")
        && !k.contains("updat")
        && !k.contains("expir")
}

/// Read the declarations of a parsed document.
pub fn read(doc: &Html) -> Meta {
    let mut m = Meta::default();
    for node in doc.tree.nodes() {
        let Node::Element(e) = node.value() else { continue };
        match e.name() {
            "meta" => {
                let Some(content) = e.attr("content") else { continue };
                let content = content.trim();
                for key in [e.attr("property"), e.attr("name"), e.attr("itemprop")].into_iter().flatten() {
                    // `property="og:title article:title"` (RDFa) names several keys.
                    for k in key.split_ascii_whitespace() {
                        m.pairs.push((k.to_ascii_lowercase(), content.to_owned()));
                    }
                }
            }
            "link" if m.canonical.is_none() => {
                let canonical = e
                    .attr("rel")
                    .is_some_and(|r| r.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")));
                if canonical && let Some(href) = e.attr("href").map(str::trim).filter(|h| !h.is_empty()) {
                    m.canonical = Some(href.to_owned());
                }
            }
            "title" if m.title.is_none() => {
                // Only the document's own title, not an SVG `<title>` in the body.
                let in_head = node.parent().and_then(|p| p.value().as_element()).is_some_and(|p| p.name() == "head");
                if in_head {
                    let t: String = node.children().filter_map(|c| c.value().as_text().map(|t| &**t)).collect();
                    let t = t.trim();
                    if !t.is_empty() {
                        m.title = Some(t.to_owned());
                    }
                }
            }
            "html" if m.lang.is_none() => {
                m.lang = e.attr("lang").map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned);
            }
            _ => {}
        }
    }
    m
}

/// Keys whose value is the publication date, best first.
pub const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "date.published",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "article.published",
    "date",
    "dc.date",
    "dcterms.date",
    "datecreated",
    "og:published_time",
    "creation_date",
];

/// Keys whose value names the author(s), best first.
pub const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "byl",
    "twitter:creator",
];

/// Keys whose value is the headline, best first.
pub const TITLE_KEYS: &[&str] =
    &["og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title", "dcterms.title", "headline", "title"];

/// Keys whose value is the page's URL, best first.
pub const URL_KEYS: &[&str] = &["og:url", "parsely-link", "twitter:url"];

/// Keys whose value is a keyword list (comma separated) or one tag per element.
pub const TAG_KEYS: &[&str] = &["article:tag", "parsely-tags", "sailthru.tags", "news_keywords", "keywords"];

/// Keys whose value is the section.
pub const SECTION_KEYS: &[&str] = &["article:section", "parsely-section", "section", "dc.subject"];

/// Keys whose value is the outlet's name.
pub const SITE_KEYS: &[&str] = &["og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site"];

/// Keys whose value is a picture of the article.
pub const IMAGE_KEYS: &[&str] =
    &["og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_opengraph_dc_and_plain_meta() {
        let doc = Html::parse_document(
            r#"<!doctype html><html lang="de"><head><title> Ein Titel | Die Zeitung </title>
            <meta property="og:title" content="Ein Titel"><meta name="DC.creator" content="Anna Muster">
            <meta name="author" content=""><meta property="article:tag" content="a"><meta property="article:tag" content="b">
            <meta name="parsely-pub-date" content="2020-01-02T03:04:05+01:00">
            <link rel="alternate" href="https://x.org/amp"><link rel="Canonical" href=" https://x.org/a ">
            </head><body><svg><title>icon</title></svg></body></html>"#,
        );
        let m = read(&doc);
        assert_eq!(m.title.as_deref(), Some("Ein Titel | Die Zeitung"));
        assert_eq!(m.lang.as_deref(), Some("de"));
        assert_eq!(m.canonical.as_deref(), Some("https://x.org/a"));
        assert_eq!(m.first(TITLE_KEYS), Some("Ein Titel"));
        assert_eq!(m.first(AUTHOR_KEYS), Some("Anna Muster"), "the empty `author` is skipped");
        assert_eq!(m.first(DATE_KEYS), Some("2020-01-02T03:04:05+01:00"));
        assert_eq!(m.all("article:tag").collect::<Vec<_>>(), vec!["a", "b"]);
    }
}
