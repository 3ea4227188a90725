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
