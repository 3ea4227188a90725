//! A full HTML page of one article (the `html` format): metadata from the page's own
//! declarations first, then from its text; the body is the main content only.
//!
//! - [`jsonld`]: schema.org JSON-LD;
//! - [`meta`]: OpenGraph, `article:*`, Dublin Core and plain `<meta>`, canonical link,
//!   `<title>`;
//! - [`content`]: main-content scoring and the text walk (with the hints the walk
//!   finds: `<time datetime>`, byline and date blocks, `<h1>`);
//! - [`byline`]: names, dates and URL dates read from text.

pub mod byline;
pub mod content;
pub mod dates;
pub mod jsonld;
pub mod kind;
pub mod meta;
pub mod prepare;
pub mod tail;

use scraper::Html;

use crate::html;
use crate::normalize::date::When;
use crate::normalize::text;
use crate::record::{Article, Image, warn};
use crate::sites::Outlet;

/// Separators between a headline and the site's name in `<title>`.
const TITLE_SEPARATORS: &[&str] =
    &[" | ", " – ", " — ", " - ", " · ", " :: ", " // ", " » ", " « ", " • ", " ~ ", "｜", " ｜ "];

/// The headline in a `<title>`: the site's name (`og:site_name`, or the part that is
/// not the `<h1>`) removed.
pub fn strip_site(title: &str, site: Option<&str>, h1: Option<&str>) -> String {
    let title = text::clean_inline(title);
    let Some(sep) = TITLE_SEPARATORS.iter().find(|s| title.contains(**s)) else { return title };
    let parts: Vec<&str> = title.split(sep).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 {
        return title;
    }
    let lower = |s: &str| s.to_lowercase();
    if h1.is_some_and(|h| lower(h) == lower(&title)) {
        return title;
    }
    if let Some(h1) = h1.map(lower)
        && let Some(p) = parts.iter().find(|p| lower(p) == h1)
    {
        return (*p).to_owned();
    }
    if let Some(site) = site.map(lower).filter(|s| !s.is_empty()) {
        let kept: Vec<&str> =
            parts.iter().copied().filter(|p| !(lower(p).contains(&site) || site.contains(&lower(p)))).collect();
        if !kept.is_empty() && kept.len() < parts.len() {
            return kept.join(sep);
        }
    }
    // The site's name is the shorter end: `Headline | Site` or `Site | Headline`.
    let (first, last) = (parts.first().copied().unwrap_or(""), parts.last().copied().unwrap_or(""));
    let rest_len = |skip_last: bool| {
        if skip_last { parts.get(..parts.len() - 1) } else { parts.get(1..) }
            .map_or(0, |r| r.iter().map(|p| p.chars().count()).sum())
    };
    if last.chars().count() <= rest_len(true) {
        parts.get(..parts.len() - 1).map_or(title.clone(), |r| r.join(sep))
    } else if first.chars().count() * 2 < rest_len(false) && first.split_whitespace().count() <= 3 {
        parts.get(1..).map_or(title.clone(), |r| r.join(sep))
    } else {
        title
    }
}

/// Does `url` look like an absolute http(s) URL?
fn absolute(url: &str) -> bool {
    let u = url.trim();
    u.starts_with("http://") || u.starts_with("https://")
}

/// A possibly relative link made absolute against `base`.
fn resolve(link: &str, base: Option<&str>) -> Option<String> {
    let link = link.trim();
    if absolute(link) {
        return Some(link.to_owned());
    }
    if let Some(rest) = link.strip_prefix("//") {
        return Some(format!("https://{rest}"));
    }
    let base = base.filter(|b| absolute(b))?;
    let scheme_end = base.find("://")? + 3;
    let host_end = base.get(scheme_end..)?.find('/').map_or(base.len(), |i| scheme_end + i);
    link.starts_with('/').then(|| format!("{}{link}", base.get(..host_end).unwrap_or(base)))
}

