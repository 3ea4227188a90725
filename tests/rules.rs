//! Outlet rules through the binary: a user rule for an outlet that is not built in (the
//! README's example, 示例日报), one that replaces a built-in rule, the `outlets`
//! subcommands, and every kind of bad rule file (exit 2 before any input is read, with the
//! file, the line and the problem), bounded.

mod common;

use std::path::{Path, PathBuf};

use common::{json_lines, newsnorm};
use serde_json::Value;

/// A portal dump from 中央廣播電臺 (a built-in outlet).
const PORTAL: &str = "布林肯會王毅\n\nRti 中央廣播電臺 2024-04-26 10:45\n\n布林肯今天在北京會見王毅。\n\n原始連結\n";

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

fn one_record(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "status {:?}, stderr {}", out.status, String::from_utf8_lossy(&out.stderr));
    let mut records = json_lines(&out.stdout);
    assert_eq!(records.len(), 1);
    records.remove(0)
}

fn example_rule() -> PathBuf {
    common::root().join("examples/rules/exampledaily.toml")
}

/// A post of 示例日报 as a Jekyll feed mirror has it (shortened): no built-in rule claims
/// its label or its host news.example.org.
const EXAMPLE_POST: &str = r#"---
layout: post
title: "中国低收入人口知多少？"
date: 2020-07-20T19:52:09.000Z
author: 示例日报
from: https://news.example.org/story/001088612
tags: [ 示例日报 ]
categories: [ 示例日报 ]
---
<!--1595274729000-->
[中国低收入人口知多少？](https://news.example.org/story/001088612)
------

<div>
<div class="story-lead">李实、岳希明：按照官方标准，农村绝对贫困人口不足1000万。</div><div class="story-body"><p>中国经济改革开放后高速经济增长带来了收入总量的攀升。</p><p>注：本文仅代表作者个人观点。李实，浙江大学教授。</p><p>本文编辑徐瑾 Jin.Xu@example.org</p></div>
</div>
"#;

/// The README's example of a user rule, for an outlet that is not built in, makes its
/// records better: the publisher, the writers of the lead as authors, no editor's e-mail
/// or disclaimer in the body.
#[test]
fn a_user_rule_teaches_a_new_outlet() {
    let dir = temp();
    let post = write(dir.path(), "post.md", EXAMPLE_POST);
    let rule = example_rule();
    let plain = one_record(&newsnorm().arg(&post).output().unwrap());
    assert_eq!((plain["publisher"].as_str(), plain["author"].as_str()), (Some("示例日报"), Some("示例日报")));
    // The generic credits stage already takes the editor's e-mail line; the disclaimer
    // with the writer's bio is the outlet's to drop.
    assert!(!plain["body"].as_str().unwrap().contains("Jin.Xu@example.org"));
    assert!(plain["body"].as_str().unwrap().contains("本文仅代表作者个人观点"));

    let with = one_record(&newsnorm().arg("--rules").arg(&rule).arg(&post).output().unwrap());
    assert_eq!(with["publisher"], "示例日报");
    assert_eq!(with["author"], "李实、岳希明");
    assert_eq!(
        with["body"],
        "李实、岳希明：按照官方标准，农村绝对贫困人口不足1000万。\n\n中国经济改革开放后高速经济增长带来了收入总量的攀升。"
    );

    // The same through NEWSNORM_RULES, with a folder.
    let rules = temp();
    std::fs::copy(&rule, rules.path().join("exampledaily.toml")).unwrap();
    let r = one_record(&newsnorm().env("NEWSNORM_RULES", rules.path()).arg(&post).output().unwrap());
    assert_eq!(r, with);
}

#[test]
fn a_user_rule_replaces_a_built_in_one() {
    let dir = temp();
    let input = write(dir.path(), "dump.txt", PORTAL);
    let builtin = one_record(&newsnorm().arg(&input).output().unwrap());
    assert_eq!(builtin["publisher"], "中央廣播電臺");
    assert_eq!(builtin["date"], "2024-04-26T10:45:00+08:00");

    let rule = write(
        dir.path(),
        "rti.toml",
        "key = \"rti\"\npublisher = \"Radio Taiwan International\"\nnames = [\"Rti 中央廣播電臺\"]\nhosts = [\"rti.org.tw\"]\nhome_offset = \"+09:00\"\n\n[paragraphs]\ndrop_starting = [\"布林肯今天\"]\n",
    );
    let out = newsnorm().arg("--rules").arg(&rule).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the only paragraph is dropped: empty body");
    let replaced = newsnorm().arg("outlets").arg("--rules").arg(&rule).output().unwrap();
    let listing = String::from_utf8(replaced.stdout).unwrap();
    let line = listing.lines().find(|l| l.starts_with("rti\t")).expect("rti listed");
    assert!(line.contains("Radio Taiwan International") && line.contains("rti.toml"), "{line}");
    let builtin = std::fs::read_dir(common::root().join("rules")).unwrap().count();
    assert_eq!(listing.lines().count(), builtin, "replaced, not added");

    let keep = write(
        dir.path(),
        "rti2.toml",
        &std::fs::read_to_string(&rule).unwrap().replace("[paragraphs]\ndrop_starting = [\"布林肯今天\"]\n", ""),
    );
    let r = one_record(&newsnorm().arg("--rules").arg(&keep).arg(&input).output().unwrap());
    assert_eq!(r["publisher"], "Radio Taiwan International");
    assert_eq!(r["date"], "2024-04-26T10:45:00+09:00");
}

#[test]
fn outlets_lists_checks_and_shows_the_built_in_rules() {
    let out = newsnorm().arg("outlets").output().unwrap();
    assert!(out.status.success());
    let listing = String::from_utf8(out.stdout).unwrap();
    let rules: Vec<PathBuf> = std::fs::read_dir(common::root().join("rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    assert_eq!(listing.lines().count(), rules.len());
    for line in listing.lines() {
        let key = line.split('\t').next().unwrap();
        assert!(line.ends_with(&format!("built-in (rules/{key}.toml)")), "{line}");
    }
    let check = newsnorm().args(["outlets", "check"]).args(&rules).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let report = String::from_utf8(check.stdout).unwrap();
    assert_eq!(
        report.lines().filter(|l| l.contains(": ok: ") && l.contains("replaces the built-in rule")).count(),
        rules.len()
    );
    let check = newsnorm().args(["outlets", "check"]).arg(example_rule()).output().unwrap();
    assert!(String::from_utf8(check.stdout).unwrap().contains("ok: exampledaily (new outlet)"));

    // `show` prints a rule that reads back as the same outlet.
    let dir = temp();
    for key in ["cna", "epochtimes", "dw"] {
        let show = newsnorm().args(["outlets", "show", key]).output().unwrap();
        assert!(show.status.success());
        let text = String::from_utf8(show.stdout).unwrap();
        assert!(text.contains(&format!("key = \"{key}\"")), "{text}");
        let file = write(dir.path(), &format!("{key}.toml"), &text);
        let check = newsnorm().args(["outlets", "check"]).arg(&file).output().unwrap();
        assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    }
    let missing = newsnorm().args(["outlets", "show", "nope"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

/// `outlets check` without a file runs every outlet's examples (the built-in rules carry
/// theirs); a failing example of a user rule is named by file and line, with status 1.
#[test]
fn outlets_check_runs_the_examples() {
    let all = newsnorm().args(["outlets", "check"]).output().unwrap();
    assert!(all.status.success(), "{}", String::from_utf8_lossy(&all.stderr));
    let report = String::from_utf8(all.stdout).unwrap();
    let rules = std::fs::read_dir(common::root().join("rules")).unwrap().count();
    assert_eq!(report.lines().filter(|l| l.contains(": ok: ") && l.contains("(built-in)")).count(), rules, "{report}");
    for line in report.lines() {
        let (pass, of) =
            line.rsplit_once(" example(s) pass").unwrap().0.rsplit_once(", ").unwrap().1.split_once(" of ").unwrap();
        assert!(pass == of && of != "0", "{line}");
    }

    let dir = temp();
    let rule = write(
        dir.path(),
        "ex.toml",
        &format!(
            "{HEAD}\n[paragraphs]\ndrop_equal = [\"广告\"]\n\n[[example]]\nparagraphs = [\"正文。\", \"广告\"]\nexpect.body = [\"正文。\"]\n\n\
             [[example]]\nname = \"a promo\"\nparagraphs = [\"正文。\", \"订阅\"]\nexpect = {{ body = [\"正文。\"] }}\n"
        ),
    );
    let out = newsnorm().args(["outlets", "check"]).arg(&rule).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(": FAILED: x (new outlet)") && stdout.contains("1 of 2 example(s) pass"), "{stdout}");
    let err = String::from_utf8(out.stderr).unwrap();
    let want =
        format!("{}:12: example 2 (a promo): body: expected [\"正文。\"], got [\"正文。\", \"订阅\"]", rule.display());
    assert!(err.contains(&want), "{want}\n{err}");
    assert!(err.contains("1 of 2 example(s) failed"), "{err}");
    // An example without an expectation is a bad rule file.
    let bad = write(dir.path(), "bad.toml", &format!("{HEAD}\n[[example]]\nparagraphs = [\"正文。\"]\n"));
    let out = newsnorm().args(["outlets", "check"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.toml:5: example without expect"));
}

/// Run with `rules` (files written in a temp dir) on a real input: exit 2, nothing on
/// stdout, and a message naming `file` and `line` with `problem` in it.
fn bad(rules: &[(&str, &str)], file: &str, line: usize, problem: &str) {
    let dir = temp();
    let input = write(dir.path(), "dump.txt", PORTAL);
    let mut cmd = newsnorm();
    for (name, text) in rules {
        cmd.arg("--rules").arg(write(dir.path(), name, text));
    }
    let out = cmd.arg(&input).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty(), "no input was read");
    let want = format!("{}:{line}: ", dir.path().join(file).display());
    assert!(err.contains(&want), "{want:?} in {err}");
    assert!(err.contains(problem), "{problem:?} in {err}");
}

const HEAD: &str = "key = \"x\"\npublisher = \"X\"\nhosts = [\"x.example\"]\n";

#[test]
fn unknown_key() {
    bad(
        &[("x.toml", &format!("{HEAD}\n[paragraphs]\ndrop_startin = [\"a\"]\n"))],
        "x.toml",
        6,
        "unknown field `drop_startin`",
    );
}

#[test]
fn wrong_type() {
    bad(&[("x.toml", &format!("{HEAD}names = \"X\"\n"))], "x.toml", 4, "invalid type");
}

#[test]
fn invalid_css_selector() {
    bad(&[("x.toml", &format!("{HEAD}[html]\ndrop = [\".ok\", \"div[\"]\n"))], "x.toml", 5, "invalid CSS selector");
}

#[test]
fn invalid_regex() {
    bad(&[("x.toml", &format!("{HEAD}\n[[byline]]\npattern = '(?P<author>x'\n"))], "x.toml", 6, "invalid regex");
    bad(&[("x.toml", &format!("{HEAD}\n[[byline]]\npattern = 'x'\n"))], "x.toml", 6, "group `(?P<author>");
}

#[test]
fn unknown_action() {
    bad(
        &[("x.toml", &format!("{HEAD}actions = [\"cna_dateline\", \"x_magic\"]\n"))],
        "x.toml",
        4,
        "unknown action \"x_magic\"",
    );
}

#[test]
fn duplicate_user_key() {
    let other = "key = \"x\"\npublisher = \"Y\"\n";
    bad(&[("x.toml", HEAD), ("y.toml", other)], "y.toml", 1, "already defined by");
    // Twice the same built-in key: also a duplicate.
    let rti = "key = \"rti\"\npublisher = \"R\"\n";
    bad(&[("a.toml", rti), ("b.toml", rti)], "b.toml", 1, "already defined by");
}

#[test]
fn host_claimed_by_two_outlets() {
    let claim = "key = \"mirror\"\npublisher = \"M\"\nhosts = [\"m.example\", \"cna.com.tw\"]\n";
    bad(&[("m.toml", claim)], "m.toml", 3, "host \"cna.com.tw\" is claimed by two outlets");
}

#[test]
fn host_paths_are_checked_and_claimed_once() {
    let two = "key = \"a\"\npublisher = \"A\"\nhosts = [\"x.example/zh\"]\n";
    let again = "key = \"b\"\npublisher = \"B\"\nhosts = [\"x.example/zh/\"]\n";
    bad(&[("a.toml", two), ("b.toml", again)], "b.toml", 3, "host \"x.example/zh/\" is claimed by two outlets");
    let spaced = "key = \"c\"\npublisher = \"C\"\nhosts = [\"x.example/a b\"]\n";
    bad(&[("c.toml", spaced)], "c.toml", 3, "optionally with a path");
    let slashes = "key = \"d\"\npublisher = \"D\"\nhosts = [\"x.example//\"]\n";
    bad(&[("d.toml", slashes)], "d.toml", 3, "optionally with a path");
}

#[test]
fn rules_are_read_before_any_input() {
    let dir = temp();
    let rule = write(dir.path(), "x.toml", "key = 1\n");
    // stdin is never read: the run ends before it.
    let out = newsnorm().arg("--rules").arg(&rule).write_stdin("not read").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("x.toml:1: "));
}

#[test]
fn empty_string_that_would_match_everything() {
    bad(
        &[("x.toml", &format!("{HEAD}[paragraphs]\ndrop_starting = [\n  \"a\",\n  \"\",\n]\n"))],
        "x.toml",
        7,
        "empty string",
    );
}

#[test]
fn shown_rules_read_back_as_user_rules_give_the_same_records() {
    let Some(corpus) = common::corpus() else {
        eprintln!("SKIPPED: shown_rules_read_back_as_user_rules_give_the_same_records (no ../shared/corpus)");
        return;
    };
    let listing = String::from_utf8(newsnorm().arg("outlets").output().unwrap().stdout).unwrap();
    let dir = temp();
    for key in listing.lines().filter_map(|l| l.split('\t').next()) {
        let show = newsnorm().args(["outlets", "show", key]).output().unwrap();
        write(dir.path(), &format!("{key}.toml"), &String::from_utf8(show.stdout).unwrap());
    }
    let builtin = newsnorm().args(["-q", "-j2"]).arg(&corpus).output().unwrap();
    let user = newsnorm().args(["-q", "-j2", "--rules"]).arg(dir.path()).arg(&corpus).output().unwrap();
    assert!(!builtin.stdout.is_empty());
    assert!(builtin.stdout == user.stdout, "records differ with the shown rules");
    assert_eq!(builtin.stderr, user.stderr);
    let replaced = newsnorm().arg("outlets").arg("--rules").arg(dir.path()).output().unwrap();
    let replaced = String::from_utf8(replaced.stdout).unwrap();
    assert_eq!(replaced.lines().count(), listing.lines().count());
    assert!(replaced.lines().all(|l| !l.contains("built-in")), "{replaced}");
}

#[test]
fn the_hint_url_finds_the_outlet() {
    let text = "標題\n\n某台 2024-04-26 10:45\n\n正文。\n";
    let hint = newsnorm::Hint { url: Some("https://www.rti.org.tw/news/1".into()), format: None, ..Default::default() };
    let r = newsnorm::process("-", text.as_bytes(), &hint, &newsnorm::Options::default()).unwrap();
    assert_eq!(r.publisher.as_deref(), Some("中央廣播電臺"));
    let r = newsnorm::process_bytes("-", text.as_bytes(), &newsnorm::Options::default()).unwrap();
    assert_eq!(r.publisher.as_deref(), Some("某台"));
}

/// Run `newsnorm --rules RULE` on a dump within `limit`: its exit status and stderr (a
/// run still going at the limit is killed and fails the test).
fn run_rules_within(rule: &Path, limit: std::time::Duration) -> (Option<i32>, String) {
    use std::process::{Command, Stdio};
    use wait_timeout::ChildExt;
    let dir = temp();
    let input = write(dir.path(), "dump.txt", PORTAL);
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsnorm"))
        .arg("--rules")
        .arg(rule)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut { stderr }, &mut s);
        s
    });
    let Some(status) = child.wait_timeout(limit).unwrap() else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("--rules {} did not end within {limit:?}", rule.display());
    };
    (status.code(), reader.join().unwrap())
}

/// A FIFO or `/dev/zero` as a rule file hung the run or ate memory without bound: they
/// are refused unread (a rule file must be a regular file), as is a file over 1 MiB.
#[cfg(unix)]
#[test]
fn rule_files_that_are_not_regular_files_are_refused_unread() {
    let mkfifo = |p: &Path| {
        let c = std::ffi::CString::new(std::os::unix::ffi::OsStrExt::as_bytes(p.as_os_str())).unwrap();
        // SAFETY: a NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    };
    let dir = temp();
    let fifo = dir.path().join("rules.toml");
    mkfifo(&fifo);
    let big = write(dir.path(), "big.toml", &format!("{HEAD}# {}\n", "x".repeat(2 << 20)));
    // A folder of rules holding a FIFO named like a rule file.
    let folder = temp();
    mkfifo(&folder.path().join("a.toml"));
    for (rule, says) in [
        (fifo.as_path(), "not a regular file"),
        (Path::new("/dev/zero"), "not a regular file"),
        (big.as_path(), "over 1024 KiB"),
        (folder.path(), "not a regular file"),
    ] {
        let (code, err) = run_rules_within(rule, std::time::Duration::from_secs(60));
        assert_eq!(code, Some(2), "{}: {err}", rule.display());
        assert!(err.contains(says), "{}: {err}", rule.display());
    }
}

/// Values of rules are bounded and explained: a 900 KB regex (a 10 MB one cost 1 GiB
/// before it was refused, and was echoed whole; a file that large is now refused for its
/// size), a regex that compiles too large, a broken selector (the parser's message asked to
/// report a bug), `hosts = ["*"]` (accepted, matching nothing), 100,000 selectors (the
/// run took minutes).
#[test]
fn rule_values_are_bounded_and_explained() {
    let dir = temp();
    let limit = std::time::Duration::from_secs(60);
    let cases = [
        (format!("{HEAD}[paragraphs]\ndrop_matching = ['{}']\n", "a".repeat(900 << 10)), "over 16 KiB"),
        (format!("{HEAD}[paragraphs]\ndrop_matching = ['(?:a{{1000}}){{1000}}']\n"), "compiles to more than"),
        (format!("{HEAD}[html]\ndrop = [\"div >\"]\n"), "a combinator (`>`, `+`, `~`) with nothing after it"),
        (format!("{HEAD}[html]\ndrop = [\"p:foo\"]\n"), "not supported"),
        ("key = \"x\"\npublisher = \"X\"\nhosts = [\"*\"]\n".to_owned(), "`*` is no wildcard"),
        (
            format!(
                "{HEAD}[html]\ndrop = [\"{}\"]\n",
                (0..100_000).map(|i| format!(".c{i}")).collect::<Vec<_>>().join(",")
            ),
            "more than 1000 CSS selectors",
        ),
    ];
    for (i, (text, says)) in cases.iter().enumerate() {
        let rule = write(dir.path(), &format!("r{i}.toml"), text);
        let (code, err) = run_rules_within(&rule, limit);
        assert_eq!(code, Some(2), "case {i}: {err:.300}");
        assert!(err.contains(says), "case {i}: {says:?} in {err:.300}");
        assert!(!err.contains("report this"), "case {i}: {err:.300}");
        assert!(err.len() < 600, "case {i}: the message quotes the value whole ({} bytes)", err.len());
        assert!(err.contains(&format!("r{i}.toml:")), "case {i}: names the file and line: {err:.300}");
    }
}
