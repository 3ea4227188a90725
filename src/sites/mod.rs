//! Outlets: who an outlet is (publisher name, home time zone, the labels and hosts that
//! identify it) and how its pages are cleaned, as data.
//!
//! Every outlet is a rule file (`rules/<key>.toml`, embedded at build time; users add or
//! replace rules with `--rules`): [`rule`] is the format as read, [`Outlet`] its compiled
//! form, [`Outlets`] the set a run uses. Formats find the outlet of an input with
//! [`Outlets::find`] and hand their raw parts to the one shared [`stage::apply`]. What
//! stays Rust is the engine, the shared functions below and the named [`actions`].

use foldhash::HashSet;

use scraper::{ElementRef, Node};

use crate::normalize::text;
use crate::record::Article;

pub mod actions;
mod bounds;
pub mod credits;
mod examples;
mod outlet;
pub mod rule;
pub mod stage;

pub use examples::Failure;
pub use outlet::{BUILTIN_FILES, Outlet, Outlets, RuleError, Source, UserFile, read_rule_files};
pub use stage::{Body, apply, is_author_bio};

/// The host of an http(s) URL, lower-cased.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Strip a leading `[國際]` / `[World]` section tag from the title into `category`.
pub fn take_section_prefix(art: &mut Article) {
    let Some((section, rest)) = text::bracket_prefix(&art.title).filter(|(s, _)| s.chars().count() <= 12) else {
        return;
    };
    if art.category.is_none() {
        art.category = Some(section.to_owned());
    }
    art.title = rest.to_owned();
}

/// Move a column tag in `【】` that opens the title (`【名家专栏】…`) into `category`.
pub fn take_bracket_prefix(art: &mut Article) {
    let t = art.title.trim_start();
    if let Some(rest) = t.strip_prefix('【')
        && let Some((column, title)) = rest.split_once('】')
        && !column.trim().is_empty()
        && column.chars().count() <= 10
        && !title.trim().is_empty()
    {
        if art.category.is_none() {
            art.category = Some(column.trim().to_owned());
        }
        art.title = title.trim().to_owned();
    }
}

/// Drop the headline where it is repeated among the first paragraphs (a visible `<h1>`,
/// a header block), comparing cleaned text.
pub fn drop_title_repeats(art: &mut Article) {
    let title = text::clean_inline(&art.title);
    if title.is_empty() {
        return;
    }
    let mut seen = 0;
    art.paragraphs.retain(|p| {
        seen += 1;
        !(seen <= 4 && text::clean_inline(p) == title)
    });
}

/// Drop body paragraphs that only repeat a picture caption (the caption is kept in
/// `images`).
pub fn drop_caption_repeats(art: &mut Article) {
    let captions: HashSet<String> = art
        .images
        .iter()
        .filter_map(|i| i.caption.as_deref())
        .map(text::clean_inline)
        .filter(|c| !c.is_empty())
        .collect();
    if captions.is_empty() {
        return;
    }
    art.paragraphs.retain(|p| !captions.contains(&text::clean_inline(p)));
}

/// A list (`ul`/`ol`) whose every item is nothing but links: a related-articles list,
/// not article text.
pub fn is_link_list(el: &ElementRef) -> bool {
    if !matches!(el.value().name(), "ul" | "ol") {
        return false;
    }
    let mut items = 0;
    let mut linked_text = false;
    for li in el.children().filter_map(ElementRef::wrap) {
        if li.value().name() != "li" {
            continue;
        }
        items += 1;
        for node in li.descendants() {
            let Node::Text(t) = node.value() else { continue };
            if t.trim().is_empty() {
                continue;
            }
            let in_link = node
                .ancestors()
                .take_while(|a| a.id() != li.id())
                .any(|a| a.value().as_element().is_some_and(|e| e.name() == "a"));
            if !in_link {
                return false;
            }
            linked_text = true;
        }
    }
    items > 0 && linked_text
}

/// The text of an element, cleaned to one line.
pub fn element_text(el: &ElementRef) -> String {
    text::clean_inline(&el.text().collect::<String>())
}

