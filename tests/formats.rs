//! The other shapes of scraped news (SPEC "Other shapes of scraped news"), through the
//! built binary: feeds (RSS 2.0, RSS 1.0, Atom, a damaged one), scrapers' JSON
//! (news-please, scrapy with a raw page, JSON Lines), static-site posts (Hugo TOML, a
//! Jekyll blog post), a saved MHTML page, a user's format file, and stdin holding
//! several documents. Every document is written here, as such files really are
//! (namespaced elements, odd dates, relative links, entities).

mod common;

use std::path::Path;

use common::{assert_clean_body, assert_key_order, json_lines, newsnorm, run_json, write};
use serde_json::Value;

const RSS2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="/feed.xsl"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"
     xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Harbour Gazette</title>
  <link>https://gazette.example.org/</link>
  <atom:link href="https://gazette.example.org/feed/" rel="self" type="application/rss+xml"/>
  <description>Local news</description>
  <language>en-GB</language>
  <item>
    <title>Council &amp; port agree on the &#8216;new quay&#8217;&nbsp;plan</title>
    <link>/2024/05/07/new-quay-plan/</link>
    <dc:creator><![CDATA[Alice Smith]]></dc:creator>
    <pubDate>Mon, 07 May 2024 10:30:00 BST</pubDate>
    <category><![CDATA[Harbour]]></category>
    <category>Council</category>
    <guid isPermaLink="false">https://gazette.example.org/?p=1201</guid>
    <description><![CDATA[The council and the port authority agreed&#8230;]]></description>
    <content:encoded><![CDATA[<p>The council and the port authority agreed on Tuesday to build a new quay, ending a dispute that had lasted <strong>three years</strong>.</p>
<figure><img src="/wp-content/uploads/2024/05/quay.jpg" alt=""><figcaption>The old quay at low tide.</figcaption></figure>
<p>Work is to start in September &amp; last eighteen months, the harbour master said.</p>
<div class="sharedaddy"><a href="https://twitter.com/share">Share on X</a></div>]]></content:encoded>
    <media:thumbnail url="https://gazette.example.org/wp-content/uploads/2024/05/quay-150x150.jpg"/>
  </item>
  <item>
    <title>Ferry timetable changes</title>
    <link>https://gazette.example.org/2024/05/06/ferry-timetable/</link>
    <dc:creator>Bob Jones</dc:creator>
    <pubDate>6 May 24 18:05 -0400</pubDate>
    <description>&lt;p&gt;From Monday the first ferry leaves at 6.15 instead of 6.30.&lt;/p&gt;&lt;p&gt;The last one is unchanged.&lt;/p&gt;</description>
    <enclosure url="https://gazette.example.org/audio/ferry.mp3" type="audio/mpeg" length="123"/>
    <enclosure url="https://gazette.example.org/img/ferry.jpg" type="image/jpeg" length="456"/>
  </item>
</channel>
</rss>
"#;

const RSS1: &str = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://science.example.net/rss">
    <title>Science Notes</title>
    <link>https://science.example.net/</link>
    <description>Notes</description>
    <items><rdf:Seq><rdf:li rdf:resource="https://science.example.net/notes/42"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://science.example.net/notes/42">
    <title>Comet visible after sunset</title>
    <link>https://science.example.net/notes/42</link>
    <description>Look low in the west about an hour after sunset; binoculars help.</description>
    <dc:date>2024-04-30T19:45:00+02:00</dc:date>
    <dc:creator>Dr. Carla Diaz</dc:creator>
    <dc:subject>Astronomy</dc:subject>
  </item>
</rdf:RDF>
"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://devlog.example.com/">
  <title type="text">Dev Log</title>
  <link rel="alternate" type="text/html" href="https://devlog.example.com/"/>
  <link rel="self" href="https://devlog.example.com/atom.xml"/>
  <updated>2024-05-03T12:00:00Z</updated>
  <id>tag:devlog.example.com,2024:feed</id>
  <entry>
    <title type="html">Parsing &lt;em&gt;feeds&lt;/em&gt; the hard way</title>
    <link rel="alternate" href="posts/parsing-feeds/"/>
    <id>tag:devlog.example.com,2024:1</id>
    <published>2024-05-02T09:00:00-07:00</published>
    <updated>2024-05-03T12:00:00Z</updated>
    <author><name>Dana Lee</name><uri>https://devlog.example.com/about</uri></author>
    <category term="xml" label="XML"/>
    <content type="html">&lt;p&gt;Escaped HTML is still HTML &amp;amp; has to be read as such.&lt;/p&gt;&lt;p&gt;A second paragraph with a &lt;a href="/docs/"&gt;link&lt;/a&gt;.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Inline XHTML</title>
    <link href="/posts/xhtml/"/>
    <id>tag:devlog.example.com,2024:2</id>
    <updated>2024-05-01T08:00:00+02:00</updated>
    <author><name>Dana Lee</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Some feeds put <strong>real</strong> markup in the content.</p><p>It has to be read too.</p></div></content>
  </entry>
</feed>
"#;

const NEWS_PLEASE: &str = r#"{
  "authors": ["Maria Rossi", "Luca Bianchi"],
  "date_download": "2024-05-07 14:02:11",
  "date_modify": null,
  "date_publish": "2024-05-07 09:12:00",
  "description": "The regional parliament passed the water bill.",
  "filename": "https%3A%2F%2Fnotizie.example.it%2F2024%2F05%2F07%2Facqua.json",
  "image_url": "https://notizie.example.it/img/acqua.jpg",
  "language": "it",
  "localpath": null,
  "maintext": "Il consiglio regionale ha approvato la legge sull'acqua con 31 voti favorevoli.\nL'opposizione ha votato contro, chiedendo più fondi per le reti idriche dei comuni montani.",
  "source_domain": "notizie.example.it",
  "title": "Approvata la legge sull'acqua",
  "title_page": "Approvata la legge sull'acqua | Notizie",
  "title_rss": null,
  "url": "https://notizie.example.it/2024/05/07/acqua"
}
"#;

const PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bridge closes for repairs - Valley Times</title><meta property=\"og:site_name\" content=\"Valley Times\"><meta property=\"article:published_time\" content=\"2024-05-05T07:00:00+01:00\"></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Bridge closes for repairs</h1><p class=\"byline\">By Sam Carter</p><p>The old stone bridge over the river will close for six weeks from Monday while engineers repair its arches, the county said.</p><p>Drivers are advised to use the bypass, which adds about ten minutes to the journey into town.</p></article><footer>© Valley Times</footer></body></html>";

fn scrapy_items() -> String {
    let item = serde_json::json!({
        "url": "https://valleytimes.example.co.uk/news/bridge-closes",
        "title": "Bridge closes for repairs",
        "html": PAGE,
        "crawled": "2024-05-05T09:13:00Z"
    });
    let text_item = serde_json::json!({
        "url": "https://valleytimes.example.co.uk/news/market",
        "title": "Market returns to the square",
        "text": "The Saturday market returns to the square this week after the works.\nStalls open at eight.",
        "date": "2024-05-04"
    });
    format!("[{item},\n{text_item}]\n")
}

const JSON_LINES: &str = concat!(
    r#"{"url": "https://wire.example.com/a1", "title": "First wire story", "text": "Markets rose in early trading on Tuesday after the data."}"#,
    "\n",
    r#"{"url": "https://wire.example.com/a2", "title": "Second wire story", "text": "#,
    "\n",
    r#"{"url": "https://wire.example.com/a3", "title": "Third wire story", "content": "<p>Oil prices fell for a third day.</p><p>Traders cited stocks.</p>"}"#,
    "\n",
);

const HUGO: &str = r#"+++
title = "Release notes: version 2.0"
date = 2024-05-07T10:30:00+02:00
draft = false
authors = ["Max Mustermann", "Erika Musterfrau"]
tags = ["release", "changelog"]
categories = ["News"]
canonicalURL = "https://project.example.dev/blog/release-2-0/"
[params]
  featured = true
+++

Version 2.0 is out. It brings **faster builds** and a new [plugin API](/docs/plugins/).

## Upgrading

{{< notice warning >}}
Back up your configuration first.
{{< /notice >}}

Run the upgrade command and restart the server.
"#;

const JEKYLL_BLOG: &str = r#"---
layout: post
title: "Why we moved our blog to Jekyll"
date: 2024-03-02 09:15:00 +0100
author: Jane Roe
categories: [meta]
tags: [jekyll, blogging]
canonical_url: https://janeroe.example.com/2024/03/02/moving-to-jekyll/
---

We moved the blog **last week**, after ten years on a hosted platform.

<!-- more -->

## What changed

The posts are now [plain Markdown](https://daringfireball.net/projects/markdown/) files in a
git repository, built by Jekyll {% include version.html %} on every push.

* Comments are gone.
* Feeds stay where they were.

Write to me if something broke.
"#;

fn mhtml() -> String {
    // Quoted-printable HTML (soft line breaks, =E2=80=99 for a curly apostrophe) in
    // windows-1252-free UTF-8, as Chrome saves it, and a base64 image part.
    let html_qp = "<!DOCTYPE html><html><head><meta charset=3D\"utf-8\"><title>Library opens =\r\nlate on Thursdays</title></head><body><main><article><h1>Library opens late o=\r\nn Thursdays</h1><p>The town=E2=80=99s library will stay open until nine on T=\r\nhursdays from June, the council announced.</p><p>The change follows a survey=\r\n in which most readers asked for evening hours.</p></article></main></body></html>";
    let parts = [
        "From: <Saved by Blink>",
        "Snapshot-Content-Location: https://towncouncil.example.org/news/library-hours",
        "Subject: =?utf-8?Q?Library_opens_late_on_Thursdays?=",
        "Date: Tue, 7 May 2024 08:00:00 -0000",
        "MIME-Version: 1.0",
        "Content-Type: multipart/related;",
        "\ttype=\"text/html\";",
        "\tboundary=\"----MultipartBoundary--x1Y2z3----\"",
        "",
        "",
        "------MultipartBoundary--x1Y2z3----",
        "Content-Type: text/html",
        "Content-ID: <frame-1@mhtml.blink>",
        "Content-Transfer-Encoding: quoted-printable",
        "Content-Location: https://towncouncil.example.org/news/library-hours",
        "",
        html_qp,
        "",
        "------MultipartBoundary--x1Y2z3----",
        "Content-Type: image/png",
        "Content-Transfer-Encoding: base64",
        "Content-Location: https://towncouncil.example.org/logo.png",
        "",
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
        "",
        "------MultipartBoundary--x1Y2z3------",
        "",
    ];
    parts.join("\r\n")
}

fn run(args: &[&str]) -> (Vec<Value>, Vec<Value>, Option<i32>) {
    let out = newsnorm().args(args).output().unwrap();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        assert_key_order(line);
    }
    let (records, errors) = run_json(&out);
    for r in &records {
        assert_clean_body(r["source_path"].as_str().unwrap_or(""), r["body"].as_str().unwrap_or(""));
    }
    (records, errors, out.status.code())
}

fn path(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    write(&p, text.as_bytes());
    p.to_str().unwrap().to_owned()
}

#[test]
fn rss2_items_with_content_encoded_namespaces_relative_links_and_odd_dates() {
    let dir = tempfile::tempdir().unwrap();
    let feed = path(dir.path(), "gazette.rss", RSS2);
    let (records, errors, code) = run(&["-q", &feed]);
    assert_eq!((records.len(), errors.len(), code), (2, 0, Some(0)), "{errors:?}");
    let a = &records[0];
    assert_eq!(a["format"], "feed");
    assert_eq!(a["source_path"], format!("{feed}#1"));
    assert_eq!(a["title"], "Council & port agree on the ‘new quay’ plan");
    assert_eq!(a["url"], "https://gazette.example.org/2024/05/07/new-quay-plan/");
    // BST is +01:00; a wrong weekday (7 May 2024 was a Tuesday) does not lose the date.
    assert_eq!(a["date"], "2024-05-07T10:30:00+01:00");
    assert_eq!(a["author"], "Alice Smith");
    assert_eq!(a["publisher"], "Harbour Gazette");
    assert_eq!(a["tags"], serde_json::json!(["Harbour", "Council"]));
    let body = a["body"].as_str().unwrap();
    assert!(body.starts_with("The council and the port authority agreed on Tuesday"), "{body}");
    assert!(body.contains("in September & last eighteen months"), "{body}");
    assert!(!body.contains("Share on X") && !body.contains("low tide"), "share bar or caption in {body}");
    let images: Vec<&str> = a["images"].as_array().unwrap().iter().map(|i| i["url"].as_str().unwrap()).collect();
    assert!(images.contains(&"https://gazette.example.org/wp-content/uploads/2024/05/quay.jpg"), "{images:?}");
    assert!(images.contains(&"https://gazette.example.org/wp-content/uploads/2024/05/quay-150x150.jpg"));
    assert_eq!(a["language"], "en-GB");
    let b = &records[1];
    assert_eq!(b["source_path"], format!("{feed}#2"));
    assert_eq!(b["date"], "2024-05-06T18:05:00-04:00", "two-digit year, no seconds, numeric zone");
    assert_eq!(b["body"], "From Monday the first ferry leaves at 6.15 instead of 6.30.\n\nThe last one is unchanged.");
    assert_eq!(b["images"], serde_json::json!([{"url": "https://gazette.example.org/img/ferry.jpg", "caption": null}]));
}

#[test]
fn rss1_rdf_items_are_siblings_of_the_channel() {
    let dir = tempfile::tempdir().unwrap();
    let feed = path(dir.path(), "notes.rdf", RSS1);
    let (records, errors, _) = run(&["-q", &feed]);
    assert_eq!((records.len(), errors.len()), (1, 0), "{errors:?}");
    let r = &records[0];
    assert_eq!(r["source_path"], format!("{feed}#1"));
    assert_eq!(r["url"], "https://science.example.net/notes/42");
    assert_eq!(r["date"], "2024-04-30T19:45:00+02:00");
    assert_eq!(r["author"], "Dr. Carla Diaz");
    assert_eq!(r["publisher"], "Science Notes");
    assert_eq!(r["tags"], serde_json::json!(["Astronomy"]));
}

#[test]
fn atom_escaped_html_and_xhtml_content_against_xml_base() {
    let dir = tempfile::tempdir().unwrap();
    let feed = path(dir.path(), "devlog.atom", ATOM);
    let (records, errors, _) = run(&["-q", &feed]);
    assert_eq!((records.len(), errors.len()), (2, 0), "{errors:?}");
    let a = &records[0];
    assert_eq!(a["title"], "Parsing feeds the hard way");
    assert_eq!(a["url"], "https://devlog.example.com/posts/parsing-feeds/");
    assert_eq!(a["date"], "2024-05-02T09:00:00-07:00", "published, not updated");
    assert_eq!(a["author"], "Dana Lee");
    assert_eq!(a["tags"], serde_json::json!(["XML"]));
    assert_eq!(a["body"], "Escaped HTML is still HTML & has to be read as such.\n\nA second paragraph with a link.");
    assert_eq!(a["publisher"], "Dev Log");
    let b = &records[1];
    assert_eq!(b["url"], "https://devlog.example.com/posts/xhtml/");
    assert_eq!(b["date"], "2024-05-01T08:00:00+02:00", "updated when nothing is published");
    assert_eq!(b["body"], "Some feeds put real markup in the content.\n\nIt has to be read too.");
}

#[test]
fn a_damaged_feed_gives_the_items_before_the_damage_and_one_error() {
    let dir = tempfile::tempdir().unwrap();
    // The second item's title is never closed; the third is fine but after the damage.
    let damaged =
        RSS2.replacen("<title>Ferry timetable changes</title>", "<title>Ferry timetable <b>changes</title>", 1);
    let feed = path(dir.path(), "damaged.xml", &damaged);
    let after = path(dir.path(), "z-after.rss", RSS1);
    for jobs in ["1", "2", "3"] {
        let (records, errors, code) = run(&["-q", "-j", jobs, &feed, &after]);
        assert_eq!(code, Some(1));
        let paths: Vec<&str> = records.iter().map(|r| r["source_path"].as_str().unwrap()).collect();
        assert_eq!(paths, vec![format!("{feed}#1"), format!("{after}#1")], "jobs {jobs}");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0]["source_path"], format!("{feed}#2"));
        assert_eq!(errors[0]["error"]["kind"], "feed_invalid");
        let msg = errors[0]["error"]["message"].as_str().unwrap();
        assert!(msg.contains("the 1 item before it was read"), "{msg}");
    }
}

