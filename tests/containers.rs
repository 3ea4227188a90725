//! Containers through the built binary: gzip-compressed inputs and WARC files.
//!
//! The WARC files are built here, from synthetic records (a request, a 404, a redirect,
//! an image, metadata, a revisit, gzip-encoded, chunked and GBK payloads, a truncated
//! last record) and, when ../shared/html-dev is present, a few of its pages. The HTML
//! payloads may give records or errors depending on the formats the build has (a page
//! in no known format is an `unrecognized_format` error): what is checked is one line
//! per HTML response, in order, with the right `source_path`, url and skip count. The
//! portal-text payloads (served as text/html) always give records, for the url fallback
//! and the charset.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::warc::{http, record, response};
use common::{json_lines, newsnorm, output_bounded, root, write};
use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::Value;

const PORTAL: &str = "samples/002_4144df8498471dcd.txt";
const JEKYLL: &str = "samples/000_50549907408c293c.txt";

fn gz(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(data), &mut out).unwrap();
    out
}

/// What an HTML response of the test WARC must give.
#[derive(Debug, Clone)]
enum Want {
    /// A record with this url (the WARC-Target-URI) and title.
    Record { url: String, title: String },
    /// A record or an error other than `warc_invalid` (an html-dev page).
    Page,
    /// One `warc_invalid` error.
    Damaged,
}

/// The records of the test WARC (each a separate Vec, for per-record gzip), and what
/// each gives (`None`: skipped).
fn test_records() -> Vec<(Vec<u8>, Option<Want>)> {
    let portal = std::fs::read(root().join(PORTAL)).unwrap();
    let portal_text = String::from_utf8(portal.clone()).unwrap();
    let title = portal_text.lines().next().unwrap().trim().to_owned();
    let want = |url: &str| Some(Want::Record { url: url.to_owned(), title: title.clone() });
    let html = "Content-Type: text/html; charset=utf-8\r\n";
    let mut records = vec![
        (record("warcinfo", "", b"software: newsnorm-test\r\nformat: WARC File Format 1.0\r\n"), None),
        (
            record(
                "request",
                "https://www.rti.org.tw/news/view/id/1",
                b"GET /news/view/id/1 HTTP/1.1\r\nHost: www.rti.org.tw\r\n\r\n",
            ),
            None,
        ),
        (
            response("https://www.rti.org.tw/news/view/id/1", html, &portal),
            want("https://www.rti.org.tw/news/view/id/1"),
        ),
        (record("metadata", "https://www.rti.org.tw/news/view/id/1", b"outlinks: none\r\n"), None),
        (
            record(
                "response",
                "https://www.rti.org.tw/missing",
                &http("404 Not Found", html, b"<html>not found</html>"),
            ),
            None,
        ),
        (
            record(
                "response",
                "https://www.rti.org.tw/old",
                &http("301 Moved Permanently", "Location: /news\r\n", b""),
            ),
            None,
        ),
        (
            response(
                "https://www.rti.org.tw/logo.png",
                "Content-Type: image/png\r\n",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            ),
            None,
        ),
        (record("revisit", "https://www.rti.org.tw/news/view/id/1", &http("200 OK", html, b"")), None),
    ];
    // gzip-encoded payload.
    records.push((
        response(
            "https://www.rti.org.tw/news/view/id/2",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &gz(&portal),
        ),
        want("https://www.rti.org.tw/news/view/id/2"),
    ));
    // Chunked payload, in chunks of 100 bytes.
    let mut chunked = Vec::new();
    for chunk in portal.chunks(100) {
        chunked.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        chunked.extend_from_slice(chunk);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    records.push((
        response(
            "https://www.rti.org.tw/news/view/id/3",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
            &chunked,
        ),
        want("https://www.rti.org.tw/news/view/id/3"),
    ));
    // A payload in GBK, declared by the HTTP Content-Type only.
    let (gbk, _, bad) = encoding_rs::GBK.encode(&portal_text);
    assert!(!bad);
    records.push((
        response("https://www.rti.org.tw/news/view/id/4", "Content-Type: text/html; charset=GBK\r\n", &gbk),
        want("https://www.rti.org.tw/news/view/id/4"),
    ));
    // Two small synthetic article pages (records once the build reads HTML pages).
    for i in 0..2 {
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Harbour reopens {i} | Example News</title>\
             <meta property=\"og:title\" content=\"Harbour reopens {i}\"></head><body><nav><a href=\"/\">Home</a></nav>\
             <article><h1>Harbour reopens {i}</h1><p>The harbour reopened on Tuesday after a week of repairs to the \
             sea wall, the port authority said.</p><p>Ferries to the islands run on the winter timetable until \
             March.</p></article><footer>© Example News</footer></body></html>\n"
        );
        records.push((response(&format!("https://news.example/harbour-{i}"), html, page.as_bytes()), Some(Want::Page)));
    }
    // A few html-dev pages.
    let dev = root().join("../shared/html-dev/pages");
    if dev.is_dir() {
        let mut pages: Vec<PathBuf> = std::fs::read_dir(&dev).unwrap().map(|e| e.unwrap().path()).collect();
        pages.sort();
        for (i, page) in pages.iter().take(3).enumerate() {
            let body = gunzip(&std::fs::read(page).unwrap());
            records.push((response(&format!("https://dev.example/{i}"), html, &body), Some(Want::Page)));
        }
    } else {
        eprintln!("SKIPPED: {} is absent; the test WARC has only synthetic pages", dev.display());
    }
    records.push((record("request", "https://www.rti.org.tw/news/view/id/5", b"GET / HTTP/1.1\r\n\r\n"), None));
    // The last record is cut short.
    let last = response("https://www.rti.org.tw/news/view/id/5", html, &portal);
    records.push((last[..last.len() / 2].to_vec(), Some(Want::Damaged)));
    records
}

