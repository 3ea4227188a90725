//! Site-specific knowledge: who an outlet is (publisher name, home time zone, the labels
//! and hosts that identify it) and how its pages are cleaned.
//!
//! Formats find the site of an input with [`find`] and call its hooks; every outlet
//! rule lives here, one module per outlet with rules, and one table line per outlet
//! that only needs a name. Adding an outlet is adding a module and a line in [`SITES`].

use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::FixedOffset;
use regex::Regex;
use scraper::{ElementRef, Html, Node};

use crate::html;
use crate::normalize::text;
use crate::record::Article;

mod bbc;
mod cctv;
mod cdt;
mod cna;
mod dw;
mod economist;
mod epochtimes;
pub mod feedx;
mod hkcnews;
mod neist;
mod nytimes;
mod outlets;
mod reuters;
mod rfa;
mod rfi;
mod rti;
mod voa;
mod zaobao;

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
    /// In Markdown bodies, a thematic break followed by a block that starts with one of
    /// these (the outlet's promo, an author bio) ends the article: cut there.
    fn markdown_promo_starts(&self) -> &'static [&'static str] {
        &[]
    }
    /// Fix the headline (section prefixes, outlet suffixes), possibly setting `category`.
    fn clean_title(&self, _art: &mut Article) {}
    /// Read what the parsed HTML says about the article before its text is extracted:
    /// bylines, keyword links, sections. (What is read here is usually also dropped from
    /// the text by [`Site::html_rules`].)
    fn inspect(&self, _doc: &Html, _art: &mut Article) {}
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
    &rfi::Rfi,
    &zaobao::Zaobao,
    &epochtimes::Epochtimes,
    &reuters::Reuters,
    &voa::Voa,
    &dw::Dw,
    &rfa::Rfa,
    &bbc::Bbc,
    &outlets::SOLIDOT,
    &economist::Economist,
    &nytimes::Nytimes,
    &neist::Neist,
    &outlets::WQW,
    &cdt::Cdt,
    &cctv::Cctv,
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

/// Move a column tag in `【】` that opens the title (`【名家专栏】…`) into `category`.
pub fn take_bracket_prefix(art: &mut Article) {
    let t = art.title.trim_start();
    if let Some(rest) = t.strip_prefix('【')
        && let Some((column, title)) = rest.split_once('】')
        && !column.trim().is_empty()
        && column.chars().count() <= 10
        && !title.trim().is_empty()
    {
        if art.category.is_none() {
            art.category = Some(column.trim().to_owned());
        }
        art.title = title.trim().to_owned();
    }
}

/// A line that is only an English date, `Sep 16th 2020` or `June 3rd 2020`: a page's
/// date stamp, not text.
pub fn is_english_date_line(p: &str) -> bool {
    static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}$",
        )
        .expect("static regex")
    });
    DATE_LINE.is_match(p.trim())
}

/// Drop every paragraph for which `is_boilerplate` holds.
pub fn remove_paragraphs(art: &mut Article, is_boilerplate: impl Fn(&str) -> bool) {
    art.paragraphs.retain(|p| !is_boilerplate(p.trim()));
}

/// Drop everything from the first paragraph for which `starts_boilerplate` holds (a promo
/// block or a related-links list that runs to the end). Says whether it cut.
pub fn truncate_at(art: &mut Article, starts_boilerplate: impl Fn(&str) -> bool) -> bool {
    match art.paragraphs.iter().position(|p| starts_boilerplate(p.trim())) {
        Some(at) => {
            art.paragraphs.truncate(at);
            true
        }
        None => false,
    }
}

/// Drop the headline where it is repeated among the first paragraphs (a visible `<h1>`,
/// a header block), comparing cleaned text.
pub fn drop_title_repeats(art: &mut Article) {
    let title = text::clean_inline(&art.title);
    if title.is_empty() {
        return;
    }
    let mut seen = 0;
    art.paragraphs.retain(|p| {
        seen += 1;
        !(seen <= 4 && text::clean_inline(p) == title)
    });
}