#[test]
fn news_please_and_scrapy_items_with_a_raw_page() {
    let dir = tempfile::tempdir().unwrap();
    let np = path(dir.path(), "acqua.json", NEWS_PLEASE);
    let items = path(dir.path(), "items.json", &scrapy_items());
    let (records, errors, _) = run(&["-q", &np, &items]);
    assert_eq!((records.len(), errors.len()), (3, 0), "{errors:?}");
    let n = &records[0];
    assert_eq!((n["format"].as_str(), n["source_path"].as_str()), (Some("json"), Some(np.as_str())));
    assert_eq!(n["title"], "Approvata la legge sull'acqua");
    assert_eq!(n["author"], "Maria Rossi、Luca Bianchi");
    assert_eq!(n["publisher"], "notizie.example.it");
    assert_eq!(n["url"], "https://notizie.example.it/2024/05/07/acqua");
    // news-please writes its dates without an offset: the day only (SPEC v1.2).
    assert_eq!(n["date"], "2024-05-07");
    assert!(n["warnings"].as_array().unwrap().iter().any(|w| w == "date_offset_unknown"), "{n}");
    assert_eq!(n["language"], "it");
    assert_eq!(n["body"].as_str().unwrap().split("\n\n").count(), 2);
    let page = &records[1];
    assert_eq!(page["source_path"], format!("{items}#1"));
    assert_eq!(page["title"], "Bridge closes for repairs");
    assert_eq!(
        page["url"], "https://valleytimes.example.co.uk/news/bridge-closes",
        "the item's url: the page has none"
    );
    assert_eq!(page["author"], "Sam Carter");
    assert_eq!(page["date"], "2024-05-05T07:00:00+01:00");
    assert_eq!(page["publisher"], "Valley Times");
    let body = page["body"].as_str().unwrap();
    assert!(body.starts_with("The old stone bridge") && !body.contains("Home") && !body.contains('©'), "{body}");
    let text = &records[2];
    assert_eq!(text["source_path"], format!("{items}#2"));
    assert_eq!(text["date"], "2024-05-04");
    assert_eq!(
        text["body"],
        "The Saturday market returns to the square this week after the works.\n\nStalls open at eight."
    );
}