fn offsets(parts: &[Vec<u8>]) -> Vec<u64> {
    parts
        .iter()
        .scan(0u64, |at, p| {
            let here = *at;
            *at += p.len() as u64;
            Some(here)
        })
        .collect()
}

/// The three layouts of one WARC, and the offset of every record in each.
fn layouts(records: &[(Vec<u8>, Option<Want>)]) -> Vec<(&'static str, Vec<u8>, Vec<u64>)> {
    let mut out = Vec::new();
    let plain: Vec<Vec<u8>> = records.iter().map(|(r, _)| r.clone()).collect();
    out.push(("plain.warc", plain.concat(), offsets(&plain)));
    // Per-record gzip: the offset of each member. The truncated record is cut in its member.
    let mut members: Vec<Vec<u8>> = plain.iter().map(|r| gz(r)).collect();
    if let Some(last) = members.last_mut() {
        let keep = last.len() / 2;
        last.truncate(keep);
    }
    out.push(("per-record.warc.gz", members.concat(), offsets(&members)));
    // Whole-file gzip: offsets in the decompressed stream.
    out.push(("whole.warc.gz", gz(&plain.concat()), offsets(&plain)));
    out
}

/// Every line of a run keyed by source_path: (stream, the line).
type ByPath = BTreeMap<String, (&'static str, Value)>;

/// The lines of a run by source_path, and the paths of stdout and of stderr in order.
fn lines_by_path(out: &std::process::Output) -> (ByPath, Vec<String>, Vec<String>) {
    let mut map = BTreeMap::new();
    let (mut rec_order, mut err_order) = (Vec::new(), Vec::new());
    for (stream, bytes) in [("out", &out.stdout), ("err", &out.stderr)] {
        for line in json_lines(bytes) {
            let path = line["source_path"].as_str().expect("source_path").to_owned();
            if stream == "out" {
                rec_order.push(path.clone())
            } else {
                err_order.push(path.clone())
            }
            assert!(map.insert(path.clone(), (stream, line)).is_none(), "two lines for {path}");
        }
    }
    (map, rec_order, err_order)
}

#[test]
fn a_warc_gives_one_line_per_html_response_in_order() {
    let records = test_records();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("crawl");
    let layouts = layouts(&records);
    for (name, bytes, _) in &layouts {
        write(&folder.join(name), bytes);
    }
    // A plain page next to them, so the walk mixes containers and files.
    write(&folder.join("zz-plain.txt"), &std::fs::read(root().join(PORTAL)).unwrap());

    // Found by walking the folder; two workers.
    let out = newsnorm().args(["--quiet", "-j", "2"]).arg(&folder).output().unwrap();
    let (map, rec_order, err_order) = lines_by_path(&out);
    let mut expected = Vec::new();
    let mut names: Vec<_> = layouts.iter().map(|(n, _, o)| (*n, o)).collect();
    names.sort();
    for (name, offsets) in names {
        for ((_, want), offset) in records.iter().zip(offsets.iter()) {
            if let Some(want) = want {
                expected.push((format!("{}#{offset}", folder.join(name).display()), want.clone()));
            }
        }
    }
    let plain = folder.join("zz-plain.txt").display().to_string();
    assert_eq!(map.len(), expected.len() + 1, "one line per HTML response and the plain file: {map:#?}");
    assert_eq!(map.get(&plain).map(|l| l.0), Some("out"));
    let order: Vec<&String> = expected.iter().map(|(p, _)| p).collect();
    let rank = |p: &String| order.iter().position(|q| *q == p).unwrap_or(usize::MAX);
    for stream_order in [&rec_order, &err_order] {
        let ranks: Vec<usize> = stream_order.iter().filter(|p| **p != plain).map(rank).collect();
        assert!(ranks.windows(2).all(|w| w[0] < w[1]), "lines out of input order: {stream_order:?}");
    }
    for (path, want) in &expected {
        let (stream, line) = map.get(path).unwrap_or_else(|| panic!("no line for {path}"));
        match want {
            Want::Record { url, title } => {
                assert_eq!(*stream, "out", "{path}: {line}");
                assert_eq!(line["url"].as_str(), Some(url.as_str()), "{path}: url from WARC-Target-URI");
                assert_eq!(line["title"].as_str(), Some(title.as_str()), "{path}: decoded payload");
                assert_eq!(line["format"], "portal-text");
            }
            Want::Page => {
                if *stream == "err" {
                    assert_ne!(line["error"]["kind"], "warc_invalid", "{path}: {line}");
                }
            }
            Want::Damaged => {
                assert_eq!(*stream, "err", "{path}: {line}");
                assert_eq!(line["error"]["kind"], "warc_invalid", "{path}: {line}");
                let msg = line["error"]["message"].as_str().unwrap();
                assert!(msg.starts_with(path.as_str()) && msg.contains("cut short"), "{msg}");
            }
        }
    }
    assert_eq!(out.status.code(), Some(1), "the truncated record is an error");

    // The skip count, for library callers: 8 records of each file are not inputs.
    let inputs = newsnorm::input::Inputs::new([folder.clone()]);
    let skipped = inputs.skipped();
    assert_eq!(inputs.count(), expected.len() + 1);
    let per_file = records.iter().filter(|(_, w)| w.is_none()).count() as u64;
    assert_eq!(per_file, 8);
    assert_eq!(skipped.get(), 3 * per_file);

    // And in the summary line, on a terminal.
    let bin = env!("CARGO_BIN_EXE_newsnorm");
    let probe = Command::new("script").args(["-q", "-e", "-c", "true", "/dev/null"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED: util-linux `script` is not available; summary line not checked");
        return;
    }
    let plain_warc = folder.join("plain.warc");
    let screen = output_bounded(Command::new("script").args([
        "-q",
        "-e",
        "-c",
        &format!("{bin} '{}' > /dev/null", plain_warc.display()),
        "/dev/null",
    ]));
    let screen = String::from_utf8_lossy(&screen.stdout).into_owned();
    let records_n = records.iter().filter(|(_, w)| matches!(w, Some(Want::Record { .. }))).count();
    let pages_n = records.iter().filter(|(_, w)| matches!(w, Some(Want::Page))).count();
    let summary = regex::Regex::new(r"newsnorm: (\d+) records?, (\d+) errors?, 8 WARC records skipped").unwrap();
    let caps = summary.captures(&screen).unwrap_or_else(|| panic!("no summary with the skip count: {screen:?}"));
    let (r, e): (usize, usize) = (caps[1].parse().unwrap(), caps[2].parse().unwrap());
    assert_eq!(r + e, records_n + pages_n + 1);
    assert!(r >= records_n && e >= 1);
}

/// Run `newsnorm --quiet -j 2 DIR`: every line keyed by the file name with `.gz`
/// removed, with the path taken out (so plain and gzipped copies compare equal).
fn outcomes(dir: &Path) -> BTreeMap<String, Value> {
    let out = newsnorm().args(["--quiet", "-j", "2"]).arg(dir).output().unwrap();
    let prefix = format!("{}/", dir.display());
    let mut map = BTreeMap::new();
    for mut line in json_lines(&out.stdout).into_iter().chain(json_lines(&out.stderr)) {
        let path = line["source_path"].as_str().unwrap().to_owned();
        let name = path.strip_prefix(&prefix).unwrap_or(&path).trim_end_matches(".gz").to_owned();
        line["source_path"] = Value::Null;
        if let Some(msg) = line["error"]["message"].as_str() {
            let msg = msg.replacen(&path, "PATH", 1);
            line["error"]["message"] = Value::String(msg);
        }
        assert!(map.insert(name.clone(), line).is_none(), "two lines for {name}");
    }
    map
}

#[test]
fn gzipped_inputs_give_the_same_outcome_as_plain() {
    let dir = tempfile::tempdir().unwrap();
    let (plain, zipped) = (dir.path().join("plain"), dir.path().join("zipped"));
    let mut n = 0;
    for entry in std::fs::read_dir(root().join("samples")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let bytes = std::fs::read(&path).unwrap();
        write(&plain.join(&name), &bytes);
        write(&zipped.join(format!("{name}.gz")), &gz(&bytes));
        n += 1;
    }
    let dev = root().join("../shared/html-dev/pages");
    if dev.is_dir() {
        for entry in std::fs::read_dir(&dev).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            let bytes = std::fs::read(&path).unwrap();
            write(&plain.join(name.trim_end_matches(".gz")), &gunzip(&bytes));
            write(&zipped.join(&name), &bytes);
            n += 1;
        }
    } else {
        eprintln!("SKIPPED: {} is absent; only the samples are compared gzipped", dev.display());
    }
    let (a, b) = (outcomes(&plain), outcomes(&zipped));
    assert_eq!(a.len(), n);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, line) in &a {
        assert_eq!(Some(line), b.get(name), "{name}: gzipped gives another outcome");
    }
    let records = a.values().filter(|l| l.get("error").is_none()).count();
    assert!(records >= 5, "the samples give records");

    // A gzip stream on stdin too; source_path stays `-`.
    let seed = std::fs::read(root().join(JEKYLL)).unwrap();
    let plain_out = newsnorm().arg("-").write_stdin(seed.clone()).output().unwrap();
    let gz_out = newsnorm().arg("-").write_stdin(gz(&seed)).output().unwrap();
    assert!(plain_out.status.success() && gz_out.status.success());
    assert_eq!(plain_out.stdout, gz_out.stdout);
}

