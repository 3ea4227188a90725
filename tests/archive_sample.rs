//! The defects found by the audit (`bench/audit.py`) over ../shared/archive-sample, checked
//! on the real files named in the audit when that folder is present (skipped with a
//! `SKIPPED:` note otherwise). Each defect class also has a minimal reproduction written
//! in the unit tests of the module that fixes it; this file checks that the fix holds
//! on the archive itself. Only the named files are read, so this stays fast.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::LazyLock;

use common::{newsnorm, root, run_json};
use serde_json::Value;

const SAMPLE: &str = "../shared/archive-sample";

/// Every file the checks below name, relative to the sample folder.
const FILES: &[&str] = &[
    "wayback-md/articles/19001-20000/article_19709.md",
    "wayback-md/articles/10001-11000/article_10007.md",
    "wayback-md/articles/11001-12000/article_11209.md",
    "wayback-md/articles/16001-17000/article_16052.md",
    "wayback-md/articles/43001-44000/article_43420.md",
    "wayback-md/articles/6001-7000/article_6506.md",
    "wayback-md/articles/20001-21000/article_20873.md",
    "wayback-md/articles/8001-9000/article_8745.md",
    "wayback-md/articles/10001-11000/article_10495.md",
    "jekyll/archived/2021-01-08/2021-01-08-FT –  北京要求审查阿里反垄断报道.md",
    "jekyll/archived/2021-06-01/2021-06-01-大&amp;#22338;直美抵制受访 小威：我也碰过难熬记者会 – 法国国际广播电台 - RFI.md",
    "jekyll/archived/2021-06-02/2021-06-02-美副国务卿会见洪森 “严重关注”中国在柬设立军事设施**.md",
    "jekyll/archived/2020-11-07/2020-11-07-立场新闻 | 以“私隐”为名收紧多项查册要求，香港未来还有侦查报道吗？.md",
];

/// The outcome of each named file: its record, or its error object.
static OUTCOMES: LazyLock<Option<HashMap<String, Value>>> = LazyLock::new(|| {
    let dir = root().join(SAMPLE);
    if !dir.is_dir() {
        eprintln!("SKIPPED: {} is absent; the archive-sample checks did not run", dir.display());
        return None;
    }
    let paths: Vec<PathBuf> = FILES.iter().map(|f| PathBuf::from(SAMPLE).join(f)).collect();
    let out = newsnorm().arg("-q").args(&paths).output().expect("run newsnorm");
    let (records, errors) = run_json(&out);
    let mut map = HashMap::new();
    for v in records.into_iter().chain(errors) {
        let path = v["source_path"].as_str().unwrap_or_default().to_owned();
        let rel = path.strip_prefix(&format!("{SAMPLE}/")).unwrap_or(&path).to_owned();
        map.insert(rel, v);
    }
    assert_eq!(map.len(), FILES.len(), "one line per file");
    Some(map)
});

/// The record of `file`; `None` when the sample is absent. A test fails if it is an error.
fn record(file: &str) -> Option<&'static Value> {
    let v = OUTCOMES.as_ref()?.get(file).unwrap_or_else(|| panic!("{file} is not in FILES"));
    assert!(v.get("error").is_none(), "{file}: {v}");
    Some(v)
}

fn body(file: &str) -> Option<&'static str> {
    record(file).map(|v| v["body"].as_str().unwrap_or_default())
}

#[test]
fn hkcnews_rules_other_than_the_promo_rule_keep_the_text() {
    // A verdict list for nine defendants, `-----` between them: all nine are kept, the
    // promo after the last `---` is not.
    let Some(b) = body("wayback-md/articles/19001-20000/article_19709.md") else { return };
    for name in ["戴耀廷：", "陳健民：", "朱耀明：", "黃浩銘：", "李永達："] {
        assert!(b.contains(name), "{name} missing: {b}");
    }
    assert!(!b.contains("請加入成為眾新聞的月費訂戶"), "{b}");
    // `****` under the title: was an empty body.
    let Some(b) = body("wayback-md/articles/10001-11000/article_10007.md") else { return };
    assert!(b.chars().count() > 1000, "{b}");
}

