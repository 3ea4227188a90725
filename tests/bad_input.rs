//! Bad inputs through the built binary: each gives exactly one line (a clear error
//! object of a stable `kind`, or a record when the damage is repairable), and the good
//! inputs of the same run still give their records.
//!
//! Every case runs the bad input between two good seeds: `SEED_A <bad> SEED_B`.

mod common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Output};
use std::time::{Duration, Instant};

use common::{json_lines, newsnorm, output_bounded, root, write};
use serde_json::Value;

const SEED_A: &str = "samples/000_50549907408c293c.txt";
const SEED_B: &str = "samples/002_4144df8498471dcd.txt";

/// "Does not hang" bound for the big inputs, in a debug build on a busy machine.
const NO_HANG: Duration = Duration::from_secs(60);

/// What a run printed.
struct Run {
    code: Option<i32>,
    records: Vec<Value>,
    errors: Vec<Value>,
}

fn parse(out: &Output) -> Run {
    Run { code: out.status.code(), records: json_lines(&out.stdout), errors: json_lines(&out.stderr) }
}

/// `newsnorm --quiet [extra] SEED_A <bad...> SEED_B`.
fn run_between(bad: &[OsString], extra: &[&str]) -> Run {
    let out =
        newsnorm().arg("--quiet").args(extra).arg(SEED_A).args(bad).arg(SEED_B).timeout(NO_HANG).output().unwrap();
    parse(&out)
}

fn paths(values: &[Value]) -> Vec<&str> {
    values.iter().map(|v| v["source_path"].as_str().expect("source_path")).collect()
}

/// The run gave the two seeds' records and one error of `kind` for `bad`, whose
/// message names it; exit status 1. Returns the error's message.
fn assert_one_error(run: &Run, bad: &str, kind: &str) -> String {
    assert_eq!(paths(&run.records), vec![SEED_A, SEED_B], "the good inputs still give their records");
    assert_eq!(run.records[0]["format"], "jekyll");
    assert_eq!(run.records[1]["format"], "portal-text");
    assert_eq!(run.errors.len(), 1, "exactly one error line: {:?}", run.errors);
    let err = &run.errors[0];
    assert_eq!(err["source_path"], bad);
    assert_eq!(err["error"]["kind"], kind, "{err}");
    let message = err["error"]["message"].as_str().expect("message").to_owned();
    assert!(message.contains(bad), "the message names the file: {message}");
    assert!(message.len() > bad.len() + 4, "the message says what is wrong: {message}");
    assert_eq!(run.code, Some(1), "some input failed: exit 1");
    message
}

/// A bad file in a temporary directory, run between the seeds.
fn bad_file(name: &str, bytes: &[u8], kind: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    write(&path, bytes);
    let run = run_between(&[path.clone().into()], &[]);
    assert_one_error(&run, &path.display().to_string(), kind)
}

/// The run gave three records (seed, repaired input, seed), exit 0, nothing on stderr.
fn assert_three_records(run: &Run, middle: &str) -> Value {
    assert!(run.errors.is_empty(), "no error: {:?}", run.errors);
    assert_eq!(paths(&run.records), vec![SEED_A, middle, SEED_B]);
    assert_eq!(run.code, Some(0));
    run.records[1].clone()
}

fn seed_record(seed: &str) -> Value {
    let out = newsnorm().args(["--quiet", seed]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    json_lines(&out.stdout).remove(0)
}

/// A Jekyll post of an unknown feed whose HTML is `html`.
fn jekyll_post(html: &str) -> String {
    format!(
        "---\nlayout: post\ntitle: \"Big\"\ndate: 2021-04-23T23:34:02.000Z\nauthor: Some Feed\nfrom: https://example.org/big\n---\n<!--1619220842000-->\n[Big](https://example.org/big)\n------\n{html}\n"
    )
}

#[test]
fn empty_file() {
    let msg = bad_file("empty.txt", b"", "empty");
    assert!(msg.contains("0 bytes"), "{msg}");
}

#[test]
fn whitespace_only() {
    let msg = bad_file("blank.txt", b" \n\t\r\n  \n", "empty");
    assert!(msg.contains("whitespace"), "{msg}");
    // A BOM and line breaks are no text either.
    bad_file("bom.txt", b"\xEF\xBB\xBF\r\n\r\n", "empty");
}

#[test]
fn binary_file() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\x5c\x72\xa8\x66";
    let msg = bad_file("picture.png", png, "binary");
    assert!(msg.contains("NUL byte at offset 8"), "{msg}");
}

