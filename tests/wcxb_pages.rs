//! The article pages of ../shared/wcxb-dev (pages of the modern web never tuned on one by
//! one), when this checkout has them: body word F1 as the benchmark's `score.py` computes
//! it, pages without a record, and the dates (the same calendar day), with floors a little
//! under what was measured, so that a regression in page extraction fails here.

mod common;

use std::collections::HashMap;

use common::root;
use serde_json::Value;

/// Lower-cased word tokens (`\w+` in `score.py`).
fn tokens(s: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for w in s.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()) {
        *out.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    out
}

/// Word F1 of an extraction against the reference text (an empty reference is met by an
/// empty extraction only).
fn word_f1(pred: &str, reference: &str) -> f64 {
    let (p, r) = (tokens(pred), tokens(reference));
    let (np, nr): (usize, usize) = (p.values().sum(), r.values().sum());
    if nr == 0 {
        return if np == 0 { 1.0 } else { 0.0 };
    }
    if np == 0 {
        return 0.0;
    }
    let overlap: usize = p.iter().map(|(w, n)| (*n).min(r.get(w).copied().unwrap_or(0))).sum();
    let (pr, rc) = (overlap as f64 / np as f64, overlap as f64 / nr as f64);
    if pr + rc == 0.0 { 0.0 } else { 2.0 * pr * rc / (pr + rc) }
}

#[test]
fn word_f1_counts_repeated_words_once_each() {
    assert!((word_f1("a b b", "a b") - 0.8).abs() < 1e-9);
    assert_eq!(word_f1("", ""), 1.0);
    assert_eq!(word_f1("x", ""), 0.0);
    assert_eq!(word_f1("", "x"), 0.0);
}

#[test]
fn wcxb_dev_article_pages_quality_floor() {
    let dev = root().join("../shared/wcxb-dev");
    let Ok(pages) = std::fs::read_to_string(dev.join("pages.json")) else {
        eprintln!("SKIPPED: {} is absent; wcxb-dev quality test not run", dev.display());
        return;
    };
    let pages: Value = serde_json::from_str(&pages).expect("pages.json");
    let Some(files) = pages["files"].as_object() else { panic!("pages.json has no files") };
    let mut ids: Vec<&String> = files.iter().filter(|(_, v)| v["page_type"] == "article").map(|(k, _)| k).collect();
    ids.sort();
    let (mut f1, mut no_record, mut dated, mut dates) = (0.0, 0usize, 0usize, 0usize);
    for id in &ids {
        let gz = dev.join("html").join(format!("{id}.html.gz"));
        let out = std::process::Command::new("gzip").arg("-dc").arg(&gz).output();
        let Ok(out) = out.and_then(|o| if o.status.success() { Ok(o) } else { Err(std::io::Error::other("gzip")) })
        else {
            eprintln!("SKIPPED: gzip could not read {}; wcxb-dev quality test not run", gz.display());
            return;
        };
        let truth: Value = std::fs::read_to_string(dev.join("ground-truth").join(format!("{id}.json")))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        let gt = &truth["ground_truth"];
        let rec = newsnorm::process_bytes(&format!("{id}.html"), &out.stdout, &newsnorm::Options::default()).ok();
        no_record += usize::from(rec.is_none());
        let body = rec.as_ref().map_or("", |r| r.body.as_str());
        f1 += word_f1(body, gt["main_content"].as_str().unwrap_or_default());
        if let Some(want) = gt["publish_date"].as_str().filter(|w| !w.is_empty()) {
            let day = |s: &str| s.chars().take(10).collect::<String>();
            dated += 1;
            dates += usize::from(rec.as_ref().and_then(|r| r.date.as_deref()).map(day) == Some(day(want)));
        }
    }
    let f1 = f1 / ids.len() as f64;
    let date = dates as f64 / dated as f64;
    eprintln!(
        "wcxb-dev articles: {} pages, no record {no_record}, f1 {f1:.3}, date {dates}/{dated} ({date:.3})",
        ids.len()
    );
    // Measured (both halves together): f1 0.940, no record 1, date 0.859; trafilatura 2.3.1
    // on these pages: f1 0.937, date 0.830.
    assert!(ids.len() >= 700, "{} article pages", ids.len());
    assert!(no_record <= 2, "no record for {no_record} pages");
    assert!(f1 >= 0.935, "f1 {f1:.3}");
    assert!(date >= 0.85, "date {date:.3}");
}
