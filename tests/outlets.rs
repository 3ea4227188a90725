//! Per-outlet invariants over ../shared/corpus/jekyll/<outlet>/ (skipped, with a note,
//! when the corpus is absent): the outlet's boilerplate markers never reach a body, the
//! author is a person where the outlet's byline is in the source, captions are not
//! repeated in the body, titles and images are clean.

mod common;

use std::sync::LazyLock;

use common::{corpus, json_lines, newsnorm};
use regex::Regex;
use serde_json::Value;

/// One record with the text of the file it came from.
struct Rec {
    path: String,
    source: String,
    v: Value,
}

impl Rec {
    fn str(&self, key: &str) -> &str {
        self.v[key].as_str().unwrap_or_default()
    }
    fn body(&self) -> &str {
        self.str("body")
    }
    fn paragraphs(&self) -> Vec<&str> {
        self.body().split("\n\n").collect()
    }
    fn captions(&self) -> Vec<&str> {
        self.v["images"].as_array().unwrap().iter().filter_map(|i| i["caption"].as_str()).collect()
    }
    fn image_urls(&self) -> Vec<&str> {
        self.v["images"].as_array().unwrap().iter().filter_map(|i| i["url"].as_str()).collect()
    }
    fn warnings(&self) -> Vec<&str> {
        self.v["warnings"].as_array().unwrap().iter().filter_map(Value::as_str).collect()
    }
    /// The post's HTML (after the front matter).
    fn html(&self) -> &str {
        self.source.split_once("\n---\n").map_or(self.source.as_str(), |(_, rest)| rest)
    }
}

/// The records of one outlet folder; `None` (with a note) when the corpus is absent.
fn outlet(name: &str) -> Option<Vec<Rec>> {
    let dir = corpus()?.join("jekyll").join(name);
    let out = newsnorm().arg("--quiet").arg(&dir).output().unwrap();
    let records: Vec<Rec> = json_lines(&out.stdout)
        .into_iter()
        .map(|v| {
            let path = v["source_path"].as_str().unwrap().to_owned();
            let source = std::fs::read_to_string(&path).unwrap();
            Rec { path, source, v }
        })
        .collect();
    assert!(records.len() >= 15, "{name}: only {} records", records.len());
    for r in &records {
        common_checks(name, r);
    }
    Some(records)
}

/// What holds for every outlet of the mirror.
fn common_checks(name: &str, r: &Rec) {
    let path = &r.path;
    common::assert_clean_body(path, r.body());
    assert!(!r.str("author").is_empty(), "{path}: no author");
    assert!(!r.str("publisher").is_empty(), "{path}: no publisher");
    assert!(!r.str("title").is_empty(), "{path}: no title");
    let paragraphs = r.paragraphs();
    for c in r.captions() {
        assert!(!paragraphs.contains(&c), "{path}: caption repeated in the body: {c}");
    }
    assert!(paragraphs.first() != Some(&r.str("title")), "{path}: title repeated as first paragraph");
    let labels: Vec<&str> = r.v["tags"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(!labels.iter().any(|t| t.contains("中央社CNA")), "{name}: feed label in tags");
}

fn no_paragraph(r: &Rec, what: &str, is_bad: impl Fn(&str) -> bool) {
    for p in r.paragraphs() {
        assert!(!is_bad(p), "{}: {what} in the body: {p}", r.path);
    }
}

fn not_in_body(r: &Rec, markers: &[&str]) {
    for m in markers {
        assert!(!r.body().contains(m), "{}: body contains {m:?}", r.path);
    }
}

/// Texts of list items that are only a link (related-article lists) in the source.
fn link_only_items(html: &str) -> Vec<String> {
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"<li[^>]*>\s*(?:<(?:strong|span)[^>]*>\s*)*<a [^>]*>\s*(?:<strong>\s*)?([^<]{4,})(?:</strong>\s*)?</a>\s*(?:</(?:strong|span)>\s*)*</li>"#)
            .unwrap()
    });
    ITEM.captures_iter(html).filter_map(|c| c.get(1)).map(|m| m.as_str().trim().to_owned()).collect()
}

