//! schema.org JSON-LD (`<script type="application/ld+json">`): the article object
//! (`NewsArticle`, `Article`, `BlogPosting`, `ReportageNewsArticle`, …), found in arrays
//! and `@graph`s, with its authors (object, array or string, or an `@id` reference to a
//! `Person` elsewhere in the graph), publisher, dates, headline, keywords, section,
//! images and `articleBody`.

use serde_json::Value;

use crate::normalize::text;

/// The article as the page's JSON-LD describes it.
#[derive(Debug, Default, PartialEq)]
pub struct Ld {
    pub headline: Option<String>,
    pub date_published: Option<String>,
    pub authors: Vec<String>,
    /// Every author the JSON-LD names is an organisation (`@type` `Organization`): a
    /// credit to the site, which a person named elsewhere on the page outranks.
    pub authors_are_organisations: bool,
    pub publisher: Option<String>,
    pub keywords: Vec<String>,
    pub section: Option<String>,
    pub images: Vec<String>,
    pub body: Option<String>,
    pub url: Option<String>,
    /// The type of the object these came from.
    pub kind: Option<String>,
}

/// How much an object's `@type` says "this is the article": 0 for none.
fn article_rank(types: &[&str]) -> u8 {
    types
        .iter()
        .map(|t| {
            let t = t.rsplit(['/', ':']).next().unwrap_or(t);
            match t {
                "NewsArticle"
                | "ReportageNewsArticle"
                | "AnalysisNewsArticle"
                | "OpinionNewsArticle"
                | "BackgroundNewsArticle"
                | "ReviewNewsArticle"
                | "AskPublicNewsArticle" => 5,
                "Article"
                | "BlogPosting"
                | "LiveBlogPosting"
                | "Report"
                | "ScholarlyArticle"
                | "TechArticle"
                | "SatiricalArticle"
                | "SocialMediaPosting"
                | "DiscussionForumPosting" => 4,
                _ if t.ends_with("Article") || t.ends_with("Posting") => 4,
                "WebPage" | "ItemPage" | "AboutPage" | "ProfilePage" | "CollectionPage" => 1,
                _ => 0,
            }
        })
        .max()
        .unwrap_or(0)
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Every object of a JSON-LD value: the value itself, array items, `@graph` members (to
/// a bounded depth).
fn objects<'a>(v: &'a Value, depth: usize, out: &mut Vec<&'a Value>) {
    if depth > 8 || out.len() > 1000 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| objects(x, depth + 1, out)),
        Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                objects(g, depth + 1, out);
            }
            if let Some(m) = o.get("mainEntity").filter(|m| m.is_object()) {
                objects(m, depth + 1, out);
            }
        }
        _ => {}
    }
}

/// A string value, entities decoded and trimmed; `None` when empty.
fn string(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => s.as_str(),
        Value::Array(a) => return a.iter().find_map(|x| string(Some(x))),
        Value::Object(o) => return string(o.get("name").or_else(|| o.get("@value"))),
        Value::Number(n) => return Some(n.to_string()),
        _ => return None,
    };
    let s = text::decode_entities(s.trim());
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// Is every object of an `author` value (or the graph object its `@id` names) typed as
/// an organisation? A plain string is not known to be one.
fn only_organisations(v: Option<&Value>, graph: &[&Value]) -> bool {
    let organisation = |o: &Value| types(o).iter().any(|t| t.ends_with("Organization"));
    match v {
        Some(Value::Array(a)) => !a.is_empty() && a.iter().take(50).all(|x| only_organisations(Some(x), graph)),
        Some(o @ Value::Object(m)) => {
            organisation(o)
                || m.get("@id").and_then(Value::as_str).is_some_and(|id| {
                    graph.iter().any(|g| g.get("@id").and_then(Value::as_str) == Some(id) && organisation(g))
                })
        }
        _ => false,
    }
}

/// Names in an `author`/`creator` value: a string, a `Person`/`Organization` object
/// (its `name`, or the graph object its `@id` names), or an array of them.
fn names(v: Option<&Value>, graph: &[&Value], out: &mut Vec<String>) {
    match v {
        Some(Value::Array(a)) => a.iter().take(50).for_each(|x| names(Some(x), graph, out)),
        Some(Value::String(s)) => {
            let s = text::decode_entities(s.trim());
            if !s.is_empty() {
                out.push(s.into_owned());
            }
        }
        Some(Value::Object(o)) => {
            if let Some(n) = string(o.get("name")) {
                out.push(n);
            } else if let Some(id) = o.get("@id").and_then(Value::as_str)
                && let Some(target) = graph.iter().find(|g| g.get("@id").and_then(Value::as_str) == Some(id))
                && let Some(n) = string(target.get("name"))
            {
                out.push(n);
            }
        }
        _ => {}
    }
}