/// A gzip file that decompresses to 1 GiB of zeros: one compressed 1 MiB block,
/// repeated as 1024 members (about 1 MB on disk).
fn bomb() -> Vec<u8> {
    let member = gz(&vec![0u8; 1 << 20]);
    member.repeat(1024)
}

#[test]
fn a_compression_bomb_stops_with_too_large_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let bomb_path = dir.path().join("bomb.html.gz");
    let bomb = bomb();
    assert!(bomb.len() < 2 << 20, "{} bytes on disk", bomb.len());
    write(&bomb_path, &bomb);
    // The same inside a WARC, as a Content-Encoding: gzip payload.
    let warc_path = dir.path().join("bomb.warc");
    write(
        &warc_path,
        &response("https://bomb.example/", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", &bomb),
    );

    let start = std::time::Instant::now();
    let time = Path::new("/usr/bin/time");
    let out = if time.exists() {
        output_bounded(
            Command::new(time)
                .args(["-f", "maxrss-kb=%M"])
                .arg(env!("CARGO_BIN_EXE_newsnorm"))
                .arg(&bomb_path)
                .arg(&warc_path),
        )
    } else {
        eprintln!("SKIPPED: /usr/bin/time is absent; the bomb's memory is not measured");
        output_bounded(Command::new(env!("CARGO_BIN_EXE_newsnorm")).arg(&bomb_path).arg(&warc_path))
    };
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let errors: Vec<Value> =
        stderr.lines().filter(|l| l.starts_with('{')).map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(errors.len(), 2, "{stderr}");
    assert_eq!(errors[0]["source_path"], bomb_path.display().to_string());
    assert_eq!(errors[1]["source_path"], format!("{}#0", warc_path.display()));
    for e in &errors {
        assert_eq!(e["error"]["kind"], "too_large", "{e}");
        assert!(e["error"]["message"].as_str().unwrap().contains("64.0 MiB"), "{e}");
    }
    assert!(out.stdout.is_empty());
    assert!(elapsed.as_secs() < 120, "the bomb took {elapsed:?}");
    if let Some(kb) = stderr.lines().find_map(|l| l.strip_prefix("maxrss-kb=")) {
        let kb: u64 = kb.trim().parse().unwrap();
        eprintln!("bomb: peak RSS {} MiB, {elapsed:?}", kb / 1024);
        // The limit (64 MiB) once for the decompressed data, plus the compressed file.
        assert!(kb < 200 * 1024, "peak RSS {kb} KiB: the bomb was not stopped at the limit");
    }
}

