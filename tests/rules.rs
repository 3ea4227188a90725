//! Outlet rules through the binary: a user rule for an outlet that is not built in, one
//! that replaces a built-in rule, the `outlets` subcommands, and every kind of bad rule
//! file (exit 2 before any input is read, with the file, the line and the problem).

mod common;

use std::path::{Path, PathBuf};

use common::{json_lines, newsnorm};
use serde_json::Value;

/// A Bitter Winter post as the Jekyll mirror has it (shortened): the feed label is the
/// writer, not the outlet.
const POST: &str = r#"---
layout: post
title: "各地持續強拆基督教場所"
date: 2020-12-01T01:09:04.000Z
author: 周曉路
from: https://zh.bitterwinter.org/protestant-churches-continue-to-be-destroyed-across-china/
tags: [ 寒冬 ]
categories: [ 寒冬 ]
---
<!--1606784944000-->
[各地持續強拆基督教場所](https://zh.bitterwinter.org/protestant-churches-continue-to-be-destroyed-across-china/)
------

<div>
<p>10月8日，<span class='keyword_link'><a href='https://zh.bitterwinter.org/tag/shaanxi-province/'>陝西省</a></span>西安市一三自教堂被強拆。</p><p>信徒失聲痛哭。</p><section class="widget widget_media_image"><a class="donate-us" href="https://www.paypal.com/x"><img src="https://zh.bitterwinter.org/wp-content/themes/news-pro/images/the-img-pc-min.jpg?v=2"></a></section><p>The post <a href="https://zh.bitterwinter.org/x/">各地持續強拆基督教場所</a> first appeared on <a href="https://zh.bitterwinter.org/">Bitter Winter</a>.</p>
</div>
"#;

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
    common::root().join("examples/rules/bitterwinter.toml")
}

/// Bitter Winter is built in (rules/bitterwinter.toml): for an outlet that is not, the
/// example rule and the post are moved to a host and label no built-in rule claims.
const NEW_HOST: &str = "winter.example.org";

fn new_outlet_rule(dir: &Path) -> PathBuf {
    let rule = std::fs::read_to_string(example_rule())
        .unwrap()
        .replace("key = \"bitterwinter\"", "key = \"winter\"")
        .replace("names = [\"寒冬\"]", "names = [\"寒冬例\"]")
        .replace("hosts = [\"bitterwinter.org\"]", &format!("hosts = [\"{NEW_HOST}\"]"));
    write(dir, "winter.toml", &rule)
}

fn new_outlet_post(post: &str) -> String {
    post.replace("zh.bitterwinter.org", NEW_HOST).replace("寒冬 ]", "寒冬例 ]")
}

#[test]
fn a_user_rule_teaches_a_new_outlet() {
    let dir = temp();
    let post = write(dir.path(), "post.md", &new_outlet_post(POST));
    let rule = new_outlet_rule(dir.path());
    // Without the rule: the feed label is taken for the publisher, the promo stays.
    let plain = one_record(&newsnorm().arg(&post).output().unwrap());
    assert_eq!(plain["publisher"], "周曉路");
    assert!(plain["body"].as_str().unwrap().contains("first appeared on Bitter Winter"));
    assert!(plain["images"].as_array().unwrap().iter().any(|i| i["url"].as_str().unwrap().contains("the-img-pc")));

    let with = one_record(&newsnorm().arg("--rules").arg(&rule).arg(&post).output().unwrap());
    assert_eq!(with["publisher"], "寒冬");
    assert_eq!(with["author"], "周曉路");
    assert_eq!(with["body"], "10月8日，陝西省西安市一三自教堂被強拆。\n\n信徒失聲痛哭。");
    assert_eq!(with["images"], serde_json::json!([]));
    assert_eq!(with["tags"], serde_json::json!(["陝西省"]));
    assert_eq!(with["category"], Value::Null);

    // The same through NEWSNORM_RULES, with a folder; and a credit line names the writer
    // when the label is the outlet.
    let rules = temp();
    std::fs::copy(&rule, rules.path().join("winter.toml")).unwrap();
    let credited = new_outlet_post(POST)
        .replace("author: 周曉路", "author: 寒冬例")
        .replace("<p>10月8日", "<p>作者：馬西莫·英特羅維吉（Massimo Introvigne）</p><p>10月8日");
    let post2 = write(dir.path(), "post2.md", &credited);
    let out = newsnorm().env("NEWSNORM_RULES", rules.path()).arg(&post2).output().unwrap();
    let r = one_record(&out);
    assert_eq!(r["publisher"], "寒冬");
    assert_eq!(r["author"], "馬西莫·英特羅維吉");
    assert!(r["body"].as_str().unwrap().starts_with("10月8日"));
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
    assert!(String::from_utf8(check.stdout).unwrap().contains("ok: bitterwinter"));
    let dir = temp();
    let check = newsnorm().args(["outlets", "check"]).arg(new_outlet_rule(dir.path())).output().unwrap();
    assert!(String::from_utf8(check.stdout).unwrap().contains("ok: winter (new outlet)"));

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
