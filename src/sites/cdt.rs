//! 中国数字时代 (chinadigitaltimes.net/chinese).
//!
//! Posts end with the WordPress feed footer: `© 总加速师 for 中国数字时代, …
//! |Permalink |No comment |Add to del.icio.us`, `Post tags: 悯农, 李绅, …` and `Feed
//! enhanced by Better Feed from Ozh` — dropped; the tag links (`rel="tag"`) are the
//! `tags`. Author: the text's own credit `作者：X` when there is one, else the CDT
//! editor who posted it (the name in the `©` line), else 中国数字时代. A column tag in
//! `【】` opening the title (`【异闻观止】`, `【CDT导览】`) is the category. Some posts
//! carry only a one-paragraph excerpt of a reposted article: flagged
//! `body_truncated`. Video-only posts have no text at all (an `empty_body` error).

use std::sync::LazyLock;

use regex::Regex;
use scraper::{Html, Selector};

use super::{Site, element_text, remove_paragraphs, take_bracket_prefix};
use crate::html;
use crate::record::{Article, warn};

pub struct Cdt;

static TAG: LazyLock<Selector> = LazyLock::new(|| html::selector("a[rel~=tag]"));

/// `© 总加速师 for 中国数字时代, get_post_time('Y'). |Permalink |…`
static POSTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^©\s*(.{1,40}?)\s+for\s+中国数字时代").expect("static regex"));

/// `作者：密探零零发`
static WRITER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:作者|作者丨|文)\s*[：:丨|]\s*([^，。,\s]{1,20})$").expect("static regex"));

fn is_footer(p: &str) -> bool {
    POSTER.is_match(p) || p.starts_with("Post tags:") || p.starts_with("Feed enhanced by")
}

impl Site for Cdt {
    fn key(&self) -> &'static str {
        "cdt"
    }
    fn publisher(&self) -> &'static str {
        "中国数字时代"
    }
    fn names(&self) -> &'static [&'static str] {
        &["中国数字时代"]
    }
    fn hosts(&self) -> &'static [&'static str] {
        &["chinadigitaltimes.net"]
    }
    fn clean_title(&self, art: &mut Article) {
        take_bracket_prefix(art);
    }
    fn inspect(&self, doc: &Html, art: &mut Article) {
        art.tags.extend(doc.select(&TAG).map(|a| element_text(&a)).filter(|t| !t.is_empty()));
    }
    fn finish(&self, art: &mut Article) {
        let poster =
            art.paragraphs.iter().find_map(|p| POSTER.captures(p.trim())?.get(1).map(|m| m.as_str().to_owned()));
        let had_footer = art.paragraphs.iter().any(|p| is_footer(p.trim()));
        remove_paragraphs(art, is_footer);
        let writer = art
            .paragraphs
            .iter()
            .rev()
            .take(4)
            .find_map(|p| WRITER.captures(p.trim())?.get(1).map(|m| m.as_str().to_owned()));
        if let Some(name) = writer.or(poster) {
            art.author = Some(name);
        }
        if !had_footer && art.paragraphs.len() == 1 && art.paragraphs.iter().all(|p| p.chars().count() < 200) {
            art.warn(warn::BODY_TRUNCATED);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footer_goes_writer_is_author() {
        let mut a = Article {
            paragraphs: vec![
                "正文。".into(),
                "本文转载自公众号“芒果园666”".into(),
                "作者：密探零零发".into(),
                "© 总加速师 for 中国数字时代, get_post_time('Y'). |Permalink |No comment |Add todel.icio.us".into(),
                "Post tags: 悯农, 李绅".into(),
                "Feed enhanced by Better Feed from Ozh".into(),
            ],
            ..Default::default()
        };
        Cdt.finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("密探零零发"));
        assert_eq!(a.paragraphs, vec!["正文。", "本文转载自公众号“芒果园666”", "作者：密探零零发"]);
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn poster_is_the_fallback_and_excerpts_are_flagged() {
        let mut a = Article {
            paragraphs: vec!["正文很长。".into(), "© 大号冲塔 for 中国数字时代, get_post_time('Y').".into()],
            ..Default::default()
        };
        Cdt.finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("大号冲塔"));
        let mut a =
            Article { paragraphs: vec!["“我还是阳性，关节疼痛明显。”".into()], ..Default::default() };
        Cdt.finish(&mut a);
        assert_eq!(a.warnings, vec![warn::BODY_TRUNCATED]);
    }

    #[test]
    fn column_tag_in_title() {
        let mut a = Article {
            title: "【异闻观止】我国互联网企业涌动“党建潮”".into(), ..Default::default()
        };
        Cdt.clean_title(&mut a);
        assert_eq!(a.title, "我国互联网企业涌动“党建潮”");
        assert_eq!(a.category.as_deref(), Some("异闻观止"));
    }
}
