//! Golden files: `newsnorm samples/` must print exactly `tests/golden/samples.jsonl`,
//! the records verified by hand against SPEC.md. After an intended change, regenerate
//! with `NEWSNORM_BLESS=1 cargo test --test golden` and review the diff.

mod common;

use common::{assert_clean_body, assert_key_order, json_lines, newsnorm, root};

const GOLDEN: &str = "tests/golden/samples.jsonl";

#[test]
fn samples_match_the_golden_file_byte_for_byte() {
    let out = newsnorm().args(["--quiet", "samples/"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let golden_path = root().join(GOLDEN);
    if std::env::var_os("NEWSNORM_BLESS").is_some() {
        std::fs::write(&golden_path, &out.stdout).unwrap();
    }
    let golden = std::fs::read(&golden_path).unwrap();
    if out.stdout != golden {
        let got = String::from_utf8_lossy(&out.stdout);
        let want = String::from_utf8_lossy(&golden);
        for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
            assert_eq!(g, w, "line {} differs from {GOLDEN}", i + 1);
        }
        panic!("output has {} lines, {GOLDEN} has {}", got.lines().count(), want.lines().count());
    }
}

#[test]
fn golden_records_follow_the_spec() {
    let golden = std::fs::read(root().join(GOLDEN)).unwrap();
    let text = String::from_utf8(golden.clone()).unwrap();
    let records = json_lines(&golden);
    assert_eq!(records.len(), 5, "one record per seed");
    for (line, r) in text.lines().zip(&records) {
        assert_key_order(line);
        let path = r["source_path"].as_str().unwrap();
        assert_clean_body(path, r["body"].as_str().unwrap());
        // The id, the date and the rest: `json_lines` checked each line with the contract.
        assert!(r["date"].is_string(), "{path}: every seed has a date");
    }
}

fn by_seed<'a>(records: &'a [serde_json::Value], prefix: &str) -> &'a serde_json::Value {
    records.iter().find(|r| r["source_path"].as_str().unwrap().contains(prefix)).unwrap()
}

fn paragraphs(r: &serde_json::Value) -> Vec<&str> {
    r["body"].as_str().unwrap().split("\n\n").collect()
}

#[test]
fn seed_000_cna_with_reporter_and_picture() {
    let records = json_lines(&std::fs::read(root().join(GOLDEN)).unwrap());
    let r = by_seed(&records, "000_");
    assert_eq!(r["format"], "jekyll");
    assert_eq!(r["title"], "拜登6月出席G7與美歐峰會 上任後首度出國訪問");
    assert_eq!(r["date"], "2021-04-24T07:34:02+08:00");
    assert_eq!(r["author"], "江今葉");
    assert_eq!(r["publisher"], "中央社");
    assert_eq!(r["url"], "https://www.cna.com.tw/news/firstnews/202104240003.aspx");
    let images = r["images"].as_array().unwrap();
    assert_eq!(images.len(), 1);
    assert!(images[0]["caption"].as_str().unwrap().starts_with("白宮23日宣布"));
    let p = paragraphs(r);
    assert_eq!(p.len(), 6);
    assert!(p[0].starts_with("（中央社記者江今葉華盛頓23日專電）"));
    assert!(p[5].ends_with("（編輯：徐睿承）"), "closing ROC date code removed, credit kept");
    let body = r["body"].as_str().unwrap();
    assert!(!body.contains("白宮23日宣布，美國總統拜登將在6月出席"), "caption is not body text");
    assert!(!body.contains("文在寅5月訪美"), "related articles are not body text");
}

#[test]
fn seed_001_cna_keyword_tags_and_agency_author() {
    let records = json_lines(&std::fs::read(root().join(GOLDEN)).unwrap());
    let r = by_seed(&records, "001_");
    assert_eq!(r["author"], "中央社");
    assert_eq!(r["tags"], serde_json::json!(["拜登", "岸田文雄", "日本"]));
    let body = r["body"].as_str().unwrap();
    assert!(!body.contains("聚焦新聞") && !body.contains("行政院核定捷運汐東線"), "carousel is boilerplate");
    assert!(body.ends_with("（譯者：徐睿承）"));
}

#[test]
fn seed_002_portal_text() {
    let records = json_lines(&std::fs::read(root().join(GOLDEN)).unwrap());
    let r = by_seed(&records, "002_");
    assert_eq!(r["format"], "portal-text");
    assert_eq!(r["title"], "布林肯會王毅 聚焦中國支持俄國入侵烏克蘭");
    assert_eq!(r["date"], "2024-04-26T10:45:00+08:00");
    assert_eq!(r["publisher"], "中央廣播電臺");
    assert!(r["url"].is_null());
    assert_eq!(r["warnings"], serde_json::json!(["no_url"]));
    let p = paragraphs(r);
    assert_eq!(p.len(), 10);
    assert_eq!(*p.last().unwrap(), "布林肯也將與中國公安部部長王小洪見面。");
}

#[test]
fn seed_004_wayback_markdown() {
    let records = json_lines(&std::fs::read(root().join(GOLDEN)).unwrap());
    let r = by_seed(&records, "004_");
    assert_eq!(r["format"], "wayback-markdown");
    assert_eq!(r["url"], "https://hkcnews.com/article/47751");
    assert!(r["archive_url"].as_str().unwrap().starts_with("https://web.archive.org/web/20220117161412/"));
    assert_eq!(r["date"], "2021-11-16");
    assert_eq!(r["author"], "翁維愷");
    assert_eq!(r["images"].as_array().unwrap().len(), 2);
    assert_eq!(r["tags"], serde_json::json!(["習近平", "xi jinping", "拜登", "中美會晤"]));
    assert!(r["warnings"].as_array().unwrap().contains(&serde_json::json!("url_slug_lossy")));
    let p = paragraphs(r);
    assert_eq!(p.len(), 8);
    assert!(p[0].starts_with("中美元首今早（16日）舉行視像會晤"), "bold lede first");
    assert!(p[1].starts_with("在開場白部分"), "second bold lede second");
}