fn image_urls(v: Option<&Value>, out: &mut Vec<String>) {
    match v {
        Some(Value::String(s)) if !s.trim().is_empty() => out.push(s.trim().to_owned()),
        Some(Value::Array(a)) => a.iter().take(20).for_each(|x| image_urls(Some(x), out)),
        Some(Value::Object(o)) => image_urls(o.get("url").or_else(|| o.get("contentUrl")), out),
        _ => {}
    }
}

/// A keyword list: an array, or one string separated by commas.
fn keyword_list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a.iter().filter_map(|x| string(Some(x))).collect(),
        Some(Value::String(s)) => text::decode_entities(s)
            .split([',', ';', '，', '、'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// Parse one `ld+json` block, tolerating what pages get wrong: HTML comments or CDATA
/// around it, a trailing `;`, raw line breaks and tabs inside strings.
pub fn parse_block(raw: &str) -> Option<Value> {
    let s = raw.trim();
    let s = s.strip_prefix("<!--").unwrap_or(s).trim();
    let s = s.strip_suffix("-->").unwrap_or(s).trim();
    let s = s.strip_prefix("//<![CDATA[").or_else(|| s.strip_prefix("<![CDATA[")).unwrap_or(s).trim();
    let s = s.strip_suffix("//]]>").or_else(|| s.strip_suffix("]]>")).unwrap_or(s).trim();
    let s = s.trim_end_matches(';').trim();
    if let Ok(v) = serde_json::from_str(s) {
        return Some(v);
    }
    // Control characters are never valid inside JSON strings and harmless as spaces
    // outside them.
    let fixed: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    serde_json::from_str(&fixed).ok()
}

/// The article in the page's JSON-LD blocks (their raw text).
pub fn read(blocks: &[String]) -> Ld {
    let values: Vec<Value> = blocks.iter().filter_map(|b| parse_block(b)).collect();
    from_values(&values)
}

/// The article among parsed JSON-LD values.
pub fn from_values(values: &[Value]) -> Ld {
    let mut all = Vec::new();
    for v in values {
        objects(v, 0, &mut all);
    }
    // Of several objects of the best rank, the first: the page's own article comes before
    // the teasers and related posts a page describes after it.
    let best = all.iter().rev().map(|o| (article_rank(&types(o)), *o)).filter(|(r, _)| *r > 0).max_by_key(|(r, _)| *r);
    let Some((rank, art)) = best else { return Ld::default() };
    let mut ld = Ld { kind: types(art).first().map(|t| (*t).to_owned()), ..Ld::default() };
    ld.date_published = string(art.get("datePublished")).or_else(|| string(art.get("dateCreated")));
    if rank >= 4 {
        ld.headline = string(art.get("headline")).or_else(|| string(art.get("name")));
        let credited = art.get("author").or_else(|| art.get("creator"));
        names(credited, &all, &mut ld.authors);
        ld.authors_are_organisations = !ld.authors.is_empty() && only_organisations(credited, &all);
        ld.keywords = keyword_list(art.get("keywords"));
        ld.section = match art.get("articleSection") {
            Some(Value::Array(a)) => a.iter().find_map(|x| string(Some(x))),
            v => string(v),
        };
        image_urls(art.get("image"), &mut ld.images);
        ld.body = string(art.get("articleBody"));
        ld.url =
            string(art.get("url")).filter(|u| u.starts_with("http")).or_else(|| match art.get("mainEntityOfPage") {
                Some(Value::String(s)) if s.starts_with("http") => Some(s.clone()),
                Some(Value::Object(o)) => string(o.get("@id")).filter(|u| u.starts_with("http")),
                _ => None,
            });
    }
    let publisher = art.get("publisher").or_else(|| {
        all.iter().find(|o| types(o).iter().any(|t| *t == "Organization" || *t == "NewsMediaOrganization")).copied()
    });
    ld.publisher = match publisher {
        Some(Value::Object(o)) if o.get("name").is_none() => o
            .get("@id")
            .and_then(Value::as_str)
            .and_then(|id| all.iter().find(|g| g.get("@id").and_then(Value::as_str) == Some(id)))
            .and_then(|g| string(g.get("name"))),
        p => string(p),
    };
    ld
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ld(json: &str) -> Ld {
        from_values(&[parse_block(json).expect("valid test JSON")])
    }

    #[test]
    fn article_in_a_graph_with_author_by_reference() {
        let x = ld(r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"https://x.org/#site","name":"X"},
            {"@type":"Organization","@id":"https://x.org/#org","name":"X News"},
            {"@type":"WebPage","@id":"https://x.org/a","datePublished":"2019-01-01"},
            {"@type":["Article","NewsArticle"],"headline":"Hello &amp; bye","datePublished":"2020-05-06T07:08:09+02:00",
             "author":{"@id":"https://x.org/#p1"},"publisher":{"@id":"https://x.org/#org"},
             "keywords":"one, two","articleSection":["Politik","Welt"],"image":{"@type":"ImageObject","url":"https://x.org/i.jpg"}},
            {"@type":"Person","@id":"https://x.org/#p1","name":"Anna Muster"}]}"#);
        assert_eq!(x.headline.as_deref(), Some("Hello & bye"));
        assert_eq!(x.date_published.as_deref(), Some("2020-05-06T07:08:09+02:00"));
        assert_eq!(x.authors, vec!["Anna Muster"]);
        assert_eq!(x.publisher.as_deref(), Some("X News"));
        assert_eq!(x.keywords, vec!["one", "two"]);
        assert_eq!(x.section.as_deref(), Some("Politik"));
        assert_eq!(x.images, vec!["https://x.org/i.jpg"]);
    }

    #[test]
    fn arrays_and_author_forms() {
        let x = ld(r#"[{"@type":"BreadcrumbList"},{"@type":"BlogPosting","headline":"H",
            "author":[{"@type":"Person","name":"A B"},"C D",{"name":"E F"}],"publisher":{"name":"Pub"},
            "keywords":["k1","k2"],"image":["https://x.org/1.jpg","https://x.org/2.jpg"]}]"#);
        assert_eq!(x.authors, vec!["A B", "C D", "E F"]);
        assert_eq!(x.publisher.as_deref(), Some("Pub"));
        assert_eq!(x.keywords, vec!["k1", "k2"]);
        assert_eq!(x.images.len(), 2);
        let x = ld(r#"{"@type":"ReportageNewsArticle","headline":"R","author":"Solo Writer"}"#);
        assert_eq!(x.authors, vec!["Solo Writer"]);
        assert_eq!(x.kind.as_deref(), Some("ReportageNewsArticle"));
    }

    #[test]
    fn news_article_beats_web_page_and_broken_json_is_tolerated() {
        let raw = "<!--\n{\"@type\":\"WebPage\",\"name\":\"Page\"}\n-->";
        assert!(parse_block(raw).is_some());
        let x = ld("{\"@type\":\"NewsArticle\",\"headline\":\"Line\nbreak\",\"articleBody\":\"Text\tbody\"};");
        assert_eq!(x.headline.as_deref(), Some("Line break"));
        assert!(parse_block("{not json").is_none());
        // A page-level object only gives the date, not the headline.
        let x = ld(r#"{"@type":"WebPage","name":"Home | Site","datePublished":"2021-02-03"}"#);
        assert_eq!(x.headline, None);
        assert_eq!(x.date_published.as_deref(), Some("2021-02-03"));
    }

    #[test]
    fn of_several_articles_of_one_rank_the_first_is_the_pages() {
        // The page's article first, then teasers or related posts of the same type.
        let x = ld(r#"[{"@type":"BlogPosting","headline":"The page","datePublished":"2025-12-18",
            "author":{"@type":"Person","name":"A B"}},
            {"@type":"BlogPosting","headline":"Related","datePublished":"2025-03-01"},
            {"@type":"BlogPosting","headline":"Older","datePublished":"2024-01-01"}]"#);
        assert_eq!(x.headline.as_deref(), Some("The page"));
        assert_eq!(x.date_published.as_deref(), Some("2025-12-18"));
        // A higher rank still wins wherever it stands.
        let x = ld(r#"[{"@type":"WebPage","name":"W","datePublished":"2020-01-01"},
            {"@type":"NewsArticle","headline":"N","datePublished":"2021-01-01"}]"#);
        assert_eq!(x.headline.as_deref(), Some("N"));
    }
}
