//! Outlets that need no more than a name, a home offset and a list of icon images.
//! Outlets with their own rules have their own module.
//!
//! - Solidot: the summary is bare text in a `<div>`, closed by a topic icon
//!   (`<p><img src="https://img.solidot.org//0/446/….jpg">`), which is not a picture of
//!   the story. Beijing time.
//! - 维权网 (wqw2010.blogspot.com): Blogger posts, text in `MsoNormal` paragraphs with
//!   the reports' own credits (`（维权网信息中心报道）`); no boilerplate in the feed.
//!   Beijing time.

use chrono::FixedOffset;

use super::Site;
use crate::normalize::date::hours;
use crate::record::Article;

/// A table-driven outlet.
pub struct Outlet {
    pub key: &'static str,
    pub publisher: &'static str,
    pub names: &'static [&'static str],
    pub hosts: &'static [&'static str],
    pub offset: Option<FixedOffset>,
    /// Image URLs containing one of these are icons or logos, not pictures.
    pub skip_images: &'static [&'static str],
}

impl Outlet {
    const fn new(
        key: &'static str,
        publisher: &'static str,
        names: &'static [&'static str],
        hosts: &'static [&'static str],
    ) -> Self {
        Outlet { key, publisher, names, hosts, offset: None, skip_images: &[] }
    }
    const fn offset(mut self, o: FixedOffset) -> Self {
        self.offset = Some(o);
        self
    }
    const fn skip_images(mut self, s: &'static [&'static str]) -> Self {
        self.skip_images = s;
        self
    }
}

impl Site for Outlet {
    fn key(&self) -> &'static str {
        self.key
    }
    fn publisher(&self) -> &'static str {
        self.publisher
    }
    fn names(&self) -> &'static [&'static str] {
        self.names
    }
    fn hosts(&self) -> &'static [&'static str] {
        self.hosts
    }
    fn home_offset(&self) -> Option<FixedOffset> {
        self.offset
    }
    fn finish(&self, art: &mut Article) {
        if !self.skip_images.is_empty() {
            art.images.retain(|i| !self.skip_images.iter().any(|s| i.url.contains(s)));
        }
    }
}

pub static SOLIDOT: Outlet = Outlet::new("solidot", "Solidot", &["Solidot"], &["solidot.org"])
    .offset(hours(8))
    .skip_images(&["img.solidot.org"]);
pub static WQW: Outlet = Outlet::new("wqw", "维权网", &["维权网"], &["wqw2010.blogspot.com"]).offset(hours(8));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Image;

    #[test]
    fn solidot_topic_icon_is_not_a_picture() {
        let mut a = Article {
            paragraphs: vec!["正文".into()],
            images: vec![Image { url: "https://img.solidot.org//0/446/liiLIZF8Uh6yM.jpg".into(), caption: None }],
            ..Default::default()
        };
        SOLIDOT.finish(&mut a);
        assert!(a.images.is_empty());
    }
}
