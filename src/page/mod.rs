//! A full HTML page of one article (the `html` format): metadata from the page's own
//! declarations first, then from its text; the body is the main content only.
//!
//! The reading, in order ([`extract_with`]):
//! - [`prepare`]: one pass before the parse that cuts scripts, styles, comments and
//!   menus, keeping the JSON-LD aside;
//! - [`meta`] and [`jsonld`]: what the page declares about itself;
//! - [`content`]: the main content, by block scoring (with the hints the walk finds:
//!   byline and date blocks, `<h1>`); extractors for other kinds of page go beside it
//!   (see its module doc);
//! - [`title`], [`dates`], [`authors`]: each field chosen from the declarations and the
//!   text;
//! - [`body`]: the scored text made the body (metadata lines at its top, the JSON-LD
//!   cross-check, the promotions at its end).

pub mod authors;
pub mod body;
pub mod content;
pub mod dates;
pub mod jsonld;
pub mod kind;
pub mod kinds;
pub mod meta;
pub mod prepare;
pub mod title;

use scraper::Html;

pub use content::text_of;
pub use title::strip_site;

use crate::html;
use crate::record::{Article, Image, warn};
use crate::sites::Outlet;

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
    extract_doc(&doc, &prepared, outlet, &mut art);
    // Scant text outside the markup held aside (a page shown by a script): a template's or
    // a `<noscript>`'s, when it gives more.
    if kinds::weight(&art.paragraphs) < kinds::SCANT
        && let Some(held) = prepared.templates.iter().chain(std::iter::once(&prepared.noscript)).max_by_key(|t| t.len())
        && !held.is_empty()
        && let Some(fragment) = html::parse(held)
    {
        let page = content::Page { doc: &fragment, base: art.url.as_deref(), rules: None };
        let content = kinds::extract(art.page_type, &page);
        if kinds::weight(&content.paragraphs) > kinds::weight(&art.paragraphs) {
            if art.author.is_none() {
                art.author = content.hints.bylines.iter().find_map(|b| authors::clean_author(b));
            }
            art.paragraphs = content.paragraphs;
            body::trim(&mut art.paragraphs, art.page_type);
        }
    }
    // No text at all on a page that is no article (a thread whose posts a script renders,
    // its held-aside markup stripped by the crawler): the page's own description, when it
    // is a text (a post's opening) and not a tagline, with warning `body_from_description`.
    if art.paragraphs.is_empty()
        && art.page_type != crate::record::PageType::Article
        && let Some(d) = description(&doc)
    {
        art.paragraphs = vec![d];
        art.warn(warn::BODY_FROM_DESCRIPTION);
    }
    art
}

/// A description of the page at least this long (characters) is a text, not a tagline.
const DESCRIPTION_TEXT: usize = 200;

/// The page's longest description (`og:description`, `description`, `twitter:description`),
/// when it is a text ([`DESCRIPTION_TEXT`]).
fn description(doc: &Html) -> Option<String> {
    let m = meta::read(doc);
    ["og:description", "description", "twitter:description"]
        .iter()
        .flat_map(|k| m.all(k))
        .map(crate::normalize::text::clean_paragraph)
        .max_by_key(|d| d.chars().count())
        .filter(|d| d.chars().count() >= DESCRIPTION_TEXT)
}

/// The page's URL: the canonical link, `og:url`, the JSON-LD url.
pub fn page_url(m: &meta::Meta, ld: &jsonld::Ld) -> Option<String> {
    let declared = m.first(meta::URL_KEYS).map(str::to_owned).or_else(|| ld.url.clone());
    m.canonical.as_deref().and_then(|c| resolve(c, declared.as_deref())).or_else(|| declared.filter(|u| absolute(u)))
}