#[test]
fn damaged_containers_give_one_clear_error_each() {
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name);
    let seed = std::fs::read(root().join(PORTAL)).unwrap();
    let zipped = gz(&seed);
    // A .gz with its deflate data damaged, one cut short, one that is not gzip at all.
    let mut damaged = zipped.clone();
    let end = damaged.len() - 8;
    for b in &mut damaged[20..end] {
        *b ^= 0x33;
    }
    write(&d("a-damaged.txt.gz"), &damaged);
    write(&d("b-cut.txt.gz"), &zipped[..zipped.len() / 2]);
    write(&d("c-not-gzip.txt.gz"), &seed);
    // A WARC whose first record header is corrupt, then a good record.
    let good = response("https://www.rti.org.tw/news/view/id/9", "Content-Type: text/html\r\n", &seed);
    let mut corrupt = good.clone();
    corrupt[..8].copy_from_slice(b"WARX/9.9");
    write(&d("d-corrupt.warc"), &[corrupt.clone(), good.clone()].concat());
    // A per-record .warc.gz whose second member is damaged, then a good one.
    let mut members = [gz(&good), gz(&good), gz(&good)];
    let m = members[1].len();
    for b in &mut members[1][30..m - 20] {
        *b = b.wrapping_mul(7);
    }
    write(&d("e-member.warc.gz"), &members.concat());
    // A WARC cut inside its only record.
    write(&d("f-truncated.warc"), &good[..good.len() - 100]);

    let out = newsnorm().arg("--quiet").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let (records, errors) = (json_lines(&out.stdout), json_lines(&out.stderr));
    let p = |name: &str| d(name).display().to_string();
    let (l0, l1) = (members[0].len(), members[1].len());
    let rec_paths: Vec<&str> = records.iter().map(|r| r["source_path"].as_str().unwrap()).collect();
    assert_eq!(
        rec_paths,
        [
            format!("{}#{}", p("d-corrupt.warc"), corrupt.len()),
            format!("{}#0", p("e-member.warc.gz")),
            format!("{}#{}", p("e-member.warc.gz"), l0 + l1)
        ]
    );
    for r in &records {
        assert_eq!(r["url"], "https://www.rti.org.tw/news/view/id/9");
    }
    let got: Vec<(String, String, String)> = errors
        .iter()
        .map(|e| {
            (
                e["source_path"].as_str().unwrap().to_owned(),
                e["error"]["kind"].as_str().unwrap().to_owned(),
                e["error"]["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let want = [
        (p("a-damaged.txt.gz"), "decode", "gzip data is damaged"),
        (p("b-cut.txt.gz"), "decode", "gzip data is cut short"),
        (p("c-not-gzip.txt.gz"), "decode", "not gzip"),
        (format!("{}#0", p("d-corrupt.warc")), "warc_invalid", "no `WARC/1.x` version line"),
        (format!("{}#{l0}", p("e-member.warc.gz")), "warc_invalid", "gzip member at byte"),
        (format!("{}#0", p("f-truncated.warc")), "warc_invalid", "cut short"),
    ];
    assert_eq!(got.len(), want.len(), "{got:#?}");
    for ((path, kind, msg), (wpath, wkind, wmsg)) in got.iter().zip(want.iter()) {
        assert_eq!((path, kind.as_str()), (wpath, *wkind), "{msg}");
        assert!(msg.starts_with(path.as_str()) && msg.contains(wmsg), "{path}: {msg:?} should say {wmsg:?}");
    }
}

#[test]
fn detect_names_each_warc_input() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read(root().join(PORTAL)).unwrap();
    let first = record("request", "https://www.rti.org.tw/a", b"GET /a HTTP/1.1\r\n\r\n");
    let second = response("https://www.rti.org.tw/a", "Content-Type: text/html\r\n", &seed);
    let path = dir.path().join("x.warc");
    write(&path, &[first.clone(), second].concat());
    let out = newsnorm().args(["detect"]).arg(&path).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{}#{}\tportal-text\tarticle\n", path.display(), first.len())
    );
}

