//! 中央社 (Central News Agency, Taiwan).
//!
//! Body: the `<p>` text of the article; dropped: related-article blocks (`moreArticle`),
//! ad slots, the top-news carousel, e-paper subscription boxes, social embeds, info
//! boxes. Captions: `div.picinfo`. Keyword tags: `div.keywordTag`. The opening
//! dateline names the reporters: `（中央社記者江今葉華盛頓23日專電）` -> `江今葉`. The
//! closing code `（編輯：徐睿承）1100424` loses its ROC date `1100424`; the credit stays.

use std::sync::LazyLock;

use chrono::FixedOffset;
use regex::Regex;
use scraper::Selector;

use super::Site;
use crate::html;
use crate::normalize::date::hours;
use crate::record::Article;

pub struct Cna;

static DROP: LazyLock<Selector> = LazyLock::new(|| {
    html::selector(
        ".moreArticle, .bottomArticleBanner, .bottomBox, .topNews, .topNewsTitle, .SubscriptionInner, \
         .insertGroup, .book-title, .book, .twitterMedia, .facebookMedia, .youtubeBox, .noWidthMedia, \
         .twitter-tweet, .fb-post, .infogram-embed, .adslot_infinite, [id^=adslot], .pcBox, .mbBox",
    )
});
static CAPTION: LazyLock<Selector> = LazyLock::new(|| html::selector(".picinfo"));
static TAG: LazyLock<Selector> = LazyLock::new(|| html::selector(".keywordTag"));

/// `（中央社記者江今葉華盛頓23日專電）`, `（中央社華盛頓13日綜合外電報導）`.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^（中央社([^（）]{0,60}?)\d{1,2}日[^（）]{0,12}?(?:專電|電|報導)）").expect("static regex")
});

/// A closing credit followed by the ROC date code: `（編輯：徐睿承）1100424`.
static CLOSING_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(（[^（）]{1,80}）)\s*\d{7}\s*$").expect("static regex"));

/// A paragraph that is only a ROC date code.
static BARE_CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\d{7}\s*$").expect("static regex"));

/// Places that follow the reporter names in datelines, longest first where one is the
/// end of another.
const PLACES: &[&str] = &[
    "布宜諾斯艾利斯",
    "約翰尼斯堡",
    "阿姆斯特丹",
    "胡志明市",
    "墨西哥市",
    "斯德哥爾摩",
    "耶路撒冷",
    "布魯塞爾",
    "伊斯坦堡",
    "華盛頓",
    "洛杉磯",
    "舊金山",
    "休士頓",
    "芝加哥",
    "多倫多",
    "溫哥華",
    "日內瓦",
    "莫斯科",
    "新德里",
    "雅加達",
    "吉隆坡",
    "新加坡",
    "馬尼拉",
    "安卡拉",
    "聖保羅",
    "布拉格",
    "維也納",
    "蒙特婁",
    "西雅圖",
    "波士頓",
    "法蘭克福",
    "檀香山",
    "苗栗縣",
    "宜蘭縣",
    "花蓮縣",
    "台東縣",
    "臺東縣",
    "屏東縣",
    "彰化縣",
    "南投縣",
    "雲林縣",
    "嘉義縣",
    "嘉義市",
    "新竹縣",
    "新竹市",
    "澎湖縣",
    "金門縣",
    "連江縣",
    "台北",
    "臺北",
    "新北",
    "桃園",
    "新竹",
    "苗栗",
    "台中",
    "臺中",
    "彰化",
    "南投",
    "雲林",
    "嘉義",
    "台南",
    "臺南",
    "高雄",
    "屏東",
    "宜蘭",
    "花蓮",
    "台東",
    "臺東",
    "澎湖",
    "金門",
    "馬祖",
    "基隆",
    "香港",
    "澳門",
    "北京",
    "上海",
    "廣州",
    "深圳",
    "東京",
    "大阪",
    "首爾",
    "紐約",
    "倫敦",
    "巴黎",
    "柏林",
    "曼谷",
    "河內",
    "雪梨",
    "開羅",
    "羅馬",
    "馬德里",
    "華沙",
    "海牙",
    "網站",
    "北",
];

