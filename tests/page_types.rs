//! Page kinds through the built binary: `page_type` in records, the `--page-type` filter
//! (also over a crawl-shaped WARC), `--stats` and `detect`.

mod common;

use std::path::{Path, PathBuf};

use common::warc::{record, response};
use common::{json_lines, newsnorm, write};
use serde_json::{Value, json};

fn page(canonical: &str, head: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"canonical\" href=\"{canonical}\">{head}</head>\
         <body>{body}</body></html>"
    )
}

/// A news story.
fn article(n: usize) -> String {
    let paragraphs: String = (0..5)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of story {n} tells what happened on the day, who was there, what they said and why it \
                 matters to the readers of this report.</p>"
            )
        })
        .collect();
    page(
        &format!("https://news.example/2024/05/0{n}/storm-story-number-{n}-from-the-coast"),
        &format!(
            "<title>Story {n}</title><meta property=\"og:type\" content=\"article\">\
             <meta property=\"article:published_time\" content=\"2024-05-0{n}T10:00:00Z\">\
             <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"Story {n}\",\"datePublished\":\"2024-05-0{n}\"}}</script>"
        ),
        &format!("<article><h1>Story {n}</h1><p>By Jane Roe</p>{paragraphs}</article>"),
    )
}

/// A section front or a tag page: a river of teaser cards.
fn front(canonical: &str, name: &str) -> String {
    let cards: String = (1..=20)
        .map(|i| {
            format!(
                "<div class=\"card\"><a href=\"/2024/05/01/story-{i}\"><img src=\"/i/{i}.jpg\"><h3>Headline of story {i}</h3></a>\
                 <time>May {i}</time></div>"
            )
        })
        .collect();
    page(
        canonical,
        &format!("<title>{name}</title><script type=\"application/ld+json\">{{\"@type\":\"CollectionPage\"}}</script>"),
        &format!("<h1>{name}</h1><div class=\"river\">{cards}</div><a href=\"?page=2\">Load more</a>"),
    )
}

/// A photo gallery: a grid of linked pictures with short captions.
fn gallery() -> String {
    let figures: String = (1..=24)
        .map(|i| {
            format!(
                "<figure class=\"tile\"><a href=\"/photos/{i}\"><img src=\"/p/{i}.jpg\"></a><h3>Photo {i}</h3></figure>"
            )
        })
        .collect();
    page(
        "https://news.example/gallery/storm-photos",
        "<title>Storm photos</title><meta property=\"og:type\" content=\"website\">",
        &format!("<h1>Storm in pictures</h1><div class=\"gallery grid\">{figures}</div>"),
    )
}

/// A shop's product page.
fn product() -> String {
    page(
        "https://shop.example/product/227955/trail-pack",
        "<title>Trail pack</title><meta property=\"og:type\" content=\"product\">\
         <script type=\"application/ld+json\">{\"@type\":\"Product\",\"name\":\"Trail pack\",\"offers\":{\"@type\":\"Offer\",\"price\":\"99.95\"}}</script>",
        "<h1>Trail pack</h1><span class=\"price\">$99.95</span><button>Add to cart</button>\
         <p>A light pack for day hikes, with a padded back panel, two side pockets and a lid pocket.</p>",
    )
}

