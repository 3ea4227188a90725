//! The fragment reader: an article's own HTML body (a feed item, a post, an outlet's
//! markup) to paragraphs, images and keyword tags, as the outlet's rules say. Rules say
//! what is boilerplate (dropped with its content), what is a picture caption and what is
//! a keyword tag; the rest is text, split into paragraphs at block elements and
//! `<br><br>`; a single `<br>` is a line break inside a paragraph.

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use super::elements::{Reader, Tag};
use super::images::{image_src, resolve_image};
use super::select::{Matcher, Selectors};
use super::text::{Paragraphs, inline_text, visible_chars, walk};
use crate::record::Image;

/// What a site says about its HTML.
#[derive(Default, Clone, Copy)]
pub struct Rules<'a> {
    /// Boilerplate: dropped with everything inside.
    pub drop: Selectors<'a>,
    /// Boilerplate recognised by its structure rather than a selector (a list made only
    /// of links, the gallery after a heading): dropped with everything inside.
    pub drop_if: Option<&'a dyn Fn(&ElementRef) -> bool>,
    /// The text of these is the caption of the nearest image before them.
    pub caption: Selectors<'a>,
    /// The text of these is a keyword tag (and not body text).
    pub tag: Selectors<'a>,
    /// Images to ignore (icons, logos, tracking pixels), by URL.
    pub skip_image: Option<&'a dyn Fn(&str) -> bool>,
    /// Base for relative image URLs (the article URL).
    pub base: Option<&'a str>,
}

/// The text content of an HTML fragment.
#[derive(Debug, Default)]
pub struct Extracted {
    /// Cleaned paragraphs; a `<br>` is a `\n` inside one (two in a row end it).
    pub paragraphs: Vec<String>,
    pub images: Vec<Image>,
    pub tags: Vec<String>,
    /// The content holds a player (`<video>`, `<audio>`, an `<iframe>`, `<embed>` or
    /// `<object>` not dropped by a rule): with no text, a media-only article.
    pub players: bool,
}

/// Elements that play or embed media (a video, a podcast, a map).
fn is_player(name: &str) -> bool {
    matches!(name, "iframe" | "object" | "embed" | "video" | "audio")
}

impl Rules<'_> {
    /// Is this element boilerplate (by selector or by structure)?
    pub fn drops(&self, el: &ElementRef) -> bool {
        self.drop.matches(el) || self.drop_if.is_some_and(|f| f(el))
    }
}

/// All text under a node, `<br>` as a space; boilerplate inside (a credit or a label in a
/// caption) and never-text elements are skipped.
fn text_of(el: &ElementRef, rules: &Rules) -> String {
    inline_text(el, None, |inner, tag| {
        tag.never_text(Reader::Fragment) || (inner.id() != el.id() && rules.drops(inner))
    })
}

/// A reading in progress.
struct Reading<'r> {
    rules: Rules<'r>,
    text: Paragraphs,
    images: Vec<Image>,
    tags: Vec<String>,
    players: bool,
}

impl Reading<'_> {
    fn add_image(&mut self, el: &ElementRef) {
        let Some(src) = image_src(el, Reader::Fragment) else { return };
        let Some(url) = resolve_image(src, self.rules.base) else { return };
        if self.rules.skip_image.is_some_and(|skip| skip(&url)) {
            return;
        }
        self.images.push(Image { url, caption: None });
    }

    fn add_caption(&mut self, text: String) {
        let text = text.trim().to_owned();
        if text.is_empty() {
            return;
        }
        if let Some(img) = self.images.last_mut().filter(|i| i.caption.is_none()) {
            img.caption = Some(text);
        }
    }
}

/// Text that reads as article text: a paragraph of at least this many characters.
const PROSE: usize = 40;
/// Paragraph text a dropped block must hold for [`extract_from`] to take it back.
const RESCUE_MIN: usize = 300;

