//! Outlets that need no more than a name, a home offset, a few boilerplate selectors
//! and title fixes. Outlets with their own logic have their own module.

use std::sync::OnceLock;

use chrono::FixedOffset;
use scraper::Selector;

use super::{Site, take_section_prefix};
use crate::html;
use crate::normalize::date::hours;
use crate::record::Article;

/// A table-driven outlet.
pub struct Outlet {
    pub key: &'static str,
    pub publisher: &'static str,
    pub names: &'static [&'static str],
    pub hosts: &'static [&'static str],
    pub offset: Option<FixedOffset>,
    /// Boilerplate elements (CSS selector list), dropped with their content.
    pub drop_css: &'static str,
    /// Picture captions (CSS selector list).
    pub caption_css: &'static str,
    /// Suffixes to cut from titles (`" – 法国国际广播电台 - RFI"`).
    pub title_suffixes: &'static [&'static str],
    /// Titles open with a `[section]` tag.
    pub section_prefix: bool,
    /// Image URLs containing one of these are icons or logos, not pictures.
    pub skip_images: &'static [&'static str],
    pub drop: OnceLock<Option<Selector>>,
    pub caption: OnceLock<Option<Selector>>,
}

impl Outlet {
    const fn new(
        key: &'static str,
        publisher: &'static str,
        names: &'static [&'static str],
        hosts: &'static [&'static str],
    ) -> Self {
        Outlet {
            key,
            publisher,
            names,
            hosts,
            offset: None,
            drop_css: "",
            caption_css: "",
            title_suffixes: &[],
            section_prefix: false,
            skip_images: &[],
            drop: OnceLock::new(),
            caption: OnceLock::new(),
        }
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

fn compiled(cell: &'static OnceLock<Option<Selector>>, css: &str) -> Option<&'static Selector> {
    cell.get_or_init(|| (!css.is_empty()).then(|| html::selector(css))).as_ref()
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
    fn html_rules(&'static self) -> html::Rules<'static> {
        html::Rules {
            drop: html::Selectors::default().with(compiled(&self.drop, self.drop_css)),
            caption: html::Selectors::default().with(compiled(&self.caption, self.caption_css)),
            ..Default::default()
        }
    }
    fn clean_title(&self, art: &mut Article) {
        for suffix in self.title_suffixes {
            if let Some(t) = art.title.trim_end().strip_suffix(suffix) {
                art.title = t.to_owned();
            }
        }
        if self.section_prefix {
            take_section_prefix(art);
        }
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