fn no_related_links(r: &Rec) {
    let paragraphs = r.paragraphs();
    for item in link_only_items(r.html()) {
        assert!(!paragraphs.contains(&item.as_str()), "{}: related link in the body: {item}", r.path);
    }
}

#[test]
fn bbc() {
    let Some(records) = outlet("bbc") else { return };
    static STAMP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:\d{4}年\s*\d{1,2}月\s*\d{1,2}日|\d{1,3}\s*(?:分钟|小时)前)$").unwrap());
    static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"<li role="listitem"[^>]*>([^<]{2,40})</li>\s*<li role="listitem"[^>]*>[^<]*(?:BBC|记者)[^<]*</li>"#,
        )
        .unwrap()
    });
    for r in &records {
        not_in_body(
            r,
            &["你的器材不支持播放多媒体材料", "图像来源", "图像加注文字", "Image caption", "view video in browser"],
        );
        no_paragraph(r, "related-content heading", |p| ["相关内容", "热门内容", "头条新闻"].contains(&p));
        no_paragraph(r, "timestamp", |p| STAMP.is_match(p));
        no_related_links(r);
        for c in r.captions() {
            assert!(!c.starts_with("图像加注文字") && !c.starts_with("视频加注文字"), "{}: caption label {c}", r.path);
        }
        assert!(!r.str("title").starts_with('['), "{}: section tag in title", r.path);
        if let Some(c) = BYLINE.captures(r.html()) {
            let name = c.get(1).unwrap().as_str();
            let name = name.split(['（', '(']).next().unwrap().trim();
            assert_eq!(r.str("author"), name, "{}: byline not the author", r.path);
            no_paragraph(r, "byline", |p| p.starts_with(name));
        }
    }
}

#[test]
fn rfi() {
    let Some(records) = outlet("rfi") else { return };
    static STAMP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{2}/\d{2}/\d{4} - \d{2}:\d{2}$").unwrap());
    for r in &records {
        no_paragraph(r, "timestamp", |p| STAMP.is_match(p));
        no_paragraph(r, "AFP copyright", |p| p.starts_with('©'));
        not_in_body(r, &["继续浏览后续", "订阅法广", "下载法广"]);
        assert!(!r.str("title").ends_with("RFI"), "{}: title suffix", r.path);
        assert!(!r.image_urls().iter().any(|u| u.contains("RFI_FB")), "{}: generic share image", r.path);
        if r.paragraphs().iter().take(2).any(|p| p.starts_with("（法新社")) {
            assert_eq!(r.str("author"), "法新社", "{}: AFP wire not credited", r.path);
        }
    }
}

#[test]
fn zaobao() {
    let Some(records) = outlet("zaobao") else { return };
    for r in &records {
        assert!(r.str("date").ends_with("+08:00"), "{}: not in Singapore time", r.path);
        assert!(!r.image_urls().iter().any(|u| u.contains("freemium")), "{}: subscription banner as picture", r.path);
    }
}

#[test]
fn epochtimes() {
    let Some(records) = outlet("epochtimes") else { return };
    let mut with_byline = 0;
    for r in &records {
        no_paragraph(r, "end mark", |p| p.ends_with('#') || p.ends_with('＃'));
        no_paragraph(r, "donate promo", |p| p.contains("支持大纪元") && p.contains("捐"));
        assert!(r.paragraphs().first().is_some_and(|p| p.starts_with("【大纪元")), "{}: dateline lost", r.path);
        if r.html().contains("/gb/tag/") {
            assert!(!r.v["tags"].as_array().unwrap().is_empty(), "{}: keyword links not in tags", r.path);
        }
        if r.paragraphs().first().is_some_and(|p| p.contains("（大纪元记者") || p.contains("（英文大纪元记者"))
        {
            with_byline += 1;
            let author = r.str("author");
            assert_ne!(author, "大纪元", "{}: byline not read", r.path);
            for name in author.split('、') {
                assert!(r.paragraphs()[0].contains(name), "{}: author {name} not in the byline", r.path);
            }
        }
    }
    assert!(with_byline >= 5, "epochtimes: {with_byline} bylines");
}