fn extract_doc<'o>(doc: &Html, prepared: &prepare::Prepared, outlet: &FindOutlet<'o>, art: &mut Article) {
    let ld_json = &prepared.ld_json;
    let m = meta::read(doc);
    // The page's own language declaration; `language` keeps it only when the text agrees.
    art.declared_language =
        m.lang.clone().or_else(|| m.first(&["og:locale", "dc.language", "content-language"]).map(str::to_owned));
    let ld_values: Vec<serde_json::Value> = ld_json.iter().filter_map(|b| jsonld::parse_block(b)).collect();
    let ld = jsonld::from_values(&ld_values);
    let month_first = m.lang.as_deref().is_some_and(dates::month_first);
    art.url = page_url(&m, &ld);
    let url = art.url.as_deref();
    let verdict = kind::classify(doc, &m, &ld_values, url);
    art.page_type = verdict.kind;
    // The main content, by the extractor of the page's kind (see [`kinds`]); an article
    // in doubt is read by the main column.
    let kind = verdict.reader;
    let content = match outlet(url) {
        Some(o) => o.with_html_rules(None, None, url, |rules| {
            kinds::extract(kind, &content::Page { doc, base: url, rules: Some(&rules) })
        }),
        None => kinds::extract(kind, &content::Page { doc, base: url, rules: None }),
    };
    let content::Content { paragraphs, images: content_images, hints } = content;
    let site_name = m.first(meta::SITE_KEYS).filter(|s| !s.starts_with('@')).map(str::to_owned);

    art.title = title::choose(&ld, &m, &hints.h1, site_name.as_deref());
    art.date = dates::choose(&dates::Sources {
        doc,
        meta: &m,
        ld: &ld,
        hints: &hints,
        url: art.url.as_deref(),
        paragraphs: &paragraphs,
        month_first,
        // An article's: on a product, a listing or a service page, script data dates
        // the items shown (a product's `published_at`), not the page.
        script_date: prepared.script_date.as_deref().filter(|_| kind == crate::record::PageType::Article),
    });
    if art.date.is_none() {
        art.warn(warn::NO_DATE);
    }
    let sites: Vec<&str> = site_name.iter().chain(ld.publisher.iter()).map(String::as_str).collect();
    art.author = authors::choose(&ld, &m, &hints, &paragraphs, doc, &sites);
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

    art.paragraphs =
        body::clean(paragraphs, &art.title, art.author.as_deref(), month_first, ld.body.as_deref(), art.page_type);

    // Images: the declared picture first, then those of the text.
    let mut images: Vec<Image> = Vec::new();
    let declared_image = ld.images.first().cloned().or_else(|| m.first(meta::IMAGE_KEYS).map(str::to_owned));
    if let Some(src) = declared_image.and_then(|s| html::resolve_image(&s, art.url.as_deref())) {
        images.push(Image { url: src, caption: None });
    }
    for img in content_images {
        if let Some(first) = images.first_mut().filter(|f| f.url == img.url) {
            first.caption = first.caption.take().or(img.caption);
        } else {
            images.push(img);
        }
    }
    art.images = images;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A thread rendered by a script: one "Loading" line shows, its posts are in a
    /// `<noscript>`.
    #[test]
    fn a_page_showing_a_loading_line_reads_its_noscript_posts() {
        let posts: String = (1..=14)
            .map(|n| {
                format!(
                    "<div class='post'><span>user{n}</span><p>Post {n}: my old bike's chain keeps slipping when I climb a \
                     hill, I changed the cassette and the chain, and it still slips on the two smallest cogs.</p></div>"
                )
            })
            .collect();
        let html = format!(
            "<html><head><title>Chain slips</title></head><body><div id='app'><p>Loading the discussion…</p></div>\
             <noscript><div class='thread'>{posts}</div></noscript></body></html>"
        );
        let art = extract(&html);
        assert!(art.paragraphs.iter().any(|p| p.starts_with("Post 14:")), "{:?}", art.paragraphs);
        assert!(!art.paragraphs.iter().any(|p| p.starts_with("Loading")), "{:?}", art.paragraphs);
    }

    /// A thread a script renders, its markup stripped: no text but its description.
    #[test]
    fn a_thread_without_text_gets_its_description_as_body() {
        let page = |d: &str| {
            format!(
                "<html><head><title>Chain slips</title><meta property='og:description' content='{d}'>\
                 <script type='application/ld+json'>{{\"@type\":\"DiscussionForumPosting\",\"headline\":\"Chain slips\"}}</script>\
                 </head><body><section id='main'></section></body></html>"
            )
        };
        let opening = "My old bicycle chain keeps slipping when I climb a hill. I changed the cassette and the chain, \
            and it still slips on the two smallest cogs, whatever I do with the derailleur screws. Any idea what to try next?";
        let art = extract(&page(opening));
        assert_eq!(art.page_type, crate::record::PageType::Forum);
        assert_eq!(art.paragraphs, vec![opening.to_owned()]);
        assert!(art.warnings.contains(&warn::BODY_FROM_DESCRIPTION), "{:?}", art.warnings);
        // A tagline is no text.
        assert!(extract(&page("The forum of bike lovers.")).paragraphs.is_empty());
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
        assert_eq!(dates::text::show(art.date), "2020-01-02", "from the URL");
        assert_eq!(art.publisher.as_deref(), Some("Site"));
        assert_eq!(art.paragraphs.len(), 2, "{:?}", art.paragraphs);
    }

    #[test]
    fn a_date_shown_under_the_headline_dates_a_page_that_declares_none() {
        let page = |line: &str| {
            format!(
                r#"<!doctype html><html lang="en"><head><title>Headline</title></head><body>
                <h1>Headline</h1><div class="x1"><span>Ann Lee</span><span class="x2">{line}</span></div>
                <p>First paragraph of the article, long enough to count as text, with commas, and more.</p>
                <p>{}</p>
                <ul><li><a href="/a">Older post</a> <span>1 January 2019</span></li></ul></body></html>"#,
                "Second paragraph of the article, long enough to count as text, with commas. ".repeat(20)
            )
        };
        assert_eq!(dates::text::show(extract(&page("Updated on July 9, 2025")).date), "2025-07-09");
        assert_eq!(dates::text::show(extract(&page("23.07.2025")).date), "2025-07-23");
        assert_eq!(dates::text::show(extract(&page("Nov 21, 2018")).date), "2018-11-21");
        // A declared date of another day: the one unlabelled day shown under the headline
        // wins (a UTC stamp of the evening before, the JSON-LD of another article) ...
        let declared = |line: &str| {
            page(line).replace("</head>", r#"<meta property="article:published_time" content="2018-11-20"></head>"#)
        };
        assert_eq!(dates::text::show(extract(&declared("Nov 21, 2018")).date), "2018-11-21");
        // ... but not a date labelled as an update, nor one the URL contradicts.
        assert_eq!(dates::text::show(extract(&declared("Updated Nov 21, 2018")).date), "2018-11-20");
        let in_url = declared("Nov 21, 2018")
            .replace("</head>", r#"<link rel="canonical" href="https://site.example/2018/11/20/a"></head>"#);
        assert_eq!(dates::text::show(extract(&in_url).date), "2018-11-20");
    }

    #[test]
    fn a_teasers_marked_date_does_not_overrule_the_day_under_the_headline() {
        let filler = "A paragraph of the article, long enough to count as text, with commas. ".repeat(20);
        let html = format!(
            r#"<!doctype html><html lang="en"><head><title>Headline</title>
            <meta property="article:published_time" content="2023-05-30T18:24:00+00:00"></head><body>
            <h1>Headline</h1><p class="meta">Updated May 30, 2023</p><p>{filler}</p><p>{filler}</p>
            <div class="related"><time class="entry-date published" datetime="2015-12-07T09:32:03-05:00"
            itemprop="datePublished">December 7, 2015</time><a href="/old">An old post</a></div></body></html>"#
        );
        assert_eq!(dates::text::show(extract(&html).date), "2023-05-30T18:24:00+00:00");
    }

    #[test]
    fn a_numeric_date_is_read_in_the_order_of_the_pages_english() {
        let page = |lang: &str| {
            format!(
                r#"<!doctype html><html lang="{lang}"><head><title>Headline</title></head><body>
                <h1>Headline</h1><div class="meta"><span class="date">03/10/2023</span></div>
                <p>{}</p></body></html>"#,
                "A paragraph of the article, long enough to count as text, with commas. ".repeat(20)
            )
        };
        // British, Indian and Australian English write the day first ...
        assert_eq!(dates::text::show(extract(&page("en-GB")).date), "2023-10-03");
        assert_eq!(dates::text::show(extract(&page("en_IN")).date), "2023-10-03");
        // ... American English (and a bare `en`) the month first.
        assert_eq!(dates::text::show(extract(&page("en-US")).date), "2023-03-10");
        assert_eq!(dates::text::show(extract(&page("en")).date), "2023-03-10");
        assert!(dates::month_first("EN-us") && !dates::month_first("en-AU") && !dates::month_first("fr"));
    }

    #[test]
    fn a_date_whose_class_names_an_update_does_not_overrule_the_declared_day() {
        let page = |class: &str| {
            format!(
                r#"<!doctype html><html lang="en"><head><title>Headline</title>
                <meta property="article:published_time" content="2022-01-03T16:52:00+00:00"></head><body>
                <h1>Headline</h1><div class="meta"><span class="{class}">2025-11-03</span></div>
                <p>{}</p></body></html>"#,
                "A paragraph of the article, long enough to count as text, with commas. ".repeat(20)
            )
        };
        assert_eq!(dates::text::show(extract(&page("updated")).date), "2022-01-03T16:52:00+00:00");
        assert_eq!(dates::text::show(extract(&page("date-modified")).date), "2022-01-03T16:52:00+00:00");
        // hAtom's one date that is both: the day shown still wins.
        assert_eq!(dates::text::show(extract(&page("entry-date published updated")).date), "2025-11-03");
    }

    #[test]
    fn an_organisation_credited_in_json_ld_yields_to_a_person_named_on_the_page() {
        let page = |byline: &str| {
            format!(
                r#"<!doctype html><html lang="en"><head><title>Headline</title>
                <script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
                "headline":"Headline","author":{{"@type":"Organization","name":"Example News"}}}}</script>
                </head><body><h1>Headline</h1>{byline}<p>{}</p></body></html>"#,
                "A paragraph of the article, long enough to count as text, with commas. ".repeat(20)
            )
        };
        let with_person = page(r#"<p class="byline">By Anna Muster</p>"#);
        assert_eq!(extract(&with_person).author.as_deref(), Some("Anna Muster"));
        // No person named anywhere: the organisation credited is the author.
        assert_eq!(extract(&page("")).author.as_deref(), Some("Example News"));
    }

    #[test]
    fn the_sites_name_as_meta_author_yields_to_a_person_linked_to_a_profile() {
        let page = |byline: &str| {
            format!(
                r#"<!doctype html><html lang="en"><head><title>Headline</title>
                <meta property="og:site_name" content="Example"><meta name="author" content="Example News">
                </head><body><h1>Headline</h1>{byline}<p>{}</p></body></html>"#,
                "A paragraph of the article, long enough to count as text, with commas. ".repeat(20)
            )
        };
        let linked = page(r#"<div class="info"><a href="/authors/anna-muster/">Anna Muster</a></div>"#);
        assert_eq!(extract(&linked).author.as_deref(), Some("Anna Muster"));
        // No person named: the site's credit stays the author.
        assert_eq!(extract(&page("")).author.as_deref(), Some("Example News"));
    }

    /// A minimal article page: `head` in `<head>`, `shown` between the headline and the text.
    fn dated_page(lang: &str, head: &str, shown: &str) -> String {
        format!(
            r#"<!doctype html><html lang="{lang}"><head><title>Headline</title>{head}</head><body>
            <h1>Headline</h1>{shown}<p>{}</p></body></html>"#,
            "A paragraph of the article, long enough to count as text, with commas. ".repeat(20)
        )
    }

    #[test]
    fn a_utc_stamp_takes_the_offset_the_page_shows_the_same_instant_in() {
        let html = dated_page(
            "en",
            r#"<meta property="article:published_time" content="2022-05-04T03:37:37+00:00">"#,
            r#"<span class="date"><time datetime="2022-05-03T23:37:37-04:00">May 3</time></span>"#,
        );
        assert_eq!(dates::text::show(extract(&html).date), "2022-05-03T23:37:37-04:00");
    }

    #[test]
    fn the_day_of_the_last_update_dates_a_page_that_shows_no_other() {
        let html = dated_page("de", "", "")
            .replace("</body>", "<p><b>Aktualisiert am </b>17.01.2021.</p><p><b>Permalink</b>: /x</p></body>");
        assert_eq!(dates::text::show(extract(&html).date), "2021-01-17");
        let html = dated_page("en", "", "")
            .replace("</body>", r#"<p style="text-align:right">Last updated: November 13, 2025</p></body>"#);
        assert_eq!(dates::text::show(extract(&html).date), "2025-11-13");
    }

    #[test]
    fn each_date_form_shown_under_the_headline_dates_the_page() {
        let shown = |lang: &str, head: &str, date: &str| {
            let html = dated_page(lang, head, &format!(r#"<div class="meta"><span>{date}</span></div>"#));
            dates::text::show(extract(&html).date)
        };
        assert_eq!(shown("de", "", "24. April 2020"), "2020-04-24");
        assert_eq!(shown("de", "", "Datum: 03.11.2021"), "2021-11-03");
        assert_eq!(shown("fr", "", "23 mai 2019"), "2019-05-23");
        assert_eq!(shown("de", "", "Datum: 23.09.22"), "2022-09-23");
        assert_eq!(shown("ja", "", "2021年4月24日"), "2021-04-24");
        assert_eq!(shown("de", "", "26 | 01 | 2022"), "2022-01-26");
        assert_eq!(shown("de", "", "von lupa am 26/10/13, 03:48 pm"), "2013-10-26");
        // `Stand:` labels the page's own day: it beats a meta date of another day.
        let meta = r#"<meta name="date" content="2020-02-06T11:52:23">"#;
        assert_eq!(shown("de", meta, "Stand: 05. Februar 2020"), "2020-02-05");
    }

    #[test]
    fn the_day_the_title_shows_with_a_meta_date_beats_a_json_ld_date_of_another_day() {
        let html = |title: &str| {
            dated_page(
                "es",
                r#"<meta name="cXenseParse:recs:publishtime" content="2022-05-11T04:10:00-03:00">
                <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-05-10T23:35:55"}</script>"#,
                "",
            )
            .replace("<title>Headline</title>", &format!("<title>{title}</title>"))
        };
        assert_eq!(
            dates::text::show(extract(&html("Headline - Sociedad - 11/05/2022 - El Diario")).date),
            "2022-05-11T04:10:00-03:00"
        );
        // A title without the day, or of a third day: the declared date.
        assert_eq!(dates::text::show(extract(&html("Headline - El Diario")).date), "2022-05-10T23:35:55");
        assert_eq!(dates::text::show(extract(&html("Headline - 12/05/2022 - El Diario")).date), "2022-05-10T23:35:55");
    }

    #[test]
    fn a_page_that_declares_and_shows_no_date_is_dated_by_its_script_data() {
        let data = r#"<script type="application/json">{"review":{"publishedDate":"2016-11-04T20:37:27Z","updatedDate":"2016-11-05T08:00:00Z"}}</script>"#;
        let html = dated_page("en", "", data);
        assert_eq!(dates::text::show(extract(&html).date), "2016-11-04T20:37:27+00:00");
        // A date the page declares comes first.
        let head = r#"<meta property="article:published_time" content="2016-11-07">"#;
        assert_eq!(dates::text::show(extract(&dated_page("en", head, data)).date), "2016-11-07");
    }

    #[test]
    fn a_calendar_badge_of_day_month_and_year_elements_dates_the_page() {
        let badge = r#"<div class="post-datum"><span class="m">Feb</span> <span class="d">18</span><span class="y">2009</span></div>"#;
        assert_eq!(dates::text::show(extract(&dated_page("de", "", badge)).date), "2009-02-18");
        // In a comment, no date.
        let comment = format!(r#"<div class="comment">{badge}</div>"#);
        assert_eq!(dates::text::show(extract(&dated_page("de", "", &comment)).date), "none");
    }

    #[test]
    fn a_declared_first_of_january_without_a_time_is_a_date_of_last_resort() {
        let head = r#"<meta itemprop="dateCreated" content="01/01/2004">"#;
        let shown = r#"<div class="recipeDate">Updated June 13, 2019</div>"#;
        assert_eq!(dates::text::show(extract(&dated_page("en", head, shown)).date), "2019-06-13");
        assert_eq!(dates::text::show(extract(&dated_page("en", head, "")).date), "2004-01-01");
        // With a time, or another day: a declaration.
        let head = r#"<meta itemprop="dateCreated" content="2004-01-01T10:00:00+00:00">"#;
        assert_eq!(dates::text::show(extract(&dated_page("en", head, shown)).date), "2004-01-01T10:00:00+00:00");
    }

    #[test]
    fn the_day_a_navigation_bar_shows_does_not_date_the_page() {
        let html = format!(
            r#"<!doctype html><html lang="de"><head><title>Kolumne</title></head><body>
            <header><div class="navtop"><span class="mod_datetime"><time datetime="2023-11-01T13:56:20+01:00">Mittwoch, 01. November 2023</time></span></div></header>
            <div class="intro"><p><span class="text_datum">31. Oktober 2023.</span> {}</p></div></body></html>"#,
            "Ein Absatz des Artikels, lang genug, um als Text zu zählen, mit Kommas. ".repeat(20)
        );
        assert_eq!(dates::text::show(extract(&html).date), "2023-10-31");
    }

    #[test]
    fn a_numeric_day_that_is_the_declared_day_read_the_other_way_does_not_overrule_it() {
        let head = r#"<meta property="article:published_time" content="2020-12-04T10:00:00+00:00">"#;
        let html = dated_page("en-GB", head, r#"<div class="meta"><span>12/04/2020</span></div>"#);
        assert_eq!(dates::text::show(extract(&html).date), "2020-12-04T10:00:00+00:00");
        // Another day, in either order: the day shown wins.
        let html = dated_page("en-GB", head, r#"<div class="meta"><span>13/04/2020</span></div>"#);
        assert_eq!(dates::text::show(extract(&html).date), "2020-04-13");
    }
}
