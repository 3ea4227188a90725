//! 大纪元 (epochtimes.com).
//!
//! Posts open with `【大纪元2020年10月27日讯】`, often followed by the byline
//! `（大纪元记者易如采访报导）` / `（大纪元记者骆亚、林岑心采访报导）` /
//! `（英文大纪元记者Frank Fang／陈霆编译）` (the writer is named before the `／`, the
//! translator after it), and close with `责任编辑：X`; both stay in the text (the
//! author is taken from the byline). The mirror leaves a stray `#` end mark
//! (`责任编辑：孙芸#`, `…队伍。#`), which goes. Keywords are linked inline to
//! `/gb/tag/` pages: their text stays in the body and they are the article's `tags`.
//! A column tag opening the title (`【名家专栏】`) is the category.
//! The donate promo (`支持大纪元`) and related-link lists (`相关链接`, `相关新闻`) go.
//! Captions: `figcaption.wp-caption-text`. Dates stay UTC (the paper is edited in New
//! York, Taipei and elsewhere).

use std::sync::LazyLock;

use regex::Regex;
use scraper::{Html, Selector};

use super::{Site, credit_names, element_text, is_link_list, join_names, remove_paragraphs, take_bracket_prefix};
use crate::html;
use crate::record::Article;

pub struct Epochtimes;

static DROP: LazyLock<Selector> =
    LazyLock::new(|| html::selector(".donate, [class*=donate], [class*=support-epoch], [id*=donate]"));
static CAPTION: LazyLock<Selector> = LazyLock::new(|| html::selector(".wp-caption-text"));
static KEYWORD: LazyLock<Selector> =
    LazyLock::new(|| html::selector("a[href*='/gb/tag/'], a[href*='/b5/tag/'], a[href*='/tag/'][rel~=tag]"));

/// The byline in brackets after the `【大纪元…讯】` dateline.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:【[^】]{0,40}】)?\s*[（(]((?:英文|新唐人)?(?:大纪元|大紀元)[^（）()]{0,80})[）)]")
        .expect("static regex")
});

/// Role words before the names in a byline.
const ROLES: &[&str] = &["特约记者", "特約記者", "记者", "記者", "专栏作家", "專欄作家", "撰稿人", "特派员", "特派員"];

/// A trailing `#` or `＃` end mark (not a hashtag such as `C#`).
static END_MARK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*[#＃]\s*$").expect("static regex"));

const RELATED: &[&str] = &["相关链接", "相关新闻", "相關鏈接", "相關新聞", "相关文章", "相關文章"];

/// The writers named in the byline, if any.
fn byline_authors(first: &str) -> Option<String> {
    let inner = BYLINE.captures(first.trim())?.get(1)?.as_str();
    let after = ROLES.iter().filter_map(|r| inner.find(r).map(|i| i + r.len())).min()?;
    join_names(&credit_names(inner.get(after..)?))
}

fn is_donate_promo(p: &str) -> bool {
    p.contains("支持大纪元") && ["捐", "订阅", "訂閱", "赞助", "贊助", "点击", "點擊"].iter().any(|w| p.contains(w))
}

impl Site for Epochtimes {
    fn key(&self) -> &'static str {
        "epochtimes"
    }
    fn publisher(&self) -> &'static str {
        "大纪元"
    }
    fn names(&self) -> &'static [&'static str] {
        &["大纪元"]
    }
    fn hosts(&self) -> &'static [&'static str] {
        &["epochtimes.com"]
    }
    fn html_rules(&'static self) -> html::Rules<'static> {
        html::Rules {
            drop: html::Selectors::one(&DROP),
            drop_if: Some(is_link_list),
            caption: html::Selectors::one(&CAPTION),
            ..Default::default()
        }
    }
    fn clean_title(&self, art: &mut Article) {
        take_bracket_prefix(art);
    }
    fn inspect(&self, doc: &Html, art: &mut Article) {
        art.tags.extend(doc.select(&KEYWORD).map(|a| element_text(&a)).filter(|t| !t.is_empty()));
    }
    fn finish(&self, art: &mut Article) {
        for p in &mut art.paragraphs {
            if END_MARK.is_match(p)
                && !p.trim_end().trim_end_matches(['#', '＃']).ends_with(|c: char| c.is_ascii_alphanumeric())
            {
                *p = END_MARK.replace(p, "").into_owned();
            }
        }
        remove_paragraphs(art, |p| p.is_empty() || is_donate_promo(p));
        // Related links after the text: up to the editor credit, or to the end.
        if let Some(at) = art.paragraphs.iter().position(|p| RELATED.contains(&p.trim().trim_end_matches(['：', ':'])))
        {
            let credit =
                art.paragraphs.iter().skip(at).position(|p| p.starts_with("责任编辑") || p.starts_with("責任編輯"));
            match credit {
                Some(len) => drop(art.paragraphs.drain(at..at + len)),
                None => art.paragraphs.truncate(at),
            }
        }
        if let Some(first) = art.paragraphs.first()
            && let Some(names) = byline_authors(first)
        {
            art.author = Some(names);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author_of(first: &str) -> Option<String> {
        let mut a = Article { paragraphs: vec![first.into()], ..Default::default() };
        Epochtimes.finish(&mut a);
        a.author
    }

    #[test]
    fn bylines() {
        assert_eq!(author_of("【大纪元2020年10月27日讯】（大纪元记者易如采访报导）日前").as_deref(), Some("易如"));
        assert_eq!(
            author_of("【大纪元2021年01月04日讯】（大纪元记者骆亚、林岑心采访报导）川普").as_deref(),
            Some("骆亚、林岑心")
        );
        assert_eq!(author_of("【大纪元2020年12月10日讯】（大纪元记者钟元台北报导）中共").as_deref(), Some("钟元"));
        assert_eq!(author_of("【大纪元2021年03月16日讯】（大纪元记者夏雨综合报导）缅甸").as_deref(), Some("夏雨"));
        assert_eq!(
            author_of("【大纪元2021年01月11日讯】（英文大纪元记者Frank Fang／陈霆编译）据").as_deref(),
            Some("Frank Fang")
        );
        assert_eq!(
            author_of("【大纪元2021年07月08日讯】（大纪元专栏作家Christopher Holton撰文/曲志卓编译）从").as_deref(),
            Some("Christopher Holton")
        );
        assert_eq!(author_of("【大纪元2021年04月10日讯】4月7日，广东省"), None);
        assert_eq!(author_of("【大纪元2021年02月23日讯】（大纪元综合报导）"), None);
    }

    #[test]
    fn end_marks_promos_and_related_links_go() {
        let mut a = Article {
            paragraphs: vec![
                "正文……队伍。#".into(),
                "C#".into(),
                "相关新闻：".into(),
                "另一篇文章".into(),
                "责任编辑：孙芸#".into(),
                "支持大纪元，请点击捐款".into(),
            ],
            ..Default::default()
        };
        Epochtimes.finish(&mut a);
        assert_eq!(a.paragraphs, vec!["正文……队伍。", "C#", "责任编辑：孙芸"]);
    }

    #[test]
    fn keyword_links_are_tags_and_stay_text() {
        let html = "<p><a href='https://www.epochtimes.com/gb/tag/%E9%82%B5%E4%BF%8A.html'>邵俊</a>是主持。</p>";
        let doc = Html::parse_fragment(html);
        let mut a = Article::default();
        Epochtimes.inspect(&doc, &mut a);
        assert_eq!(a.tags, vec!["邵俊"]);
        let x = html::extract(html, Epochtimes.html_rules());
        assert_eq!(x.paragraphs, vec!["邵俊是主持。"]);
    }
}