/// The reporters named in the inner part of a dateline (`記者江今葉華盛頓`), if any.
fn reporters(inner: &str) -> Vec<String> {
    let after = ["記者", "特派員"].iter().filter_map(|m| inner.rfind(m).map(|i| i + m.len())).max();
    let Some(start) = after else { return Vec::new() };
    let names_and_place = inner.get(start..).unwrap_or_default().trim();
    let mut names: Vec<String> = names_and_place.split(['、', '/', '／']).map(|s| s.trim().to_owned()).collect();
    if let Some(last) = names.last_mut() {
        let mut cut = None;
        for place in PLACES {
            if let Some(name) = last.strip_suffix(place)
                && !name.is_empty()
            {
                cut = Some(name.to_owned());
                break;
            }
        }
        *last = match cut {
            Some(name) => name,
            // Unknown place: Chinese names are mostly three characters.
            None => last.chars().take(3).collect(),
        };
    }
    names.retain(|n| !n.is_empty() && n.chars().count() <= 4);
    names
}

impl Site for Cna {
    fn key(&self) -> &'static str {
        "cna"
    }
    fn publisher(&self) -> &'static str {
        "中央社"
    }
    fn names(&self) -> &'static [&'static str] {
        &["(臺)中央社CNA", "中央社", "中央通訊社", "CNA"]
    }
    fn hosts(&self) -> &'static [&'static str] {
        &["cna.com.tw"]
    }
    fn home_offset(&self) -> Option<FixedOffset> {
        Some(hours(8))
    }
    fn html_rules(&'static self) -> html::Rules<'static> {
        html::Rules {
            drop: html::Selectors::one(&DROP),
            caption: html::Selectors::one(&CAPTION),
            tag: html::Selectors::one(&TAG),
            ..Default::default()
        }
    }
    fn finish(&self, art: &mut Article) {
        if let Some(first) = art.paragraphs.iter().find(|p| p.contains("（中央社"))
            && let Some(c) = DATELINE.captures(first.trim())
        {
            let names = reporters(c.get(1).map_or("", |m| m.as_str()));
            art.author = Some(if names.is_empty() { "中央社".to_owned() } else { names.join("、") });
        }
        art.paragraphs.retain(|p| !BARE_CODE.is_match(p));
        for p in &mut art.paragraphs {
            if let Some(c) = CLOSING_CODE.captures(p)
                && let (Some(all), Some(credit)) = (c.get(0), c.get(1))
            {
                let kept = format!("{}{}", p.get(..all.start()).unwrap_or_default(), credit.as_str());
                *p = kept;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author_of(first: &str) -> Option<String> {
        let mut a = Article { paragraphs: vec![first.into()], ..Default::default() };
        Cna.finish(&mut a);
        a.author
    }

    #[test]
    fn datelines() {
        assert_eq!(author_of("（中央社記者江今葉華盛頓23日專電）白宮").as_deref(), Some("江今葉"));
        assert_eq!(author_of("（中央社華盛頓13日綜合外電報導）美國").as_deref(), Some("中央社"));
        assert_eq!(author_of("（中央社記者陳婕翎、江慧珺北24日電）國內").as_deref(), Some("陳婕翎、江慧珺"));
        assert_eq!(author_of("（中央社記者張謙香港2日電）").as_deref(), Some("張謙"));
        assert_eq!(author_of("（中央社記者沈如峰宜蘭縣9日電）").as_deref(), Some("沈如峰"));
        assert_eq!(author_of("（中央社記者何宏儒安卡拉30日專電）").as_deref(), Some("何宏儒"));
        assert_eq!(author_of("（中央社台北7日電）").as_deref(), Some("中央社"));
        assert_eq!(author_of("no dateline"), None);
    }

    #[test]
    fn closing_code_removed_credit_kept() {
        let mut a = Article {
            paragraphs: vec!["text。（編輯：徐睿承）1100424".into(), "1100424".into()],
            ..Default::default()
        };
        Cna.finish(&mut a);
        assert_eq!(a.paragraphs, vec!["text。（編輯：徐睿承）"]);
    }
}
