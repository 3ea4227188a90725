//! A minimal page of each kind, written here: the evidence that decides it.

use super::*;
use crate::page::extract;

fn page(head: &str, body: &str) -> String {
    format!("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>")
}

fn ld(json: &str) -> String {
    format!("<script type=\"application/ld+json\">{json}</script>")
}

/// The kind the page reader gives, which `of_text` (for `detect`) must agree with.
fn kind(html: &str) -> PageType {
    let read = extract(html).page_type;
    assert_eq!(of_text(html).kind, read, "detect and the reader disagree");
    read
}

fn prose(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of the story tells what happened on the day, who was there, what they said \
                 and why it matters to the readers of this report, with a few more words.</p>"
            )
        })
        .collect()
}

#[test]
fn a_news_story_is_an_article() {
    let html = page(
        &format!(
            "<title>Storm hits the coast</title><link rel=canonical href=\"https://news.example/2024/05/06/storm-hits-the-coast-overnight\">\
             <meta property=\"og:type\" content=\"article\"><meta property=\"article:published_time\" content=\"2024-05-06\">{}",
            ld(
                r#"{"@type":"NewsArticle","headline":"Storm hits the coast","datePublished":"2024-05-06","author":{"name":"Jane Roe"}}"#
            )
        ),
        &format!("<article><h1>Storm hits the coast</h1><p class=byline>By Jane Roe</p>{}</article>", prose(6)),
    );
    assert_eq!(kind(&html), PageType::Article);
}

#[test]
fn a_page_with_no_evidence_is_an_article() {
    assert_eq!(kind(&page("", "<p>Just a line.</p>")), PageType::Article);
    assert_eq!(kind(&page("", "")), PageType::Article);
}