/// Names joined with `、`, each once (case-insensitively), in order; `None` when empty.
pub fn join_names<S: AsRef<str>>(names: &[S]) -> Option<String> {
    let mut seen = HashSet::default();
    let out: Vec<&str> = names
        .iter()
        .map(|n| n.as_ref().trim())
        .filter(|n| !n.is_empty() && seen.insert(n.to_ascii_lowercase()))
        .collect();
    (!out.is_empty()).then(|| out.join("、"))
}

/// Punctuation that ends the names of a byline (the role and verb words that do are
/// [`credits::name_stops`]).
const NAME_PUNCTUATION: &[&str] = &["／", "/", "（", "）", "(", ")", "。", "，", ",", "；", ";", "：", ":"];

fn is_cjk_only(s: &str) -> bool {
    !s.is_empty() && s.chars().all(text::is_wide)
}

/// One name of a byline without the place after it: `钟元台北` -> `钟元`,
/// `黄春梅 台北` -> `黄春梅`; unknown places after a Chinese name are cut to the three
/// characters most names have.
fn name_without_place(raw: &str) -> String {
    let raw = raw.trim();
    if let Some((first, rest)) = raw.split_once(char::is_whitespace)
        && is_cjk_only(first)
        && is_cjk_only(rest.trim())
    {
        return first.to_owned();
    }
    // `李辰美国华盛顿DC`: a Chinese name and place with a Latin state or district code.
    let raw = match raw.trim_end_matches(|c: char| c.is_ascii_uppercase()) {
        head if head.len() < raw.len() && is_cjk_only(head) => head,
        _ => raw,
    };
    if !is_cjk_only(raw) {
        return raw.to_owned();
    }
    // Places can follow each other (`美国华盛顿`): strip them from the end while a name
    // of two characters or more is left.
    let mut name = raw;
    loop {
        let mut best: Option<&str> = None;
        for place in crate::lexicon::PLACES_ZH.words() {
            if let Some(n) = name.strip_suffix(place)
                && n.chars().count() >= 2
                && best.is_none_or(|b| n.len() < b.len())
            {
                best = Some(n);
            }
        }
        match best {
            Some(n) => name = n,
            None => break,
        }
    }
    if name.chars().count() > 4 { name.chars().take(3).collect() } else { name.to_owned() }
}

/// The names of one part of a credit: `夏小华 李宗翰 台北` (names separated by spaces,
/// then a place) gives both names; else [`name_without_place`].
fn names_of_part(part: &str) -> Vec<String> {
    let words: Vec<&str> = part.split_whitespace().collect();
    if words.len() > 1 && words.iter().all(|w| is_cjk_only(w)) {
        let names: Vec<String> = words
            .iter()
            .filter(|w| !crate::lexicon::PLACES_ZH.contains(w))
            .map(|w| name_without_place(w))
            .filter(|n| n.chars().count() >= 2 && n.chars().count() <= 4)
            .collect();
        if names.len() > 1 {
            return names;
        }
    }
    vec![name_without_place(part)]
}

