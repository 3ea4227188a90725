//! SPEC v1.2 through the binary: media-only articles are records (warning `media_only`,
//! empty body) and an input with neither text nor media stays `empty_body`; a time
//! whose offset the source does not state takes the outlet's home offset, or gives the
//! day only (warning `date_offset_unknown`), never `+00:00`. Synthetic inputs written
//! here, then the real files of ../shared when present.

mod common;

use std::path::Path;

use common::{json_lines, newsnorm, write};
use serde_json::Value;

/// A post of the Jekyll mirror whose feed HTML is `html`.
fn post(title: &str, url: &str, html: &str) -> String {
    format!(
        "---\nlayout: post\ntitle: \"{title}\"\ndate: 2020-10-24T04:00:50.000Z\nauthor: Sophie Beach\nfrom: {url}\n\
         tags: [ 中国数字时代 ]\ncategories: [ 中国数字时代 ]\n---\n<!--1603512050000-->\n[{title}]({url})\n------\n\n<div>\n{html}\n</div>\n"
    )
}

/// One line per input, in order, with `--errors -`.
fn lines(paths: &[&Path]) -> Vec<Value> {
    let out = newsnorm().args(["-q", "--errors", "-", "--exit-zero"]).args(paths).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    json_lines(&out.stdout)
}

fn kind(v: &Value) -> &str {
    v["error"]["kind"].as_str().unwrap_or("record")
}

fn warnings(v: &Value) -> Vec<&str> {
    v["warnings"].as_array().map(|w| w.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

#[test]
fn pictures_and_players_without_text_are_media_only_records() {
    let dir = tempfile::tempdir().unwrap();
    let url = "https://chinadigitaltimes.net/chinese/2020/10/photo";
    let cases = [
        ("a-photo.md", post("Photo: Gulangyu, by someone", url, "<p><img src=\"https://x.org/p.jpg\" alt=\"\"></p>")),
        ("b-video.md", post("【CDTV】合集", url, "<p><iframe src=\"https://www.youtube.com/embed/x\"></iframe></p>")),
        ("c-audio.md", post("Podcast 12", url, "<audio controls src=\"https://x.org/e12.mp3\"></audio>")),
        ("d-empty.md", post("路透快讯", url, "")),
        ("e-title-only.md", post("黎巴嫩贝鲁特大爆炸", url, "黎巴嫩贝鲁特大爆炸")),
        (
            "f-shortcode.md",
            "---\ntitle: \"片段\"\ndate: 2021-01-01\nauthor: x\nurl: https://web.archive.org/web/20220117161412/https://www.hkcnews.com/article/1\noriginal_url: https://www.hkcnews.com/article/1\n---\n\n# 片段\n\n{{< video src=\"https://x.org/v.mp4\" >}}\n"
                .to_owned(),
        ),
    ];
    let mut paths = Vec::new();
    for (name, text) in &cases {
        let p = dir.path().join(name);
        write(&p, text.as_bytes());
        paths.push(p);
    }
    let got = lines(&paths.iter().map(|p| p.as_path()).collect::<Vec<_>>());
    let summary: Vec<(&str, usize)> =
        got.iter().map(|v| (kind(v), v["images"].as_array().map_or(0, Vec::len))).collect();
    assert_eq!(
        summary,
        [("record", 1), ("record", 0), ("record", 0), ("empty_body", 0), ("empty_body", 0), ("record", 0)]
    );
    for v in got.iter().filter(|v| kind(v) == "record") {
        assert_eq!(v["body"], "");
        assert!(warnings(v).contains(&"media_only"), "{v}");
    }
}

/// The formats of issue 17 as SPEC.md lists them: a feed item whose HTML content is a
/// picture and a static-site post of a player shortcode are media-only records; a feed
/// item with only a thumbnail beside no text (a teaser) and a full page of only a
/// picture stay `empty_body`.
#[test]
fn media_only_in_feeds_posts_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    let feed = "<?xml version=\"1.0\"?><rss version=\"2.0\" \
        xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:media=\"http://search.yahoo.com/mrss/\">\
        <channel><title>Photo desk</title><link>https://photos.example.org/</link>\
        <item><title>Harbour at dawn</title><link>https://photos.example.org/p/1</link>\
        <content:encoded><![CDATA[<figure><img src=\"https://photos.example.org/1.jpg\"></figure>]]></content:encoded></item>\
        <item><title>Teaser</title><link>https://photos.example.org/p/2</link>\
        <media:thumbnail url=\"https://photos.example.org/2.jpg\"/></item>\
        </channel></rss>";
    let post = "---\ntitle: \"Launch video\"\ndate: 2023-03-01\nauthor: Ada\n---\n\n{{< youtube dQw4w9WgXcQ >}}\n";
    let page = "<!doctype html><html><head><title>Gallery</title></head><body><main>\
        <img src=\"https://x.example.org/g.jpg\"></main></body></html>";
    let (f, m, h) = (dir.path().join("a.xml"), dir.path().join("b.md"), dir.path().join("c.html"));
    write(&f, feed.as_bytes());
    write(&m, post.as_bytes());
    write(&h, page.as_bytes());
    let got = lines(&[&f, &m, &h]);
    let summary: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|v| (v["source_path"].as_str().unwrap_or(""), v["format"].as_str().unwrap_or(""), kind(v)))
        .collect();
    let (fs, ms, hs) = (f.to_string_lossy(), m.to_string_lossy(), h.to_string_lossy());
    assert_eq!(
        summary,
        [
            (format!("{fs}#1").as_str(), "feed", "record"),
            (format!("{fs}#2").as_str(), "", "empty_body"),
            (ms.as_ref(), "markdown", "record"),
            (hs.as_ref(), "", "empty_body"),
        ]
    );
    for v in got.iter().filter(|v| kind(v) == "record") {
        assert_eq!(v["body"], "");
        assert!(warnings(v).contains(&"media_only"), "{v}");
    }
    assert_eq!(got[0]["images"][0]["url"], "https://photos.example.org/1.jpg");
}