#[test]
fn zero_filled_tail_is_damage_not_binary() {
    // What a crash during writing leaves: the article, then a block of NUL bytes.
    let mut bytes = std::fs::read(root().join(SEED_A)).unwrap();
    bytes.extend_from_slice(&[0; 4096]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crashed.txt");
    write(&path, &bytes);
    let shown = path.display().to_string();
    let record = assert_three_records(&run_between(&[path.into()], &[]), &shown);
    assert_eq!(record["warnings"], serde_json::json!(["invalid_bytes_replaced"]));
    assert_eq!(record["body"], seed_record(SEED_A)["body"]);
    // A file that is nothing but NUL bytes.
    let msg = bad_file("zeros.txt", &[0; 4096], "empty");
    assert!(msg.contains("NUL"), "{msg}");
}

#[test]
fn front_matter_never_closed() {
    let text = "---\nlayout: post\ntitle: \"T\"\nfrom: https://example.org/a\n\n<p>Text.</p>\n";
    let msg = bad_file("unclosed.md", text.as_bytes(), "front_matter_unclosed");
    assert!(msg.contains("never closed"), "{msg}");
    // Without the keys that make it a Jekyll post: still the front matter's fault.
    bad_file("unclosed2.md", b"---\ntitle: x\n\nText.\n", "front_matter_unclosed");
}

#[test]
fn front_matter_not_a_mapping() {
    let msg = bad_file("list.md", b"---\n- a\n- b\n---\n\nText.\n", "front_matter_invalid");
    assert!(msg.contains("a list"), "{msg}");
    bad_file("scalar.md", b"---\njust some words\n---\n\nText.\n", "front_matter_invalid");
    // A forced format says the same.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("forced.md");
    write(&path, b"---\n- a\n- b\n---\n<p>Text.</p>\n");
    let out = newsnorm().args(["--quiet", "--format", "jekyll"]).arg(&path).output().unwrap();
    let run = parse(&out);
    assert_eq!(run.errors[0]["error"]["kind"], "front_matter_invalid");
    assert_eq!(run.code, Some(1));
}

#[test]
fn jekyll_post_without_body() {
    let text = jekyll_post("");
    let msg = bad_file("nobody.md", text.as_bytes(), "empty_body");
    assert!(msg.contains("no article body"), "{msg}");
    // Only boilerplate and markup left is no body either.
    let text = jekyll_post(
        "<div><script>var x;</script><br><div>获取更多RSS：<br><a href=\"https://feedx.net\">https://feedx.net</a></div></div>",
    );
    bad_file("boilerplate.md", text.as_bytes(), "empty_body");
}

#[test]
fn portal_dump_without_dateline() {
    let text = "布林肯會王毅\n\n布林肯今天在北京會見王毅。\n\n原始連結\n\n更多中央廣播電臺新聞\n別的標題\n\n熱門文章\n\n82\n分享\n";
    let msg = bad_file("nodate.txt", text.as_bytes(), "missing_part");
    assert!(msg.contains("YYYY-MM-DD"), "{msg}");
}

#[test]
fn unknown_format() {
    let msg = bad_file("notes.txt", "shopping list: eggs, milk\n買菜\n".as_bytes(), "unrecognized_format");
    assert!(msg.contains("jekyll, portal-text, wayback-markdown"), "{msg}");
}

/// The uid of this process, from the owner of a file it creates.
#[cfg(unix)]
fn my_uid(dir: &Path) -> u32 {
    use std::os::unix::fs::MetadataExt;
    let probe = dir.join("uid-probe");
    write(&probe, b"");
    std::fs::metadata(&probe).unwrap().uid()
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let locked = dir.path().join("locked.txt");
    write(&locked, &std::fs::read(root().join(SEED_A)).unwrap());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let bad = locked.display().to_string();
    let bin = assert_cmd::cargo::cargo_bin("newsnorm");

    let mut cmd = if my_uid(dir.path()) == 0 {
        // Root reads anything: drop to nobody for this run (the seeds are world-readable).
        let works = StdCommand::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&bin)
            .arg("--version")
            .current_dir(root())
            .output()
            .is_ok_and(|o| o.status.success());
        if !works {
            common::skip(
                "running as root and `setpriv` cannot drop privileges here, so the unreadable-file test did not run",
            );
            return;
        }
        let mut cmd = StdCommand::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).arg(&bin);
        cmd
    } else {
        StdCommand::new(&bin)
    };
    let out = output_bounded(cmd.current_dir(root()).args(["--quiet", SEED_A, &bad, SEED_B]));
    let msg = assert_one_error(&parse(&out), &bad, "permission_denied");
    assert!(msg.contains("permission denied"), "{msg}");
}

