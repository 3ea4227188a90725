//! Nei.st (nei.st), a site republishing Chinese translations of WSJ, NYT, The Economist,
//! Caixin, Initium and others. Its posts have no epoch comment, link line or rule, and
//! carry front-matter dates with offsets.
//!
//! The WordPress page is wrapped in a Medium-like layout with generated class names.
//! Body: the dek (`blog-post__description`) and the text of `entry-content`. Dropped:
//! the page header (a title repeat), ad cards (`code-block`), the paywall widget
//! (`BarrierFailsafe`, "You’ve hit the wall."), the source-publication logo links, the
//! "Related" collection, the end cards ("No More.", "MORE", publication blurbs such as
//! "Published since September 1843"), the site's lede banner (`肆零 肆`) and the date
//! stamp (`June 3rd 2020`). The
//! footer's category link names the source publication (`The Wall Street Journal`):
//! it is the `category`; its tag links are `tags`. Picture credits (`aesop-cap-cred`)
//! are dropped from captions. No writer is named: Nei.st is credited.

use std::sync::LazyLock;

use scraper::{Html, Selector};

use super::{Site, element_text, truncate_at};
use crate::html;
use crate::record::Article;

pub struct Neist;

static DROP: LazyLock<Selector> = LazyLock::new(|| {
    html::selector(
        "header.page-header, .code-block, [class*=BarrierFailsafe], section.collection, .entry-footer, \
         section[class*=lede-fullscreen], [class*=__link-logo], .aesop-cap-cred, .bqdn, section.wxyz, .dndo",
    )
});
static CATEGORY: LazyLock<Selector> = LazyLock::new(|| html::selector(".entry-footer .categories a"));
static TAGS: LazyLock<Selector> = LazyLock::new(|| html::selector(".entry-footer .tags a"));

/// Card and banner lines that start the site's end matter.
const END_MARKS: &[&str] = &["Related", "No More.", "MORE", "肆零"];

impl Site for Neist {
    fn key(&self) -> &'static str {
        "neist"
    }
    fn publisher(&self) -> &'static str {
        "Nei.st"
    }
    fn names(&self) -> &'static [&'static str] {
        &["Nei.st"]
    }
    fn hosts(&self) -> &'static [&'static str] {
        &["nei.st"]
    }
    fn html_rules(&'static self) -> html::Rules<'static> {
        html::Rules { drop: html::Selectors::one(&DROP), ..Default::default() }
    }
    fn inspect(&self, doc: &Html, art: &mut Article) {
        if let Some(cat) = doc.select(&CATEGORY).map(|a| element_text(&a)).find(|c| !c.is_empty()) {
            art.category = Some(cat);
        }
        art.tags.extend(doc.select(&TAGS).map(|a| element_text(&a)).filter(|t| !t.is_empty()));
    }
    fn finish(&self, art: &mut Article) {
        super::drop_title_repeats(art);
        truncate_at(art, |p| END_MARKS.contains(&p));
        super::remove_paragraphs(art, super::is_english_date_line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "<article><header class='page-header'><h1 class='page-title'>汇丰在香港陷入争议</h1></header>\
        <div class='entry-content'><p class='blog-post__description'>导语</p>\
        <div class='container wsj'><a class='wsj __link-logo' href='https://nei.st/medium/wsj'></a></div>\
        <p>正文一</p><div class='code-block code-block-1'><div class='card'>广告</div></div>\
        <div class='aesop-content-comp-wrap'><div class='BarrierFailsafe__fullBarrier___2bFWd'>\
        <h1 class='BarrierFailsafe__header___1VGQh'>You’ve hit the wall.</h1><div>风高浪急</div></div></div>\
        <p>正文二</p><section class='jsx-1 collection'><header><span>Related</span></header>\
        <ul><li><a href='https://nei.st/x'><h2>别的文章</h2></a></li></ul></section></div>\
        <footer class='entry-footer'><div class='categories icon-link'><a rel='category tag'>The Wall Street Journal</a></div>\
        <div class='tags icon-link'><a rel='tag'>Hong Kong Protests</a></div></footer>\
        <section class='sc-x fullscreen_dek_below css--lede-fullscreen-wrapper'><h1>肆零<div>肆</div></h1></section></article>";

    #[test]
    fn article_text_only() {
        let x = html::extract(POST, Neist.html_rules());
        assert_eq!(x.paragraphs, vec!["导语", "正文一", "正文二"]);
    }

    #[test]
    fn category_and_tags_from_the_footer() {
        let doc = Html::parse_fragment(POST);
        let mut a = Article::default();
        Neist.inspect(&doc, &mut a);
        assert_eq!(a.category.as_deref(), Some("The Wall Street Journal"));
        assert_eq!(a.tags, vec!["Hong Kong Protests"]);
    }

    #[test]
    fn end_cards_are_cut() {
        let mut a = Article {
            title: "标题".into(),
            paragraphs: vec!["标题".into(), "正文".into(), "No More.".into(), "MORE".into(), "The Economist".into()],
            ..Default::default()
        };
        Neist.finish(&mut a);
        assert_eq!(a.paragraphs, vec!["正文"]);
    }
}