#[test]
fn hkcnews_related_list_mid_article_goes_and_the_article_goes_on() {
    let Some(b) = body("wayback-md/articles/11001-12000/article_11209.md") else { return };
    assert!(!b.contains("相關報道"), "{b}");
    assert!(!b.contains("背後推手比港澳辦更高層次"), "a related link's title stayed: {b}");
    assert!(b.contains("戴耀廷上月25日"), "the text after the list is lost: {b}");
}

#[test]
fn ordered_lists_keep_their_numbers() {
    let Some(b) = body("wayback-md/articles/16001-17000/article_16052.md") else { return };
    assert!(b.contains("1. X委") && b.contains("\n\n2. 廖承志") && b.contains("\n\n3. 周恩來"), "{b}");
}

#[test]
fn hard_line_breaks_stay_in_their_paragraph() {
    let Some(b) = body("wayback-md/articles/43001-44000/article_43420.md") else { return };
    assert!(
        b.contains("愛見山青湖碧，\nO how we (I) love the waters aqua, the mountains green,\n輕雨枝頭初瀝；"),
        "{b}"
    );
    assert!(!b.contains("\n\n\n"));
}

#[test]
fn hkcnews_markup_residue() {
    let Some(b) = body("wayback-md/articles/6001-7000/article_6506.md") else { return };
    assert!(!b.contains("]("), "{b}");
    assert!(b.contains("〈脫離世俗？！-- 簡談基督徒出世及入世原則〉"), "{b}");
    let Some(b) = body("wayback-md/articles/20001-21000/article_20873.md") else { return };
    assert!(!b.lines().any(|l| l.starts_with("http")), "{b}");
    let Some(b) = body("wayback-md/articles/8001-9000/article_8745.md") else { return };
    assert!(!b.contains("**"), "{b}");
}

#[test]
fn hkcnews_writer_credit_is_still_read_from_a_line_of_a_paragraph() {
    // `【撰文：尹瑞麟】` ends with a hard break: it is a line of a paragraph now, and still
    // the author, and still not body text.
    let Some(r) = record("wayback-md/articles/10001-11000/article_10495.md") else { return };
    assert_eq!(r["author"], "尹瑞麟");
    assert!(!r["body"].as_str().unwrap_or_default().contains("【撰文"), "{r}");
}

#[test]
fn link_posts_of_an_aggregator_are_its_feed_s_and_lose_the_new_tab_marker() {
    let Some(r) = record("jekyll/archived/2021-01-08/2021-01-08-FT –  北京要求审查阿里反垄断报道.md")
    else {
        return;
    };
    assert_eq!(r["publisher"], "中国数字时代");
    assert_eq!(r["url"], "https://www.ft.com/content/62fe82c5-b058-4dd0-bb15-e9428593f078");
}

#[test]
fn titles_lose_double_encoded_entities_and_emphasis() {
    let rfi = "jekyll/archived/2021-06-01/2021-06-01-大&amp;#22338;直美抵制受访 小威：我也碰过难熬记者会 – 法国国际广播电台 - RFI.md";
    let Some(r) = record(rfi) else { return };
    assert_eq!(r["title"], "大坂直美抵制受访 小威：我也碰过难熬记者会");
    let voa = "jekyll/archived/2021-06-02/2021-06-02-美副国务卿会见洪森 “严重关注”中国在柬设立军事设施**.md";
    let Some(r) = record(voa) else { return };
    assert_eq!(r["title"], "美副国务卿会见洪森 “严重关注”中国在柬设立军事设施");
}

#[test]
fn a_single_br_is_a_line_break_in_html_bodies() {
    let cdt =
        "jekyll/archived/2020-11-07/2020-11-07-立场新闻 | 以“私隐”为名收紧多项查册要求，香港未来还有侦查报道吗？.md";
    let Some(b) = body(cdt) else { return };
    assert!(b.starts_with("记者：刘伟程\n来源：立场新闻\n\n"), "{b}");
}