#[test]
fn reuters() {
    let Some(records) = outlet("reuters") else { return };
    static END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[(（]\s*完\s*[)）]$").unwrap());
    for r in &records {
        no_paragraph(r, "end mark", |p| END.is_match(p));
        not_in_body(r, &["我们的标准", "信任原则", "**"]);
        assert!(!r.str("title").ends_with("路透"), "{}: title suffix", r.path);
        assert!(r.paragraphs().first().is_some_and(|p| p.starts_with("路透")), "{}: dateline lost", r.path);
        // The editors' credit: a line of its own leaves the body and names the author;
        // one in brackets ending a text paragraph stays.
        if r.html().contains("Attribution_content") {
            assert!(r.body().contains("审校") || r.str("author") != "路透", "{}: editors' credit lost", r.path);
        }
        no_paragraph(r, "credit line", |p| p.starts_with("编译") && p.contains("审校"));
    }
}

#[test]
fn voa() {
    let Some(records) = outlet("voa") else { return };
    for r in &records {
        not_in_body(r, &["时事大家谈每星期", "嘉宾和观众听众发表的都是个人观点", "=====", "本期时事大家谈完整版"]);
        assert!(!r.captions().is_empty() || r.image_urls().is_empty(), "{}: lead picture without caption", r.path);
    }
}

#[test]
fn dw() {
    let Some(records) = outlet("dw") else { return };
    static CREDIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\p{Han}{2,4})\s*[/／]\s*\p{Han}{2,4}\s*[（(]").unwrap());
    static HEADER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<div>\s*<div>\s*<i>([^<]*)<br>").unwrap());
    for r in &records {
        not_in_body(r, &["德国之声版权声明", "©", "德国之声致力于"]);
        no_paragraph(r, "further-reading link", |p| p.starts_with("延伸阅读"));
        assert!(!["ARD", "DW", "dpa"].contains(&r.str("author")), "{}: organisation as author", r.path);
        if r.html().contains("相关图集") {
            assert!(!r.body().contains("相关图集"), "{}: related gallery heading", r.path);
        }
        let header = HEADER.captures(r.html()).and_then(|c| c.get(1)).map(|m| m.as_str().trim()).unwrap_or_default();
        let header_person = !header.is_empty() && header != "ARD";
        if header_person {
            assert_eq!(r.str("author"), header, "{}: header author", r.path);
        } else if let Some(c) = r.paragraphs().iter().rev().find_map(|p| CREDIT.captures(p)) {
            assert_eq!(r.str("author"), c.get(1).unwrap().as_str(), "{}: credit's writer not the author", r.path);
        }
        assert!(
            r.body().contains("德国之声中文网") || !r.html().contains("（德国之声中文网）"),
            "{}: dateline lost",
            r.path
        );
    }
}

#[test]
fn rfa() {
    let Some(records) = outlet("rfa") else { return };
    for r in &records {
        no_related_links(r);
        assert!(!r.image_urls().iter().any(|u| u.contains("icon-zoom")), "{}: zoom icon as picture", r.path);
        assert!(!r.str("title").starts_with("标题"), "{}: title label", r.path);
        not_in_body(r, &["Photo: RFA"]);
        let credit = r
            .paragraphs()
            .into_iter()
            .rev()
            .take(2)
            .any(|p| p.contains("记者") && (p.contains("责编") || p.contains("采访")));
        if credit {
            assert_ne!(r.str("author"), "自由亚洲电台", "{}: reporter not read from the credit", r.path);
            assert!(r.body().contains(r.str("author")), "{}: author not named in the text", r.path);
        }
    }
}