/// As [`super::extract`], on a parsed document.
///
/// When the boilerplate rules leave no paragraph of prose, and dropped blocks hold
/// paragraphs (`p`, `h2`–`h4`) of 300+ characters, those paragraphs are read after all:
/// an unclosed `<div>` of a dropped list (a related-articles box) would otherwise take
/// the whole article with it, since the HTML parser nests what follows inside it. The
/// rest of the dropped blocks (their links, labels) stays out.
pub fn extract_from(doc: &Html, rules: Rules) -> Extracted {
    let mut dropped = Vec::new();
    let out = read(doc, rules, false, &mut dropped);
    let chars = |ps: &[String]| ps.iter().map(|p| p.chars().count()).sum::<usize>();
    if dropped.is_empty() || out.paragraphs.iter().any(|p| p.chars().count() >= PROSE) {
        return out;
    }
    if !holds_paragraphs(doc, &dropped, RESCUE_MIN) {
        return out;
    }
    let rescued = read(doc, rules, true, &mut Vec::new());
    if chars(&rescued.paragraphs) > chars(&out.paragraphs) { rescued } else { out }
}

/// Do the dropped elements hold at least `min` characters of paragraph text (inside a
/// `p` or `h2`–`h4` below them, not in a link)? One pass over their nodes, stopping early.
fn holds_paragraphs(doc: &Html, dropped: &[NodeId], min: usize) -> bool {
    let mut held = 0usize;
    for el in dropped.iter().filter_map(|id| doc.tree.get(*id)) {
        let (mut paras, mut links) = (0usize, 0usize);
        for edge in el.traverse() {
            let (node, step) = match edge {
                Edge::Open(n) => (n, 1isize),
                Edge::Close(n) => (n, -1),
            };
            match node.value() {
                Node::Element(e) if node.id() != el.id() && is_paragraph(e.name()) => {
                    paras = paras.saturating_add_signed(step);
                }
                Node::Element(e) if e.name() == "a" => links = links.saturating_add_signed(step),
                Node::Text(t) if step > 0 && paras > 0 && links == 0 => {
                    held += visible_chars(t);
                    if held >= min {
                        return true;
                    }
                }
                _ => {}
            }
        }
    }
    false
}

/// A paragraph read inside a dropped block: where its output starts, its characters
/// (without spaces), those inside links, and how many links are open.
#[derive(Default)]
struct RescuedPara {
    first: usize,
    chars: usize,
    link_chars: usize,
    links: usize,
}

/// The elements a rescue reads inside a dropped block.
fn is_paragraph(name: &str) -> bool {
    matches!(name, "p" | "h2" | "h3" | "h4")
}

