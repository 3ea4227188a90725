//! The document stream (`--stream`): one JSON object per stdin line to one output line,
//! in order, malformed lines as `invalid_stream_line` errors; `--errors -` and
//! `--exit-zero`, which engines that collect stdout only (Spark, Hadoop) need.

mod common;

use std::fmt::Write as _;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use common::{json_lines, newsnorm, root};
use serde_json::{Value, json};

/// A small portal-text document (cheap to process, so the tests can take thousands).
fn portal_doc(i: usize) -> String {
    format!("標題第{i}號\n\nRti 中央廣播電臺 2024-04-26 10:45\n\n第{i}段正文，今天在北京會見。\n\n原始連結\n")
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(root().join("samples").join(name)).expect("sample")
}

/// What line `n` (1-based) of the mixed stream is meant to give.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    /// A record with this `source_path` and this title.
    Record(String, String),
    /// An error of this kind for this `source_path`.
    Error(String, &'static str),
}

/// The malformed lines, each with the `source_path` its error names (`None`: `-:LINE`).
const MALFORMED: &[(&str, Option<&str>)] = &[
    ("this is not JSON", None),
    ("[\"an\", \"array\"]", None),
    ("", None),
    (r#"{"path":"no-content.md"}"#, Some("no-content.md")),
    (r#"{"path":"bad.b64","content_base64":"%%%not base64%%%"}"#, Some("bad.b64")),
    (r#"{"content":"x","format":"docx"}"#, None),
    (r#"{"content":17}"#, None),
    (r#"{"content":"truncated JSON"#, None),
];

/// A stream of `n` lines: text documents, base64 documents (some of them Big5 and a
/// full sample now and then), malformed lines of every sort, and documents that parse
/// as JSON but are not articles; with what each line should give.
fn mixed_stream(n: usize) -> (String, Vec<Expect>) {
    let cna = sample("000_50549907408c293c.txt");
    let cna_text = String::from_utf8(cna.clone()).expect("UTF-8 sample");
    let cna_title = "拜登6月出席G7與美歐峰會 上任後首度出國訪問".to_owned();
    let mut text = String::new();
    let mut expect = Vec::with_capacity(n);
    for i in 0..n {
        let line = i + 1;
        let default_path = format!("-:{line}");
        let (obj, exp) = match i % 10 {
            0..=2 => {
                let obj = json!({ "content": portal_doc(i) });
                (obj.to_string(), Expect::Record(default_path, format!("標題第{i}號")))
            }
            3..=5 => {
                let path = format!("docs/{i}.txt");
                let bytes = if i % 3 == 0 {
                    // Big5: a document the stream can only carry as bytes.
                    encoding_rs::BIG5.encode(&portal_doc(i)).0.into_owned()
                } else {
                    portal_doc(i).into_bytes()
                };
                let obj = json!({ "path": path, "content_base64": BASE64.encode(bytes), "id": i });
                (obj.to_string(), Expect::Record(path, format!("標題第{i}號")))
            }
            6 if i % 100 == 6 => {
                // Now and then a full Jekyll post, alternately as text and as bytes.
                let obj = if i % 200 == 6 {
                    json!({ "content": cna_text })
                } else {
                    json!({ "content_base64": BASE64.encode(&cna) })
                };
                (obj.to_string(), Expect::Record(default_path, cna_title.clone()))
            }
            6 | 7 => {
                let (bad, path) = MALFORMED[(i / 10) % MALFORMED.len()];
                let path = path.map_or(default_path, str::to_owned);
                (bad.to_owned(), Expect::Error(path, "invalid_stream_line"))
            }
            8 => {
                let obj = json!({ "content": format!("just a note, number {i}") });
                (obj.to_string(), Expect::Error(default_path, "unrecognized_format"))
            }
            _ => {
                let obj = json!({ "content": "   \n\t " });
                (obj.to_string(), Expect::Error(default_path, "empty"))
            }
        };
        text.push_str(&obj);
        text.push('\n');
        expect.push(exp);
    }
    (text, expect)
}

fn check_line(n: usize, v: &Value, exp: &Expect) {
    match exp {
        Expect::Record(path, title) => {
            assert_eq!(v["source_path"], path.as_str(), "line {n}: {v}");
            assert_eq!(v["title"], title.as_str(), "line {n}");
        }
        Expect::Error(path, kind) => {
            assert_eq!(v["source_path"], path.as_str(), "line {n}: {v}");
            assert_eq!(v["error"]["kind"], *kind, "line {n}: {v}");
            let message = v["error"]["message"].as_str().expect("message");
            assert!(message.starts_with(&format!("{path}: ")), "line {n}: {message}");
            if *kind == "invalid_stream_line" {
                assert!(message.contains(&format!("stream line {n}: ")), "line {n}: {message}");
            }
        }
    }
}

/// Acceptance: 10,000 lines mixing text documents, base64 documents and malformed
/// lines give 10,000 lines, in order, each the right one; for any `-j`.
#[test]
fn ten_thousand_mixed_lines_give_ten_thousand_lines_in_order() {
    let n = 10_000;
    let (stream, expect) = mixed_stream(n);
    let run = |jobs: &str| {
        newsnorm().args(["--stream", "--errors", "-", "-q", "-j", jobs]).write_stdin(stream.clone()).output().unwrap()
    };
    let out = run("2");
    assert_eq!(out.status.code(), Some(1), "some lines failed: status 1");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), n);
    for (i, (v, exp)) in lines.iter().zip(&expect).enumerate() {
        check_line(i + 1, v, exp);
    }
    let kinds = |k: &str| expect.iter().filter(|e| matches!(e, Expect::Error(_, kind) if *kind == k)).count();
    assert_eq!(kinds("invalid_stream_line"), 1_900);
    assert!(expect.iter().filter(|e| matches!(e, Expect::Record(..))).count() >= 6_000);
    // The same bytes with one worker and with three.
    for jobs in ["1", "3"] {
        assert!(run(jobs).stdout == out.stdout, "-j {jobs} wrote other bytes than -j 2");
    }
}

/// Without `--errors -` the records go to stdout and the error objects to stderr,
/// each in input order; together one line per input line.
#[test]
fn split_streams_keep_one_line_per_input_line() {
    let (stream, expect) = mixed_stream(500);
    let out = newsnorm().args(["--stream", "-j", "2"]).write_stdin(stream).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let (records, errors) = (json_lines(&out.stdout), json_lines(&out.stderr));
    assert_eq!(records.len() + errors.len(), 500);
    let want_records: Vec<_> = expect.iter().filter(|e| matches!(e, Expect::Record(..))).collect();
    let want_errors: Vec<_> = expect.iter().filter(|e| matches!(e, Expect::Error(..))).collect();
    assert_eq!(records.len(), want_records.len());
    for (v, exp) in records.iter().zip(want_records) {
        check_line(0, v, exp);
    }
    for (v, exp) in errors.iter().zip(want_errors) {
        let Expect::Error(path, kind) = exp else { unreachable!() };
        assert_eq!((v["source_path"].as_str(), v["error"]["kind"].as_str()), (Some(path.as_str()), Some(*kind)));
    }
}

/// A document through the stream gives the record it gives as a file, byte for byte
/// (given the same `path`), whether it came as text or as base64.
#[test]
fn a_streamed_document_gives_the_record_of_the_file() {
    let names: Vec<String> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    let paths: Vec<String> = names.iter().map(|n| format!("samples/{n}")).collect();
    let direct = newsnorm().args(&paths).output().unwrap();
    assert!(direct.status.success());
    for as_base64 in [false, true] {
        let mut stream = String::new();
        for p in &paths {
            let bytes = std::fs::read(root().join(p)).unwrap();
            let obj = if as_base64 {
                json!({ "path": p, "content_base64": BASE64.encode(&bytes) })
            } else {
                json!({ "path": p, "content": String::from_utf8(bytes).unwrap() })
            };
            writeln!(stream, "{obj}").unwrap();
        }
        let out = newsnorm().arg("--stream").write_stdin(stream).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout == direct.stdout, "base64 {as_base64}: stream records differ from the files'");
    }
}

/// `url` is the fallback URL of a document that names none; `format` forces a format;
/// keys newsnorm does not know are ignored.
#[test]
fn url_and_format_hints() {
    let doc = portal_doc(1);
    let stream = [
        json!({ "content": doc, "url": "https://www.rti.org.tw/news/view/id/1", "crawl_id": 9 }),
        json!({ "content": doc }),
        json!({ "content": doc, "format": "wayback-markdown" }),
    ]
    .iter()
    .map(|v| format!("{v}\n"))
    .collect::<String>();
    let out = newsnorm().args(["--stream", "--errors", "-"]).write_stdin(stream).output().unwrap();
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["url"], "https://www.rti.org.tw/news/view/id/1");
    assert_eq!(lines[1]["url"], Value::Null);
    assert!(lines[1]["warnings"].as_array().unwrap().iter().any(|w| w == "no_url"));
    // Forced to a format it is not in: that format's error, not a detection.
    assert_eq!(lines[2]["source_path"], "-:3");
    assert!(lines[2]["error"]["kind"].is_string(), "{}", lines[2]);
}

/// A document over `--max-size` is refused with `invalid_stream_line`; the next line
/// goes on.
#[test]
fn max_size_applies_to_each_document() {
    let stream = format!("{}\n{}\n", json!({ "content": "x".repeat(5000) }), json!({ "content": portal_doc(2) }));
    let out = newsnorm().args(["--stream", "--errors", "-", "--max-size", "4K"]).write_stdin(stream).output().unwrap();
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["error"]["kind"], "invalid_stream_line");
    let message = lines[0]["error"]["message"].as_str().unwrap();
    assert!(message.contains("5000 bytes, over the --max-size limit of 4096 bytes"), "{message}");
    assert_eq!(lines[1]["title"], "標題第2號");

    // The same for base64, whose size is told before it is decoded: exactly at the limit
    // is fine (whatever else the document is), one byte over is not.
    for (len, refused) in [(4096, false), (4097, true), (4098, true), (5000, true), (4095, false)] {
        let doc = json!({ "content_base64": BASE64.encode(vec![b'x'; len]) });
        let out = newsnorm()
            .args(["--stream", "--errors", "-", "--max-size", "4K"])
            .write_stdin(format!("{doc}\n"))
            .output()
            .unwrap();
        let line = &json_lines(&out.stdout)[0];
        let message = line["error"]["message"].as_str().unwrap_or_default();
        assert_eq!(message.contains(&format!("{len} bytes, over the --max-size limit")), refused, "{len}: {line}");
    }
}