/// Files in a folder, in this order (names sort as listed).
fn folder(pages: &[(&str, String)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for (name, html) in pages {
        write(&input.join(name), html.as_bytes());
    }
    (dir, input)
}

fn path_of(v: &Value) -> String {
    v["source_path"].as_str().unwrap().rsplit('/').next().unwrap().to_owned()
}

#[test]
fn records_say_their_page_type_and_the_filter_keeps_the_kinds_asked_for() {
    let (_dir, input) = folder(&[
        ("1-story.html", article(1)),
        ("2-front.html", front("https://news.example/section/weather", "Weather")),
        ("3-product.html", product()),
        ("4-story.html", article(2)),
    ]);
    let out = newsnorm().arg("-q").arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let kinds: Vec<(String, String)> =
        json_lines(&out.stdout).iter().map(|r| (path_of(r), r["page_type"].as_str().unwrap().to_owned())).collect();
    let want: Vec<(String, String)> = [
        ("1-story.html", "article"),
        ("2-front.html", "listing"),
        ("3-product.html", "product"),
        ("4-story.html", "article"),
    ]
    .iter()
    .map(|(p, k)| ((*p).to_owned(), (*k).to_owned()))
    .collect();
    assert_eq!(kinds, want);

    // Articles only: the others are named on the error stream, in input order; the exit
    // status says nothing failed.
    let out = newsnorm().args(["-q", "--page-type", "article"]).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let records: Vec<String> = json_lines(&out.stdout).iter().map(path_of).collect();
    assert_eq!(records, ["1-story.html", "4-story.html"]);
    let left = json_lines(&out.stderr);
    assert_eq!(left.len(), 2);
    assert_eq!(
        left[0],
        json!({"source_path": input.join("2-front.html").display().to_string(), "page_type": "listing"})
    );
    assert_eq!(path_of(&left[1]), "3-product.html");
    assert_eq!(left[1]["page_type"], "product");

    // A comma list and a repeated option add up; with --errors - the lines keep their
    // places among the records.
    let out = newsnorm()
        .args(["-q", "--page-type", "product,listing", "--page-type", "forum", "--errors", "-"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(&out.stdout);
    let shape: Vec<(String, bool)> = lines.iter().map(|l| (path_of(l), l.get("body").is_some())).collect();
    assert_eq!(
        shape,
        [
            ("1-story.html".to_owned(), false),
            ("2-front.html".to_owned(), true),
            ("3-product.html".to_owned(), true),
            ("4-story.html".to_owned(), false)
        ]
    );
}

#[test]
fn an_unknown_kind_is_a_usage_error_that_lists_the_kinds() {
    let out = newsnorm().args(["--page-type", "article,blog", "samples"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("blog"), "{err}");
    for kind in ["article", "forum", "listing", "collection", "product", "documentation", "service"] {
        assert!(err.contains(kind), "{kind} not listed: {err}");
    }
    assert!(out.stdout.is_empty());
}

/// Feed posts, portal dumps and archive articles are articles: the samples all pass an
/// article filter, and none passes a forum filter (each gives its line instead).
#[test]
fn every_other_format_is_an_article() {
    let out = newsnorm().args(["-q", "--page-type", "article", "samples"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json_lines(&out.stdout).len(), 5);
    assert!(out.stderr.is_empty());
    let out = newsnorm().args(["-q", "--page-type", "forum", "samples"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let left = json_lines(&out.stderr);
    assert_eq!(left.len(), 5);
    assert!(left.iter().all(|l| l["page_type"] == "article" && l.as_object().unwrap().len() == 2), "{left:?}");
}

#[test]
fn stats_count_the_kinds_read_and_the_pages_left_out() {
    let (dir, input) =
        folder(&[("1-story.html", article(1)), ("2-product.html", product()), ("3-story.html", article(3))]);
    let stats = dir.path().join("stats.json");
    let out = newsnorm().args(["-q", "--page-type", "article", "--stats"]).arg(&stats).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s: Value = serde_json::from_str(&std::fs::read_to_string(&stats).unwrap()).unwrap();
    assert_eq!(s["page_types"], json!({"article": 2, "product": 1}));
    assert_eq!((s["records"].clone(), s["filtered"].clone(), s["errors"].clone()), (json!(2), json!(1), json!(0)));
    assert_eq!(s["inputs"], 3);
}

#[test]
fn detect_prints_the_page_type_beside_the_format() {
    let (_dir, input) = folder(&[("1-story.html", article(1)), ("2-product.html", product())]);
    let out = newsnorm().arg("detect").arg(&input).arg("samples/002_4144df8498471dcd.txt").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let d = input.display();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "{d}/1-story.html\thtml\tarticle\n{d}/2-product.html\thtml\tproduct\nsamples/002_4144df8498471dcd.txt\tportal-text\tarticle\n"
        )
    );
}

/// Acceptance: a crawl-shaped WARC (articles, a section front, a tag page, a gallery,
/// with the requests, a redirect and an image a crawl holds) with `--page-type article`
/// gives records for exactly the articles and one error-stream line for each other page,
/// in order.
#[test]
fn a_crawl_filtered_to_its_articles() {
    let html = "Content-Type: text/html; charset=utf-8\r\n";
    let pages: Vec<(&str, String, bool)> = vec![
        ("https://news.example/", front("https://news.example/", "News"), false),
        ("https://news.example/2024/05/01/story-1", article(1), true),
        ("https://news.example/section/weather", front("https://news.example/section/weather", "Weather"), false),
        ("https://news.example/2024/05/02/story-2", article(2), true),
        ("https://news.example/tag/storms", front("https://news.example/tag/storms", "Storms"), false),
        ("https://news.example/gallery/storm-photos", gallery(), false),
        ("https://news.example/2024/05/03/story-3", article(3), true),
    ];
    let mut warc = record("warcinfo", "", b"software: test-crawler\r\n");
    let mut offsets = Vec::new();
    for (i, (uri, body, _)) in pages.iter().enumerate() {
        warc.extend(record("request", uri, b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n"));
        offsets.push(warc.len());
        warc.extend(response(uri, html, body.as_bytes()));
        if i == 2 {
            warc.extend(response("https://news.example/i/1.jpg", "Content-Type: image/jpeg\r\n", b"\xff\xd8\xff"));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc");
    write(&path, &warc);
    let out = newsnorm().args(["-q", "--page-type", "article", "--errors", "-"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), pages.len(), "{lines:?}");
    for (((uri, _, is_article), line), offset) in pages.iter().zip(&lines).zip(&offsets) {
        assert_eq!(line["source_path"], format!("{}#{offset}", path.display()), "{uri}");
        if *is_article {
            assert_eq!(line["page_type"], "article", "{uri}");
            assert!(line["body"].as_str().is_some_and(|b| b.contains("Paragraph 0")), "{uri}: {line}");
        } else {
            let obj = line.as_object().unwrap();
            assert_eq!(obj.len(), 2, "{uri}: only source_path and page_type: {line}");
            assert_ne!(line["page_type"], "article", "{uri}");
        }
    }
}

/// Over real article pages (../shared/html-dev when present): an article filter keeps
/// nearly all of them. The pages it does not keep are listed; about half of them are
/// not articles (forum threads, shop pages, an about page, a code repository's page),
/// see the README. The bound guards against a change that loses more.
#[test]
fn html_dev_pages_are_nearly_all_articles() {
    let Some(dir) = shared("html-dev") else { return };
    let out = newsnorm().args(["-q", "--page-type", "article", "--exit-zero"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let kept = json_lines(&out.stdout).len();
    let left: Vec<String> = json_lines(&out.stderr)
        .iter()
        .filter(|l| l.get("page_type").is_some())
        .map(|l| format!("{}={}", path_of(l), l["page_type"].as_str().unwrap_or("")))
        .collect();
    common::tell(&format!("html-dev: {kept} articles kept, {} pages of other kinds: {}", left.len(), left.join(" ")));
    assert!(kept >= 290 && left.len() <= 30, "html-dev: {kept} kept, {} left out: {left:?}", left.len());
}

fn shared(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared").join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        common::skip(&format!("../shared/{name} is absent"));
        None
    }
}