/// The names at the start of a byline's remainder, after its role word:
/// `骆亚、林岑心采访报导` -> `[骆亚, 林岑心]`, `：高锋 责编：胡力汉` -> `[高锋]`,
/// `郑崇生华盛顿报道` -> `[郑崇生]`, `Frank Fang／陈霆编译` -> `[Frank Fang]`.
pub fn credit_names(rest: &str) -> Vec<String> {
    let rest = rest.trim_start_matches([':', '：', ' ', '\u{3000}']);
    let cut = credits::names_end(rest).unwrap_or(rest.len());
    let part = rest.get(..cut).unwrap_or_default();
    part.split(['、', '及'])
        .flat_map(names_of_part)
        // A single Chinese character is no name (`站` of `纽约记者站报导`).
        .filter(|n| !(n.chars().count() == 1 && is_cjk_only(n)))
        .filter(|n| !n.is_empty() && n.chars().count() <= 40 && !n.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html;
    use scraper::Html;

    #[test]
    fn builtin_rules_load_and_every_file_is_embedded() {
        let set = Outlets::builtin();
        assert_eq!(set.iter().count(), BUILTIN_FILES.len());
        let mut on_disk: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = BUILTIN_FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(on_disk, embedded);
        // Built-in regexes compile on first use; here every one of them, at once.
        for (name, text) in BUILTIN_FILES {
            if let Err(e) = Outlet::compile(name, text, Source::Builtin(name)) {
                panic!("{e}");
            }
        }
        for o in set.iter() {
            assert_eq!(
                format!("{}.toml", o.key()),
                o.source().to_string().trim_start_matches("built-in (rules/").trim_end_matches(')')
            );
        }
    }

    #[test]
    fn finds_by_label_then_host() {
        let set = Outlets::builtin();
        let find = |l, u| set.find(l, u).map(|s| s.key().to_owned());
        assert_eq!(find(Some("(臺)中央社CNA"), None).as_deref(), Some("cna"));
        assert_eq!(find(Some("Rti 中央廣播電臺"), None).as_deref(), Some("rti"));
        assert_eq!(find(None, Some("https://www.hkcnews.com/article/1")).as_deref(), Some("hkcnews"));
        assert_eq!(find(None, Some("https://hkcnews.com/article/1")).as_deref(), Some("hkcnews"));
        assert_eq!(find(Some("unknown"), Some("https://cn.nytimes.com/x")).as_deref(), Some("nytimes"));
        assert!(find(None, Some("https://nothkcnews.com/")).is_none());
        assert!(find(Some("unknown"), None).is_none());
    }

    #[test]
    fn the_longest_host_suffix_wins_and_the_hint_url_counts() {
        let user = UserFile {
            path: "news.toml".into(),
            text: "key = \"bbcnews\"\npublisher = \"BBC News\"\nhosts = [\"news.bbc.co.uk\"]\n".into(),
        };
        let set = Outlets::from_files(vec![user]).unwrap();
        let key = |u: &str| set.find(None, Some(u)).map(|o| o.key().to_owned());
        assert_eq!(key("https://news.bbc.co.uk/x").as_deref(), Some("bbcnews"));
        assert_eq!(key("https://a.news.bbc.co.uk/x").as_deref(), Some("bbcnews"));
        assert_eq!(key("https://www.bbc.co.uk/x").as_deref(), Some("bbc"));
        assert_eq!(set.get("bbcnews").map(|o| o.source().to_string()).as_deref(), Some("news.toml"));

        let cx = crate::formats::Context { outlets: &set, url: Some("https://www.rti.org.tw/news/1") };
        assert_eq!(cx.outlet(Some("某台"), None).map(|o| o.key()), Some("rti"));
        assert_eq!(cx.outlet(Some("BBC"), None).map(|o| o.key()), Some("bbc"));
        assert_eq!(cx.outlet(None, Some("https://news.bbc.co.uk/")).map(|o| o.key()), Some("bbcnews"));
    }

    /// A `hosts` entry with a path claims only that part of the host: the Chinese pages of
    /// www.nytimes.com are 纽约时报中文网's, the English ones are no outlet's.
    #[test]
    fn a_host_with_a_path_claims_only_that_path() {
        let set = Outlets::builtin();
        let key = |u: &str| set.find(None, Some(u)).map(|o| o.key().to_owned());
        assert_eq!(key("https://cn.nytimes.com/china/20201028/x/").as_deref(), Some("nytimes"));
        assert_eq!(key("https://www.nytimes.com/zh-hans/2021/07/01/world/x.html").as_deref(), Some("nytimes"));
        assert_eq!(key("https://www.nytimes.com/zh-hant/x").as_deref(), Some("nytimes"));
        assert_eq!(key("https://www.nytimes.com/2021/07/01/world/asia/x.html"), None);
        assert_eq!(key("https://www.nytimes.com/zh-hansx/x"), None);
        assert_eq!(key("https://www.nytimes.com"), None);
        assert_eq!(key("https://www.nytimes.com?u=/zh-hans/x"), None);
        assert_eq!(key("https://www.nytimes.com#/zh-hans/x"), None);
        let user = UserFile {
            path: "zh.toml".into(),
            text: "key = \"exzh\"\npublisher = \"E\"\nhosts = [\"example.org/zh/\", \"example.org\"]\n".into(),
        };
        let set = Outlets::from_files(vec![user]).unwrap();
        let key = |u: &str| set.find(None, Some(u)).map(|o| o.key().to_owned());
        assert_eq!(key("https://www.example.org/zh/a").as_deref(), Some("exzh"));
        assert_eq!(key("https://www.example.org/en/a").as_deref(), Some("exzh"));
    }

    #[test]
    fn wrong_authors_of_the_audit() {
        // 大纪元 `（大纪元纽约记者站报导）`: no person.
        assert!(credit_names("站报导").is_empty());
        // A place glued to the name, with a Latin district code.
        assert_eq!(credit_names("李辰美国华盛顿DC报导"), vec!["李辰"]);
        // 美国之音 `莫雨对本报道亦有贡献`.
        assert_eq!(credit_names("莫雨对本报道亦有贡献"), vec!["莫雨"]);
        // RFA `夏小华 李宗翰 台北报道`: both names, without the place.
        assert_eq!(credit_names("夏小华 李宗翰 台北报道 责编：申铧"), vec!["夏小华", "李宗翰"]);
        assert_eq!(join_names(&credit_names("夏小华 李宗翰 台北报道")).as_deref(), Some("夏小华、李宗翰"));
    }

    #[test]
    fn byline_names() {
        assert_eq!(credit_names("骆亚、林岑心采访报导"), vec!["骆亚", "林岑心"]);
        assert_eq!(credit_names("：高锋 责编：胡力汉 许书婷 网编：瑞哲"), vec!["高锋"]);
        assert_eq!(credit_names("：高锋、责编：胡力汉"), vec!["高锋"]);
        assert_eq!(credit_names("郑崇生华盛顿报道 责编：申铧"), vec!["郑崇生"]);
        assert_eq!(credit_names("黄春梅 台北报道 责编 许书婷"), vec!["黄春梅"]);
        assert_eq!(credit_names("钟元台北报导"), vec!["钟元"]);
        assert_eq!(credit_names("Frank Fang／陈霆编译"), vec!["Frank Fang"]);
        assert_eq!(credit_names("曹郁芬采访"), vec!["曹郁芬"]);
        assert!(credit_names("综合报导").is_empty());
    }

    #[test]
    fn link_lists_are_recognised() {
        let doc = Html::parse_fragment(
            "<ul id='a'><li><a href='/1'>One</a></li><li><strong><a href='/2'>Two</a></strong></li></ul>\
             <ul id='b'><li>远程导弹</li><li><a href='/3'>x</a></li></ul><ol id='c'></ol>",
        );
        let pick = |id: &str| {
            let sel = html::selector(&format!("#{id}"));
            doc.select(&sel).next().map(|e| is_link_list(&e))
        };
        assert_eq!(pick("a"), Some(true));
        assert_eq!(pick("b"), Some(false));
        assert_eq!(pick("c"), Some(false));
    }

    #[test]
    fn repeats_of_title_and_captions_go() {
        let mut a = Article {
            title: "标题".into(),
            paragraphs: vec!["标题".into(), "正文".into(), "图说".into()],
            images: vec![crate::record::Image { url: "https://x.org/a.jpg".into(), caption: Some("图说".into()) }],
            ..Default::default()
        };
        drop_title_repeats(&mut a);
        drop_caption_repeats(&mut a);
        assert_eq!(a.paragraphs, vec!["正文"]);
        assert_eq!(join_names(&["A", "a", "B"]).as_deref(), Some("A、B"));
    }

    #[test]
    fn bracket_prefix_and_date_lines() {
        let mut a =
            Article { title: "【名家专栏】摧毁共产主义从各州开始".into(), ..Default::default() };
        take_bracket_prefix(&mut a);
        assert_eq!(a.title, "摧毁共产主义从各州开始");
        assert_eq!(a.category.as_deref(), Some("名家专栏"));
        let mut a = Article { title: "【突发】".into(), ..Default::default() };
        take_bracket_prefix(&mut a);
        assert_eq!(a.title, "【突发】");
    }

    #[test]
    fn section_prefix() {
        let mut a = Article { title: "[國際] 菲律賓疫情延燒".into(), ..Default::default() };
        take_section_prefix(&mut a);
        assert_eq!(a.title, "菲律賓疫情延燒");
        assert_eq!(a.category.as_deref(), Some("國際"));
        let mut a = Article { title: "[突發]".into(), ..Default::default() };
        take_section_prefix(&mut a);
        assert_eq!(a.title, "[突發]");
    }
}
