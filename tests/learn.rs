//! `newsnorm outlets learn` through the binary, on corpora written here: a mixed folder of
//! two outlets nobody wrote a rule for gives one proposal each; repeated promo lines and
//! a timestamp shape are proposed, a statement two articles quote is not; the proposal is
//! a valid rule file whose use removes what it proposes and keeps the text. The figures on
//! ../shared/archive-sample (bench/learn_check.py) are an opt-in test: it reads 16,500
//! files three times.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{json_lines, newsnorm, root};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

const TOPICS: [&str; 10] = ["洪水", "选举", "疫苗", "地震", "油价", "股市", "外交", "教育", "球赛", "电影"];
const VERBS: [&str; 6] = ["引发关注", "持续发酵", "各方回应", "出现转机", "尘埃落定", "再掀波澜"];
const QUOTE: &str = "外交部发言人表示：“我们坚决反对任何干涉内政的行为，这一立场从未改变。”";
const PROMO: &str = "订阅例报电子报，每天三分钟掌握天下事";

/// A post of the feed mirror of outlet `label` on `host`.
fn post(dir: &Path, label: &str, host: &str, i: usize) -> PathBuf {
    let topic = TOPICS[i % TOPICS.len()];
    let title = format!("{topic}事件第{i}篇：{}", VERBS[i % VERBS.len()]);
    let url = format!("https://www.{host}/news/{i}");
    let mut html = format!(
        "<div><p>{:02}/0{}/2021 - 1{}:3{}</p><p>关于{topic}的第{i}篇报道：记者走访现场，{}。</p><p>第{i}篇的第二段，当地居民讲述了{topic}前后的经历。</p>",
        i % 28 + 1,
        i % 9 + 1,
        i % 10,
        i % 10,
        VERBS[(i + 1) % VERBS.len()]
    );
    if i < 2 {
        html.push_str(&format!("<p>{QUOTE}</p>"));
    }
    html.push_str(&format!("<p>{PROMO}</p></div>"));
    let text = format!(
        "---\nlayout: post\ntitle: \"{title}\"\ndate: 2021-03-0{}T01:00:00.000Z\nauthor: {label}\nfrom: {url}\n---\n<!--1614560400000-->\n[{title}]({url})\n------\n\n{html}\n",
        i % 9 + 1
    );
    let path = dir.join(format!("{host}-{i:02}.md"));
    std::fs::write(&path, text).expect("write a post");
    path
}

#[test]
fn a_mixed_folder_gives_one_proposal_per_outlet_that_does_what_it_says() {
    let dir = temp();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    for i in 0..30 {
        post(&inputs, "例报", "lizhibao.example", i);
    }
    for i in 0..12 {
        post(&inputs, "样报", "yangbao.example", i);
    }
    let out = dir.path().join("learned/");
    let learn = newsnorm().args(["outlets", "learn", "-q"]).arg(&inputs).arg("-o").arg(&out).output().unwrap();
    assert!(learn.status.success(), "{}", String::from_utf8_lossy(&learn.stderr));
    let mut files: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(files, vec!["lizhibao.toml", "yangbao.toml"]);
    let rule = std::fs::read_to_string(out.join("lizhibao.toml")).unwrap();
    assert!(rule.contains("publisher = \"例报\"") && rule.contains("hosts = [\"lizhibao.example\"]"), "{rule}");
    assert!(rule.contains(&format!("\"{PROMO}\"")), "the promo line is proposed: {rule}");
    assert!(rule.contains(r"'^\d+/\d+/\d+ \- \d+:\d+$'"), "the timestamp shape is proposed: {rule}");
    assert!(!rule.contains("外交部发言人"), "a statement two articles quote is text: {rule}");
    assert!(rule.contains("# 30"), "counts of distinct articles in comments: {rule}");

    // A valid rule file; with it the promo and the timestamps go, the quote stays.
    let file = out.join("lizhibao.toml");
    let check = newsnorm().args(["outlets", "check"]).arg(&file).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let run = newsnorm().arg("-q").arg("--rules").arg(&file).arg(&inputs).output().unwrap();
    let records = json_lines(&run.stdout);
    let ours: Vec<_> = records.iter().filter(|r| r["publisher"] == "例报").collect();
    assert_eq!(ours.len(), 30);
    for r in &ours {
        let body = r["body"].as_str().unwrap();
        assert!(!body.contains(PROMO) && !body.contains("/2021 - "), "{body}");
        assert!(body.contains("记者走访现场"), "{body}");
    }
    assert_eq!(ours.iter().filter(|r| r["body"].as_str().unwrap().contains(QUOTE)).count(), 2);
}

#[test]
fn one_outlet_goes_to_stdout_or_a_file() {
    let dir = temp();
    for i in 0..10 {
        post(dir.path(), "例报", "lizhibao.example", i);
    }
    let learn = newsnorm().args(["outlets", "learn"]).arg(dir.path()).output().unwrap();
    assert!(learn.status.success(), "{}", String::from_utf8_lossy(&learn.stderr));
    let text = String::from_utf8(learn.stdout).unwrap();
    assert!(
        text.starts_with("# Proposed by `newsnorm outlets learn` from 10 file(s), 10 distinct article(s)"),
        "{text}"
    );
    assert!(!text.contains("# ===="), "{text}");
    let file = dir.path().join("one.toml");
    let learn = newsnorm().args(["outlets", "learn", "-q", "-o"]).arg(&file).arg(dir.path()).output().unwrap();
    assert!(learn.status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    // No input: a usage error.
    let none = newsnorm().args(["outlets", "learn"]).output().unwrap();
    assert_eq!(none.status.code(), Some(2));
}

/// Issue 19, acceptance 2, on the archive sample (opt-in: `NEWSNORM_LEARN_CHECK=1 cargo
/// test --test learn`): learned from one half, applied to the other without the built-in
/// rule, every outlet's learned rule removes 80% or more of the lines its built-in rule
/// removes, and no line it keeps.
#[test]
fn learned_rules_match_the_built_in_ones_on_the_archive_sample() {
    if std::env::var_os("NEWSNORM_LEARN_CHECK").is_none() {
        common::skip("learned_rules_match_the_built_in_ones_on_the_archive_sample (opt-in: NEWSNORM_LEARN_CHECK=1)");
        return;
    }
    if !root().join("../shared/archive-sample").is_dir() || Command::new("python3").arg("--version").output().is_err() {
        common::skip("../shared/archive-sample or python3 is absent; bench/learn_check.py did not run");
        return;
    }
    let out = common::output_bounded(
        Command::new("python3")
            .arg("bench/learn_check.py")
            .args(["--bin", env!("CARGO_BIN_EXE_newsnorm"), "-j", "2"])
            .current_dir(root()),
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}\n{}", String::from_utf8_lossy(&out.stderr));
}
