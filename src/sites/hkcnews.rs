//! 眾新聞 (hkcnews.com), as archived on the Wayback Machine.
//!
//! A `---` rule in the Markdown body starts the subscription promo and the author bio:
//! boilerplate. Lone photo credits (`攝影：周滿鏗`) are not body text. Opinion pieces
//! name the writer in a credit line `【撰文：X】` (which becomes the author and leaves the
//! body); front matter authors carry role prefixes (`中國組記者翁維愷` -> `翁維愷`,
//! `記者林勵、實習記者丘萃瑩` -> `林勵、丘萃瑩`); generic desks (`眾新聞記者`, `讀者來論`)
//! name no person, so the outlet is credited.

use std::sync::LazyLock;

use chrono::FixedOffset;
use regex::Regex;

use super::Site;
use crate::normalize::date::hours;
use crate::record::Article;

pub struct Hkcnews;

/// What follows the rule that starts the promo block: the subscription or crowdfunding
/// appeal, or the author bio (a blogger's or columnist's picture, `![博客 | 名](…)`). Other
/// rules (`****` under a heading, `___`, `* * *`, a `-----` between list entries) are
/// article text.
const PROMO_STARTS: &[&str] =
    &["請加入成為眾新聞的月費訂戶", "我們的眾籌活動已結束", "**眾新聞眾籌呼籲", "![博客 |", "![主筆 |", "![Blogger |"];

/// A paragraph that is only a photo/video credit.
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(【\[]?\s*(?:攝影|攝|圖片|圖|相片|影片|片|視頻|拍攝|製圖|設計)(?:及剪接|／剪接)?\s*[：:／/]\s*[^。！？]{1,40}?\s*[)）】\]]?$")
        .expect("static regex")
});

/// `【撰文：瓦丸／攝影：壹一】`, `【撰文： 三郎 】`: a writer's credit line.
static WRITER_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^【\s*(?:撰文|文)\s*[：:]\s*([^】／/]{1,40}?)\s*(?:[／/][^】]*)?】$").expect("static regex")
});

/// Role prefixes before a name: `記者`, `中國組記者`, `台灣特派員`, `實習記者`.
static ROLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^.{0,8}?(?:實習記者|特約記者|記者|特派員|通訊員)\s*").expect("static regex"));

/// Author values that name a desk or a column, not a person.
fn is_generic(author: &str) -> bool {
    author.is_empty()
        || author.contains("眾新聞")
        || ["讀者來論", "特約轉載", "編輯部", "CitizenNews Op-ed", "眾聞", "記者"].contains(&author)
}

/// `中國組記者翁維愷` -> `翁維愷`; several names joined with `、`.
pub fn clean_author(raw: &str) -> Option<String> {
    let names: Vec<String> = raw
        .split(['、', '，', ','])
        .map(|part| ROLE.replace(part.trim(), "").trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    let joined = names.join("、");
    (!is_generic(raw.trim()) && !joined.is_empty()).then_some(joined)
}

impl Site for Hkcnews {
    fn key(&self) -> &'static str {
        "hkcnews"
    }
    fn publisher(&self) -> &'static str {
        "眾新聞"
    }
    fn names(&self) -> &'static [&'static str] {
        &["眾新聞", "hkcnews", "CitizenNews"]
    }
    fn hosts(&self) -> &'static [&'static str] {
        &["hkcnews.com"]
    }
    fn home_offset(&self) -> Option<FixedOffset> {
        Some(hours(8))
    }
    fn markdown_promo_starts(&self) -> &'static [&'static str] {
        PROMO_STARTS
    }
    fn finish(&self, art: &mut Article) {
        super::truncate_at_heading(art, super::RELATED_HEADINGS);
        let mut writer = None;
        art.paragraphs.retain(|p| {
            let t = p.trim();
            if let Some(c) = WRITER_CREDIT.captures(t) {
                if writer.is_none() {
                    writer = c.get(1).map(|m| m.as_str().trim().to_owned());
                }
                return false;
            }
            !PHOTO_CREDIT.is_match(t)
        });
        art.author = match writer.filter(|w| !w.is_empty()) {
            Some(w) => Some(w),
            None => art.author.as_deref().and_then(clean_author),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors() {
        assert_eq!(clean_author("中國組記者翁維愷").as_deref(), Some("翁維愷"));
        assert_eq!(clean_author("記者林勵、實習記者丘萃瑩").as_deref(), Some("林勵、丘萃瑩"));
        assert_eq!(clean_author("台灣特派員鄭智仁").as_deref(), Some("鄭智仁"));
        assert_eq!(clean_author("楊健興").as_deref(), Some("楊健興"));
        assert_eq!(clean_author("眾新聞記者"), None);
        assert_eq!(clean_author("讀者來論"), None);
        assert_eq!(clean_author(""), None);
    }

    #[test]
    fn credits_leave_the_body() {
        let mut a = Article {
            author: Some("好好故事".into()),
            paragraphs: vec!["【撰文：瓦丸／攝影：壹一】".into(), "正文。".into(), "攝影：周滿鏗".into()],
            ..Default::default()
        };
        Hkcnews.finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("瓦丸"));
        assert_eq!(a.paragraphs, vec!["正文。"]);
    }

    #[test]
    fn photo_credit_only_when_alone() {
        assert!(PHOTO_CREDIT.is_match("攝影：周滿鏗"));
        assert!(PHOTO_CREDIT.is_match("（圖：眾新聞）"));
        assert!(!PHOTO_CREDIT.is_match("圖：他說這是一個很長的句子，而且不是署名。"));
    }
}