/// Is `p` only a date (a date line left at the top of the body)?
fn is_date_line(p: &str, month_first: bool) -> bool {
    p.chars().count() <= 60 && byline::date_in_text(p, month_first).is_some() && {
        let letters = p.chars().filter(|c| c.is_alphabetic()).count();
        letters <= 30
    }
}

/// The outlet whose rules apply to a page, found by the page's URL (see the `html`
/// format, which looks it up in the run's outlets).
pub type FindOutlet<'o> = dyn Fn(Option<&str>) -> Option<&'o Outlet> + 'o;

/// Everything read from a page, before the outlet's rules.
pub fn extract(text: &str) -> Article {
    extract_with(text, &|_| None)
}

/// [`extract`], with the HTML rules (boilerplate selectors) of the outlet `outlet` finds
/// for the page's URL.
pub fn extract_with<'o>(text: &str, outlet: &FindOutlet<'o>) -> Article {
    let mut art = Article::default();
    let prepared = prepare::prepare(text);
    let Some(doc) = html::parse_document(&prepared.html) else {
        // Too pathological to parse: its text, read flat.
        let x = html::extract_parsed(None, &prepared.html, html::Rules::default());
        art.paragraphs = x.paragraphs;
        art.title = art.paragraphs.first().cloned().unwrap_or_default();
        art.warn(warn::NO_DATE);
        return art;
    };
    extract_doc(&doc, &prepared.ld_json, outlet, &mut art);
    if art.paragraphs.is_empty()
        && let Some(template) = prepared.templates.iter().max_by_key(|t| t.len())
        && let Some(fragment) = html::parse(template)
    {
        let content = content::extract(&fragment, art.url.as_deref());
        if art.author.is_none() {
            art.author = content.hints.bylines.iter().find_map(|b| byline::clean_author(b));
        }
        art.paragraphs = content.paragraphs;
        tail::trim(&mut art.paragraphs);
    }
    art
}

/// The page's URL: the canonical link, `og:url`, the JSON-LD url.
pub fn page_url(m: &meta::Meta, ld: &jsonld::Ld) -> Option<String> {
    let declared = m.first(meta::URL_KEYS).map(str::to_owned).or_else(|| ld.url.clone());
    m.canonical.as_deref().and_then(|c| resolve(c, declared.as_deref())).or_else(|| declared.filter(|u| absolute(u)))
}

