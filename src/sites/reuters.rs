//! 路透 (cn.reuters.com).
//!
//! The text opens with a dateline `路透伦敦12月24日 - ` (kept: it is part of the text)
//! and ends with the end mark `(完)` / `（完）`, which goes, followed by the editors'
//! credit `编译 张若琪/杜明霞；审校 徐文焰/戴素萍` (kept). Dropped: the
//! `我们的标准：汤森路透“信任原则”` badge, ad slots, and `**` left from bold
//! sub-heads. Reuters names no writer in the Chinese service: the agency is credited.
//! Titles may end with ` | 路透`. Dates stay UTC (the desk has no single home zone).

use std::sync::LazyLock;

use regex::Regex;
use scraper::Selector;

use super::{Site, remove_paragraphs};
use crate::html;
use crate::record::Article;

pub struct Reuters;

static DROP: LazyLock<Selector> = LazyLock::new(|| html::selector("[class*=trustBadge], [class*=AdSlot]"));

/// The end mark at the end of the last text paragraph: `(完)`, `（完）`, `(完) `.
static END_MARK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*[(（]\s*完\s*[)）]\s*$").expect("static regex"));

const TITLE_SUFFIXES: &[&str] = &[" | 路透", "｜路透", " - 路透"];

impl Site for Reuters {
    fn key(&self) -> &'static str {
        "reuters"
    }
    fn publisher(&self) -> &'static str {
        "路透"
    }
    fn names(&self) -> &'static [&'static str] {
        &["路透"]
    }
    fn hosts(&self) -> &'static [&'static str] {
        &["reuters.com"]
    }
    fn html_rules(&'static self) -> html::Rules<'static> {
        html::Rules { drop: html::Selectors::one(&DROP), ..Default::default() }
    }
    fn clean_title(&self, art: &mut Article) {
        for suffix in TITLE_SUFFIXES {
            if let Some(t) = art.title.trim_end().strip_suffix(suffix) {
                art.title = t.to_owned();
            }
        }
    }
    fn finish(&self, art: &mut Article) {
        for p in &mut art.paragraphs {
            if END_MARK.is_match(p) {
                *p = END_MARK.replace(p, "").into_owned();
            }
            if p.contains("**") {
                *p = p.replace("**", "");
            }
        }
        remove_paragraphs(art, |p| {
            p.is_empty() || p.starts_with("我们的标准：") || p.starts_with("我們的標準：") || p == "汤森路透“信任原则”"
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_mark_badge_and_bold_marks_go_credits_stay() {
        let mut a = Article {
            paragraphs: vec![
                "路透伦敦12月24日 - 正文。".into(),
                "**焦点**".into(),
                "结尾。(完)".into(),
                "（完）".into(),
                "编译 张若琪/杜明霞；审校　徐文焰/戴素萍".into(),
                "我们的标准：汤森路透“信任原则”".into(),
            ],
            ..Default::default()
        };
        Reuters.finish(&mut a);
        assert_eq!(
            a.paragraphs,
            vec!["路透伦敦12月24日 - 正文。", "焦点", "结尾。", "编译 张若琪/杜明霞；审校　徐文焰/戴素萍"]
        );
        assert_eq!(a.author, None);
    }

    #[test]
    fn title_suffix() {
        let mut a = Article {
            title: "中国外交部称美官员说法是“倒打一耙” | 路透".into(), ..Default::default()
        };
        Reuters.clean_title(&mut a);
        assert_eq!(a.title, "中国外交部称美官员说法是“倒打一耙”");
    }

    #[test]
    fn trust_badge_is_dropped() {
        let html = "<p>正文。(完)</p><div class='StandardArticleBody_trustBadgeContainer'><span>我们的标准：</span>\
                    <a>汤森路透“信任原则”</a></div>";
        let x = html::extract(html, Reuters.html_rules());
        assert_eq!(x.paragraphs, vec!["正文。(完)"]);
    }
}
