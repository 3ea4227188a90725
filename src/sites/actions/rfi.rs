//! 法国国际广播电台 (RFI, rfi.fr/cn): its named actions `rfi_stamp` and
//! `rfi_columns` (`rules/rfi.toml` holds the rest).
//!
//! Every post opens with a `<div>DD/MM/YYYY - HH:MM</div>` timestamp (Paris time, not
//! text), then an optional bold lede and `div.t-content__body`. Dropped: newsletter and
//! app promos (`o-self-promo`), ad slots (`m-interstitial` "继续浏览后续",
//! `m-block-ad`), the AFP copyright line (`p.t-copyright`, `© 2020 AFP`), the generic
//! share picture `RFI_FB.png`. AFP wires open with a dateline `（法新社…电）`: the
//! organisation credited is 法新社 (the translator credit `（译者：X/核稿：Y）` stays in
//! the text). Titles lose the ` – 法国国际广播电台 - RFI` suffix; a column name after
//! ` - ` (`… - 今日经济`) moves to `category` when the URL is filed under that column;
//! otherwise the section of the URL (`/cn/中国/…`) is the category. Dates stay UTC
//! (Paris has summer time).

use std::sync::LazyLock;

use percent_encoding::percent_decode_str;
use regex::Regex;

use crate::record::Article;

/// The leading `27/11/2020 - 08:58` line.
static STAMP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{2}/\d{2}/\d{4}\s*-\s*\d{2}:\d{2}$").expect("static regex"));

/// The decoded path segments of the article URL after `/cn/`.
fn url_sections(url: &str) -> Vec<String> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let mut segs = path.split('/').filter(|s| !s.is_empty()).skip(1);
    if segs.next() != Some("cn") {
        return Vec::new();
    }
    segs.map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned()).collect()
}

/// A section name, not the article slug (`20201127-…`) nor a placeholder.
fn is_section(seg: &str) -> bool {
    !seg.is_empty()
        && seg.chars().count() <= 12
        && !seg.starts_with(|c: char| c.is_ascii_digit())
        && !matches!(seg, "contenu" | "专栏检索" | "專欄檢索")
}

/// `rfi_stamp`: the `27/11/2020 - 08:58` line among the first three goes.
pub fn stamp(art: &mut Article) {
    if let Some(at) = art.paragraphs.iter().take(3).position(|p| STAMP.is_match(p.trim())) {
        art.paragraphs.remove(at);
    }
}

/// `rfi_columns`: a programme name after ` - ` in the title moves to `category` when the
/// URL is filed under that column (or it is a short Chinese name); else the section of
/// the URL (`/cn/中国/…`) is the category.
pub fn columns(art: &mut Article) {
    let sections = art.url.as_deref().map(url_sections).unwrap_or_default();
    let column = sections
        .windows(2)
        .find(|w| matches!(w.first().map(String::as_str), Some("专栏检索" | "專欄檢索")))
        .and_then(|w| w.get(1).cloned());
    // A programme name after ` - `: the URL's column, or a short Chinese name.
    let suffix = art.title.trim_end().rsplit_once(" - ").map(|(t, c)| (t.trim_end().to_owned(), c.trim().to_owned()));
    let column = match (column, suffix) {
        (Some(column), Some((t, c))) if c == column => {
            art.title = t;
            Some(column)
        }
        (None, Some((t, c)))
            if !t.is_empty()
                && !t.contains(" - ")
                && (2..=8).contains(&c.chars().count())
                && c.chars().all(crate::normalize::text::is_wide) =>
        {
            art.title = t;
            Some(c)
        }
        (column, _) => column,
    };
    if let Some(column) = column {
        art.category = Some(column);
    } else if let Some(section) = sections.iter().take(sections.len().saturating_sub(1)).find(|s| is_section(s)) {
        art.category = Some(section.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sites::Outlet;

    fn outlet() -> &'static Outlet {
        crate::sites::Outlets::builtin().get("rfi").expect("built-in rule")
    }

    #[test]
    fn stamp_and_copyright_go_afp_is_credited() {
        let mut a = Article {
            paragraphs: vec![
                "11/10/2020 - 13:35".into(),
                "（法新社赛普勒斯尼柯希亚11日电） 在赛普勒斯……".into(),
                "正文（译者：林沂锋/核稿：林治平）".into(),
                "© 2020 AFP".into(),
            ],
            ..Default::default()
        };
        outlet().finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("法新社"));
        assert_eq!(
            a.paragraphs,
            vec!["（法新社赛普勒斯尼柯希亚11日电） 在赛普勒斯……", "正文（译者：林沂锋/核稿：林治平）"]
        );
    }

    #[test]
    fn titles_lose_suffixes_columns_become_categories() {
        let mut a = Article {
            title: "捷克新冠病毒确诊激增 政府遭受批评 – 法国国际广播电台 - RFI".into(),
            url: Some("http://www.rfi.fr//cn/contenu/20201004-%E6%8D%B7".into()),
            ..Default::default()
        };
        outlet().clean_title(&mut a);
        assert_eq!(a.title, "捷克新冠病毒确诊激增 政府遭受批评");
        assert_eq!(a.category, None);
        let mut a = Article {
            title: "受新冠疫情重创，欧洲之星或今春陷入支付违约 - 今日经济".into(),
            url: Some(
                "http://www.rfi.fr//cn/%E4%B8%93%E6%A0%8F%E6%A3%80%E7%B4%A2/%E4%BB%8A%E6%97%A5%E7%BB%8F%E6%B5%8E/20210125-x"
                    .into(),
            ),
            ..Default::default()
        };
        outlet().clean_title(&mut a);
        assert_eq!(a.title, "受新冠疫情重创，欧洲之星或今春陷入支付违约");
        assert_eq!(a.category.as_deref(), Some("今日经济"));
        let mut a = Article {
            title: "运输出问题后".into(),
            url: Some("http://www.rfi.fr//cn/%E4%B8%AD%E5%9B%BD/20201008-x".into()),
            ..Default::default()
        };
        outlet().clean_title(&mut a);
        assert_eq!(a.category.as_deref(), Some("中国"));
        let mut a = Article {
            title: "马克龙赶赴大爆炸重创后的贝鲁特 - 要闻解说".into(),
            url: Some("http://www.rfi.fr//cn/contenu/20200806-x".into()),
            ..Default::default()
        };
        outlet().clean_title(&mut a);
        assert_eq!(a.title, "马克龙赶赴大爆炸重创后的贝鲁特");
        assert_eq!(a.category.as_deref(), Some("要闻解说"));
    }

    #[test]
    fn promos_and_copyright_are_dropped() {
        let html = "<div>08/10/2020 - 23:21</div><div class='t-content__body'><p>正文</p>\
                    <div class='o-self-promo'>订阅</div><div class='m-interstitial'><button>继续浏览后续</button></div>\
                    <p class='t-copyright'>© 2020 AFP</p></div>";
        let x = outlet().extract_html(html);
        assert_eq!(x.paragraphs, vec!["08/10/2020 - 23:21", "正文"]);
    }
}