#[test]
fn a_thread_of_posts_is_a_forum() {
    let post = |i: usize| {
        format!(
            "<div class=\"post\"><div class=\"username\">user{i}</div><time datetime=\"2024-01-0{i}\">Jan {i}</time>\
             <div class=\"message\"><p>I have the same problem with the update, the service will not start after it \
             and the log shows nothing useful at all; any idea what changed in this release?</p></div>\
             <button>Reply</button><button>Quote</button></div>"
        )
    };
    let html = page(
        &format!(
            "<title>Service stuck after update</title><link rel=canonical href=\"https://forum.example/t/service-stuck/1234\">{}",
            ld(r#"{"@type":"DiscussionForumPosting","headline":"Service stuck after update"}"#)
        ),
        &format!(
            "<h1>Service stuck after update</h1><div class=\"thread\">{}</div>",
            (1..=5).map(post).collect::<String>()
        ),
    );
    assert_eq!(kind(&html), PageType::Forum);
}

#[test]
fn a_section_front_is_a_listing() {
    let card = |i: usize| {
        format!(
            "<div class=\"card\"><a href=\"/news/story-{i}\"><img src=\"/i/{i}.jpg\"><h3>Headline of story number {i}</h3></a>\
             <time>May {i}</time></div>"
        )
    };
    let html = page(
        &format!(
            "<title>Technology news</title><link rel=canonical href=\"https://news.example/section/technology\">{}",
            ld(r#"{"@type":"CollectionPage","name":"Technology"}"#)
        ),
        &format!(
            "<h1>Technology</h1><div class=\"river\">{}</div><a href=\"?page=2\">Load more</a>",
            (1..=20).map(card).collect::<String>()
        ),
    );
    assert_eq!(kind(&html), PageType::Listing);
}

#[test]
fn a_shop_grid_is_a_collection() {
    let tile = |i: usize| {
        format!(
            "<div class=\"product-tile\"><a href=\"/products/shoe-{i}\"><img src=\"/i/{i}.jpg\"><h3>Running shoe {i}</h3></a>\
             <span class=\"price\">$1{i}9.00</span><button>Add to cart</button></div>"
        )
    };
    let html = page(
        "<title>Running shoes</title><link rel=canonical href=\"https://shop.example/collections/running-shoes\">",
        &format!(
            "<h1>Running shoes</h1><div class=\"filters\"><button>Sort by</button><button>Filter</button></div>\
             <div class=\"product-grid\">{}</div>",
            (1..=24).map(tile).collect::<String>()
        ),
    );
    assert_eq!(kind(&html), PageType::Collection);
}

#[test]
fn a_product_page_is_a_product() {
    let html = page(
        &format!(
            "<title>Trail pack 25</title><link rel=canonical href=\"https://shop.example/product/227955/trail-pack-25\">\
             <meta property=\"og:type\" content=\"product\">{}",
            ld(
                r#"{"@type":"Product","name":"Trail pack 25","sku":"227955","offers":{"@type":"Offer","price":"99.95","priceCurrency":"USD"}}"#
            )
        ),
        "<h1>Trail pack 25</h1><div class=\"pdp\"><span class=\"price\" itemprop=\"price\">$99.95</span>\
         <button>Add to cart</button><p>A light pack for day hikes, with a padded back panel, two side pockets and a lid \
         pocket for the small things.</p><table><tr><th>Weight</th><td>1.1 kg</td></tr><tr><th>Volume</th><td>25 l</td></tr></table></div>",
    );
    assert_eq!(kind(&html), PageType::Product);
}

#[test]
fn a_reference_page_is_documentation() {
    let section = |i: usize| {
        format!(
            "<h2>Option {i}</h2><p>Sets how the <code>worker</code> handles option {i}; the default is <code>false</code>.</p>\
             <pre><code>config.option{i} = true\nrun(config)</code></pre>"
        )
    };
    let html = page(
        "<title>Configuration reference</title><link rel=canonical href=\"https://docs.example/reference/configuration\">",
        &format!(
            "<div class=\"sidebar\"><ul><li><a href=\"/docs/a\">Install</a></li><li><a href=\"/docs/b\">Configure</a></li></ul></div>\
             <main class=\"docs-content\"><h1>Configuration</h1><div class=\"toc\">On this page</div>{}\
             <a href=\"https://github.com/x/edit\">Edit this page</a></main>",
            (1..=6).map(section).collect::<String>()
        ),
    );
    assert_eq!(kind(&html), PageType::Documentation);
}

#[test]
fn a_company_page_of_sections_is_a_service() {
    let section = |t: &str| {
        format!(
            "<section class=\"feature\"><h2>{t}</h2><p>Short promise about {t}.</p><a href=\"/signup\">Get started</a></section>"
        )
    };
    let html = page(
        &format!(
            "<title>Acme analytics</title><link rel=canonical href=\"https://acme.example/services/analytics\">{}",
            ld(r#"{"@type":"Service","name":"Analytics","provider":{"@type":"Organization","name":"Acme"}}"#)
        ),
        &format!(
            "<div class=\"hero\"><h1>Analytics that pays off</h1><a class=\"cta\" href=\"/demo\">Request a demo</a></div>{}\
             <section class=\"testimonials\"><blockquote>They doubled our sales.</blockquote></section>\
             <form><input name=email><button>Contact sales</button></form>",
            ["Dashboards", "Forecasts", "Alerts", "Reports", "Integrations"].map(section).concat()
        ),
    );
    assert_eq!(kind(&html), PageType::Service);
}

/// A story with a comment section, a sidebar of related links and a price in its text
/// stays an article: a filter must not lose it.
#[test]
fn an_article_with_comments_and_related_links_stays_an_article() {
    let related: String = (1..=8)
        .map(|i| {
            format!(
                "<li class=\"related\"><a href=\"/2024/05/0{i}/other-story-about-things-{i}\">Other story {i}</a></li>"
            )
        })
        .collect();
    let comment = |i: usize| {
        format!(
            "<div class=\"comment\"><span class=\"author\">reader{i}</span><p>Good piece, thanks for writing it.</p><a href=\"#\">Reply</a></div>"
        )
    };
    let html = page(
        &format!(
            "<title>Prices rise again</title><link rel=canonical href=\"https://news.example/2024/05/06/prices-rise-again-in-may\">\
             <meta property=\"og:type\" content=\"article\">{}",
            ld(r#"{"@type":"NewsArticle","headline":"Prices rise again","datePublished":"2024-05-06"}"#)
        ),
        &format!(
            "<article><h1>Prices rise again</h1><p>By Jane Roe</p>{}<p>A loaf now costs $3.99.</p></article>\
             <aside><ul>{related}</ul></aside><section class=\"comments\">{}</section>",
            prose(5),
            (1..=4).map(comment).collect::<String>()
        ),
    );
    assert_eq!(kind(&html), PageType::Article);
}

#[test]
fn evidence_names_what_it_saw() {
    let text = "<p>Some words to read on the page, enough of them to tell its structure.</p>".repeat(8);
    let html = page(
        &ld(r#"{"@type":"QAPage"}"#),
        &format!("{text}<div class=\"answer\"><button>Reply</button></div><pre>x</pre><span>$5.00</span>"),
    );
    let v = of_text(&html);
    let seen: Vec<String> = v.evidence.iter().map(ToString::to_string).collect();
    for want in ["ld:QAPage=1.00", "label:post-labels=0.20", "structure:pre=0.20", "structure:prices=0.20"] {
        assert!(seen.iter().any(|s| s == want), "{want} not in {seen:?}");
    }
    assert!(seen.iter().any(|s| s.starts_with("class:answer=")), "{seen:?}");
    // A page with little text is judged by what it declares only.
    let html = page(&ld(r#"{"@type":"QAPage"}"#), "<div class=\"answer\"><button>Reply</button></div><pre>x</pre>");
    let seen: Vec<String> = of_text(&html).evidence.iter().map(ToString::to_string).collect();
    assert_eq!(seen, ["ld:QAPage=1.00"]);
}

/// The evidence of `html` whose name is `name` (its value), if any.
fn structure(html: &str, name: &str) -> Option<f32> {
    of_text(html).evidence.iter().find(|i| i.space == Space::Structure && i.name == name).map(|i| i.value)
}

/// A date shown beside the headline (before it or just after it) is what an article
/// carries and other pages rarely do; a date far below it (a comment's, a footer's) is
/// only a date shown, and a page with such a date is still anonymous.
#[test]
fn a_date_beside_the_headline_is_seen() {
    let near_after = page("", &format!("<h1>Storm hits the coast</h1><p><span>May 6, 2024</span></p>{}", prose(6)));
    assert_eq!(structure(&near_after, "date_near_h1"), Some(1.0));
    assert_eq!(structure(&near_after, "dates_shown"), Some(0.2));
    assert_eq!(structure(&near_after, "anonymous"), None);
    let near_before = page("", &format!("<div class=meta>06.05.2024</div><h1>Storm hits the coast</h1>{}", prose(6)));
    assert_eq!(structure(&near_before, "date_near_h1"), Some(1.0));
    let far = page("", &format!("<h1>Storm hits the coast</h1>{}<footer>2024-05-06</footer>", prose(6)));
    assert_eq!(structure(&far, "date_near_h1"), None);
    assert_eq!(structure(&far, "dates_shown"), Some(0.2));
    assert_eq!(structure(&far, "anonymous"), Some(1.0));
    let far_before = page("", &format!("<p>May 6, 2024</p>{}<h1>Storm hits the coast</h1>", prose(6)));
    assert_eq!(structure(&far_before, "date_near_h1"), None);
    // A year alone, a price or a count is no date.
    let none = page("", &format!("<h1>Since 2024</h1><p>© 2024 Acme, 1,299 users</p>{}", prose(6)));
    assert_eq!(structure(&none, "dates_shown"), None);
}

/// Sections are measured from the end of one heading to the next: a service page's are
/// short, a story's long; the share of short ones needs three sections or more.
#[test]
fn short_and_long_sections_are_counted() {
    let short = |t: &str| format!("<h2>{t}</h2><p>One short promise about {t} and what it gives you.</p>");
    let long = |t: &str| format!("<h2>{t}</h2>{}", prose(3));
    let shorts = page("", &format!("{}{}", ["Plans", "Support", "Reports", "Alerts"].map(short).concat(), prose(4)));
    // Four sections end at a heading: the last one runs to the page's end and is not counted.
    assert_eq!(structure(&shorts, "sections_short"), Some(1.0));
    let longs = page("", &["One", "Two", "Three", "Four"].map(long).concat());
    assert_eq!(structure(&longs, "sections_short"), None);
    let mixed = page("", &format!("{}{}", ["A", "B"].map(long).concat(), ["C", "D", "E"].map(short).concat()));
    assert_eq!(structure(&mixed, "sections_short"), Some(0.5));
    let two = page("", &format!("{}{}", ["A", "B"].map(short).concat(), prose(4)));
    assert_eq!(structure(&two, "sections_short"), None);
}

/// The same page of headed prose, with no declaration: a date beside its headline keeps
/// it an article; without one, with short sections and a call to action, it is a
/// company's page.
#[test]
fn an_undated_page_of_short_sections_is_a_service_and_a_dated_one_an_article() {
    let section = |t: &str| {
        format!(
            "<section><h2>{t}</h2><p>We plan, build and run {t} for teams of every size, with people who answer.</p></section>"
        )
    };
    let body = |date: &str| {
        format!(
            "<h1>Cloud services for growing teams</h1>{date}{}{}<a href=\"/contact\">Contact us</a>",
            ["Hosting", "Backups", "Monitoring", "Security", "Migrations", "Support"].map(section).concat(),
            prose(2)
        )
    };
    let undated = page("<title>Cloud services</title>", &body(""));
    assert_eq!(kind(&undated), PageType::Service);
    let dated = page("<title>Cloud services</title>", &body("<p class=date>March 3, 2024</p>"));
    assert_eq!(kind(&dated), PageType::Article);
}

#[test]
fn the_margin_keeps_articles_when_in_doubt() {
    let mut scores = [0.0; 7];
    scores[weights::index(PageType::Forum)] = 0.5;
    assert_eq!(decide(&scores, 1.0), PageType::Article);
    scores[weights::index(PageType::Forum)] = 1.5;
    assert_eq!(decide(&scores, 1.0), PageType::Forum);
    scores[weights::index(PageType::Service)] = 2.0;
    assert_eq!(decide(&scores, 1.0), PageType::Service);
}

/// A page whose documentation score comes within `doubt` of its article score (or
/// beats it by less than the margin) stays an article, but is read as documentation;
/// other kinds in doubt are not; without `doubt` in the weights nothing is.
#[test]
fn an_article_in_doubt_with_documentation_is_read_as_documentation() {
    let weights = |doubt: &str| {
        Weights::parse(&format!(
            "margin = 1\n{doubt}\n[bias]\n[ld]\nTechArticle = {{ documentation = 2.5 }}\nArticle = {{ article = 2 }}\n\
             DiscussionForumPosting = {{ forum = 2.5 }}\n[og]\n[url]\n[url_end]\n[host]\n[class]\n[itemprop]\n[label]\n[structure]\n"
        ))
        .unwrap_or_else(|e| panic!("{e}"))
    };
    let verdict = |types: &str, w: &Weights| {
        let html = page(&ld(&format!(r#"{{"@type":[{types}]}}"#)), &prose(4));
        let doc = crate::html::parse_document(&html).expect("parsed");
        let meta = crate::page::meta::read(&doc);
        let ld: Vec<Value> = vec![serde_json::from_str(&format!(r#"{{"@type":[{types}]}}"#)).expect("json")];
        let v = classify_with(&doc, &meta, &ld, None, w);
        (v.kind, v.reader)
    };
    let (on, off) = (weights("doubt = 0"), weights(""));
    let both = r#""Article","TechArticle""#;
    assert_eq!(verdict(both, &on), (PageType::Article, PageType::Documentation));
    assert_eq!(verdict(both, &off), (PageType::Article, PageType::Article));
    // Documentation clearly ahead: its kind; a thread in doubt: an article read as one.
    assert_eq!(verdict(r#""TechArticle""#, &on), (PageType::Documentation, PageType::Documentation));
    assert_eq!(verdict(r#""Article","DiscussionForumPosting""#, &on), (PageType::Article, PageType::Article));
    assert_eq!(in_doubt(&[1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.75], 0.25), Some(PageType::Service));
    assert_eq!(in_doubt(&[1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.7], 0.25), None);
}

/// The walk is linear: the evidence of a parsed page of 100,000 small cards is read in
/// about 5 s in a debug build on a busy 2-core machine (the parse is not timed); a walk
/// quadratic in the cards (10^10 steps) would take many minutes, so the bound is
/// generous (a complexity check, not a speed figure: those are in `bench/`).
#[test]
fn a_huge_grid_is_read_in_linear_time() {
    let cards: String = (0..100_000).map(|i| format!("<div class=c><a href=/{i}><h3>t{i} $5</h3></a></div>")).collect();
    let html = page("", &format!("<div>{cards}</div>"));
    let doc = crate::html::parse_document(&html).expect("parsed");
    let meta = crate::page::meta::read(&doc);
    let started = std::time::Instant::now();
    let v = classify(&doc, &meta, &[], Some("https://x.example/"));
    let bound = if cfg!(debug_assertions) { 60 } else { 10 };
    assert!(started.elapsed() < std::time::Duration::from_secs(bound), "{:?}", started.elapsed());
    assert!(v.evidence.iter().any(|i| i.name == "cards" && i.value == 1.0), "{:?}", v.evidence);
}

/// Documentation generators give each heading a permalink (`<a href="#install">`) and
/// the page a table of contents of such links; an article's headings have none.
#[test]
fn permalinks_of_headings_and_in_page_links_are_counted() {
    let section = |id: &str| format!("<h2 id=\"{id}\">{id} <a class=\"anchor\" href=\"#{id}\">#</a></h2>{}", prose(1));
    let toc = |id: &str| format!("<li><a href=\"#{id}\">{id}</a></li>");
    let ids = ["install", "configure", "run"];
    let docs = page("", &format!("<ul>{}</ul>{}", ids.map(toc).concat(), ids.map(section).concat()));
    assert_eq!(structure(&docs, "heading_anchors"), Some(0.4));
    assert_eq!(structure(&docs, "anchor_links"), Some(scale_of(6)));
    // Headings without links, and links to `#` or to other pages, are not counted.
    let plain = page("", &format!("<h2>Install</h2><a href=\"#\">Top</a><a href=\"/other\">Other</a>{}", prose(4)));
    assert_eq!(structure(&plain, "heading_anchors"), None);
    assert_eq!(structure(&plain, "anchor_links"), None);
}

/// A version menu: links whose text is a version number.
#[test]
fn version_selectors_are_counted() {
    let html = page(
        "",
        &format!(
            "<div class=\"versions\"><a href=\"/3.12/\">3.12</a><a href=\"/3.11/\">3.11</a><a href=\"/dev/\">dev</a>\
             <a href=\"/v2/\">v2</a><a href=\"/1.4.x/\">1.4.x</a></div>{}",
            prose(4)
        ),
    );
    assert_eq!(structure(&html, "versions"), Some(scale_of(4)));
    // Prices, years and ratings in prose are no versions.
    let none = page("", &format!("<p>Rated 4.5 in 2024, now $3.99.</p>{}", prose(4)));
    assert_eq!(structure(&none, "versions"), None);
}

/// Pagination: links whose text is a page number.
#[test]
fn page_numbers_are_counted() {
    let html = page(
        "",
        &format!(
            "{}<div class=\"pages\"><a href=\"?p=2\">2</a><a href=\"?p=3\">3</a><a href=\"?p=17\">17</a></div>",
            prose(4)
        ),
    );
    assert_eq!(structure(&html, "page_numbers"), Some(0.4));
    let none = page("", &format!("{}<div><a href=\"/2024\">Archive 2024</a><span>2</span></div>", prose(4)));
    assert_eq!(structure(&none, "page_numbers"), None);
}

/// Links to a telephone number or a mail address: how a company's page is answered.
#[test]
fn contact_links_are_counted() {
    let html =
        page("", &format!("{}<a href=\"tel:+15550100\">Call</a><a href=\"MAILTO:hi@acme.example\">Mail</a>", prose(4)));
    assert_eq!(structure(&html, "contact_links"), Some(scale_of(2)));
    let none = page("", &format!("{}<a href=\"/contact\">Contact</a>", prose(4)));
    assert_eq!(structure(&none, "contact_links"), None);
}

/// A river of stories: same-shaped items, each with a link and a date; the same items
/// without dates are cards, not dated cards.
#[test]
fn dated_items_are_counted() {
    let item = |i: usize, date: &str| {
        format!(
            "<div class=\"item\"><a href=\"/story-{i}\">Headline of story number {i}, which says a lot</a>{date}</div>"
        )
    };
    let dated = page(
        "",
        &format!(
            "<div>{}</div>{}",
            (1..=7).map(|i| item(i, &format!("<span>May {i}, 2024</span>"))).collect::<String>(),
            prose(2)
        ),
    );
    assert_eq!(structure(&dated, "dated_cards"), Some(0.6));
    let timed = page(
        "",
        &format!(
            "<div>{}</div>{}",
            (1..=3).map(|i| item(i, "<time datetime=\"2024-05-06\">Monday</time>")).collect::<String>(),
            prose(2)
        ),
    );
    assert_eq!(structure(&timed, "dated_cards"), Some(0.4));
    let undated = page("", &format!("<div>{}</div>{}", (1..=7).map(|i| item(i, "")).collect::<String>(), prose(2)));
    assert_eq!(structure(&undated, "dated_cards"), None);
}

/// [`evidence`]'s scale of a count (1 → 0.2, 3 → 0.4, 7 → 0.6).
fn scale_of(n: u32) -> f32 {
    ((n as f32 + 1.0).log2() / 5.0).min(1.0)
}

/// A thread its CMS declares an `Article` (JSON-LD and `og:type`): its text is in
/// same-shaped posts, none of them a story's body (`scattered`), so the declaration
/// weighs less for `article` and the posts make it a forum; without the discount the
/// declaration keeps it an article. A story with comments is not scattered.
#[test]
fn a_thread_declared_an_article_is_a_forum() {
    let post = |i: usize| {
        format!(
            "<div class=\"post\"><span class=\"username\">user{i}</span><time datetime=\"2024-01-0{i}\">Jan {i}</time>\
             <div class=\"message\"><p>I have the same problem with the update number {i}, the service will not start \
             after it and the log shows nothing useful at all; any idea what changed in this release of it?</p></div>\
             <button>Reply</button><button>Quote</button></div>"
        )
    };
    let html = page(
        &format!(
            "<title>Service stuck after update</title><link rel=canonical href=\"https://example.org/t/service-stuck-after-update/1234567\">\
             <meta property=\"og:type\" content=\"article\">{}",
            ld(r#"{"@type":"Article","headline":"Service stuck after update","author":{"name":"user1"}}"#)
        ),
        &format!("<h1>Service stuck after update</h1><div>{}</div>", (1..=8).map(post).collect::<String>()),
    );
    assert_eq!(structure(&html, SCATTERED), Some(1.0));
    let verdict = |w: &Weights| {
        let doc = crate::html::parse_document(&html).expect("parsed");
        let meta = crate::page::meta::read(&doc);
        let ld: Vec<Value> =
            vec![serde_json::from_str(r#"{"@type":"Article","author":{"name":"user1"}}"#).expect("json")];
        let v = classify_with(&doc, &meta, &ld, Some("https://example.org/t/service-stuck-after-update/1234567"), w);
        (v.kind, v.scores)
    };
    let shipped = Weights::get();
    assert!(shipped.declared_discount > 0.0);
    let off = Weights::parse(&weights::TEXT.replace("\ndeclared_discount =", "\ndeclared_discount = 0.0\n#"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(off.declared_discount, 0.0);
    let (on_kind, on_scores) = verdict(shipped);
    let (off_kind, off_scores) = verdict(&off);
    assert_eq!((on_kind, off_kind), (PageType::Forum, PageType::Article), "{on_scores:?} {off_scores:?}");
    assert_eq!(kind(&html), PageType::Forum);

    // A story with its comments: the story's paragraphs are one block, not scattered.
    let comment = |i: usize| {
        format!("<div class=\"comment\"><span class=\"author\">reader{i}</span><p>Good piece, thanks for it.</p></div>")
    };
    let story = page(
        "<meta property=\"og:type\" content=\"article\">",
        &format!(
            "<article><h1>Prices rise</h1>{}</article><section>{}</section>",
            prose(5),
            (1..=6).map(comment).collect::<String>()
        ),
    );
    assert_eq!(structure(&story, SCATTERED), None);
}