/// Kills the child (a local web server) when the test ends, however it ends.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A real `wget --warc-file` capture of a small site served on localhost by python3's
/// http.server: its HTML pages are the inputs, at the offsets of their gzip members.
#[test]
fn a_wget_warc_capture() {
    let has = |tool: &str| Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success());
    if !has("wget") || !has("python3") {
        eprintln!("SKIPPED: wget or python3 is absent; the wget --warc-file capture is not tested");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let seed = std::fs::read(root().join(PORTAL)).unwrap();
    write(&site.join("news/a.html"), &seed);
    write(
        &site.join("index.html"),
        b"<!doctype html><html><head><title>Index</title></head><body><a href=\"news/a.html\">a</a> \
          <a href=\"missing.html\">m</a> <img src=\"logo.png\"></body></html>",
    );
    write(&site.join("logo.png"), b"\x89PNG\r\n\x1a\n not really");
    let mut server = KillOnDrop(
        Command::new("python3")
            .args(["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory"])
            .arg(&site)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
    let mut banner = String::new();
    let stdout = server.0.stdout.take().unwrap();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut banner).unwrap();
    let port: u16 = banner
        .split(" port ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {banner:?}"));
    let base = format!("http://127.0.0.1:{port}");
    let warc = dir.path().join("crawl");
    let got = output_bounded(
        Command::new("wget")
            .args(["-q", "--tries=2", "--timeout=20", "--recursive", "--level=1", "-P"])
            .arg(dir.path().join("mirror"))
            .arg(format!("--warc-file={}", warc.display()))
            .arg(format!("{base}/index.html")),
    );
    drop(server);
    assert!(got.status.code().is_some_and(|c| c == 0 || c == 8), "wget failed: {got:?}"); // 8: the 404s
    let warc = dir.path().join("crawl.warc.gz");
    let bytes = std::fs::read(&warc).unwrap();

    let out = newsnorm().arg("--quiet").arg(&warc).output().unwrap();
    let (map, rec_order, err_order) = lines_by_path(&out);
    assert_eq!(map.len(), 2, "the two HTML pages: {map:#?}");
    let offsets: Vec<u64> = map.keys().map(|p| p.rsplit_once('#').unwrap().1.parse().unwrap()).collect();
    let mut uris = Vec::new();
    for offset in &offsets {
        // Each offset is a gzip member holding the response record.
        let member = gunzip_first(&bytes[*offset as usize..]);
        let text = String::from_utf8_lossy(&member);
        assert!(text.starts_with("WARC/1."), "{offset}: {}", &text[..text.len().min(80)]);
        assert!(text.contains("WARC-Type: response"));
        let uri = text.lines().find_map(|l| l.strip_prefix("WARC-Target-URI: ")).unwrap();
        uris.push(uri.trim_matches(['<', '>']).to_owned());
    }
    assert!(uris.contains(&format!("{base}/index.html")) && uris.contains(&format!("{base}/news/a.html")), "{uris:?}");
    let article = map.values().find(|(_, l)| l["url"] == format!("{base}/news/a.html")).expect("the article's record");
    assert_eq!(article.0, "out");
    assert_eq!(article.1["format"], "portal-text");
    assert_eq!(rec_order.len() + err_order.len(), 2);
    let inputs = newsnorm::input::Inputs::new([warc.clone()]);
    let skipped = inputs.skipped();
    assert_eq!(inputs.count(), 2);
    // warcinfo, a request per fetch, robots.txt, missing.html (404s), logo.png,
    // wget's metadata and log resources.
    assert!(skipped.get() >= 8, "{} skipped", skipped.get());
}

