//! The main content of a page: for an article, a block scoring in the family of
//! Readability ([`article`], the entry point).
//!
//! One pass over the tree builds a table of elements with their text and link text in
//! characters (a CJK character counts twice, so density works without spaces between
//! words), their own text (not inside a child block), commas and class/id weight.
//! Paragraph-like blocks give their score to their container and, less, to its
//! ancestors; the best container (discounted by link density) and its siblings that
//! score near it are the article. A second walk over them writes paragraphs, dropping
//! what looks like boilerplate (link-dense lists, share bars, related lists, captions to
//! `images`). Both passes are linear in the number of nodes: a score goes up at most
//! five ancestors, and the walk skips dropped subtrees.
//!
//! - [`classes`]: what class and id words, roles and visibility say;
//! - `table`: the one-pass table of elements and their text;
//! - `score`: block scoring, the candidate and its siblings;
//! - `write`: the chosen blocks to paragraphs and pictures.
//!
//! Pages of other kinds (a forum thread, a listing, a product, documentation) need other
//! extractors: each goes in its own file under `src/page/kinds/` (`forum.rs`,
//! `listing.rs`, …) as `pub fn extract(page: &Page) -> Content`, the signature of
//! [`article`], reusing the toolkit in [`crate::html`] (the element table, the text walker)
//! and, where it helps, this module's table and classes; the page reader
//! (`page::extract_doc`) picks the extractor by the page's type.

pub mod classes;
mod score;
mod table;
mod write;

use scraper::Html;

pub use crate::html::text::text_of;
pub use classes::is_modified;

use crate::html;
use crate::html::elements::Reader;
use crate::html::text::{Paragraphs, measure};
use crate::record::Image;
use table::{NONE, build};
use write::Writer;

/// Metadata found while walking the page, read by the byline and date readers.
#[derive(Debug, Default)]
pub struct Hints {
    /// Text of byline elements (`rel=author`, `itemprop=author`, class `byline`/`author`).
    pub bylines: Vec<String>,
    /// Text of date-classed elements.
    pub dates: Vec<String>,
    /// The text of the first `<h1>`s.
    pub h1: Vec<String>,
}

/// The article's text and pictures.
#[derive(Debug, Default)]
pub struct Content {
    pub paragraphs: Vec<String>,
    pub images: Vec<Image>,
    pub hints: Hints,
}

/// Weighted characters of the paragraphs.
fn weight_of(paragraphs: &[String]) -> u32 {
    paragraphs.iter().map(|p| measure(p).0).sum()
}

fn run(doc: &Html, base: Option<&str>, lenient: bool, rules: Option<&html::Rules>) -> (Content, u32) {
    let mut t = build(doc, lenient, rules);
    let top = t.score(doc).unwrap_or(t.body);
    let mut w = Writer { base, text: Paragraphs::new(Reader::Page), images: Vec::new() };
    if top != NONE {
        for root in t.with_siblings(doc, top) {
            t.write(doc, root, &mut w);
        }
    }
    let hints = t.hints(doc);
    let paragraphs = w.text.finish();
    let weight = weight_of(&paragraphs);
    (Content { paragraphs, images: w.images, hints }, weight)
}

/// A parsed page, as a content extractor is given it.
#[derive(Clone, Copy)]
pub struct Page<'a> {
    pub doc: &'a Html,
    /// Base for relative image URLs (the page's URL).
    pub base: Option<&'a str>,
    /// The outlet's HTML rules: what they say is boilerplate is dropped before scoring.
    pub rules: Option<&'a html::Rules<'a>>,
}

/// The main content of an article page: its text, pictures and the metadata hints found
/// on the way.
pub fn article(page: &Page) -> Content {
    let Page { doc, base, rules } = *page;
    let (content, weight) = run(doc, base, false, rules);
    if weight >= 250 {
        return content;
    }
    // Too little text: the article itself may carry a class that reads as boilerplate.
    let (lenient, lweight) = run(doc, base, true, rules);
    if lweight > weight * 2 { Content { hints: content.hints, ..lenient } } else { content }
}

/// [`article`] of a parsed page; `base` resolves relative image URLs.
pub fn extract(doc: &Html, base: Option<&str>) -> Content {
    article(&Page { doc, base, rules: None })
}

