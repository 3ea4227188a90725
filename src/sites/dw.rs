//! 德国之声 (dw.com/zh).
//!
//! Posts open with a `<div><i>AUTHOR<br>time</i></div>` header (the author is often
//! empty) and `（德国之声中文网）`, which stays: it is the dateline of the text. They
//! close with an editors' credit `李京慧/凝炼 (德新社、法新社)` (kept: writer before
//! the slash, editor after it, then sources) and the copyright footer
//! `© 2020年 德国之声版权声明：…` (dropped, also when glued to the credit line); some
//! add the disclaimer `德国之声致力于为您提供客观中立的新闻报导…` or
//! `…摘编自其他媒体…` (dropped). Further-reading links (`延伸阅读：X`) and the related
//! picture gallery after a `相关图集：` heading are not part of the article; a post that is
//! itself a gallery keeps its picture texts as its body.
//!
//! Author: the header's person, else the writer of the closing credit, else 德国之声.
//! Organisations in the header (`ARD`, `dpa`: a broadcaster or agency whose material was
//! used) are not authors. Dates stay UTC (Bonn/Berlin have summer time).

use std::sync::LazyLock;

use regex::Regex;
use scraper::ElementRef;

use super::{Site, join_names, remove_paragraphs};
use crate::html;
use crate::record::Article;

pub struct Dw;

/// Header values that name an organisation, not a writer.
const ORGANISATIONS: &[&str] =
    &["ARD", "ZDF", "DW", "dpa", "AFP", "AP", "Reuters", "KNA", "epd", "SID", "德国之声", "德國之聲", "德国之声中文网"];

/// The copyright footer, alone or after the credit line.
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*©\u{FE0F}?\s*\d{4}\s*年?\s*(?:德国之声|德國之聲)版权声明.*$").expect("static regex")
});

/// The closing credit: `李京慧/ 凝炼 (法新社、美联社)`, `乐然／凝炼（美联社、共同社）`.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([\p{Han}·A-Za-z][\p{Han}·A-Za-z .\-]{0,30}?)\s*[/／]\s*[\p{Han}·A-Za-z][\p{Han}·A-Za-z .\-]{0,30}?\s*(?:[（(][^（）()]{1,60}[）)])?$")
        .expect("static regex")
});

/// Is this the related gallery: a `相关图集` heading, or anything after one?
fn is_related_gallery(el: &ElementRef) -> bool {
    let is_heading = |e: &ElementRef| {
        matches!(e.value().name(), "h2" | "h3" | "h4") && {
            let t = super::element_text(e);
            t.starts_with("相关图集") || t.starts_with("相關圖集")
        }
    };
    is_heading(el) || el.prev_siblings().filter_map(ElementRef::wrap).any(|s| is_heading(&s))
}

fn is_disclaimer(p: &str) -> bool {
    p.starts_with("德国之声致力于")
        || p.starts_with("德國之聲致力於")
        || (p.contains("摘编自其他媒体") && p.contains("德国之声"))
        || (p.contains("摘編自其他媒體") && p.contains("德國之聲"))
}

fn is_further_reading(p: &str) -> bool {
    ["延伸阅读", "延伸閱讀", "相关阅读", "相關閱讀"].iter().any(|h| p.starts_with(h))
}

impl Site for Dw {
    fn key(&self) -> &'static str {
        "dw"
    }
    fn publisher(&self) -> &'static str {
        "德国之声"
    }
    fn names(&self) -> &'static [&'static str] {
        &["德国之声"]
    }
    fn hosts(&self) -> &'static [&'static str] {
        &["dw.com"]
    }
    fn html_rules(&'static self) -> html::Rules<'static> {
        html::Rules { drop_if: Some(is_related_gallery), ..Default::default() }
    }
    fn finish(&self, art: &mut Article) {
        for p in &mut art.paragraphs {
            if COPYRIGHT.is_match(p) {
                *p = COPYRIGHT.replace(p, "").into_owned();
            }
        }
        remove_paragraphs(art, |p| p.is_empty() || p == "©" || is_disclaimer(p) || is_further_reading(p));
        let header: Vec<&str> = art
            .author
            .as_deref()
            .map(|a| {
                a.split('、')
                    .map(str::trim)
                    .filter(|n| !ORGANISATIONS.iter().any(|o| o.eq_ignore_ascii_case(n)))
                    .collect()
            })
            .unwrap_or_default();
        let header = join_names(&header);
        let credit =
            || {
                let n = art.paragraphs.len();
                art.paragraphs.iter().skip(n.saturating_sub(3)).rev().find_map(|p| {
                    CREDIT.captures(p.trim()).and_then(|c| c.get(1)).map(|m| m.as_str().trim().to_owned())
                })
            };
        art.author = header.or_else(credit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(author: Option<&str>, paragraphs: &[&str]) -> Article {
        let mut a = Article {
            author: author.map(str::to_owned),
            paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
            ..Default::default()
        };
        Dw.finish(&mut a);
        a
    }

    #[test]
    fn copyright_and_disclaimer_go_credit_stays() {
        let a = run(
            None,
            &[
                "（德国之声中文网）正文。",
                "德国之声致力于为您提供客观中立的新闻报导，以及展现多种角度的评论分析。",
                "杨威廉/邹宗翰 (路透社等) ©️ 2020年德国之声版权声明：本文所有内容受到著作权法保护，如无德国之声特别授权，不得擅自使用。",
                "© 2021年 德国之声版权声明：本文所有内容受到着作权法保护。",
            ],
        );
        assert_eq!(a.paragraphs, vec!["（德国之声中文网）正文。", "杨威廉/邹宗翰 (路透社等)"]);
        assert_eq!(a.author.as_deref(), Some("杨威廉"));
    }

    #[test]
    fn authors() {
        assert_eq!(run(Some("任琛"), &["正文", "乐然／凝炼（美联社、共同社）"]).author.as_deref(), Some("任琛"));
        assert_eq!(run(Some("ARD"), &["正文", "乐然／凝炼（美联社、共同社）"]).author.as_deref(), Some("乐然"));
        assert_eq!(run(Some("ARD"), &["正文。"]).author, None);
        assert_eq!(run(None, &["正文", "（美联社丶路透社丶中央社等）"]).author, None);
        assert_eq!(
            run(None, &["正文", "李京慧/ 凝炼 (法新社、美联社、德新社、路透社)"]).author.as_deref(),
            Some("李京慧")
        );
    }

    #[test]
    fn further_reading_and_related_gallery_go() {
        let html = "<p>正文一</p><p><strong>延伸阅读:<span>孟晚舟引渡审理进入最后阶段</span></strong></p><p>正文二</p>\
                    <h3>相关图集：牵动中美加三国的孟晚舟</h3><div><img src='https://static.dw.com/image/1_303.jpg'><b>加国被捕</b>：说明</div>";
        let x = html::extract(html, Dw.html_rules());
        assert_eq!(x.paragraphs, vec!["正文一", "延伸阅读:孟晚舟引渡审理进入最后阶段", "正文二"]);
        assert!(x.images.is_empty());
        let a = run(None, &["正文一", "延伸阅读:孟晚舟引渡审理进入最后阶段"]);
        assert_eq!(a.paragraphs, vec!["正文一"]);
    }
}