fn extract_doc<'o>(doc: &Html, ld_json: &[String], outlet: &FindOutlet<'o>, art: &mut Article) {
    let m = meta::read(doc);
    // The page's own language declaration; `language` keeps it only when the text agrees.
    art.declared_language =
        m.lang.clone().or_else(|| m.first(&["og:locale", "dc.language", "content-language"]).map(str::to_owned));
    let ld_values: Vec<serde_json::Value> = ld_json.iter().filter_map(|b| jsonld::parse_block(b)).collect();
    let ld = jsonld::from_values(&ld_values);
    let month_first = m.lang.as_deref().is_some_and(|l| l.to_ascii_lowercase().starts_with("en"));
    art.url = page_url(&m, &ld);
    let url = art.url.as_deref();
    art.page_type = kind::classify(doc, &m, &ld_values, url).kind;
    let content = match outlet(url) {
        Some(o) => o.with_html_rules(None, None, url, |rules| content::extract_with(doc, url, Some(&rules))),
        None => content::extract_with(doc, url, None),
    };
    let hints = &content.hints;
    let h1 = hints.h1.first().map(String::as_str);
    let site_name = m.first(meta::SITE_KEYS).filter(|s| !s.starts_with('@')).map(str::to_owned);

    // Title: JSON-LD headline, OpenGraph and other meta, `<title>` without the site, `<h1>`.
    // A page's one `<h1>` is its headline, more often than what the meta says (which
    // may be written for search engines or social media).
    let single_h1 = match hints.h1.as_slice() {
        [h] if (2..=300).contains(&h.chars().count()) => Some(h.clone()),
        _ => None,
    };
    let title = single_h1
        .or_else(|| ld.headline.clone())
        .or_else(|| m.first(meta::TITLE_KEYS).map(|t| strip_site(t, site_name.as_deref(), h1)))
        .or_else(|| m.title.as_deref().map(|t| strip_site(t, site_name.as_deref(), h1)))
        .or_else(|| h1.map(str::to_owned));
    art.title = title.map(|t| text::clean_inline(&t)).unwrap_or_default();

    // Date: declared first; `<time>` in the article; date blocks; the URL.
    let declared_date =
        ld.date_published.as_deref().and_then(|d| byline::parse_declared(d, month_first)).or_else(|| {
            meta::DATE_KEYS.iter().flat_map(|k| m.all(k)).find_map(|d| byline::parse_declared(d, month_first))
        });
    let times = dates::declared_in_body(doc);
    let generic_meta = || m.generic_date().and_then(|d| byline::parse_declared(d, month_first));
    let time_date = || {
        let usable = |t: &&dates::TimeHint| !t.modified;
        times
            .iter()
            .filter(usable)
            .filter(|t| t.published)
            .chain(times.iter().filter(usable).filter(|t| t.in_article))
            .chain(times.iter().filter(usable))
            .find_map(|t| byline::parse_declared(&t.value, month_first))
    };
    let text_date = || {
        hints
            .dates
            .iter()
            .chain(hints.bylines.iter())
            .filter(|d| !byline::is_other_date(d))
            .find_map(|d| byline::date_in_text(d, month_first))
    };
    let url_date = || art.url.as_deref().and_then(byline::date_in_url);
    // A date line above the text, or a dateline opening its first paragraph.
    let top_date = || {
        content.paragraphs.iter().take(3).filter(|p| !byline::is_other_date(p)).find_map(|p| {
            let head: String = p.chars().take(40).collect();
            let short = p.chars().count() <= 80;
            byline::date_in_text(if short { p } else { &head }, month_first)
        })
    };
    let day = |w: &When| match w {
        When::Instant(t) => t.date_naive(),
        When::Day(d) => *d,
    };
    // The date the page shows, where its markup and its text agree, beats a declared one
    // of another day (a re-publication, a server's time stamp).
    let others = [generic_meta(), time_date(), text_date()];
    let [generic, time, text_day] = others;
    let shown =
        others.iter().flatten().find(|a| others.iter().flatten().filter(|b| day(a) == day(b)).count() >= 2).copied();
    art.date = match (declared_date, shown) {
        (Some(d), Some(s)) if day(&d) != day(&s) => Some(s),
        (d, _) => d,
    }
    .or(generic)
    .or(time)
    .or(text_day)
    .or_else(url_date)
    .or_else(top_date)
    .or_else(|| dates::labelled_dates(doc).iter().find_map(|d| byline::date_in_text(d, month_first)));
    if art.date.is_none() {
        art.warn(warn::NO_DATE);
    }

    // Author: JSON-LD, meta, byline blocks, a byline line at the top of the text.
    let mut author = ld.authors.iter().filter_map(|a| byline::clean_author(a)).collect::<Vec<_>>();
    if author.is_empty() {
        author.extend(
            meta::AUTHOR_KEYS
                .iter()
                .flat_map(|k| m.all(k))
                .filter(|a| !a.starts_with('@'))
                .filter_map(byline::clean_author)
                .take(1),
        );
    }
    if author.is_empty() {
        author.extend(hints.bylines.iter().filter_map(|b| byline::clean_author(b)).take(1));
    }
    if author.is_empty() {
        author.extend(
            content
                .paragraphs
                .iter()
                .take(4)
                .filter(|p| byline::is_byline_line(p))
                .filter_map(|p| byline::clean_author(p))
                .take(1),
        );
    }
    art.author = crate::sites::join_names(&author);

    art.publisher = site_name.or_else(|| ld.publisher.clone());

    // Tags and section.
    let mut tags = ld.keywords.clone();
    if tags.is_empty() {
        tags.extend(m.all("article:tag").map(str::to_owned));
    }
    if tags.is_empty()
        && let Some(k) = m.first(&["parsely-tags", "sailthru.tags", "news_keywords"])
    {
        tags.extend(k.split([',', ';']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned));
    }
    art.tags = tags;
    art.category = ld.section.clone().or_else(|| m.first(meta::SECTION_KEYS).map(str::to_owned));

    // Body: the scored content; byline and date lines at its top are metadata.
    let mut paragraphs = content.paragraphs;
    let title_clean = art.title.to_lowercase();
    let mut at = 0;
    while at < paragraphs.len().min(4) {
        let p = paragraphs.get(at).map(String::as_str).unwrap_or_default();
        let lower = p.to_lowercase();
        let is_meta = byline::is_byline_line(p)
            || is_date_line(p, month_first)
            || (!title_clean.is_empty() && lower == title_clean)
            || art.author.as_deref().is_some_and(|a| lower == a.to_lowercase());
        if is_meta {
            paragraphs.remove(at);
        } else {
            at += 1;
        }
    }
    // The JSON-LD body as a cross-check: when the scored text is far shorter, the
    // scoring missed the article.
    if let Some(body) = ld.body.as_deref() {
        let ours: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
        let theirs = body.chars().count();
        if theirs >= 400 && ours * 3 < theirs {
            paragraphs = body.split('\n').map(text::clean_paragraph).filter(|p| !p.is_empty()).collect();
        }
    }
    tail::trim(&mut paragraphs);
    art.paragraphs = paragraphs;

    // Images: the declared picture first, then those of the text.
    let mut images: Vec<Image> = Vec::new();
    let declared_image = ld.images.first().cloned().or_else(|| m.first(meta::IMAGE_KEYS).map(str::to_owned));
    if let Some(src) = declared_image.and_then(|s| html::resolve_image(&s, art.url.as_deref())) {
        images.push(Image { url: src, caption: None });
    }
    for img in content.images {
        if let Some(first) = images.first_mut().filter(|f| f.url == img.url) {
            first.caption = first.caption.take().or(img.caption);
        } else {
            images.push(img);
        }
    }
    art.images = images;
}

