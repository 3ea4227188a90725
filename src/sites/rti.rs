//! 中央廣播電臺 (Radio Taiwan International).
//!
//! In the Jekyll mirror, RTI posts are teasers: a `[國際]` section tag opens the title
//! and the text ends in `...more`, a link to the full story (flagged `body_truncated`).
//! Some titles end with a desk code (` - 200727-4`), which goes. On news portals the
//! outlet line reads `Rti 中央廣播電臺`.

use std::sync::LazyLock;

use chrono::FixedOffset;
use regex::Regex;

use super::{Site, take_section_prefix};
use crate::normalize::date::hours;
use crate::record::{Article, warn};

pub struct Rti;

/// A desk code after the headline: ` - 200727-4` (date and number).
static DESK_CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+-\s+\d{6}-\d{1,3}$").expect("static regex"));

impl Site for Rti {
    fn key(&self) -> &'static str {
        "rti"
    }
    fn publisher(&self) -> &'static str {
        "中央廣播電臺"
    }
    fn names(&self) -> &'static [&'static str] {
        &["RTI 中央廣播電臺", "Rti 中央廣播電臺", "Rti中央廣播電臺", "中央廣播電臺", "央廣", "Rti"]
    }
    fn hosts(&self) -> &'static [&'static str] {
        &["rti.org.tw"]
    }
    fn home_offset(&self) -> Option<FixedOffset> {
        Some(hours(8))
    }
    fn clean_title(&self, art: &mut Article) {
        take_section_prefix(art);
        if let Some(m) = DESK_CODE.find(art.title.trim_end()) {
            art.title.truncate(m.start());
        }
    }
    fn finish(&self, art: &mut Article) {
        let Some(last) = art.paragraphs.last_mut() else { return };
        let trimmed = last.trim_end();
        if let Some(rest) = trimmed.strip_suffix("...more").or_else(|| trimmed.strip_suffix("…more")) {
            *last = rest.trim_end().to_owned();
            if last.is_empty() {
                art.paragraphs.pop();
            }
            art.warn(warn::BODY_TRUNCATED);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_and_desk_code_leave_the_title() {
        let mut a = Article {
            title: "[生活] 三總結盟清大 共推台灣下一階段生醫發展 - 200727-4".into(),
            ..Default::default()
        };
        Rti.clean_title(&mut a);
        assert_eq!(a.title, "三總結盟清大 共推台灣下一階段生醫發展");
        assert_eq!(a.category.as_deref(), Some("生活"));
    }

    #[test]
    fn teaser_is_flagged_and_more_link_removed() {
        let mut a = Article { paragraphs: vec!["文字和......more".into()], ..Default::default() };
        Rti.finish(&mut a);
        assert_eq!(a.paragraphs, vec!["文字和..."]);
        assert_eq!(a.warnings, vec![warn::BODY_TRUNCATED]);
        let mut a = Article { paragraphs: vec!["完整。".into()], ..Default::default() };
        Rti.finish(&mut a);
        assert!(a.warnings.is_empty());
    }
}
