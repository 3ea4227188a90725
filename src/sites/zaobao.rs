//! 联合早报 (zaobao.com, Singapore; +08:00 all year).
//!
//! Dropped: the ad slots in every post (`section#imu`, `div#innity-in-post`, `dfp-ad-*`
//! wrappers) and the subscription promo at the end (a link to `subscribe.sph.com.sg`
//! around the `freemium_images` banners). Bylines are rare: `（联合早报记者X）` or
//! `联合早报驻北京记者X报道` name the reporter; otherwise the paper is credited.

use std::sync::LazyLock;

use chrono::FixedOffset;
use regex::Regex;
use scraper::Selector;

use super::{Site, byline_near_ends};
use crate::html;
use crate::normalize::date::hours;
use crate::record::Article;

pub struct Zaobao;

static DROP: LazyLock<Selector> = LazyLock::new(|| {
    html::selector("#imu, #innity-in-post, .dfp-tag-wrapper, [id^=dfp-ad], a[href*='subscribe.sph.com.sg']")
});

/// A reporter's byline, `（联合早报记者X）` or `联合早报驻北京记者X报道` (names and place in
/// group 1).
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:联合早报|聯合早報)(?:驻[^记者特]{1,6})?(?:记者|記者|特派员|特派員)([^（）()，。,]{1,30}?)(?:[）)]|报道|报导|報導|報道)")
        .expect("static regex")
});

impl Site for Zaobao {
    fn key(&self) -> &'static str {
        "zaobao"
    }
    fn publisher(&self) -> &'static str {
        "联合早报"
    }
    fn names(&self) -> &'static [&'static str] {
        &["联合早报"]
    }
    fn hosts(&self) -> &'static [&'static str] {
        &["zaobao.com", "zaobao.com.sg"]
    }
    fn home_offset(&self) -> Option<FixedOffset> {
        Some(hours(8))
    }
    fn html_rules(&'static self) -> html::Rules<'static> {
        html::Rules {
            drop: html::Selectors::one(&DROP),
            skip_image: Some(|url| url.contains("/freemium_images/")),
            ..Default::default()
        }
    }
    fn finish(&self, art: &mut Article) {
        if let Some(names) = byline_near_ends(art, &BYLINE, usize::MAX) {
            art.author = Some(names);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporter_bylines() {
        let mut a = Article {
            paragraphs: vec!["正文。".into(), "（联合早报记者韩咏红）".into()],
            ..Default::default()
        };
        Zaobao.finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("韩咏红"));
        let mut a = Article {
            paragraphs: vec!["联合早报驻北京记者黄顺杰报道".into(), "正文。".into()],
            ..Default::default()
        };
        Zaobao.finish(&mut a);
        assert_eq!(a.author.as_deref(), Some("黄顺杰"));
        let mut a = Article {
            paragraphs: vec!["联合早报记者昨天问他，他说会去。".into()], ..Default::default()
        };
        Zaobao.finish(&mut a);
        assert_eq!(a.author, None);
    }

    #[test]
    fn ads_and_subscription_promo_are_dropped() {
        let html = "<p>一</p><section id='imu'><div id='dfp-ad-imu1'>ad</div></section><p>二</p>\
                    <div id='innity-in-post'></div><div id='dfp-ad-midarticlespecial'>x</div>\
                    <a href='https://subscribe.sph.com.sg/promotions/x'><img src='https://static.zaobao.com/s3fs-public/freemium_images/a.jpg'></a>";
        let x = html::extract(html, Zaobao.html_rules());
        assert_eq!(x.paragraphs, vec!["一", "二"]);
        assert!(x.images.is_empty());
    }
}