/// A date's day, for tests.
#[cfg(test)]
fn day_of(w: Option<crate::normalize::date::When>) -> String {
    match w {
        Some(crate::normalize::date::When::Instant(t)) => t.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        Some(crate::normalize::date::When::Day(d)) => d.to_string(),
        None => "none".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_names_leave_titles() {
        assert_eq!(strip_site("Ein Titel | Die Zeitung", Some("Die Zeitung"), None), "Ein Titel");
        assert_eq!(strip_site("Zeitung - Ein langer Titel über etwas", None, None), "Ein langer Titel über etwas");
        assert_eq!(strip_site("A long headline about things – Site", None, None), "A long headline about things");
        assert_eq!(strip_site("Foo - Bar", None, Some("foo - bar")), "Foo - Bar");
        assert_eq!(strip_site("No separator here", None, None), "No separator here");
    }

    #[test]
    fn page_metadata_in_order_of_trust() {
        let html = r#"<!doctype html><html lang="en"><head><title>Headline here | Site</title>
            <meta property="og:site_name" content="Site"><link rel="canonical" href="/2020/01/02/a">
            <meta property="og:url" content="https://site.example/2020/01/02/a?utm=x">
            </head><body><header><h1>Headline here</h1><p class="byline">By Jane Roe</p></header>
            <article><p>First paragraph of the article, long enough to count as text, with commas, and more.</p>
            <p>Second paragraph of the article, also long enough to count as text, with commas, and more.</p></article>
            <footer><p>Copyright 2024 Site</p></footer></body></html>"#;
        let art = extract(html);
        assert_eq!(art.title, "Headline here");
        assert_eq!(art.url.as_deref(), Some("https://site.example/2020/01/02/a"));
        assert_eq!(art.author.as_deref(), Some("Jane Roe"));
        assert_eq!(day_of(art.date), "2020-01-02", "from the URL");
        assert_eq!(art.publisher.as_deref(), Some("Site"));
        assert_eq!(art.paragraphs.len(), 2, "{:?}", art.paragraphs);
    }
}