/// Media-only records have no text to repeat: `--dedup` never marks them.
#[test]
fn media_only_records_are_never_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3 {
        let text = post(&format!("Photo {i}"), &format!("https://x.org/{i}"), "<img src=\"https://x.org/a.jpg\">");
        write(&dir.path().join(format!("{i}.md")), text.as_bytes());
    }
    let out = newsnorm().args(["-q", "--dedup", "mark"]).arg(dir.path()).output().unwrap();
    let records = json_lines(&out.stdout);
    assert_eq!(records.len(), 3);
    assert!(records.iter().all(|r| r["duplicate_of"].is_null()));
}

#[test]
fn a_time_without_an_offset_is_a_day_unless_the_outlet_has_a_home_offset() {
    let dir = tempfile::tempdir().unwrap();
    let md = |host: &str| {
        format!(
            "---\ntitle: \"標題\"\ndate: \"2024-05-07 10:45:12\"\nauthor: x\nurl: https://web.archive.org/web/20220117161412/https://{host}/article/1\noriginal_url: https://{host}/article/1\n---\n\n# 標題\n\n正文第一段。\n"
        )
    };
    let page = "<!DOCTYPE html><html lang=\"zh\"><head><title>標題</title>\
        <meta property=\"article:published_time\" content=\"2024-05-07T10:45:12\">\
        <link rel=\"canonical\" href=\"https://news.example.org/a/1\"></head><body><article><h1>標題</h1>\
        <p>這是一篇報導的第一段，內容足夠長，讓正文的判斷不會出錯。這是一篇報導的第一段，內容足夠長。</p>\
        <p>這是第二段，也有足夠的文字，讓這一頁被讀成一篇文章，而不是其他的頁面。</p></article></body></html>";
    let cases = [
        ("a-unknown.md", md("news.example.org"), "2024-05-07", true),
        ("b-hkcnews.md", md("www.hkcnews.com"), "2024-05-07T10:45:12+08:00", false),
        ("c-page.html", page.to_owned(), "2024-05-07", true),
        ("d-portal.txt", "標題\n\n某新聞網 2024-05-07 10:45\n\n正文。\n\n原始連結\n".to_owned(), "2024-05-07", true),
        (
            "e-rti.txt",
            "標題\n\nRti 中央廣播電臺 2024-05-07 10:45\n\n正文。\n\n原始連結\n".to_owned(),
            "2024-05-07T10:45:00+08:00",
            false,
        ),
    ];
    let mut paths = Vec::new();
    for (name, text, _, _) in &cases {
        let p = dir.path().join(name);
        write(&p, text.as_bytes());
        paths.push(p);
    }
    let got = lines(&paths.iter().map(|p| p.as_path()).collect::<Vec<_>>());
    for ((name, _, date, unknown), v) in cases.iter().zip(&got) {
        assert_eq!(v["date"], *date, "{name}: {v}");
        assert_eq!(warnings(v).contains(&"date_offset_unknown"), *unknown, "{name}: {v}");
    }
}

/// The real files of ../shared: the picture and video posts of the archive sample are
/// records; its posts with no content at all stay `empty_body`.
#[test]
fn media_only_posts_of_the_archive_sample() {
    let root = common::root().join("../shared/archive-sample/jekyll/archived");
    if !root.is_dir() {
        common::skip("../shared/archive-sample not found: the real media-only posts were not checked");
        return;
    }
    let cases = [
        ("2020-10-24/2020-10-24-Photo: Gulangyu, by rustler2x4.md", "record"),
        ("2020-09-24/2020-09-24-【CDTV】金灿荣吹牛大合集.md", "record"),
        ("2020-08-07/2020-08-07-黎巴嫩贝鲁特大爆炸：拍摄婚照遇上生死一刻.md", "empty_body"),
        ("2020-09-08/2020-09-08-全球经济V型复苏更趋急陡 提高通胀升温机率--摩根士丹利.md", "empty_body"),
    ];
    let paths: Vec<_> = cases.iter().map(|(p, _)| root.join(p)).collect();
    let got = lines(&paths.iter().map(|p| p.as_path()).collect::<Vec<_>>());
    for ((name, want), v) in cases.iter().zip(&got) {
        assert_eq!(kind(v), *want, "{name}: {v}");
        if *want == "record" {
            assert!(warnings(v).contains(&"media_only"), "{name}: {v}");
        }
    }
    assert!(!got[0]["images"].as_array().unwrap().is_empty(), "the photo is in images");
}
