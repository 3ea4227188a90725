//! 自由亚洲电台 (rfa.org/mandarin).
//!
//! Reports end with a credit line that stays in the text and names the reporter:
//! `记者：高锋 责编：胡力汉 许书婷 网编：瑞哲`, `自由亚洲电台记者郑崇生华盛顿报道 责编：申铧
//! 网编：洪伟`, `(记者曹郁芬采访)`. Dropped: lists of links to related reports
//! (`<ul><li><a>…`, also the search-result variant with `result-title`), the zoom icon
//! under pictures, the empty `copyright` spans of captions. Some titles carry a
//! `标题：` label. Dates stay UTC (Washington has summer time).

use std::sync::LazyLock;

use regex::Regex;
use scraper::Selector;

use super::{Site, credit_names, is_link_list, join_names};
use crate::html;
use crate::record::Article;

pub struct Rfa;

static DROP: LazyLock<Selector> =
    LazyLock::new(|| html::selector("#zoomattribute, .single_image, .copyright, .searchresultdate, .discreet"));

/// The reporter in a credit line: `记者：X`, `记者 X`, `自由亚洲电台特约记者X旧金山报道`,
/// `(记者X采访)`; names (and place) follow the match.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(]?(?:自由亚洲电台|自由亞洲電台)?(?:特约|特約)?(?:记者|記者)\s*[：:]?").expect("static regex")
});

/// A credit line also names an editor or says it is a report.
fn is_credit_line(p: &str) -> bool {
    p.chars().count() <= 80
        && ["责编", "責編", "网编", "網編", "报道", "報道", "采访", "採訪"].iter().any(|w| p.contains(w))
}

impl Site for Rfa {
    fn key(&self) -> &'static str {
        "rfa"
    }
    fn publisher(&self) -> &'static str {
        "自由亚洲电台"
    }
    fn names(&self) -> &'static [&'static str] {
        &["自由亚洲电台"]
    }
    fn hosts(&self) -> &'static [&'static str] {
        &["rfa.org"]
    }
    fn html_rules(&'static self) -> html::Rules<'static> {
        html::Rules {
            drop: html::Selectors::one(&DROP),
            drop_if: Some(is_link_list),
            skip_image: Some(|url| url.contains("icon-zoom")),
            ..Default::default()
        }
    }
    fn clean_title(&self, art: &mut Article) {
        let t = art.title.trim_start();
        if let Some(rest) = t.strip_prefix("标题：").or_else(|| t.strip_prefix("標題：")) {
            art.title = rest.trim().to_owned();
        }
    }
    fn finish(&self, art: &mut Article) {
        let n = art.paragraphs.len();
        // The credit closes the report; a few reports open with it.
        let candidates = art.paragraphs.iter().rev().take(3).chain(art.paragraphs.iter().take(n.min(2)));
        for p in candidates {
            let p = p.trim();
            if !is_credit_line(p) {
                continue;
            }
            if let Some(m) = CREDIT.find(p)
                && let Some(names) = join_names(&credit_names(p.get(m.end()..).unwrap_or_default()))
            {
                art.author = Some(names);
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author_of(last: &str) -> Option<String> {
        let mut a = Article { paragraphs: vec!["正文。".into(), last.into()], ..Default::default() };
        Rfa.finish(&mut a);
        a.author
    }

    #[test]
    fn reporters_from_credit_lines() {
        assert_eq!(author_of("记者：高锋 责编：胡力汉 许书婷 网编：瑞哲").as_deref(), Some("高锋"));
        assert_eq!(author_of("自由亚洲电台记者郑崇生华盛顿报道 责编：申铧 网编：洪伟").as_deref(), Some("郑崇生"));
        assert_eq!(author_of("自由亚洲电台记者黄春梅 台北报道 责编 许书婷 申铧 网编 瑞哲").as_deref(), Some("黄春梅"));
        assert_eq!(author_of("自由亚洲电台记者柳飞 责编：何平 网编：洪伟").as_deref(), Some("柳飞"));
        assert_eq!(author_of("(记者：唐家婕 责编：申铧 网编：洪伟)").as_deref(), Some("唐家婕"));
        assert_eq!(author_of("(记者曹郁芬采访)").as_deref(), Some("曹郁芬"));
        assert_eq!(author_of("记者 刘少风 责编 胡力汉").as_deref(), Some("刘少风"));
        assert_eq!(author_of("记者：高锋、责编：胡力汉").as_deref(), Some("高锋"));
        assert_eq!(author_of("自由亚洲电台特约记者孙诚旧金山报道 责编：梒青 网编：洪伟").as_deref(), Some("孙诚"));
        assert_eq!(author_of("记者致电中国民政部和四川省民政厅，均无人回应。"), None);
    }

    #[test]
    fn title_label() {
        let mut a =
            Article { title: "标题：中共“滨州舰”出现台湾基隆外海".into(), ..Default::default() };
        Rfa.clean_title(&mut a);
        assert_eq!(a.title, "中共“滨州舰”出现台湾基隆外海");
    }

    #[test]
    fn related_lists_and_zoom_icons_go() {
        let html = "<p>正文</p><ul><li><strong><a href='https://www.rfa.org/mandarin/a.html'>相关报道</a></strong></li></ul>\
                    <ul><li class='p3'><span class='discreet'><span class='result-title'><a class='state-published' href='/b'>\
                    <strong>另一篇</strong></a></span></span></li></ul>\
                    <div class='image-caption'><span>图说</span><span class='copyright'>Photo: RFA</span></div>\
                    <div id='zoomattribute'><a class='single_image'><img src='/rfa_resources/graphics/icon-zoom.png'></a></div>";
        let x = html::extract(html, Rfa.html_rules());
        assert_eq!(x.paragraphs, vec!["正文", "图说"]);
        assert!(x.images.is_empty());
    }
}