#[test]
fn path_that_does_not_exist() {
    let run = run_between(&["no/such/article.md".into()], &[]);
    assert_one_error(&run, "no/such/article.md", "not_found");
}

#[cfg(unix)]
#[test]
fn directory_symlink_loop() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    std::fs::copy(root().join(SEED_B), {
        std::fs::create_dir_all(tree.join("sub")).unwrap();
        tree.join("a.txt")
    })
    .unwrap();
    // tree/sub/back -> tree: walking tree would go round for ever.
    std::os::unix::fs::symlink("..", tree.join("sub/back")).unwrap();
    let run = run_between(&[tree.clone().into()], &[]);
    let inside = tree.join("a.txt").display().to_string();
    assert_eq!(paths(&run.records), vec![SEED_A, &inside, SEED_B]);
    assert_eq!(run.errors.len(), 1, "{:?}", run.errors);
    let looped = tree.join("sub/back").display().to_string();
    assert_eq!(run.errors[0]["source_path"], looped.as_str());
    assert_eq!(run.errors[0]["error"]["kind"], "symlink_loop");
    let msg = run.errors[0]["error"]["message"].as_str().unwrap();
    assert!(msg.contains(&looped) && msg.contains("leads back to"), "{msg}");
    assert_eq!(run.code, Some(1));

    // A symlink to itself, named directly.
    let selfish = dir.path().join("selfish.md");
    std::os::unix::fs::symlink(&selfish, &selfish).unwrap();
    let run = run_between(&[selfish.clone().into()], &[]);
    assert_one_error(&run, &selfish.display().to_string(), "symlink_loop");
}

#[test]
fn file_over_max_size() {
    // With a small limit: the seeds are 4.6 KB and 5.2 KB.
    let mut big = std::fs::read(root().join(SEED_A)).unwrap();
    big.resize(20_000, b'\n');
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.md");
    write(&path, &big);
    let run = run_between(&[path.clone().into()], &["--max-size", "16K"]);
    let msg = assert_one_error(&run, &path.display().to_string(), "too_large");
    assert!(msg.contains("20000 bytes") && msg.contains("16384 bytes"), "{msg}");

    // The default limit (64 MiB), on a sparse file: nothing is read.
    let huge = dir.path().join("huge.md");
    std::fs::File::create(&huge).unwrap().set_len(64 * 1024 * 1024 + 1).unwrap();
    let run = run_between(&[huge.clone().into()], &[]);
    let msg = assert_one_error(&run, &huge.display().to_string(), "too_large");
    assert!(msg.contains("67108865 bytes") && msg.contains("64.0 MiB"), "{msg}");
}

