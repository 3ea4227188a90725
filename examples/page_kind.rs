//! The page kind of each HTML file (`.html` or `.html.gz`) with its scores and evidence,
//! one JSON object per line, for tuning `data/page-kinds.toml`
//! (bench/pagetype.py --evidence reads them):
//!
//! ```sh
//! cargo run --profile tune --example page_kind -- ../shared/wcxb-dev/html/*.gz > evidence.jsonl
//! ```
//!
//! With `--time` first, it prints instead what the classifier costs beside the page
//! reader's parse (prepare and html5ever), summed over the pages (build with `--release`).

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use newsnorm::PageType;
use newsnorm::page::{jsonld, kind, meta, prepare};
use serde_json::{Map, Value, json};

fn text_of(path: &str) -> anyhow::Result<String> {
    let raw = std::fs::read(path)?;
    let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
        let mut b = Vec::new();
        flate2::read::MultiGzDecoder::new(raw.as_slice()).read_to_end(&mut b)?;
        b
    } else {
        raw
    };
    Ok(newsnorm::decode::decode(&bytes, None).map(|d| d.text.into_owned()).unwrap_or_default())
}

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--time") {
        args.remove(0);
        return time(&args);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for path in args {
        let v = kind::of_text(&text_of(&path)?);
        let round = |x: f32| (f64::from(x) * 1000.0).round() / 1000.0;
        let scores: Map<String, Value> =
            PageType::ALL.iter().zip(v.scores).map(|(k, s)| (k.to_string(), json!(round(s)))).collect();
        let evidence: Map<String, Value> =
            v.evidence.iter().map(|i| (format!("{}:{}", i.space.name(), i.name), json!(round(i.value)))).collect();
        serde_json::to_writer(
            &mut out,
            &json!({"path": path, "kind": v.kind, "scores": scores, "evidence": evidence}),
        )?;
        writeln!(out)?;
    }
    Ok(())
}

/// The parse and the classifier timed apart, each page classified five times.
fn time(paths: &[String]) -> anyhow::Result<()> {
    let (mut parse, mut classify, mut pages) = (Duration::ZERO, Duration::ZERO, 0u32);
    for path in paths {
        let text = text_of(path)?;
        let started = Instant::now();
        let prepared = prepare::prepare(&text);
        let Some(doc) = newsnorm::html::parse_document(&prepared.html) else { continue };
        let m = meta::read(&doc);
        let ld: Vec<Value> = prepared.ld_json.iter().filter_map(|b| jsonld::parse_block(b)).collect();
        parse += started.elapsed();
        let started = Instant::now();
        for _ in 0..5 {
            std::hint::black_box(kind::classify(&doc, &m, &ld, Some(path)));
        }
        classify += started.elapsed() / 5;
        pages += 1;
    }
    let per = |d: Duration| d.as_secs_f64() * 1e6 / f64::from(pages.max(1));
    println!(
        "{pages} pages: prepare+parse {:.0} µs/page, classifier {:.0} µs/page ({:.1}% of the parse)",
        per(parse),
        per(classify),
        100.0 * classify.as_secs_f64() / parse.as_secs_f64().max(1e-9)
    );
    Ok(())
}