/// [`extract`], also dropping what an outlet's `rules` say is boilerplate.
pub fn extract_with(doc: &Html, base: Option<&str>, rules: Option<&html::Rules>) -> Content {
    article(&Page { doc, base, rules })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> Vec<String> {
        extract(&Html::parse_document(html), Some("https://x.org/a/b.html")).paragraphs
    }

    const ARTICLE: &str = "<p>The council met on Monday evening and decided, after a long debate, to rebuild the old bridge over the river.</p>\
        <p>Work is to start in spring, the mayor said, and the bridge should open again before the end of next year, if the budget holds.</p>\
        <p>Residents welcomed the decision, although some asked why it had taken so long, given the state of the old structure.</p>";

    #[test]
    fn the_article_block_wins_over_chrome() {
        let html = format!(
            "<html><body><div class='menu'><a href='/'>Home</a> <a href='/n'>News</a></div>\
             <div id='main'><div class='story'>{ARTICLE}</div>\
             <div class='sidebar'><p>Subscribe to our newsletter for more news like this every single day of the week.</p></div></div>\
             <div class='footer-links'><ul><li><a href='/1'>Contact us and learn more about this site</a></li><li><a href='/2'>Imprint of this fine website</a></li></ul></div>\
             </body></html>"
        );
        let b = body(&html);
        assert_eq!(b.len(), 3, "{b:?}");
        assert!(b[0].starts_with("The council met"));
    }

    #[test]
    fn link_dense_lists_inside_the_article_are_dropped_numbered_lists_kept() {
        let html = format!(
            "<html><body><article>{ARTICLE}<ol start='3'><li>First step of the plan.</li><li>Second step of the plan.</li></ol>\
             <ul><li><a href='/x'>Another story about bridges</a></li><li><a href='/y'>Yet another story about rivers</a></li></ul>\
             <table><tr><th>Year</th><th>Cost</th></tr><tr><td>2024</td><td>3 million</td></tr></table>\
             <blockquote><p>We will not let the town down, the mayor said at the end.</p></blockquote></article></body></html>"
        );
        let b = body(&html);
        assert!(b.contains(&"3. First step of the plan.".to_owned()), "{b:?}");
        assert!(b.contains(&"4. Second step of the plan.".to_owned()), "{b:?}");
        assert!(b.contains(&"2024 3 million".to_owned()), "{b:?}");
        assert!(b.iter().any(|p| p.starts_with("We will not let")), "{b:?}");
        assert!(!b.iter().any(|p| p.contains("Another story")), "{b:?}");
    }

    #[test]
    fn captions_go_to_images_and_hidden_blocks_vanish() {
        let html = format!(
            "<html><body><article><figure><img src='/p/1.jpg'><figcaption>The old bridge in 1950.</figcaption></figure>{ARTICLE}\
             <div style='display: none'><p>Hidden text that is long enough to count as a paragraph of some article.</p></div>\
             <img src='/pixel.gif' width='1' height='1'></article></body></html>"
        );
        let c = extract(&Html::parse_document(&html), Some("https://x.org/a/b.html"));
        assert_eq!(
            c.images,
            vec![Image { url: "https://x.org/p/1.jpg".into(), caption: Some("The old bridge in 1950.".into()) }]
        );
        assert!(!c.paragraphs.iter().any(|p| p.contains("Hidden") || p.contains("1950")), "{:?}", c.paragraphs);
    }

    #[test]
    fn cjk_density_is_measured_in_characters() {
        let html = "<html><body><div class='nav-links'><a href='/1'>首頁</a><a href='/2'>新聞</a><a href='/3'>國際</a></div>\
             <div><p>立法院今天三讀通過預算案，行政院表示將儘速執行，各部會也將配合調整相關計畫的時程。</p>\
             <p>在野黨批評預算編列過於寬鬆，要求政府提出具體的財源規劃，並定期向國會報告執行進度。</p></div>\
             <div><ul><li><a href='/a'>相關新聞一則</a></li><li><a href='/b'>相關新聞二則</a></li></ul></div></body></html>";
        let b = body(html);
        assert_eq!(b.len(), 2, "{b:?}");
        assert!(b[0].starts_with("立法院今天三讀"), "{b:?}");
        assert_eq!(measure("中文 ab，"), (8, 1));
    }

    #[test]
    fn an_article_with_a_boilerplate_class_is_found_leniently() {
        let html = format!(
            "<html><body><div class='sidebar-layout'><div class='widget-area'>{ARTICLE}</div></div></body></html>"
        );
        let b = body(&html);
        assert_eq!(b.len(), 3, "{b:?}");
    }

    #[test]
    fn hints_collect_bylines_dates_and_h1() {
        let html = format!(
            "<html><body><header><h1>Bridge to be rebuilt</h1><span class='byline'>By Ann Lee</span>\
             <span class='post-date'>May 5, 2024</span></header><article>{ARTICLE}</article>\
             <div class='comments'><span class='author'>Troll</span></div></body></html>"
        );
        let c = extract(&Html::parse_document(&html), None);
        assert_eq!(c.hints.h1, vec!["Bridge to be rebuilt"]);
        assert_eq!(c.hints.bylines, vec!["By Ann Lee"]);
        assert!(c.hints.dates.contains(&"May 5, 2024".to_owned()), "{:?}", c.hints.dates);
        assert!(!c.paragraphs.iter().any(|p| p.contains("Ann Lee")));
    }

    #[test]
    fn scoring_is_linear_in_the_number_of_elements() {
        // 100,000 nested-and-sibling blocks: each paragraph scores at most five ancestors.
        let mut html = String::from("<html><body><div class='content'>");
        for _ in 0..25_000 {
            html.push_str(
                "<div><section><p>Some words, and commas, in a paragraph of the long article.</p></section></div>",
            );
        }
        html.push_str("</div></body></html>");
        let doc = Html::parse_document(&html);
        let started = std::time::Instant::now();
        let c = extract(&doc, None);
        assert_eq!(c.paragraphs.len(), 25_000);
        let bound = if cfg!(debug_assertions) { 60 } else { 5 };
        assert!(started.elapsed() < std::time::Duration::from_secs(bound), "{:?}", started.elapsed());
    }
}