/// The first gzip member of `data`, decompressed.
fn gunzip_first(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(data), &mut out).unwrap();
    out
}

/// One record of a 1,000-record WARC declares `Content-Length: 99999999999`: 1,000
/// lines, the damaged record's error among 999 records, in every layout (the old reader
/// lost every record after it). An intact record followed by one stray byte gives its
/// record, then one error for the byte.
#[test]
fn a_huge_content_length_costs_one_record_not_the_rest() {
    let seed = std::fs::read(root().join(PORTAL)).unwrap();
    let records: Vec<Vec<u8>> = (0..1000)
        .map(|i| {
            let r = response(&format!("https://www.rti.org.tw/news/view/id/{i}"), "Content-Type: text/html\r\n", &seed);
            if i != 500 {
                return r;
            }
            let text = String::from_utf8(r).unwrap();
            let at = text.find("Content-Length: ").unwrap() + "Content-Length: ".len();
            let end = at + text[at..].find("\r\n").unwrap();
            format!("{}99999999999{}", &text[..at], &text[end..]).into_bytes()
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let members: Vec<Vec<u8>> = records.iter().map(|r| gz(r)).collect();
    write(&dir.path().join("a.warc"), &records.concat());
    write(&dir.path().join("b.warc.gz"), &gz(&records.concat()));
    write(&dir.path().join("c.warc.gz"), &members.concat());
    for name in ["a.warc", "b.warc.gz", "c.warc.gz"] {
        let out = newsnorm().args(["-q", "--errors", "-"]).arg(dir.path().join(name)).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let lines = json_lines(&out.stdout);
        assert_eq!(lines.len(), 1000, "{name}: one line per record");
        for (i, l) in lines.iter().enumerate() {
            if i == 500 {
                assert_eq!(l["error"]["kind"], "warc_invalid", "{name}");
            } else {
                assert_eq!(l["url"], format!("https://www.rti.org.tw/news/view/id/{i}"), "{name}");
            }
        }
    }
    let (a, b) = (&records[0], &records[1]);
    write(&dir.path().join("d.warc"), &[a.clone(), b"x".to_vec(), b.clone()].concat());
    let out = newsnorm().args(["-q", "--errors", "-"]).arg(dir.path().join("d.warc")).output().unwrap();
    let lines = json_lines(&out.stdout);
    let kinds: Vec<&str> = lines.iter().map(|l| l["error"]["kind"].as_str().unwrap_or("record")).collect();
    assert_eq!(kinds, ["record", "warc_invalid", "record"]);
    assert_eq!(lines[1]["source_path"], format!("{}#{}", dir.path().join("d.warc").display(), a.len()));
}

/// Zero padding after the gzip data (what `gzip -dc` accepts, as tapes and block
/// devices leave it) is no damage: the same record as the plain file.
#[test]
fn a_gzip_file_with_zero_padding_gives_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read(root().join(PORTAL)).unwrap();
    let mut padded = gz(&seed);
    padded.extend_from_slice(&[0; 1024]);
    write(&dir.path().join("page.txt.gz"), &padded);
    let out = newsnorm().arg("-q").arg(dir.path().join("page.txt.gz")).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let plain = newsnorm().arg("-q").arg(PORTAL).output().unwrap();
    let (a, b) = (json_lines(&out.stdout), json_lines(&plain.stdout));
    assert_eq!((a.len(), a[0]["body"].clone()), (1, b[0]["body"].clone()));
}

/// A WARC response declared `charset=GBK` whose payload is valid UTF-8: the bytes win,
/// UTF-8, with warning `encoding_conflict` (it was decoded as GBK: mojibake).
#[test]
fn a_wrong_container_charset_loses_to_valid_utf8() {
    let payload = std::fs::read(root().join(PORTAL)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let warc = response("https://www.rti.org.tw/news/view/id/1", "Content-Type: text/html; charset=GBK\r\n", &payload);
    write(&dir.path().join("a.warc"), &warc);
    let out = newsnorm().arg("-q").arg(dir.path().join("a.warc")).output().unwrap();
    let plain = newsnorm().arg("-q").arg(PORTAL).output().unwrap();
    let (got, want) = (json_lines(&out.stdout), json_lines(&plain.stdout));
    assert_eq!(got.len(), 1, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!((&got[0]["title"], &got[0]["body"]), (&want[0]["title"], &want[0]["body"]));
    assert!(got[0]["warnings"].as_array().unwrap().iter().any(|w| w == "encoding_conflict"), "{}", got[0]);
}