#[test]
fn json_lines_one_line_per_item_and_a_bad_line_is_its_own_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = path(dir.path(), "wire.jsonl", JSON_LINES);
    let out = newsnorm().args(["-q", "--errors", "-", &file]).output().unwrap();
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["title"], "First wire story");
    assert_eq!(lines[1]["source_path"], format!("{file}#2"));
    assert_eq!(lines[1]["error"]["kind"], "json_invalid");
    assert!(lines[1]["error"]["message"].as_str().unwrap().contains("line 2"));
    assert_eq!(lines[2]["source_path"], format!("{file}#3"));
    assert_eq!(lines[2]["body"], "Oil prices fell for a third day.\n\nTraders cited stocks.");
    // An object of no known shape names its keys.
    let odd = path(dir.path(), "odd.json", "{\"foo\": 1, \"bar\": \"x\"}");
    let (_, errors, _) = run(&["-q", &odd]);
    assert_eq!(errors[0]["error"]["kind"], "unrecognized_format");
    let msg = errors[0]["error"]["message"].as_str().unwrap();
    assert!(msg.contains("foo") && msg.contains("bar") && msg.contains("news-please"), "{msg}");
}

#[test]
fn hugo_toml_and_jekyll_blog_posts_are_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let hugo = path(dir.path(), "release.md", HUGO);
    let blog = path(dir.path(), "2024-03-02-moving.markdown", JEKYLL_BLOG);
    let (records, errors, _) = run(&["-q", &hugo, &blog]);
    assert_eq!((records.len(), errors.len()), (2, 0), "{errors:?}");
    let h = &records[0];
    assert_eq!(h["format"], "markdown");
    assert_eq!(h["title"], "Release notes: version 2.0");
    assert_eq!(h["date"], "2024-05-07T10:30:00+02:00");
    assert_eq!(h["author"], "Max Mustermann、Erika Musterfrau");
    assert_eq!(h["url"], "https://project.example.dev/blog/release-2-0/");
    assert_eq!(h["tags"], serde_json::json!(["release", "changelog"]));
    assert_eq!(h["category"], "News");
    assert_eq!(
        h["body"],
        "Version 2.0 is out. It brings faster builds and a new plugin API.\n\nUpgrading\n\nBack up your configuration first.\n\nRun the upgrade command and restart the server."
    );
    let j = &records[1];
    assert_eq!(j["format"], "markdown", "a blog post is not the feed mirror's jekyll");
    assert_eq!(j["url"], "https://janeroe.example.com/2024/03/02/moving-to-jekyll/");
    assert_eq!(j["author"], "Jane Roe");
    assert_eq!(j["publisher"], "janeroe.example.com", "the site, not the author");
    assert_eq!(j["date"], "2024-03-02T09:15:00+01:00");
    let body = j["body"].as_str().unwrap();
    for raw in ["**", "##", "](", "{%", "<!--"] {
        assert!(!body.contains(raw), "{raw} in {body}");
    }
    assert!(body.starts_with("We moved the blog last week") && body.contains("Comments are gone."), "{body}");
}