/// Drop body paragraphs that only repeat a picture caption (the caption is kept in
/// `images`).
pub fn drop_caption_repeats(art: &mut Article) {
    let captions: HashSet<String> = art
        .images
        .iter()
        .filter_map(|i| i.caption.as_deref())
        .map(text::clean_inline)
        .filter(|c| !c.is_empty())
        .collect();
    if captions.is_empty() {
        return;
    }
    art.paragraphs.retain(|p| !captions.contains(&text::clean_inline(p)));
}

/// A list (`ul`/`ol`) whose every item is nothing but links: a related-articles list,
/// not article text.
pub fn is_link_list(el: &ElementRef) -> bool {
    if !matches!(el.value().name(), "ul" | "ol") {
        return false;
    }
    let mut items = 0;
    let mut linked_text = false;
    for li in el.children().filter_map(ElementRef::wrap) {
        if li.value().name() != "li" {
            continue;
        }
        items += 1;
        for node in li.descendants() {
            let Node::Text(t) = node.value() else { continue };
            if t.trim().is_empty() {
                continue;
            }
            let in_link = node
                .ancestors()
                .take_while(|a| a.id() != li.id())
                .any(|a| a.value().as_element().is_some_and(|e| e.name() == "a"));
            if !in_link {
                return false;
            }
            linked_text = true;
        }
    }
    items > 0 && linked_text
}

/// The text of an element, cleaned to one line.
pub fn element_text(el: &ElementRef) -> String {
    text::clean_inline(&el.text().collect::<String>())
}

/// Names joined with `、`, each once (case-insensitively), in order; `None` when empty.
pub fn join_names<S: AsRef<str>>(names: &[S]) -> Option<String> {
    let mut seen = HashSet::new();
    let out: Vec<&str> = names
        .iter()
        .map(|n| n.as_ref().trim())
        .filter(|n| !n.is_empty() && seen.insert(n.to_ascii_lowercase()))
        .collect();
    (!out.is_empty()).then(|| out.join("、"))
}

/// The common end of every extractor: the site's own cleaning, then its publisher and
/// home offset (`unknown_publisher` when no site claims the article), then the author,
/// which defaults to the publisher.
pub fn finish_article(art: &mut Article, site: Option<&'static dyn Site>, unknown_publisher: Option<String>) {
    match site {
        Some(site) => {
            let breaks = art.split_lines();
            site.finish(art);
            art.join_lines(&breaks);
            art.publisher = Some(site.publisher().to_owned());
            art.home_offset = site.home_offset().or(art.home_offset);
        }
        None => art.publisher = unknown_publisher,
    }
    if art.author.is_none() {
        art.author = art.publisher.clone();
    }
}

/// The reporter named by the first of the first two or last two paragraphs (at most
/// `max_chars` long) that `byline` matches, its group 1 read with [`credit_names`].
pub fn byline_near_ends(art: &Article, byline: &Regex, max_chars: usize) -> Option<String> {
    let n = art.paragraphs.len();
    art.paragraphs
        .iter()
        .enumerate()
        .filter(|(i, p)| (*i < 2 || *i + 2 >= n) && p.chars().count() <= max_chars)
        .find_map(|(_, p)| {
            let c = byline.captures(p)?;
            join_names(&credit_names(c.get(1).map_or("", |m| m.as_str())))
        })
}

