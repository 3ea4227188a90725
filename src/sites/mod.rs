//! Site-specific knowledge: who an outlet is (publisher name, home time zone, the labels
//! and hosts that identify it) and how its pages are cleaned.
//!
//! Formats find the site of an input with [`find`] and call its hooks; every outlet
//! rule lives here, one module per outlet with rules, and one table line per outlet
//! that only needs a name. Adding an outlet is adding a module and a line in [`SITES`].

use chrono::FixedOffset;

use crate::html;
use crate::record::Article;

mod cna;
pub mod feedx;
mod hkcnews;
mod outlets;
mod rti;

/// One outlet.
pub trait Site: Sync {
    /// Short stable key (`cna`, `rti`, `hkcnews`, ...).
    fn key(&self) -> &'static str;
    /// The outlet in its own usual name (`publisher`).
    fn publisher(&self) -> &'static str;
    /// Labels that name this outlet: Jekyll feed labels (`(臺)中央社CNA`) and the
    /// outlet names of portal datelines (`Rti 中央廣播電臺`). Matched exactly, after
    /// trimming.
    fn names(&self) -> &'static [&'static str];
    /// Hosts of its article URLs (a suffix match: `cna.com.tw` matches `www.cna.com.tw`).
    fn hosts(&self) -> &'static [&'static str];
    /// The offset its dates are written in, when it has one fixed home offset.
    fn home_offset(&self) -> Option<FixedOffset> {
        None
    }
    /// What in its HTML is boilerplate, caption or keyword tag.
    fn html_rules(&'static self) -> html::Rules<'static> {
        html::Rules::default()
    }
    /// In Markdown bodies, a `---` rule starts the outlet's promo: cut there.
    fn markdown_rule_ends_article(&self) -> bool {
        false
    }
    /// Fix the headline (section prefixes, outlet suffixes), possibly setting `category`.
    fn clean_title(&self, _art: &mut Article) {}
    /// Paragraph-level cleaning after extraction: bylines to `author`, closing codes,
    /// boilerplate lines, truncation flags.
    fn finish(&self, _art: &mut Article) {}
}

/// Every known outlet. Order does not matter: names and hosts do not overlap (a test
/// checks it).
pub static SITES: &[&dyn Site] = &[
    &cna::Cna,
    &rti::Rti,
    &hkcnews::Hkcnews,
    &outlets::RFI,
    &outlets::ZAOBAO,
    &outlets::EPOCHTIMES,
    &outlets::REUTERS,
    &outlets::VOA,
    &outlets::DW,
    &outlets::RFA,
    &outlets::BBC,
    &outlets::SOLIDOT,
    &outlets::ECONOMIST,
    &outlets::NYTIMES,
    &outlets::NEIST,
    &outlets::WQW,
    &outlets::CDT,
    &outlets::CCTV,
];

/// The host of an http(s) URL, lower-cased.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn host_matches(host: &str, pattern: &str) -> bool {
    host == pattern || host.strip_suffix(pattern).is_some_and(|h| h.ends_with('.'))
}

/// The site named by `label` (a feed label or outlet name), else the one whose host
/// the URL is on.
pub fn find(label: Option<&str>, url: Option<&str>) -> Option<&'static dyn Site> {
    if let Some(label) = label.map(str::trim).filter(|l| !l.is_empty())
        && let Some(site) = SITES.iter().find(|s| s.names().contains(&label))
    {
        return Some(*site);
    }
    let host = url.and_then(host_of)?;
    SITES.iter().find(|s| s.hosts().iter().any(|p| host_matches(&host, p))).copied()
}

/// Drop everything from the first paragraph that is only one of `headings` (with an
/// optional colon): the start of a related-links or further-reading list.
pub fn truncate_at_heading(art: &mut Article, headings: &[&str]) {
    let is_heading = |p: &str| {
        let p = p.trim().trim_end_matches([':', '：']).trim();
        headings.contains(&p)
    };
    if let Some(at) = art.paragraphs.iter().position(|p| is_heading(p)) {
        art.paragraphs.truncate(at);
    }
}

/// Headings of further-reading and related-article lists.
pub const RELATED_HEADINGS: &[&str] = &[
    "延伸閱讀",
    "延伸阅读",
    "相關閱讀",
    "相关阅读",
    "相關文章",
    "相关文章",
    "相關新聞",
    "相关新闻",
    "相關報道",
    "相关报道",
];

/// Strip a leading `[國際]` / `[World]` section tag from the title into `category`.
pub fn take_section_prefix(art: &mut Article) {
    let t = art.title.trim_start();
    let Some(rest) = t.strip_prefix('[').or_else(|| t.strip_prefix('［')) else { return };
    let Some(end) = rest.find([']', '］']) else { return };
    let section = rest.get(..end).unwrap_or_default().trim();
    let after = rest.get(end..).and_then(|s| s.chars().next().map(|c| &s[c.len_utf8()..])).unwrap_or_default();
    if section.is_empty() || section.chars().count() > 12 || after.trim().is_empty() {
        return;
    }
    if art.category.is_none() {
        art.category = Some(section.to_owned());
    }
    art.title = after.trim().to_owned();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_hosts_do_not_overlap() {
        let mut names = Vec::new();
        let mut hosts = Vec::new();
        let mut keys = Vec::new();
        for s in SITES {
            assert!(!keys.contains(&s.key()), "duplicate key {}", s.key());
            keys.push(s.key());
            for n in s.names() {
                assert!(!names.contains(n), "label {n} claimed twice");
                names.push(*n);
            }
            for h in s.hosts() {
                assert!(!hosts.contains(h), "host {h} claimed twice");
                hosts.push(*h);
            }
            // Build every site's selectors once: a malformed literal fails here.
            let _ = s.html_rules();
        }
    }

    #[test]
    fn finds_by_label_then_host() {
        assert_eq!(find(Some("(臺)中央社CNA"), None).map(|s| s.key()), Some("cna"));
        assert_eq!(find(Some("Rti 中央廣播電臺"), None).map(|s| s.key()), Some("rti"));
        assert_eq!(find(None, Some("https://www.hkcnews.com/article/1")).map(|s| s.key()), Some("hkcnews"));
        assert_eq!(find(None, Some("https://hkcnews.com/article/1")).map(|s| s.key()), Some("hkcnews"));
        assert!(find(None, Some("https://nothkcnews.com/")).is_none());
        assert!(find(Some("unknown"), None).is_none());
    }

    #[test]
    fn related_list_is_cut() {
        let mut a = Article {
            paragraphs: vec!["正文".into(), "延伸閱讀：".into(), "別的".into()],
            ..Default::default()
        };
        truncate_at_heading(&mut a, RELATED_HEADINGS);
        assert_eq!(a.paragraphs, vec!["正文"]);
    }

    #[test]
    fn section_prefix() {
        let mut a = Article { title: "[國際] 菲律賓疫情延燒".into(), ..Default::default() };
        take_section_prefix(&mut a);
        assert_eq!(a.title, "菲律賓疫情延燒");
        assert_eq!(a.category.as_deref(), Some("國際"));
        let mut a = Article { title: "[突發]".into(), ..Default::default() };
        take_section_prefix(&mut a);
        assert_eq!(a.title, "[突發]");
    }
}
