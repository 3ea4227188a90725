//! The seeds in other encodings: converted here (encoding_rs for Big5 and GB18030, the
//! standard library for UTF-16 with a BOM), each must give the record of the UTF-8 seed,
//! except `source_path` and, where the encoding was guessed, an `encoding_guessed`
//! warning. A combination is skipped only when the seed's text is not representable
//! (the encoder reports unmappable characters).

mod common;

use std::path::{Path, PathBuf};

use common::{json_lines, newsnorm, root};
use encoding_rs::{BIG5, Encoding, GB18030};
use serde_json::Value;

const SEEDS: &[&str] = &[
    "000_50549907408c293c.txt",
    "001_0449b5c089946648.txt",
    "002_4144df8498471dcd.txt",
    "003_19a37a5063008632.txt",
    "004_bbaef8e750e56c0e.txt",
];

#[derive(Clone, Copy, Debug)]
enum Target {
    Legacy(&'static Encoding),
    Utf16Le,
    Utf16Be,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Legacy(e) => e.name(),
            Target::Utf16Le => "UTF-16LE",
            Target::Utf16Be => "UTF-16BE",
        }
    }

    /// Without a BOM the encoding is sniffed, so guessed.
    fn guessed(self) -> bool {
        matches!(self, Target::Legacy(_))
    }

    /// The text in this encoding; `None` when it is not representable.
    fn encode(self, text: &str) -> Option<Vec<u8>> {
        match self {
            Target::Legacy(enc) => {
                let (bytes, _, unmappable) = enc.encode(text);
                (!unmappable).then(|| bytes.into_owned())
            }
            Target::Utf16Le => {
                Some([0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect())
            }
            Target::Utf16Be => {
                Some([0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect())
            }
        }
    }
}

const TARGETS: &[Target] = &[Target::Legacy(BIG5), Target::Legacy(GB18030), Target::Utf16Le, Target::Utf16Be];

fn seed_text(seed: &str) -> String {
    std::fs::read_to_string(root().join("samples").join(seed)).unwrap()
}

/// The UTF-8 seeds' records, by seed file name.
fn utf8_records() -> Vec<Value> {
    let out = newsnorm().args(["--quiet", "samples/"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    json_lines(&out.stdout)
}

/// Write every representable (seed, target) pair into `dir`; returns them with paths.
fn convert_all(dir: &Path, targets: &[Target]) -> Vec<(usize, Target, PathBuf)> {
    let mut made = Vec::new();
    for (i, seed) in SEEDS.iter().enumerate() {
        let text = seed_text(seed);
        for &target in targets {
            match target.encode(&text) {
                Some(bytes) => {
                    let path = dir.join(format!("{}.{}", target.name(), seed));
                    std::fs::write(&path, bytes).unwrap();
                    made.push((i, target, path));
                }
                None => common::skip(&format!("{seed} is not representable in {}", target.name())),
            }
        }
    }
    made
}

/// `got` equals `want` except `source_path` and the leading `encoding_guessed`.
fn assert_same_record(got: &Value, want: &Value, guessed: bool, what: &str) {
    let mut want = want.clone();
    want["source_path"] = got["source_path"].clone();
    if guessed {
        let mut warnings = vec![Value::from("encoding_guessed")];
        warnings.extend(want["warnings"].as_array().unwrap().iter().cloned());
        want["warnings"] = Value::from(warnings);
    }
    if *got != want {
        for key in want.as_object().unwrap().keys() {
            assert_eq!(got[key], want[key], "{what}: field {key}");
        }
        panic!("{what}: records differ");
    }
}

fn run(args: &[&str], paths: &[&PathBuf]) -> Vec<Value> {
    let out = newsnorm().arg("--quiet").args(args).args(paths).output().unwrap();
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(0));
    json_lines(&out.stdout)
}

#[test]
fn every_seed_in_every_encoding_gives_the_utf8_record() {
    let want = utf8_records();
    let dir = tempfile::tempdir().unwrap();
    let made = convert_all(dir.path(), TARGETS);
    // The Chinese encodings must cover most seeds, or this test proves little.
    assert!(made.len() >= 2 * SEEDS.len() + 5, "only {} combinations representable", made.len());
    let paths: Vec<&PathBuf> = made.iter().map(|(_, _, p)| p).collect();
    let got = run(&[], &paths);
    assert_eq!(got.len(), made.len());
    for ((seed, target, path), record) in made.iter().zip(&got) {
        assert_eq!(record["source_path"], path.display().to_string().as_str());
        let what = format!("{} in {}", SEEDS[*seed], target.name());
        assert_same_record(record, &want[*seed], target.guessed(), &what);
    }
}

#[test]
fn a_forced_encoding_is_used_and_not_guessed() {
    let want = utf8_records();
    let dir = tempfile::tempdir().unwrap();
    for (label, target) in [("big5", Target::Legacy(BIG5)), ("gbk", Target::Legacy(GB18030))] {
        let made = convert_all(dir.path(), &[target]);
        let paths: Vec<&PathBuf> = made.iter().map(|(_, _, p)| p).collect();
        let got = run(&["--encoding", label], &paths);
        for ((seed, _, _), record) in made.iter().zip(&got) {
            assert_same_record(record, &want[*seed], false, &format!("{} with --encoding {label}", SEEDS[*seed]));
        }
    }
    // A BOM wins over --encoding (as in the WHATWG decode algorithm).
    let made = convert_all(dir.path(), &[Target::Utf16Le, Target::Utf16Be]);
    let paths: Vec<&PathBuf> = made.iter().map(|(_, _, p)| p).collect();
    let got = run(&["--encoding", "big5"], &paths);
    for ((seed, target, _), record) in made.iter().zip(&got) {
        assert_same_record(record, &want[*seed], false, &format!("{} in {} forced big5", SEEDS[*seed], target.name()));
    }
}

#[test]
fn a_wrong_forced_encoding_is_not_silently_accepted() {
    // Big5 bytes read as Shift_JIS: mojibake, but still one line per input and marked
    // where bytes did not decode.
    let dir = tempfile::tempdir().unwrap();
    let made = convert_all(dir.path(), &[Target::Legacy(BIG5)]);
    let paths: Vec<&PathBuf> = made.iter().map(|(_, _, p)| p).collect();
    let out = newsnorm().args(["--quiet", "--encoding", "shift_jis"]).args(&paths).output().unwrap();
    let lines = json_lines(&out.stdout).len() + json_lines(&out.stderr).len();
    assert_eq!(lines, made.len());
    for r in json_lines(&out.stdout) {
        let warnings = r["warnings"].as_array().unwrap();
        assert!(warnings.contains(&Value::from("invalid_bytes_replaced")), "{r}");
    }
}

/// Short and mixed texts, where a byte-frequency guess alone confuses Big5 and GBK.
#[test]
fn short_chinese_documents_are_decoded_right() {
    let cases = [
        ("big5", "標題\n\n中央社 2024-01-02 03:04\n\n總統今天發表談話。\n\n原始連結\n"),
        ("big5", "臺灣\n\n中央社 2024-01-02 03:04\n\n國際新聞。\n\n原始連結\n"),
        ("gbk", "标题\n\n中央社 2024-01-02 03:04\n\n总统今天发表讲话。\n\n原始連結\n"),
        ("gbk", "新闻\n\n中央社 2024-01-02 03:04\n\n国际新闻报道。\n\n原始連結\n"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    let mut want = Vec::new();
    for (i, (label, text)) in cases.iter().enumerate() {
        let enc = Encoding::for_label(label.as_bytes()).unwrap();
        let (bytes, _, unmappable) = enc.encode(text);
        assert!(!unmappable, "{text}");
        let path = dir.path().join(format!("{i}.txt"));
        std::fs::write(&path, &bytes).unwrap();
        paths.push(path.clone());
        std::fs::write(dir.path().join(format!("{i}.utf8")), text).unwrap();
        want.push(dir.path().join(format!("{i}.utf8")));
    }
    let got = run(&[], &paths.iter().collect::<Vec<_>>());
    let utf8 = run(&[], &want.iter().collect::<Vec<_>>());
    for (i, (g, w)) in got.iter().zip(&utf8).enumerate() {
        assert_same_record(g, w, true, &format!("case {i} ({})", cases[i].0));
    }
}