#[test]
fn an_mhtml_page_is_its_html_part_read_as_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let page = path(dir.path(), "library.mhtml", &mhtml());
    let (records, errors, _) = run(&["-q", &page]);
    assert_eq!((records.len(), errors.len()), (1, 0), "{errors:?}");
    let r = &records[0];
    assert_eq!(r["format"], "mhtml");
    assert_eq!(r["title"], "Library opens late on Thursdays");
    assert_eq!(r["url"], "https://towncouncil.example.org/news/library-hours", "Snapshot-Content-Location");
    assert!(r["body"].as_str().unwrap().starts_with("The town’s library will stay open until nine"), "{}", r["body"]);
}

#[test]
fn detect_names_every_new_format_and_leaves_the_old_ones_alone() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("a.rss", RSS2, "feed"),
        ("b.xml", RSS1, "feed"),
        ("c.atom", ATOM, "feed"),
        ("d.json", NEWS_PLEASE, "json"),
        ("e.json", &scrapy_items(), "json"),
        ("f.jsonl", JSON_LINES, "json"),
        ("g.md", HUGO, "markdown"),
        ("h.md", JEKYLL_BLOG, "markdown"),
        ("i.mhtml", &mhtml(), "mhtml"),
    ];
    let mut args = vec!["detect".to_owned()];
    for (name, text, _) in &files {
        args.push(path(dir.path(), name, text));
    }
    args.push("samples/".to_owned());
    let out = newsnorm().args(&args).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let got: Vec<&str> = text.lines().map(|l| l.split('\t').nth(1).unwrap()).collect();
    let mut want: Vec<&str> = files.iter().map(|(_, _, f)| *f).collect();
    want.extend(["jekyll", "jekyll", "portal-text", "jekyll", "wayback-markdown"]);
    assert_eq!(got, want, "{text}");
}

