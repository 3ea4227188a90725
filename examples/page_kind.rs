//! The page kind of each HTML file (`.html` or `.html.gz`) with its scores and evidence,
//! one JSON object per line, for tuning `data/page-kinds.toml`
//! (bench/pagetype.py --evidence reads them):
//!
//! ```sh
//! cargo run --profile tune --example page_kind -- ../shared/wcxb-dev/html/*.gz > evidence.jsonl
//! ```

use std::io::{Read, Write};

use newsnorm::PageType;
use newsnorm::page::kind;
use serde_json::{Map, Value, json};

fn main() -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for path in std::env::args().skip(1) {
        let raw = std::fs::read(&path)?;
        let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
            let mut b = Vec::new();
            flate2::read::MultiGzDecoder::new(raw.as_slice()).read_to_end(&mut b)?;
            b
        } else {
            raw
        };
        let text = newsnorm::decode::decode(&bytes, None).map(|d| d.text.into_owned()).unwrap_or_default();
        let v = kind::of_text(&text);
        let scores: Map<String, Value> = PageType::ALL
            .iter()
            .zip(v.scores)
            .map(|(k, s)| (k.to_string(), json!((s * 100.0).round() / 100.0)))
            .collect();
        let evidence: Map<String, Value> = v
            .evidence
            .iter()
            .map(|i| (format!("{}:{}", i.space.name(), i.name), json!((i.value * 1000.0).round() / 1000.0)))
            .collect();
        serde_json::to_writer(
            &mut out,
            &json!({"path": path, "kind": v.kind, "scores": scores, "evidence": evidence}),
        )?;
        writeln!(out)?;
    }
    Ok(())
}