/// Places that follow reporter names in bylines (`钟元台北报导`, `郑崇生华盛顿报道`), in
/// simplified and traditional writing.
pub const PLACES: &[&str] = &[
    "布宜诺斯艾利斯",
    "约翰内斯堡",
    "乌鲁木齐",
    "烏魯木齊",
    "达兰萨拉",
    "達蘭薩拉",
    "亚特兰大",
    "亞特蘭大",
    "蒙特利尔",
    "卡尔加里",
    "伊斯坦布尔",
    "耶路撒冷",
    "法兰克福",
    "法蘭克福",
    "布鲁塞尔",
    "布魯塞爾",
    "墨西哥城",
    "澳大利亚",
    "华盛顿",
    "華盛頓",
    "旧金山",
    "舊金山",
    "洛杉矶",
    "洛杉磯",
    "休斯顿",
    "休斯頓",
    "休士顿",
    "休士頓",
    "芝加哥",
    "波士顿",
    "波士頓",
    "西雅图",
    "西雅圖",
    "达拉斯",
    "達拉斯",
    "新泽西",
    "新澤西",
    "多伦多",
    "多倫多",
    "温哥华",
    "溫哥華",
    "蒙特婁",
    "渥太华",
    "渥太華",
    "墨尔本",
    "墨爾本",
    "奥克兰",
    "奧克蘭",
    "慕尼黑",
    "日内瓦",
    "日內瓦",
    "维也纳",
    "維也納",
    "布拉格",
    "马德里",
    "馬德里",
    "莫斯科",
    "新加坡",
    "吉隆坡",
    "雅加达",
    "雅加達",
    "马尼拉",
    "馬尼拉",
    "新德里",
    "伊斯坦堡",
    "檀香山",
    "法拉盛",
    "联合国",
    "聯合國",
    "国会山",
    "國會山",
    "纽约州",
    "紐約州",
    "加拿大",
    "纽约",
    "紐約",
    "费城",
    "費城",
    "悉尼",
    "雪梨",
    "伦敦",
    "倫敦",
    "巴黎",
    "柏林",
    "华沙",
    "華沙",
    "罗马",
    "羅馬",
    "东京",
    "東京",
    "大阪",
    "首尔",
    "首爾",
    "曼谷",
    "河内",
    "河內",
    "迪拜",
    "杜拜",
    "开罗",
    "開羅",
    "台北",
    "臺北",
    "新北",
    "桃园",
    "桃園",
    "新竹",
    "台中",
    "臺中",
    "台南",
    "臺南",
    "高雄",
    "花莲",
    "花蓮",
    "宜兰",
    "宜蘭",
    "基隆",
    "嘉义",
    "嘉義",
    "彰化",
    "屏东",
    "屏東",
    "台东",
    "臺東",
    "香港",
    "澳门",
    "澳門",
    "北京",
    "上海",
    "广州",
    "廣州",
    "深圳",
    "武汉",
    "武漢",
    "成都",
    "重庆",
    "重慶",
    "南京",
    "杭州",
    "西安",
    "天津",
    "沈阳",
    "瀋陽",
    "拉萨",
    "拉薩",
    "白宫",
    "白宮",
    "华府",
    "華府",
    "硅谷",
    "矽谷",
    "加州",
    "德州",
    "美国",
    "美國",
    "日本",
    "韩国",
    "韓國",
    "台湾",
    "台灣",
    "臺灣",
    "英国",
    "英國",
    "法国",
    "法國",
    "德国",
    "德國",
    "澳洲",
];

/// Words that end the names of a byline: roles, verbs, brackets and separators.
const CREDIT_STOPS: &[&str] = &[
    "责编", "責編", "网编", "網編", "编辑", "編輯", "综合", "綜合", "采访", "採訪", "报导", "报道", "報導", "報道",
    "撰文", "编译", "編譯", "整理", "专访", "專訪", "摄影", "攝影", "／", "/", "（", "）", "(", ")", "。", "，", ",",
    "；", ";", "：", ":",
];

fn is_cjk_only(s: &str) -> bool {
    !s.is_empty() && s.chars().all(text::is_wide)
}

/// One name of a byline without the place after it: `钟元台北` -> `钟元`,
/// `黄春梅 台北` -> `黄春梅`; unknown places after a Chinese name are cut to the three
/// characters most names have.
fn name_without_place(raw: &str) -> String {
    let raw = raw.trim();
    if let Some((first, rest)) = raw.split_once(char::is_whitespace)
        && is_cjk_only(first)
        && is_cjk_only(rest.trim())
    {
        return first.to_owned();
    }
    if !is_cjk_only(raw) {
        return raw.to_owned();
    }
    let mut best: Option<&str> = None;
    for place in PLACES {
        if let Some(name) = raw.strip_suffix(place)
            && name.chars().count() >= 2
            && best.is_none_or(|b| name.len() < b.len())
        {
            best = Some(name);
        }
    }
    let name = best.unwrap_or(raw);
    if name.chars().count() > 4 { name.chars().take(3).collect() } else { name.to_owned() }
}