const CMS_FORMAT: &str = r#"# The JSON export of our CMS: one array of articles, its own key names.
name = "cms-export"
description = "Exports of the newsroom CMS"

[recognise]
extension = ["json", "export"]
json_keys = ["Headline", "/Story/Text"]

[fields]
title = "Headline"
date = ["PublishedUTC", "CreatedUTC"]
author = "Byline"
url = "CanonicalLink"
tags = "Keywords"
category = "Desk"

[body]
from = "/Story/Text"
as = "html"
"#;

const CMS_EXPORT: &str = r#"[
 {"Id": 1, "Headline": "Harbour reopens after storm", "PublishedUTC": "2024-05-07T08:00:00Z", "Byline": "Jo Bloggs", "CanonicalLink": "https://cms.example/harbour", "Keywords": "port; weather", "Desk": "Local", "Story": {"Text": "<p>The harbour reopened on Tuesday.</p><p>Ships returned by noon.</p>"}},
 {"Id": 2, "Headline": "Second story", "CreatedUTC": "2024-05-08T08:00:00Z", "Byline": "Jo Bloggs", "CanonicalLink": "https://cms.example/second", "Story": {"Text": "<p>More news from the desk.</p>"}}
]
"#;

#[test]
fn a_user_format_file_is_checked_applied_and_a_bad_one_stops_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let spec = path(dir.path(), "cms.toml", CMS_FORMAT);
    let export = path(dir.path(), "today.export", CMS_EXPORT);

    let out = newsnorm().args(["formats", "check", &spec]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.starts_with(&format!("{spec}: ok: cms-export: recognised by extension json|export")), "{said}");

    // Without the format file the export is JSON of no known shape.
    let (records, errors, _) = run(&["-q", &export]);
    assert_eq!((records.len(), errors.len()), (0, 2));
    for (how, env) in [("--formats", false), ("NEWSNORM_FORMATS", true)] {
        let mut cmd = newsnorm();
        if env {
            cmd.env("NEWSNORM_FORMATS", &spec).args(["-q", &export]);
        } else {
            cmd.args(["-q", "--formats", &spec, &export]);
        }
        let out = cmd.output().unwrap();
        let (records, errors) = run_json(&out);
        assert_eq!((records.len(), errors.len()), (2, 0), "{how}: {errors:?}");
        let r = &records[0];
        assert_eq!(r["format"], "cms-export");
        assert_eq!(r["source_path"], format!("{export}#1"));
        assert_eq!(r["title"], "Harbour reopens after storm");
        assert_eq!(r["author"], "Jo Bloggs");
        assert_eq!(r["url"], "https://cms.example/harbour");
        assert_eq!(r["tags"], serde_json::json!(["port", "weather"]));
        assert_eq!(r["category"], "Local");
        assert_eq!(r["body"], "The harbour reopened on Tuesday.\n\nShips returned by noon.");
        assert_eq!(records[1]["date"], "2024-05-08T08:00:00+00:00", "the second date source");
    }
    let listed = newsnorm().args(["formats", "--formats", &spec]).output().unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert!(listed.lines().any(|l| l.starts_with("cms-export\t") && l.contains("Exports of the newsroom CMS")));
    assert!(listed.lines().any(|l| l.starts_with("feed\tbuilt-in")));

    // A bad file: FILE:LINE, status 2, and no input is read (no line for it at all).
    let bad = path(dir.path(), "bad.toml", &CMS_FORMAT.replace("as = \"html\"", "as = \"pdf\""));
    for args in [vec!["formats", "check", &bad], vec!["--formats", &bad, &export]] {
        let out = newsnorm().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(&format!("{bad}:19: body.as \"pdf\"")), "{err}");
        assert!(!err.contains("source_path"), "an input was read: {err}");
    }
    // A format file is small: a huge one is refused unread.
    let huge = path(dir.path(), "huge.toml", &"#".repeat(70_000));
    let out = newsnorm().args(["--formats", &huge, &export]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too large for a format file"));
}

