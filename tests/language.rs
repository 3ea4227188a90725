//! `language` over ../shared/corpus (skipped, with a note, when absent): the counts per
//! outlet folder, the outlets of one fixed language, and the mixed ones record by record.

mod common;

use std::collections::BTreeMap;

use common::{corpus, json_lines, newsnorm};

/// The folder of a record's source path under the corpus (`cna`, `wayback-md`, …).
fn folder(path: &str) -> String {
    let rest = path.split("corpus/").nth(1).unwrap_or(path);
    let mut parts = rest.split('/');
    match parts.next() {
        Some("jekyll") => parts.next().unwrap_or("").to_owned(),
        Some(f) => f.to_owned(),
        None => String::new(),
    }
}

#[test]
fn language_per_outlet_on_the_corpus() {
    let Some(corpus) = corpus() else { return };
    let out = newsnorm().arg("-q").arg(corpus.join("jekyll")).arg(corpus.join("wayback-md")).output().unwrap();
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut english_hkcnews = Vec::new();
    let mut traditional_dw = Vec::new();
    for r in json_lines(&out.stdout) {
        let path = r["source_path"].as_str().unwrap().to_owned();
        let lang = r["language"].as_str().unwrap_or("null").to_owned();
        let f = folder(&path);
        if f == "wayback-md" && lang == "en" {
            english_hkcnews.push(path.rsplit('/').next().unwrap_or("").to_owned());
        }
        if f == "dw" && lang == "zh-Hant" {
            traditional_dw.push(path.rsplit('/').next().unwrap_or("").to_owned());
        }
        *counts.entry((f, lang)).or_default() += 1;
    }
    let want: BTreeMap<(String, String), usize> = [
        // Fixed languages.
        ("cna", "zh-Hant", 40),
        ("rti", "zh-Hant", 20),
        ("zaobao", "zh-Hans", 20),
        ("economist", "en", 20),
        // Mixed outlets: per record. The samples of RFA, VOA and BBC here are all in
        // simplified characters; DW has one traditional article.
        ("rfa", "zh-Hans", 20),
        ("voa", "zh-Hans", 20),
        ("bbc", "zh-Hans", 20),
        ("dw", "zh-Hans", 19),
        ("dw", "zh-Hant", 1),
        // hkcnews: traditional Chinese, six English bodies (two opinion pieces, two
        // interviews' English titles and texts, and lyrics posted without commentary).
        ("wayback-md", "zh-Hant", 189),
        ("wayback-md", "en", 6),
        // The other outlets of the mirror publish in simplified characters.
        ("cctv", "zh-Hans", 20),
        ("cdt", "zh-Hans", 19),
        // Its video-only post (a media-only record, SPEC v1.2) has no text to tell.
        ("cdt", "null", 1),
        ("epochtimes", "zh-Hans", 20),
        ("neist", "zh-Hans", 20),
        ("nytimes", "zh-Hans", 20),
        ("reuters", "zh-Hans", 20),
        ("rfi", "zh-Hans", 20),
        ("solidot", "zh-Hans", 20),
        ("wqw", "zh-Hans", 20),
    ]
    .into_iter()
    .map(|(f, l, n)| ((f.to_owned(), l.to_owned()), n))
    .collect();
    assert_eq!(counts, want);
    english_hkcnews.sort();
    assert_eq!(
        english_hkcnews,
        [
            "article_1913.md",
            "article_2094.md",
            "article_2869.md",
            "article_37047.md",
            "article_40334.md",
            "article_8768.md"
        ]
    );
    assert_eq!(traditional_dw, ["069df89cb77f.md"]);
}

/// Lyrics with Chinese commentary are Chinese; English lyrics alone are English.
#[test]
fn hkcnews_lyrics_per_record() {
    let Some(corpus) = corpus() else { return };
    let dir = corpus.join("wayback-md");
    let out = newsnorm().arg("-q").arg(dir.join("article_8621.md")).arg(dir.join("article_2094.md")).output().unwrap();
    let langs: Vec<_> = json_lines(&out.stdout).iter().map(|r| r["language"].as_str().unwrap().to_owned()).collect();
    assert_eq!(langs, ["zh-Hant", "en"]);
}

/// The simplified→traditional table of OpenCC (first choice of each character).
fn to_traditional(text: &str) -> String {
    let table = std::fs::read_to_string(common::root().join("data/opencc/STCharacters.txt")).unwrap();
    let map: BTreeMap<char, char> = table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (k, v) = l.split_once('\t')?;
            Some((k.chars().next()?, v.chars().next()?))
        })
        .collect();
    text.chars().map(|c| *map.get(&c).unwrap_or(&c)).collect()
}

/// An outlet that publishes both scripts: the same RFA article in traditional characters
/// is `zh-Hant`, whatever the outlet.
#[test]
fn one_outlet_both_scripts() {
    let Some(corpus) = corpus() else { return };
    let rfa = corpus.join("jekyll/rfa");
    let first = walkdir::WalkDir::new(&rfa).sort_by_file_name().into_iter().flatten().find(|e| e.file_type().is_file());
    let path = first.expect("an RFA post").into_path();
    let simplified = std::fs::read_to_string(&path).unwrap();
    let traditional = to_traditional(&simplified);
    assert_ne!(simplified, traditional);
    let dir = tempfile::tempdir().unwrap();
    let (s, t) = (dir.path().join("s.md"), dir.path().join("t.md"));
    std::fs::write(&s, &simplified).unwrap();
    std::fs::write(&t, &traditional).unwrap();
    let out = newsnorm().arg("-q").arg(&s).arg(&t).output().unwrap();
    let recs = json_lines(&out.stdout);
    let langs: Vec<_> = recs.iter().map(|r| r["language"].as_str().unwrap()).collect();
    assert_eq!(langs, ["zh-Hans", "zh-Hant"]);
    assert_eq!(recs[0]["publisher"], recs[1]["publisher"]);
}