/// `detect` reads the stream too: `path<TAB>format` per line.
#[test]
fn detect_reads_the_stream() {
    let stream = format!("{}\nnope\n", json!({ "path": "a.txt", "content": portal_doc(3) }));
    let out = newsnorm().args(["detect", "--stream"]).write_stdin(stream).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "a.txt\tportal-text\tarticle\n-:2\terror:invalid_stream_line\n");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn stream_takes_no_paths_and_no_list() {
    let out = newsnorm().args(["--stream", "samples"]).write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--stream"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = newsnorm().args(["--stream", "--files-from", "list"]).write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // An empty stream is no input: nothing written, status 0.
    let out = newsnorm().arg("--stream").write_stdin("").output().unwrap();
    assert!(out.status.success() && out.stdout.is_empty() && out.stderr.is_empty());
}

/// Memory does not grow with the stream: the peak RSS (GNU time) of 20,000 lines of
/// 4 KB documents (80 MB) is that of 2,000 (8 MB), give or take a few MiB. (The
/// release binary over 2,000 to 200,000 lines of real documents: `bench/stream-rss.sh`.)
#[test]
fn memory_stays_flat_however_long_the_stream() {
    let time = std::path::Path::new("/usr/bin/time");
    if !time.exists() {
        common::skip("GNU time (/usr/bin/time) not installed, so the stream's memory was not measured");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let line = format!("{}\n", json!({ "content": "x".repeat(4000) }));
    let peak = |n: usize| -> u64 {
        let input = dir.path().join(format!("{n}.jsonl"));
        std::fs::write(&input, line.repeat(n)).unwrap();
        let report = dir.path().join(format!("{n}.time"));
        let child = std::process::Command::new(time)
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&report)
            .arg(env!("CARGO_BIN_EXE_newsnorm"))
            .args(["--stream", "-q", "--errors", "-", "--exit-zero", "-j", "2"])
            .stdin(std::fs::File::open(&input).unwrap())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let out = common::wait_bounded(child);
        assert!(out.status.success());
        assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), n);
        let kib = std::fs::read_to_string(&report).unwrap();
        kib.trim().lines().last().unwrap().trim().parse().unwrap()
    };
    let (small, large) = (peak(2_000), peak(20_000));
    common::tell(&format!("peak RSS of --stream: {small} KiB for 2,000 lines, {large} KiB for 20,000"));
    assert!(large < small + 4 * 1024, "peak RSS grew from {small} KiB to {large} KiB");
}