#[test]
fn stdin_with_several_documents_gives_each_or_warns() {
    // Front matter posts one after another (`cat posts/*.md | newsnorm`).
    let two = format!("{JEKYLL_BLOG}{HUGO}");
    let out = newsnorm().args(["-q"]).write_stdin(two).output().unwrap();
    let (records, errors) = run_json(&out);
    assert_eq!((records.len(), errors.len()), (2, 0), "{errors:?}");
    assert_eq!(records[0]["source_path"], "-#1");
    assert_eq!(records[0]["title"], "Why we moved our blog to Jekyll");
    assert_eq!(records[1]["source_path"], "-#2");
    assert_eq!(records[1]["title"], "Release notes: version 2.0");
    // One document on stdin is still `-`.
    let out = newsnorm().args(["-q"]).write_stdin(JEKYLL_BLOG).output().unwrap();
    assert_eq!(json_lines(&out.stdout)[0]["source_path"], "-");
    // JSON Lines on stdin.
    let out = newsnorm()
        .args(["-q"])
        .write_stdin(JSON_LINES.replace("\"text\": \n", "\"text\": \"x y\"}\n"))
        .output()
        .unwrap();
    let (records, _) = run_json(&out);
    assert_eq!(records.iter().map(|r| r["source_path"].as_str().unwrap()).collect::<Vec<_>>(), ["-#1", "-#2", "-#3"]);
    // Two feeds, then text after a page that is no document: a warning on its record.
    let out = newsnorm().args(["-q"]).write_stdin(format!("{RSS1}{ATOM}")).output().unwrap();
    let (records, _) = run_json(&out);
    let paths: Vec<&str> = records.iter().map(|r| r["source_path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["-#1#1", "-#2#1", "-#2#2"]);
    let out = newsnorm().args(["-q"]).write_stdin(format!("{PAGE}\n\nsome stray text\n")).output().unwrap();
    let (records, _) = run_json(&out);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["warnings"], serde_json::json!(["trailing_text_ignored", "no_url"]));
}

#[test]
fn a_stream_line_holding_a_feed_gives_its_items() {
    let line = |content: &str, path: Option<&str>| {
        let mut v = serde_json::json!({ "content": content });
        if let Some(p) = path {
            v["path"] = p.into();
        }
        format!("{v}\n")
    };
    let stream = format!("{}{}{}", line(RSS2, Some("shard-7/gazette.rss")), line(JEKYLL_BLOG, None), line(RSS1, None));
    let out = newsnorm().args(["-q", "--stream", "--errors", "-"]).write_stdin(stream).output().unwrap();
    let lines = json_lines(&out.stdout);
    let paths: Vec<&str> = lines.iter().map(|r| r["source_path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["shard-7/gazette.rss#1", "shard-7/gazette.rss#2", "-:2", "-:3#1"]);
}
