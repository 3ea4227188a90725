//! Invariants over every file of ../shared/corpus (skipped, with a note, when absent):
//! exactly one line per input file, every line a record or an error object, clean
//! bodies, and full records for the outlets the seeds come from (CNA, hkcnews).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{assert_clean_body, assert_key_order, corpus, json_lines, newsnorm};
use serde_json::Value;

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            out.push(entry.path().display().to_string());
        }
    }
    out
}

/// Run over the corpus article folders; map source_path -> (record or error object).
fn run_corpus(corpus: &Path) -> (Vec<String>, BTreeMap<String, Value>, String) {
    let dirs = [corpus.join("jekyll"), corpus.join("wayback-md")];
    let mut inputs = Vec::new();
    for d in &dirs {
        inputs.extend(files_under(d));
    }
    let dir = tempfile::tempdir().unwrap();
    let errs = dir.path().join("errors.jsonl");
    let out = newsnorm().arg("--quiet").arg("--errors").arg(&errs).args(&dirs).output().unwrap();
    assert!(out.status.code() == Some(0) || out.status.code() == Some(1), "status {:?}", out.status);
    assert!(out.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    let mut results = BTreeMap::new();
    for v in json_lines(&out.stdout).into_iter().chain(json_lines(&std::fs::read(&errs).unwrap())) {
        let path = v["source_path"].as_str().expect("source_path").to_owned();
        assert!(results.insert(path.clone(), v).is_none(), "{path} has two lines");
    }
    (inputs, results, stdout)
}

/// The article text after the front matter, for telling archive stubs from bugs.
fn source_body(path: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let rest = text.split("\n---\n").nth(1).unwrap_or("");
    rest.lines().filter(|l| !l.starts_with("# ")).collect::<Vec<_>>().join("\n")
}

/// Where the feed mirror's own footers start (a copyright line, a promo): no article
/// text follows.
const FEED_FOOTERS: &[&str] = &["&copy;", "©", "获取更多RSS", "Feed enhanced by"];

/// The epoch comment, the `[title](url)` link line and the `------` rule of a post.
fn is_preamble_line(l: &str) -> bool {
    let rule = l.len() >= 3 && l.chars().all(|c| c == '-');
    l.starts_with("<!--") || l.starts_with('[') || rule
}

/// The visible text of a post: HTML tags, the epoch comment, the `[title](url)` link line
/// and the `------` rule removed, cut at the feed footer. Empty for a post that is only
/// an embedded video.
fn visible_text(path: &str) -> String {
    let body: String =
        source_body(path).lines().map(str::trim).filter(|l| !is_preamble_line(l)).collect::<Vec<_>>().join("\n");
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let cut = FEED_FOOTERS.iter().filter_map(|f| text.find(f)).min().unwrap_or(text.len());
    text.get(..cut).unwrap_or_default().trim().to_owned()
}

fn front_matter_date_is_empty(path: &str) -> bool {
    std::fs::read_to_string(path).unwrap().lines().any(|l| l.trim() == "date: \"\"")
}

#[test]
fn every_corpus_file_gives_exactly_one_line_and_core_outlets_give_full_records() {
    let Some(corpus) = corpus() else { return };
    let (inputs, results, stdout) = run_corpus(&corpus);
    assert!(inputs.len() >= 500, "corpus unexpectedly small: {}", inputs.len());
    let given: Vec<&String> = results.keys().collect();
    let mut want: Vec<&String> = inputs.iter().collect();
    want.sort();
    assert_eq!(given, want, "one line per input file, no more, no less");

    for line in stdout.lines() {
        assert_key_order(line);
    }
    let (mut stubs, mut media_only) = (0, 0);
    for (path, v) in &results {
        if let Some(err) = v.get("error") {
            let kind = err["kind"].as_str().unwrap();
            assert!(err["message"].as_str().unwrap().contains(path.as_str()), "{path}: message names the file");
            // The only accepted failures are archive stubs with no article text and no
            // media at all.
            assert_eq!(kind, "empty_body", "{path}: unexpected error {err}");
            assert!(
                visible_text(path).trim().is_empty(),
                "{path}: has text but gave empty_body: {}",
                visible_text(path)
            );
            stubs += 1;
            continue;
        }
        let body = v["body"].as_str().unwrap();
        if body.is_empty() {
            // A post of pictures or a player only (SPEC v1.2): the contract checker has
            // checked its `media_only` warning.
            media_only += 1;
            continue;
        }
        assert_clean_body(path, body);
        // Feed posts and archive copies are articles (SPEC `page_type`).
        assert_eq!(v["page_type"], "article", "{path}");
        let core = path.contains("/wayback-md/") || path.contains("/jekyll/cna/");
        if core {
            for key in ["title", "url", "publisher", "author"] {
                assert!(v[key].as_str().is_some_and(|s| !s.is_empty()), "{path}: no {key}");
            }
            let date_ok = v["date"].as_str().is_some_and(|s| !s.is_empty());
            let no_date_ok =
                front_matter_date_is_empty(path) && v["warnings"].as_array().unwrap().contains(&Value::from("no_date"));
            assert!(date_ok || no_date_ok, "{path}: no date");
        }
    }
    eprintln!("corpus: {} inputs, {stubs} archive stubs without text, {media_only} media-only posts", inputs.len());
    assert!(stubs <= 10, "too many stubs: {stubs}");
    // The one video-only post of the sample (cdt/23f5b9d91878.md, a YouTube player).
    assert_eq!(media_only, 1, "media-only posts");
}

/// Run over `dir`; every output line (records and error objects) names an input file,
/// each exactly once, and every input file is named.
fn assert_one_line_per_file(dir: &Path) -> (usize, usize) {
    let inputs = files_under(dir);
    let tmp = tempfile::tempdir().unwrap();
    let errs = tmp.path().join("errors.jsonl");
    let out = newsnorm().arg("--quiet").arg("--errors").arg(&errs).arg(dir).output().unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "status {:?}", out.status);
    assert!(out.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let records = json_lines(&out.stdout);
    let errors = json_lines(&std::fs::read(&errs).unwrap());
    assert_eq!(records.len() + errors.len(), inputs.len(), "output lines = input files");
    let mut named: Vec<String> =
        records.iter().chain(&errors).map(|v| v["source_path"].as_str().unwrap().to_owned()).collect();
    named.sort();
    let mut want = inputs.clone();
    want.sort();
    assert_eq!(named, want);
    for e in &errors {
        let kind = e["error"]["kind"].as_str().unwrap();
        assert!(newsnorm::error::KINDS.contains(&kind), "undocumented kind {kind}");
        let path = e["source_path"].as_str().unwrap();
        assert!(e["error"]["message"].as_str().unwrap().contains(path), "message names the file: {e}");
    }
    (records.len(), errors.len())
}

#[test]
fn the_whole_corpus_gives_one_line_per_file() {
    let Some(corpus) = corpus() else { return };
    // Everything in the folder, notes and JSON included.
    let (records, errors) = assert_one_line_per_file(&corpus);
    eprintln!("corpus: {records} records, {errors} errors");
}

/// xorshift64: a fixed-seed generator, so a failure can be replayed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn every_corpus_file_truncated_at_a_random_byte_still_gives_one_line() {
    let Some(corpus) = corpus() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for path in files_under(&corpus) {
        let bytes = std::fs::read(&path).unwrap();
        // Anywhere, mid-character included; 0 (an empty file) too.
        let cut = (rng.next() % (bytes.len() as u64 + 1)) as usize;
        let rel = Path::new(&path).strip_prefix(&corpus).unwrap();
        let dest = tmp.path().join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::write(dest, &bytes[..cut]).unwrap();
    }
    let (records, errors) = assert_one_line_per_file(tmp.path());
    eprintln!("truncated corpus: {records} records, {errors} errors");
    assert!(records > 100, "most truncated articles still give a record: {records}");
}