/// One reading of the document. Dropped elements are noted in `dropped`; with `rescue`,
/// the paragraphs inside them are read (and nothing else of them).
fn read(doc: &Html, rules: Rules, rescue: bool, dropped: &mut Vec<NodeId>) -> Extracted {
    let (drop, caption, tag) = (Matcher::new(&rules.drop), Matcher::new(&rules.caption), Matcher::new(&rules.tag));
    let mut attrs: Vec<(&str, &str)> = Vec::new();
    let mut r = Reading {
        rules,
        text: Paragraphs::new(Reader::Fragment),
        images: Vec::new(),
        tags: Vec::new(),
        players: false,
    };
    // In a rescue: the dropped block being read, and the paragraph inside it (with where
    // its output starts and how much of its text is link text).
    let mut in_dropped: Option<NodeId> = None;
    let mut in_para: Option<NodeId> = None;
    let mut para = RescuedPara::default();
    walk(doc.tree.root(), |edge| {
        match edge {
            Edge::Open(node) => {
                if in_dropped.is_some() && in_para.is_none() {
                    if let Node::Element(e) = node.value()
                        && let Some(el) = ElementRef::wrap(node)
                    {
                        attrs.clear();
                        attrs.extend(e.attrs());
                        // Boilerplate and captions nested in the dropped block stay out.
                        let t = Tag::of(e.name());
                        if t.never_text(Reader::Fragment)
                            || t.is_caption()
                            || drop.matches(&el, &attrs)
                            || caption.matches(&el, &attrs)
                            || r.rules.drop_if.is_some_and(|f| f(&el))
                        {
                            return false;
                        } else if is_paragraph(e.name()) {
                            r.text.flush();
                            in_para = Some(node.id());
                            para = RescuedPara { first: r.text.out.len(), ..Default::default() };
                        }
                    }
                    return true;
                }
                match node.value() {
                    Node::Text(t) => {
                        r.text.text(t);
                        if in_para.is_some() {
                            let n = visible_chars(t);
                            para.chars += n;
                            if para.links > 0 {
                                para.link_chars += n;
                            }
                        }
                    }
                    Node::Element(e) => {
                        let Some(el) = ElementRef::wrap(node) else { return true };
                        let name = e.name();
                        let t = Tag::of(name);
                        if t.never_text(Reader::Fragment) {
                            if is_player(name) && !r.players {
                                attrs.clear();
                                attrs.extend(e.attrs());
                                r.players = !drop.matches(&el, &attrs) && !r.rules.drop_if.is_some_and(|f| f(&el));
                            }
                            return false;
                        }
                        attrs.clear();
                        attrs.extend(e.attrs());
                        if drop.matches(&el, &attrs) || r.rules.drop_if.is_some_and(|f| f(&el)) {
                            if rescue && in_dropped.is_none() {
                                r.text.flush();
                                in_dropped = Some(node.id());
                                return true;
                            }
                            if in_dropped.is_none() {
                                dropped.push(node.id());
                            }
                            return false;
                        }
                        if t.is_caption() || caption.matches(&el, &attrs) {
                            r.add_caption(text_of(&el, &r.rules));
                            return false;
                        }
                        if tag.matches(&el, &attrs) {
                            let t = text_of(&el, &r.rules);
                            if !t.trim().is_empty() {
                                r.tags.push(t.trim().to_owned());
                            }
                            return false;
                        }
                        if in_para.is_some() && name == "a" {
                            para.links += 1;
                        }
                        if name == "img" {
                            r.add_image(&el);
                        }
                        r.text.open(&el, t);
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if in_para.is_some()
                    && let Node::Element(e) = node.value()
                    && e.name() == "a"
                {
                    para.links = para.links.saturating_sub(1);
                }
                if in_para == Some(node.id()) {
                    in_para = None;
                    r.text.flush();
                    // A paragraph that is mostly link text is a list of links, not the
                    // swallowed article.
                    if para.link_chars * 2 > para.chars {
                        r.text.out.truncate(para.first);
                    }
                    return true;
                }
                if in_dropped == Some(node.id()) {
                    in_dropped = None;
                    return true;
                }
                if in_dropped.is_some() && in_para.is_none() {
                    return true;
                }
                if let Node::Element(e) = node.value() {
                    r.text.close(Tag::of(e.name()));
                }
            }
        }
        true
    });
    Extracted { paragraphs: r.text.finish(), images: r.images, tags: r.tags, players: r.players }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::{extract, selector};

    #[test]
    fn paragraphs_and_breaks() {
        let x = extract("<div><p>one <b>bold</b></p><p>two<br>three</p>four</div>", Rules::default());
        assert_eq!(x.paragraphs, vec!["one bold", "two\nthree", "four"]);
        // SPEC v1.1: one `<br>` is a line break in the paragraph, two end it.
        let x = extract("<p>a<br>b<br> <br/>c<br></p><br><p><br>d</p>", Rules::default());
        assert_eq!(x.paragraphs, vec!["a\nb", "c", "d"]);
    }

    #[test]
    fn scripts_and_dropped_blocks_vanish() {
        let drop = selector(".ad");
        let rules = Rules { drop: Selectors::one(&drop), ..Default::default() };
        let x = extract("<p>a</p><script>var x</script><div class='ad'><p>buy</p></div><p>b</p>", rules);
        assert_eq!(x.paragraphs, vec!["a", "b"]);
    }

    /// An unclosed `<div>` of a dropped related-links box nests the whole article inside
    /// it: its paragraphs are read after all, its links are not. Short text in a dropped
    /// block (a player's placeholder) stays dropped, and so does a dropped block when the
    /// article is outside it.
    #[test]
    fn paragraphs_swallowed_by_an_unclosed_dropped_block_are_read() {
        let drop = selector(".book");
        let rules = Rules { drop: Selectors::one(&drop), ..Default::default() };
        let item = |i: u32| {
            format!(
                "<h2>標題{i}</h2><p>這是第{i}則新聞的摘要，事件的經過與各方的反應都在這裡詳細說明，讀者可以點選連結閱讀全文。</p>"
            )
        };
        let items: String = (0..8).map(item).collect();
        let books = "<div class='book'><ul><li><a href='/x'>今晨最新一</a></li></ul>";
        let x = extract(&format!("<div>{books}{items}</div>"), rules);
        assert_eq!(x.paragraphs.len(), 16, "{:?}", x.paragraphs);
        assert_eq!(x.paragraphs.first().map(String::as_str), Some("標題0"));
        assert!(!x.paragraphs.iter().any(|p| p.contains("今晨最新")), "{:?}", x.paragraphs);
        // Closed: the box goes, the article stays, nothing is read twice.
        let x = extract(&format!("<div>{books}</div>{items}</div>"), rules);
        assert_eq!(x.paragraphs.len(), 16);
        // Under 300 characters in the dropped block: still dropped.
        let x = extract("<div class='book'><p>你的器材不支持播放多媒体材料</p></div>", rules);
        assert!(x.paragraphs.is_empty(), "{:?}", x.paragraphs);
        // Inside the swallowing block: a nested boilerplate box, a caption and a paragraph
        // of links stay out.
        let more = selector(".more");
        let rules2 = Rules { drop: Selectors::one(&drop).with(Some(&more)), ..Default::default() };
        let extra = "<div class='more'><p>相關新聞：某地發生某事，各方回應，詳情請見全文報導的內容。</p></div>\
                     <figure><img src='a.jpg'><figcaption><p>圖說：現場照片，攝影者某某。</p></figcaption></figure>\
                     <p><a href='/1'>第一則相關新聞的標題很長很長</a>、<a href='/2'>第二則相關新聞的標題也很長</a></p>";
        let x = extract(&format!("<div>{books}{extra}{items}</div>"), rules2);
        assert_eq!(x.paragraphs.len(), 16, "{:?}", x.paragraphs);
        assert!(!x.paragraphs.iter().any(|p| p.contains("相關新聞") || p.contains("圖說")), "{:?}", x.paragraphs);
        // Prose outside the dropped block: no rescue.
        let x = extract(
            &format!(
                "<p>這是一段在方框之外的正文，長度足以當作文章的內容，所以不必再去讀那些被丟掉的方框裡的文字。</p>{books}{items}"
            ),
            rules,
        );
        assert_eq!(x.paragraphs.len(), 1, "{:?}", x.paragraphs);
    }

    #[test]
    fn captions_attach_to_the_last_image() {
        let cap = selector(".picinfo");
        let rules = Rules { caption: Selectors::one(&cap), ..Default::default() };
        let x = extract(
            "<img src='https://images.weserv.nl/?url=img.x.org/a.jpg'><div class='picinfo'>A cap</div><p>t</p>",
            rules,
        );
        assert_eq!(x.images, vec![Image { url: "https://img.x.org/a.jpg".into(), caption: Some("A cap".into()) }]);
        assert_eq!(x.paragraphs, vec!["t"]);
    }

    #[test]
    fn captions_skip_dropped_labels() {
        let drop = selector(".off-screen");
        let rules = Rules { drop: Selectors::one(&drop), ..Default::default() };
        let x = extract(
            "<img src='https://x.org/a.jpg'><figcaption><span class='off-screen'>Image caption</span>A cap</figcaption>",
            rules,
        );
        assert_eq!(x.images[0].caption.as_deref(), Some("A cap"));
    }

    #[test]
    fn self_closed_iframes_do_not_swallow_the_text() {
        let x = extract("<p>a</p><div><iframe src=\"https://x.org/v?a=1&amp;b=2\"/></div><p>b</p>", Rules::default());
        assert_eq!(x.paragraphs, vec!["a", "b"]);
        let x = extract("<p>a</p><iframe src='https://x.org/'></iframe><p>b</p>", Rules::default());
        assert_eq!(x.paragraphs, vec!["a", "b"]);
    }

    #[test]
    fn structural_drop_predicate() {
        fn is_ul(el: &ElementRef) -> bool {
            el.value().name() == "ul"
        }
        let rules = Rules { drop_if: Some(&is_ul), ..Default::default() };
        let x = extract("<p>a</p><ul><li>x</li></ul><p>b</p>", rules);
        assert_eq!(x.paragraphs, vec!["a", "b"]);
    }

    #[test]
    fn tags_are_collected_not_body() {
        let tag = selector(".keywordTag");
        let rules = Rules { tag: Selectors::one(&tag), ..Default::default() };
        let x = extract("<p>t</p><div class='keywordTag'><a>#拜登</a></div>", rules);
        assert_eq!(x.tags, vec!["#拜登"]);
        assert_eq!(x.paragraphs, vec!["t"]);
    }
}
