//! `portal-text`: a plain-text copy of a news-portal article page.
//!
//! ```text
//! 布林肯會王毅 聚焦中國支持俄國入侵烏克蘭        (title, often twice)
//! Rti 中央廣播電臺 2024-04-26 10:45            (outlet, Taiwan time)
//! body paragraphs…
//! 原始連結                                     (portal chrome from here on:
//! 更多中央廣播電臺新聞 / 熱門文章 / 82 / 0 / 分享    related lists, counters)
//! ```

use std::sync::LazyLock;

use regex::Regex;

use super::{Body, Category, Context, Draft, Format, Next, Read};
use crate::error::Error;
use crate::normalize::date;
use crate::record::Article;

pub struct PortalText;

/// `<outlet> YYYY-MM-DD HH:MM`.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\S.{0,39}?)\s+(\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?)$").expect("static regex")
});

/// How many non-empty lines from the top the dateline may be.
const DATELINE_WITHIN: usize = 6;

/// Lines where the portal's chrome starts.
fn is_chrome_start(line: &str) -> bool {
    matches!(line, "原始連結" | "原始連結網址" | "熱門文章" | "看更多" | "相關新聞" | "延伸閱讀" | "分享")
        || (line.starts_with("更多") && line.ends_with("新聞") && line.chars().count() <= 24)
}

/// Chrome markers that suggest a portal dump even without its dateline.
fn chrome_markers(text: &str) -> usize {
    let mut n = 0;
    for line in text.lines().map(str::trim) {
        if matches!(line, "原始連結" | "熱門文章") || (line.starts_with("更多") && line.ends_with("新聞")) {
            n += 1;
        }
    }
    if text.trim_end().ends_with("\n分享") {
        n += 1;
    }
    n
}

fn find_dateline(text: &str) -> Option<(usize, regex::Captures<'_>)> {
    text.lines()
        .map(str::trim)
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .take(DATELINE_WITHIN)
        .filter(|(_, l)| l.len() <= 120)
        .find_map(|(i, l)| DATELINE.captures(l).map(|c| (i, c)))
}

impl Format for PortalText {
    fn name(&self) -> &'static str {
        "portal-text"
    }

    fn about(&self) -> String {
        "plain-text copies of news-portal pages: title, `<outlet> YYYY-MM-DD HH:MM` line, paragraphs, portal chrome"
            .to_owned()
    }

    fn detect(&self, text: &str) -> u8 {
        if text.starts_with("---") {
            return 0;
        }
        let markers = chrome_markers(text).min(3) as u8;
        if find_dateline(text).is_some() {
            60 + 10 * markers
        } else if markers >= 2 {
            25
        } else {
            0
        }
    }

    /// Dumps cannot be told apart where one ends (the chrome) and the next begins (its
    /// title lines): a second dateline after the chrome means text was ignored.
    fn next_document(&self, text: &str) -> Next {
        let Some((at, _)) = find_dateline(text) else { return Next::None };
        let mut lines = text.lines().map(str::trim).skip(at + 1);
        if !lines.any(is_chrome_start) {
            return Next::None;
        }
        if lines.any(|l| l.len() <= 120 && DATELINE.is_match(l)) { Next::Ignored } else { Next::None }
    }

    fn read<'a>(&self, text: &'a str, cx: &Context<'a>) -> Result<Read<'a>, Error> {
        let (at, caps) =
            find_dateline(text).ok_or(Error::MissingPart("the `<outlet> YYYY-MM-DD HH:MM` line under the title"))?;
        let outlet = caps.get(1).map_or("", |m| m.as_str()).trim();
        let when = caps.get(2).map_or("", |m| m.as_str());
        let site = cx.outlet(Some(outlet), None);
        // The dateline's time is in the outlet's home offset; for an outlet without a
        // known one the offset is not stated (the day only, `date_offset_unknown`).
        let offset = site.and_then(|s| s.home_offset());

        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let art = Article {
            title: lines.iter().take(at).find(|l| !l.is_empty()).map(|l| (*l).to_owned()).unwrap_or_default(),
            date: date::parse(when, offset),
            home_offset: offset,
            ..Default::default()
        };
        let paragraphs = lines
            .iter()
            .skip(at + 1)
            .take_while(|l| !is_chrome_start(l))
            .filter(|l| !l.is_empty())
            .map(|l| (*l).to_owned())
            .collect();
        Ok(Read::One(Draft {
            article: art,
            body: Body::Paragraphs(paragraphs),
            outlet: site,
            label: Some(outlet.to_owned()),
            publisher: Some(outlet.to_owned()),
            category: Category::FromRules,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::When;

    const DUMP: &str = "標題 一\r\n\r\n標題 一\r\n\r\nTVBS新聞網 2024-05-01 08:05\r\n\r\n第一段。\r\n\r\n第二段。\r\n\r\n原始連結\r\n\r\n更多TVBS新聞\r\n別的標題\r\n\r\n82\r\n0\r\n分享";

    #[test]
    fn crlf_dump_of_another_outlet() {
        assert!(PortalText.detect(DUMP) >= 60);
        let a = PortalText.extract(DUMP, &Context::default()).unwrap();
        assert_eq!(a.title, "標題 一");
        assert_eq!(a.paragraphs, vec!["第一段。", "第二段。"]);
        assert_eq!(a.publisher.as_deref(), Some("TVBS新聞網"));
        // TVBS has no rule, so no known home offset: a wall-clock time.
        let Some(When::Local(t)) = a.date else { panic!("no wall-clock date: {:?}", a.date) };
        assert_eq!(t.to_string(), "2024-05-01 08:05:00");
        let r = a.into_record("portal-text", "-").unwrap();
        assert_eq!(r.date.as_deref(), Some("2024-05-01"));
        assert!(r.warnings.iter().any(|w| w == "date_offset_unknown"), "{:?}", r.warnings);
    }

    #[test]
    fn without_repeated_title() {
        let a = PortalText.extract("標題\n中央社 2024-01-02 03:04\n段落\n熱門文章\n別的", &Context::default()).unwrap();
        assert_eq!(a.title, "標題");
        assert_eq!(a.paragraphs, vec!["段落"]);
        assert_eq!(a.publisher.as_deref(), Some("中央社"));
    }

    #[test]
    fn no_dateline_is_a_missing_part() {
        let text = "標題\n\n段落\n\n原始連結\n\n熱門文章\nx\n分享";
        assert_eq!(PortalText.detect(text), 25);
        assert_eq!(PortalText.extract(text, &Context::default()).unwrap_err().kind(), "missing_part");
    }
}
