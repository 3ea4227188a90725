//! 新闻联播 (CCTV's evening news, as transcribed on cn.govopendata.com).
//!
//! A post is the list of the day's story headlines, each a link to the transcript on
//! the mirror: the record keeps the headlines as its body and is flagged
//! `body_truncated` (the transcripts themselves are not in the post). The feed title is
//! the date and the headlines run together and cut off mid-word
//! (`2020-12-27 新闻联播 文字版【…】端牢14亿中国人的饭碗京雄城际铁路全线开通…`): it is
//! cut after `文字版`. Broadcast times are Beijing time (+08:00).

use chrono::FixedOffset;

use super::Site;
use crate::normalize::date::hours;
use crate::record::{Article, warn};

pub struct Cctv;

impl Site for Cctv {
    fn key(&self) -> &'static str {
        "cctv"
    }
    fn publisher(&self) -> &'static str {
        "新闻联播"
    }
    fn names(&self) -> &'static [&'static str] {
        &["CCTV新闻联播"]
    }
    fn hosts(&self) -> &'static [&'static str] {
        &["govopendata.com"]
    }
    fn home_offset(&self) -> Option<FixedOffset> {
        Some(hours(8))
    }
    fn clean_title(&self, art: &mut Article) {
        if let Some(at) = art.title.find("文字版") {
            let end = at + "文字版".len();
            if end < art.title.len() {
                art.title = art.title.get(..end).unwrap_or(&art.title).to_owned();
            }
        }
    }
    fn finish(&self, art: &mut Article) {
        if !art.paragraphs.is_empty() {
            art.warn(warn::BODY_TRUNCATED);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_cut_and_index_flagged() {
        let mut a = Article {
            title: "2020-12-27 新闻联播 文字版【在习近平新时代中国特色社会主义思想指引下】端牢14亿中国人的饭碗京雄城际铁路全线开通【我们的".into(),
            paragraphs: vec!["京雄城际铁路全线开通".into()],
            ..Default::default()
        };
        Cctv.clean_title(&mut a);
        Cctv.finish(&mut a);
        assert_eq!(a.title, "2020-12-27 新闻联播 文字版");
        assert_eq!(a.warnings, vec![warn::BODY_TRUNCATED]);
    }
}