/// The names at the start of a byline's remainder, after its role word:
/// `骆亚、林岑心采访报导` -> `[骆亚, 林岑心]`, `：高锋 责编：胡力汉` -> `[高锋]`,
/// `郑崇生华盛顿报道` -> `[郑崇生]`, `Frank Fang／陈霆编译` -> `[Frank Fang]`.
pub fn credit_names(rest: &str) -> Vec<String> {
    let rest = rest.trim_start_matches([':', '：', ' ', '\u{3000}']);
    let cut = CREDIT_STOPS.iter().filter_map(|w| rest.find(w)).min().unwrap_or(rest.len());
    let part = rest.get(..cut).unwrap_or_default();
    part.split(['、', '及'])
        .map(name_without_place)
        .filter(|n| !n.is_empty() && n.chars().count() <= 40 && !n.chars().any(|c| c.is_ascii_digit()))
        .collect()
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
    fn byline_names() {
        assert_eq!(credit_names("骆亚、林岑心采访报导"), vec!["骆亚", "林岑心"]);
        assert_eq!(credit_names("：高锋 责编：胡力汉 许书婷 网编：瑞哲"), vec!["高锋"]);
        assert_eq!(credit_names("：高锋、责编：胡力汉"), vec!["高锋"]);
        assert_eq!(credit_names("郑崇生华盛顿报道 责编：申铧"), vec!["郑崇生"]);
        assert_eq!(credit_names("黄春梅 台北报道 责编 许书婷"), vec!["黄春梅"]);
        assert_eq!(credit_names("钟元台北报导"), vec!["钟元"]);
        assert_eq!(credit_names("Frank Fang／陈霆编译"), vec!["Frank Fang"]);
        assert_eq!(credit_names("曹郁芬采访"), vec!["曹郁芬"]);
        assert!(credit_names("综合报导").is_empty());
    }

    #[test]
    fn link_lists_are_recognised() {
        let doc = Html::parse_fragment(
            "<ul id='a'><li><a href='/1'>One</a></li><li><strong><a href='/2'>Two</a></strong></li></ul>\
             <ul id='b'><li>远程导弹</li><li><a href='/3'>x</a></li></ul><ol id='c'></ol>",
        );
        let pick = |id: &str| {
            let sel = html::selector(&format!("#{id}"));
            doc.select(&sel).next().map(|e| is_link_list(&e))
        };
        assert_eq!(pick("a"), Some(true));
        assert_eq!(pick("b"), Some(false));
        assert_eq!(pick("c"), Some(false));
    }

    #[test]
    fn repeats_of_title_and_captions_go() {
        let mut a = Article {
            title: "标题".into(),
            paragraphs: vec!["标题".into(), "正文".into(), "图说".into()],
            images: vec![crate::record::Image { url: "https://x.org/a.jpg".into(), caption: Some("图说".into()) }],
            ..Default::default()
        };
        drop_title_repeats(&mut a);
        drop_caption_repeats(&mut a);
        assert_eq!(a.paragraphs, vec!["正文"]);
        assert_eq!(join_names(&["A", "a", "B"]).as_deref(), Some("A、B"));
    }

    #[test]
    fn bracket_prefix_and_date_lines() {
        let mut a =
            Article { title: "【名家专栏】摧毁共产主义从各州开始".into(), ..Default::default() };
        take_bracket_prefix(&mut a);
        assert_eq!(a.title, "摧毁共产主义从各州开始");
        assert_eq!(a.category.as_deref(), Some("名家专栏"));
        let mut a = Article { title: "【突发】".into(), ..Default::default() };
        take_bracket_prefix(&mut a);
        assert_eq!(a.title, "【突发】");
        assert!(is_english_date_line("Sep 16th 2020"));
        assert!(is_english_date_line("June 3rd 2020"));
        assert!(is_english_date_line("Oct 31th 2019"));
        assert!(!is_english_date_line("NEW YORK"));
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