#[test]
fn stdin_over_max_size() {
    let mut big = std::fs::read(root().join(SEED_B)).unwrap();
    big.resize(8192, b'\n');
    let out = newsnorm().args(["--quiet", "--max-size", "4K", "-"]).write_stdin(big).output().unwrap();
    let run = parse(&out);
    assert!(run.records.is_empty());
    assert_eq!(run.errors[0]["error"]["kind"], "too_large");
    let msg = run.errors[0]["error"]["message"].as_str().unwrap();
    assert!(msg.starts_with("-: ") && msg.contains("4096 bytes"), "{msg}");
    assert_eq!(run.code, Some(1));
}

#[test]
fn invalid_utf8_in_the_middle_is_replaced_not_dropped() {
    let good = std::fs::read(root().join(SEED_A)).unwrap();
    let at = good.windows(12).position(|w| w == "白宮今天".as_bytes()).expect("seed text");
    let mut damaged = good[..at].to_vec();
    damaged.extend_from_slice(b"\xFF\xFE\xC3");
    damaged.extend_from_slice(&good[at..]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.txt");
    write(&path, &damaged);
    let shown = path.display().to_string();
    let record = assert_three_records(&run_between(&[path.into()], &[]), &shown);

    let want = seed_record(SEED_A);
    assert_eq!(record["warnings"], serde_json::json!(["invalid_bytes_replaced"]));
    let body = record["body"].as_str().unwrap();
    assert!(body.contains("\u{FFFD}\u{FFFD}\u{FFFD}白宮今天宣布"), "{body}");
    assert_eq!(body.replace('\u{FFFD}', ""), want["body"].as_str().unwrap());
    for key in ["id", "format", "title", "date", "author", "publisher", "url", "images", "tags"] {
        assert_eq!(record[key], want[key], "{key}");
    }
}

#[test]
fn ten_megabyte_line() {
    // A Jekyll post whose HTML is one 10 MB line: 10,000 paragraphs of 1 KB.
    let para = format!("<p>{}</p>", "長文 word &amp; ".repeat(64));
    let html = format!("<div>{}<p>THE END</p></div>", para.repeat(10_000));
    assert!(html.len() > 10_000_000 && !html.contains('\n'));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.md");
    write(&path, jekyll_post(&html).as_bytes());
    let shown = path.display().to_string();
    let started = Instant::now();
    let run = run_between(&[path.into()], &[]);
    eprintln!("10 MB line: {:?}", started.elapsed());
    let record = assert_three_records(&run, &shown);
    let body = record["body"].as_str().unwrap();
    assert_eq!(body.split("\n\n").count(), 10_001);
    assert!(body.ends_with("\n\nTHE END"));
    assert!(body.starts_with("長文 word & 長文"));
}

#[test]
fn hundred_thousand_nested_divs() {
    let html = format!("<p>Intro.</p>{}Deep text.{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.md");
    write(&path, jekyll_post(&html).as_bytes());
    // Never closed, too.
    let open = dir.path().join("open.md");
    write(&open, jekyll_post(&format!("<p>Intro.</p>{}Deep text.", "<div>".repeat(100_000))).as_bytes());
    for path in [path, open] {
        let shown = path.display().to_string();
        let started = Instant::now();
        let run = run_between(&[path.into()], &[]);
        let took = started.elapsed();
        assert!(took < Duration::from_secs(20), "100k nested divs took {took:?}");
        let record = assert_three_records(&run, &shown);
        assert_eq!(record["body"], "Intro.\n\nDeep text.");
    }
}
#[test]
fn pathological_markup_does_not_hang() {
    // Each once quadratic: start tags never closed by `>`, scripts never closed, one
    // tag with 100k attributes.
    let cases = [
        ("unclosed-tags.md", jekyll_post(&format!("<p>Intro.</p>{}", "<a ".repeat(100_000)))),
        ("unclosed-scripts.md", jekyll_post(&format!("<p>Intro.</p>{}", "<script>".repeat(50_000)))),
        (
            "attributes.md",
            jekyll_post(&format!(
                "<p>Intro.</p><p {}>x</p>",
                (0..100_000).map(|i| format!("a{i}")).collect::<Vec<_>>().join(" ")
            )),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut args: Vec<OsString> = Vec::new();
    let mut names: Vec<PathBuf> = Vec::new();
    for (name, text) in &cases {
        let path = dir.path().join(name);
        write(&path, text.as_bytes());
        args.push(path.clone().into());
        names.push(path);
    }
    let started = Instant::now();
    let run = run_between(&args, &[]);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(20), "pathological markup took {took:?}");
    assert!(run.errors.is_empty(), "{:?}", run.errors);
    assert_eq!(run.records.len(), 2 + cases.len());
    for (record, path) in run.records[1..].iter().zip(&names) {
        assert_eq!(record["source_path"], path.display().to_string().as_str());
        assert!(record["body"].as_str().unwrap().starts_with("Intro."), "{record}");
    }
}

/// A page of `n` tiny inline elements in one article.
fn page_of_tiny_elements(n: usize) -> String {
    format!(
        "<!doctype html><html><head><title>t</title></head><body><article>{}</article></body></html>",
        "<i>a</i> ".repeat(n)
    )
}

/// The tree of an input is bounded with `--max-size`: one element per 128 bytes of it,
/// at least 65,536. A page over the budget is `too_large` at once; one under it is read.
#[test]
fn more_elements_than_the_budget_is_too_large() {
    let dir = tempfile::tempdir().unwrap();
    let over = dir.path().join("over.html");
    write(&over, page_of_tiny_elements(70_000).as_bytes());
    let run = run_between(&[over.clone().into()], &["--max-size", "1M"]);
    let msg = assert_one_error(&run, &over.display().to_string(), "too_large");
    assert!(msg.contains("70005 HTML elements") && msg.contains("limit of 65536"), "{msg}");

    let under = dir.path().join("under.html");
    write(&under, page_of_tiny_elements(60_000).as_bytes());
    let shown = under.display().to_string();
    let record = assert_three_records(&run_between(&[under.into()], &["--max-size", "1M"]), &shown);
    assert!(record["body"].as_str().unwrap().starts_with("a a a"), "{record}");
}

/// A 16 MB page of 1.8 million tiny elements: refused before any tree is built, in
/// bounded time and memory (it took 45 times its size when parsed).
#[test]
fn a_page_of_millions_of_tiny_elements_is_refused_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.html");
    write(&path, page_of_tiny_elements(1_800_000).as_bytes());
    let time = Path::new("/usr/bin/time");
    let report = dir.path().join("time");
    let mut cmd = if time.exists() {
        let mut c = StdCommand::new(time);
        c.arg("-f").arg("%M").arg("-o").arg(&report).arg(env!("CARGO_BIN_EXE_newsnorm"));
        c
    } else {
        common::skip("GNU time (/usr/bin/time) not installed, so the big page's memory was not measured");
        StdCommand::new(env!("CARGO_BIN_EXE_newsnorm"))
    };
    let child = cmd
        .args(["--quiet"])
        .arg(&path)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let out = common::wait_bounded(child);
    let took = started.elapsed();
    assert!(took < NO_HANG, "took {took:?}");
    let run = parse(&out);
    assert!(run.records.is_empty());
    assert_eq!(run.errors.len(), 1, "{:?}", run.errors);
    assert_eq!(run.errors[0]["error"]["kind"], "too_large");
    if time.exists() {
        let kib: u64 = std::fs::read_to_string(&report).unwrap().trim().lines().last().unwrap().trim().parse().unwrap();
        common::tell(&format!("peak RSS on a 16 MB page of 1.8 million elements: {kib} KiB"));
        assert!(kib < 160 * 1024, "peak RSS {kib} KiB");
    }
}
