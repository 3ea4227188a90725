//! 美国之音 (voachinese.com).
//!
//! Every post opens with a `<div><i>Tue, 20 Apr 2021 13:04:30 GMT</i></div>` header and
//! a lead picture with a `#999` caption. The call-in show 时事大家谈 ends with a promo
//! block (`本期时事大家谈完整版：…`, `时事大家谈每星期一到四…播出，敬请收看。`, the
//! `=====` framed disclaimer `嘉宾和观众听众发表的都是个人观点…`, a YouTube playlist
//! link), cut from its first line. A few reports are signed `美国之音记者X华盛顿报道`:
//! X is the author; otherwise VOA is credited. Dates stay UTC (Washington has summer
//! time).

use std::sync::LazyLock;

use regex::Regex;

use super::{Site, byline_near_ends, truncate_at};
use crate::record::Article;

pub struct Voa;

/// A reporter's byline: `美国之音记者萧洵台北报道` (names and place in group 1).
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:美国之音|美國之音)(?:特约|特約|驻[^记者]{1,6}|駐[^記者]{1,6})?(?:记者|記者)([^（）()，。,]{1,30}?)(?:报道|报导|報導|報道)")
        .expect("static regex")
});

/// The first line of the 时事大家谈 promo block.
fn starts_promo(p: &str) -> bool {
    p.starts_with("本期时事大家谈")
        || p.starts_with("本期時事大家談")
        || p.starts_with("《时事大家谈》")
        || p.starts_with("《時事大家談》")
        || (p.contains("时事大家谈") && p.contains("敬请收看"))
        || (p.contains("時事大家談") && p.contains("敬請收看"))
        || p.starts_with("嘉宾和观众听众发表的都是个人观点")
        || (p.len() >= 10 && p.chars().all(|c| c == '='))
}

impl Site for Voa {
    fn key(&self) -> &'static str {
        "voa"
    }
    fn publisher(&self) -> &'static str {
        "美国之音"
    }
    fn names(&self) -> &'static [&'static str] {
        &["美国之音"]
    }
    fn hosts(&self) -> &'static [&'static str] {
        &["voachinese.com", "voanews.com"]
    }
    fn finish(&self, art: &mut Article) {
        truncate_at(art, starts_promo);
        if let Some(names) = byline_near_ends(art, &BYLINE, 200) {
            art.author = Some(names);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_promo_is_cut() {
        let mut a = Article {
            paragraphs: vec![
                "正文。".into(),
                "本期时事大家谈完整版：北京“剿杀”下 香港未来在何方？".into(),
                "时事大家谈每星期一到四，星期六北京时间晚上九点播出，敬请收看。".into(),
                "==========================================".into(),
                "嘉宾和观众听众发表的都是个人观点，并不代表美国之音。".into(),
            ],
            ..Default::default()
        };
        Voa.finish(&mut a);
        assert_eq!(a.paragraphs, vec!["正文。"]);
    }

    #[test]
    fn reporter_bylines() {
        let mut a = Article {
            paragraphs: vec!["（美国之音记者萧洵台北报道）台湾国防部说……".into(), "正文。".into()],
            ..Default::default()
        };
        Voa.finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("萧洵"));
        let mut a = Article {
            paragraphs: vec!["正文。".into(), "美国之音记者李逸华 华盛顿报道".into()],
            ..Default::default()
        };
        Voa.finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("李逸华"));
        let mut a =
            Article { paragraphs: vec!["美国之音记者问他是否会去。".into()], ..Default::default() };
        Voa.finish(&mut a);
        assert_eq!(a.author, None);
    }
}