#[test]
fn nytimes() {
    let Some(records) = outlet("nytimes") else { return };
    static BIO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"是《纽约时报》.{0,20}(记者|社长|编辑)").unwrap());
    for r in &records {
        not_in_body(r, &["点击查看本文英文版", "点击此处订阅", "感谢阅读今天的简报"]);
        no_paragraph(r, "author bio", |p| BIO.is_match(p) || p.contains("欢迎在Twitter上关注"));
        assert!(r.str("date").ends_with("+08:00"), "{}: not in Beijing time", r.path);
        assert_ne!(r.str("author"), "纽约时报中文网", "{}: no writer", r.path);
        assert!(
            !r.str("author").chars().all(|c| !c.is_lowercase()) || !r.str("author").is_ascii(),
            "{}: capitals",
            r.path
        );
        // The translator's credit line is not text.
        no_paragraph(r, "translator credit", |p| p.starts_with("翻译：") && p.chars().count() <= 40);
    }
}

#[test]
fn economist() {
    let Some(records) = outlet("economist") else { return };
    static DATE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[A-Z][a-z]{2,8} \d{1,2}(st|nd|rd|th) \d{4}$").unwrap());
    for r in &records {
        not_in_body(r, &["This article appeared in", "Listen on:", "For full access to print", "Photographs:"]);
        no_paragraph(r, "date line", |p| DATE.is_match(p));
        if r.html().contains("itemProp=\"byline\"") {
            assert_ne!(r.str("author"), "The Economist", "{}: byline not read", r.path);
            no_paragraph(r, "byline", |p| p.starts_with("by "));
        }
    }
}

#[test]
fn neist() {
    let Some(records) = outlet("neist") else { return };
    for r in &records {
        no_paragraph(r, "end card", |p| {
            ["Related", "No More.", "MORE", "肆零", "肆", "You’ve hit the wall.", "Published since September 1843"]
                .contains(&p)
        });
        no_paragraph(r, "title repeat", |p| p == r.str("title"));
        if r.html().contains("rel=\"category tag\"") {
            assert!(!r.str("category").is_empty(), "{}: source publication not the category", r.path);
        }
    }
}

#[test]
fn cdt() {
    let Some(records) = outlet("cdt") else { return };
    for r in &records {
        not_in_body(r, &["Feed enhanced by", "Post tags:", "for 中国数字时代", "get_post_time"]);
        if r.html().contains("rel=\"tag\"") {
            assert!(!r.v["tags"].as_array().unwrap().is_empty(), "{}: tag links not in tags", r.path);
        }
        if let Some(p) = r.paragraphs().into_iter().find(|p| p.starts_with("作者：")) {
            assert_eq!(r.str("author"), p.trim_start_matches("作者：").trim(), "{}: writer not the author", r.path);
        }
        assert!(!r.str("title").starts_with('【'), "{}: column tag in title", r.path);
    }
}

#[test]
fn cctv() {
    let Some(records) = outlet("cctv") else { return };
    for r in &records {
        assert!(r.str("title").ends_with("文字版"), "{}: title {}", r.path, r.str("title"));
        assert!(r.warnings().contains(&"body_truncated"), "{}: index not flagged", r.path);
        assert!(r.str("date").ends_with("+08:00"), "{}: not in Beijing time", r.path);
    }
}

#[test]
fn rti() {
    let Some(records) = outlet("rti") else { return };
    static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{6}-\d+$").unwrap());
    for r in &records {
        assert!(!CODE.is_match(r.str("title")), "{}: desk code in title", r.path);
        assert!(!r.str("title").starts_with('['), "{}: section tag in title", r.path);
        assert!(r.warnings().contains(&"body_truncated"), "{}: teaser not flagged", r.path);
        not_in_body(r, &["...more"]);
    }
}

#[test]
fn solidot_and_wqw() {
    let Some(records) = outlet("solidot") else { return };
    for r in &records {
        assert!(!r.image_urls().iter().any(|u| u.contains("img.solidot.org")), "{}: topic icon as picture", r.path);
        assert!(r.str("date").ends_with("+08:00"), "{}: not in Beijing time", r.path);
    }
    let Some(records) = outlet("wqw") else { return };
    for r in &records {
        assert_eq!(r.str("publisher"), "维权网");
        assert!(r.str("date").ends_with("+08:00"), "{}: not in Beijing time", r.path);
    }
}
