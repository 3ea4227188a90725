//! HTML to paragraphs, images and keyword tags, with scraper.
//!
//! The walk is iterative (ego-tree's `traverse`), so a 100k-deep tree cannot overflow
//! the stack. Site rules say what is boilerplate (dropped with its content), what is a
//! picture caption and what is a keyword tag; the rest is text, split into paragraphs
//! at block elements and `<br>`.

use std::collections::HashMap;

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

use crate::normalize::{text, url};
use crate::record::Image;

/// A few selectors from different sources (a site's own, the mirror's shared ones).
#[derive(Default, Clone, Copy)]
pub struct Selectors<'a>([Option<&'a Selector>; 3]);

impl<'a> Selectors<'a> {
    /// One selector.
    pub fn one(s: &'a Selector) -> Self {
        Selectors([Some(s), None, None])
    }
    /// Add a selector (at most three are kept; more is a bug caught by tests).
    pub fn with(mut self, s: Option<&'a Selector>) -> Self {
        if let Some(slot) = self.0.iter_mut().find(|x| x.is_none()) {
            *slot = s;
        } else {
            debug_assert!(s.is_none(), "Selectors holds at most three selectors");
        }
        self
    }
    fn matches(&self, el: &ElementRef) -> bool {
        self.0.iter().flatten().any(|s| s.matches(el))
    }
}

/// What a site says about its HTML.
#[derive(Default, Clone, Copy)]
pub struct Rules<'a> {
    /// Boilerplate: dropped with everything inside.
    pub drop: Selectors<'a>,
    /// The text of these is the caption of the nearest image before them.
    pub caption: Selectors<'a>,
    /// The text of these is a keyword tag (and not body text).
    pub tag: Selectors<'a>,
    /// Images to ignore (icons, logos, tracking pixels), by URL.
    pub skip_image: Option<fn(&str) -> bool>,
    /// Base for relative image URLs (the article URL).
    pub base: Option<&'a str>,
}

/// The text content of an HTML fragment.
#[derive(Debug, Default)]
pub struct Extracted {
    /// Cleaned paragraphs (a `<br>` ends one).
    pub paragraphs: Vec<String>,
    pub images: Vec<Image>,
    pub tags: Vec<String>,
}

/// Elements whose content is never article text.
fn never_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "svg"
            | "canvas"
            | "form"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "source"
            | "track"
            | "map"
            | "picture-source"
    )
}

/// Elements that start and end a paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "main"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "caption"
            | "figure"
            | "pre"
            | "hr"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "fieldset"
            | "body"
            | "html"
    )
}

/// The best URL of an `<img>`: `src`, else lazy-loading attributes, else the first
/// `srcset` candidate.
fn image_src<'a>(el: &ElementRef<'a>) -> Option<&'a str> {
    let v = el.value();
    let usable = |s: &&str| {
        let s = s.trim();
        !s.is_empty() && !s.starts_with("data:")
    };
    v.attr("src")
        .filter(usable)
        .or_else(|| v.attr("data-src").filter(usable))
        .or_else(|| v.attr("data-original").filter(usable))
        .or_else(|| v.attr("srcset").and_then(|s| s.split_whitespace().next()).filter(usable))
}

/// Make an image URL absolute and unwrap image proxies.
pub fn resolve_image(src: &str, base: Option<&str>) -> Option<String> {
    let src = src.trim();
    if let Some(unproxied) = url::unproxy_image(src) {
        return Some(unproxied);
    }
    if let Some(u) = url::unwrap_archive(src) {
        return Some(u.capture);
    }
    if src.starts_with("http://") || src.starts_with("https://") {
        return Some(src.to_owned());
    }
    if let Some(rest) = src.strip_prefix("//") {
        return Some(format!("https://{rest}"));
    }
    let base = base?;
    let scheme_end = base.find("://")? + 3;
    let host_end = base.get(scheme_end..)?.find('/').map_or(base.len(), |i| scheme_end + i);
    if src.starts_with('/') {
        Some(format!("{}{src}", base.get(..host_end)?))
    } else {
        let dir_end = base.rfind('/').filter(|&i| i >= host_end).map_or(host_end, |i| i);
        Some(format!("{}/{src}", base.get(..dir_end)?))
    }
}

struct Walker<'r> {
    rules: Rules<'r>,
    out: Extracted,
    /// The paragraph being built, raw.
    current: String,
}

impl Walker<'_> {
    fn flush(&mut self) {
        if !self.current.is_empty() {
            let p = text::clean_paragraph(&self.current);
            if !p.is_empty() {
                self.out.paragraphs.push(p);
            }
            self.current.clear();
        }
    }

    fn add_image(&mut self, el: &ElementRef) {
        let Some(src) = image_src(el) else { return };
        let Some(url) = resolve_image(src, self.rules.base) else { return };
        if self.rules.skip_image.is_some_and(|skip| skip(&url)) {
            return;
        }
        let tiny = |a: &str| el.value().attr(a).is_some_and(|v| v.trim() == "1" || v.trim() == "0");
        if tiny("width") || tiny("height") {
            return;
        }
        self.out.images.push(Image { url, caption: None });
    }

    fn add_caption(&mut self, text: String) {
        let text = text.trim().to_owned();
        if text.is_empty() {
            return;
        }
        if let Some(img) = self.out.images.last_mut().filter(|i| i.caption.is_none()) {
            img.caption = Some(text);
        }
    }
}

/// All text under a node, `<br>` as a space.
fn text_of(el: &ElementRef) -> String {
    let mut s = String::new();
    for edge in el.traverse() {
        if let Edge::Open(node) = edge {
            match node.value() {
                Node::Text(t) => s.push_str(t),
                Node::Element(e) if e.name() == "br" => s.push(' '),
                _ => {}
            }
        }
    }
    s
}

/// Nesting deeper than this is pathological (real pages stay under ~100): the HTML
/// parser's tree construction is quadratic in depth, so such input is read flat.
pub const MAX_DEPTH: usize = 1000;

/// Nor is it worth a parse whose stack scans ([`Nesting::work`]) exceed this much per
/// input byte: under [`MAX_DEPTH`], many tags at a depth of hundreds (`</p>` by the
/// thousand under 999 `<div>`s) still cost the tree builder up to a thousand steps
/// each, 1.6 s per MiB. Real pages stay under 0.2 per byte.
pub const MAX_WORK_PER_BYTE: u64 = 16;

/// Work any input may take, whatever its size.
const MIN_WORK: u64 = 1 << 20;

fn is_void(name: &[u8]) -> bool {
    matches!(
        name.to_ascii_lowercase().as_slice(),
        b"br"
            | b"img"
            | b"hr"
            | b"meta"
            | b"link"
            | b"input"
            | b"source"
            | b"wbr"
            | b"area"
            | b"base"
            | b"col"
            | b"embed"
            | b"param"
            | b"track"
    )
}

/// What tree construction will face in an HTML fragment, estimated by a byte scan (no
/// parsing): start tags open an element unless void (or self-closing inside SVG or
/// MathML: elsewhere HTML ignores the `/` of `<div/>`); an end tag closes
/// the innermost open element of its name and those inside it, and is ignored when
/// none is open (as the parser does).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Nesting {
    /// The deepest nesting of elements.
    pub depth: usize,
    /// The number of open elements, summed over every tag. For most tags the tree
    /// builder looks down its stack of open elements (is a `p`, a `li`, this end tag's
    /// element "in scope"?), so this is the parse's work beyond reading the bytes.
    pub work: u64,
}

/// Estimate [`Nesting`] in one pass. Linear: element names are numbered once, open
/// elements are counted per name, and the `>` ending a tag is looked up once per
/// stretch of text, not once per `<` (a `<a<a<a…` run without any `>` would otherwise
/// be scanned to its end from every `<`).
pub fn nesting(html: &str) -> Nesting {
    let bytes = html.as_bytes();
    let mut n = Nesting::default();
    // Open elements by name number, and how many of each name are open.
    let mut stack: Vec<u32> = Vec::new();
    let mut ids: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut open: Vec<usize> = Vec::new();
    let mut name = Vec::new();
    let mut i = 0;
    let mut gt = NextByte::new(b'>');
    while let Some(off) = bytes.get(i..).and_then(|b| b.iter().position(|&c| c == b'<')) {
        let start = i + off + 1;
        let closing = bytes.get(start) == Some(&b'/');
        let name_start = if closing { start + 1 } else { start };
        let name_len =
            bytes.get(name_start..).map_or(0, |b| b.iter().take_while(|c| c.is_ascii_alphanumeric()).count());
        i = name_start + name_len;
        if name_len == 0 || !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        n.work = n.work.saturating_add(stack.len() as u64);
        name.clear();
        name.extend(bytes.get(name_start..i).unwrap_or_default().iter().map(u8::to_ascii_lowercase));
        if closing {
            let Some(&id) = ids.get(&name) else { continue };
            if open.get(id as usize).is_some_and(|&c| c > 0) {
                while let Some(top) = stack.pop() {
                    if let Some(c) = open.get_mut(top as usize) {
                        *c = c.saturating_sub(1);
                    }
                    if top == id {
                        break;
                    }
                }
            }
            continue;
        }
        if is_void(&name) {
            continue;
        }
        // `<div/>` opens a `div` like `<div>`: HTML ignores the slash, except inside
        // SVG and MathML, where `<path/>` is complete.
        let tag_end = gt.at_or_after(bytes, i);
        if tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/') {
            let is_open = |n: &[u8]| ids.get(n).and_then(|&id| open.get(id as usize)).is_some_and(|&c| c > 0);
            if is_open(b"svg") || is_open(b"math") {
                continue;
            }
        }
        let id = match ids.get(&name) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(open.len()).unwrap_or(u32::MAX);
                ids.insert(name.clone(), id);
                open.push(0);
                id
            }
        };
        if let Some(c) = open.get_mut(id as usize) {
            *c += 1;
        }
        stack.push(id);
        n.depth = n.depth.max(stack.len());
    }
    n
}

/// The deepest element nesting, approximately (see [`nesting`]).
pub fn nesting_depth(html: &str) -> usize {
    nesting(html).depth
}

/// The next occurrence of one byte at or after a position that only moves forward,
/// remembered between calls, so a whole scan costs one pass over the input.
struct NextByte {
    byte: u8,
    /// Where the last search found it (`len` when there is none left).
    found: Option<usize>,
}

impl NextByte {
    fn new(byte: u8) -> Self {
        NextByte { byte, found: None }
    }

    /// The position of the byte at or after `from`, or `bytes.len()` when there is none.
    fn at_or_after(&mut self, bytes: &[u8], from: usize) -> usize {
        match self.found {
            Some(f) if f >= from || f == bytes.len() => f,
            _ => {
                let f = bytes
                    .get(from..)
                    .and_then(|b| b.iter().position(|&c| c == self.byte))
                    .map_or(bytes.len(), |p| from + p);
                self.found = Some(f);
                f
            }
        }
    }
}

/// Text of pathologically nested HTML without building a tree: tags removed, block
/// tags and `<br>` as paragraph breaks, comments, scripts and styles skipped, entities
/// decoded. A hand-written scan in one pass: every search starts where the last one
/// ended, so the time is linear in the input whatever the mix of unterminated
/// comments, scripts and tags (a regex over alternatives of lazy `.*?` rescans the
/// rest of the input from every `<!--` or `<script` that never closes).
///
/// As in a browser, an unterminated comment, script, style or tag swallows the rest.
fn extract_flat(html: &str) -> Extracted {
    // ASCII lower-casing keeps every byte offset, so positions found in `lower` slice
    // `html` at the same (ASCII, so char-boundary) places.
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = Extracted::default();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Extracted| {
        let p = text::clean_paragraph(&text::decode_entities(current));
        if !p.is_empty() {
            out.paragraphs.push(p);
        }
        current.clear();
    };
    let find = |from: usize, needle: &str| lower.get(from..).and_then(|t| t.find(needle)).map(|i| from + i);
    let mut gt = NextByte::new(b'>');
    let mut pos = 0;
    let mut text_start = 0;
    while let Some(lt) = find(pos, "<") {
        if bytes.get(lt..).is_some_and(|b| b.starts_with(b"<!--")) {
            current.push_str(html.get(text_start..lt).unwrap_or_default());
            let Some(end) = find(lt + 4, "-->") else {
                text_start = bytes.len();
                break;
            };
            pos = end + 3;
            text_start = pos;
            continue;
        }
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len =
            bytes.get(name_start..).map_or(0, |b| b.iter().take_while(|c| c.is_ascii_alphanumeric()).count());
        if name_len == 0 || !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            // A `<` that opens no tag is text.
            pos = lt + 1;
            continue;
        }
        let name = lower.get(name_start..name_start + name_len).unwrap_or_default();
        current.push_str(html.get(text_start..lt).unwrap_or_default());
        let tag_end = gt.at_or_after(bytes, name_start + name_len);
        if tag_end >= bytes.len() {
            text_start = bytes.len();
            break;
        }
        pos = tag_end + 1;
        text_start = pos;
        if !closing && (name == "script" || name == "style") {
            let close = if name == "script" { "</script" } else { "</style" };
            let Some(c) = find(pos, close) else {
                text_start = bytes.len();
                break;
            };
            let end = gt.at_or_after(bytes, c + close.len());
            pos = (end + 1).min(bytes.len());
            text_start = pos;
            continue;
        }
        if name == "br" || is_block(name) {
            flush(&mut current, &mut out);
        }
    }
    current.push_str(html.get(text_start..).unwrap_or_default());
    flush(&mut current, &mut out);
    out
}

/// Extract text, images and tags from an HTML fragment.
pub fn extract(html: &str, rules: Rules) -> Extracted {
    let n = nesting(html);
    let budget = MIN_WORK.saturating_add(MAX_WORK_PER_BYTE.saturating_mul(html.len() as u64));
    if n.depth > MAX_DEPTH || n.work > budget {
        return extract_flat(html);
    }
    let doc = Html::parse_fragment(html);
    extract_from(&doc, rules)
}

/// As [`extract`], on a parsed document.
pub fn extract_from(doc: &Html, rules: Rules) -> Extracted {
    let mut w = Walker { rules, out: Extracted::default(), current: String::new() };
    let mut skip: Option<ego_tree::NodeId> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => w.current.push_str(t),
                    Node::Element(e) => {
                        let Some(el) = ElementRef::wrap(node) else { continue };
                        let name = e.name();
                        if never_text(name) {
                            skip = Some(node.id());
                            continue;
                        }
                        if rules.drop.matches(&el) {
                            skip = Some(node.id());
                            continue;
                        }
                        if name == "figcaption" || rules.caption.matches(&el) {
                            w.add_caption(text_of(&el));
                            skip = Some(node.id());
                            continue;
                        }
                        if rules.tag.matches(&el) {
                            let t = text_of(&el);
                            if !t.trim().is_empty() {
                                w.out.tags.push(t.trim().to_owned());
                            }
                            skip = Some(node.id());
                            continue;
                        }
                        match name {
                            "br" => w.flush(),
                            "img" => w.add_image(&el),
                            "td" | "th" => w.current.push(' '),
                            _ if is_block(name) => w.flush(),
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if let Node::Element(e) = node.value()
                    && is_block(e.name())
                {
                    w.flush();
                }
            }
        }
    }
    w.flush();
    w.out
}

/// Parse a selector list written in the source code.
///
/// # Panics
/// Only on a malformed literal in this crate's own source, caught by the tests of
/// each site module (every selector is built in a test).
pub fn selector(css: &str) -> Selector {
    match Selector::parse(css) {
        Ok(s) => s,
        Err(e) => panic!("invalid built-in selector {css:?}: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_breaks() {
        let x = extract("<div><p>one <b>bold</b></p><p>two<br>three</p>four</div>", Rules::default());
        assert_eq!(x.paragraphs, vec!["one bold", "two", "three", "four"]);
    }

    #[test]
    fn scripts_and_dropped_blocks_vanish() {
        let drop = selector(".ad");
        let rules = Rules { drop: Selectors::one(&drop), ..Default::default() };
        let x = extract("<p>a</p><script>var x</script><div class='ad'><p>buy</p></div><p>b</p>", rules);
        assert_eq!(x.paragraphs, vec!["a", "b"]);
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
    fn tags_are_collected_not_body() {
        let tag = selector(".keywordTag");
        let rules = Rules { tag: Selectors::one(&tag), ..Default::default() };
        let x = extract("<p>t</p><div class='keywordTag'><a>#拜登</a></div>", rules);
        assert_eq!(x.tags, vec!["#拜登"]);
        assert_eq!(x.paragraphs, vec!["t"]);
    }

    #[test]
    fn deep_nesting_is_read_flat_and_fast() {
        let html = format!(
            "<p>a &amp; b</p>{}deep<br>er{}<script>x</script>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert_eq!(nesting_depth(&html), 100_000);
        let x = extract(&html, Rules::default());
        assert_eq!(x.paragraphs, vec!["a & b", "deep", "er"]);
    }

    #[test]
    fn flat_reading_is_linear_in_unterminated_comments_scripts_and_tags() {
        // Found by a scaling probe beside the fuzzers: every `<!--` / `<script` that never closes made the old
        // regex rescan the rest of the input (seconds at 64 KiB, minutes at 256 KiB).
        let deep = "<div>".repeat(MAX_DEPTH + 1);
        for tail in ["<!--<b>", "<script><b>", "<style><i>", "<a<a"] {
            let html = format!("{deep}text{}", tail.repeat(50_000));
            let x = extract(&html, Rules::default());
            assert_eq!(x.paragraphs, vec!["text"], "{tail}");
        }
        // Each `<a` counts as an open tag (the scan is approximate), found in one pass.
        let html = format!("{}a", "<a".repeat(100_000));
        assert_eq!(nesting_depth(&html), 100_000);
    }

    #[test]
    fn flat_reading_keeps_text_drops_markup() {
        let deep = "<div>".repeat(MAX_DEPTH + 1);
        let x =
            extract(&format!("{deep}a < b<br>c<!-- x -->d<SCRIPT>s</Script >e<style>t</style>f<p>g"), Rules::default());
        assert_eq!(x.paragraphs, vec!["a < b", "cdef", "g"]);
        let x = extract(&format!("{deep}a<!-- never closed <p>b"), Rules::default());
        assert_eq!(x.paragraphs, vec!["a"]);
    }

    #[test]
    fn many_tags_deep_under_the_depth_limit_are_read_flat() {
        // Found by a scaling probe beside the fuzzers: each unmatched `</p>` makes the
        // tree builder look through all 999 open `<div>`s (and insert a `<p>`).
        let html = format!("{}text{}", "<div>".repeat(MAX_DEPTH - 1), "</p>".repeat(100_000));
        let n = nesting(&html);
        assert_eq!(n.depth, MAX_DEPTH - 1);
        assert!(n.work > MAX_WORK_PER_BYTE * html.len() as u64, "{n:?}");
        let x = extract(&html, Rules::default());
        assert_eq!(x.paragraphs, vec!["text"]);
    }

    #[test]
    fn self_closing_divs_nest_and_are_read_flat() {
        // Found by a scaling probe beside the fuzzers: html5ever opens a `div` for each
        // `<div/>`, and they were not counted (262 KiB took 4.8 s, quadratic).
        let html = format!("text{}", "<div/>".repeat(50_000));
        assert_eq!(nesting_depth(&html), 50_000);
        let x = extract(&html, Rules::default());
        assert_eq!(x.paragraphs, vec!["text"]);
    }

    #[test]
    fn end_tags_close_by_name() {
        // Unclosed `<p>`s inside closed `<div>`s do not pile up.
        let html = "<div><p>a<p>b</div>".repeat(2_000);
        assert_eq!(nesting(&html).depth, 3);
        // An end tag with no open element of its name closes nothing.
        assert_eq!(nesting("<div><div></p></span>").depth, 2);
        assert_eq!(nesting("<div><div></p></span><b>").depth, 3);
        assert_eq!(nesting("<DIV><div></Div><div>").depth, 2);
    }

    #[test]
    fn nesting_depth_counts_only_containers() {
        assert_eq!(nesting_depth("<div><p>a<br>b<img src=x><br/></p></div><div></div>"), 2);
        assert_eq!(nesting_depth("a < b"), 0);
        // HTML ignores the slash of `<x/>` (it opens `x`), SVG and MathML do not.
        assert_eq!(nesting_depth("<x/><y/>a"), 2);
        assert_eq!(nesting_depth("<svg><path/><g/><g/></svg><math><mi/></math>"), 1);
    }

    #[test]
    fn moderately_deep_trees_are_parsed_without_overflow() {
        let html = format!("{}deep{}", "<div>".repeat(MAX_DEPTH), "</div>".repeat(MAX_DEPTH));
        let x = extract(&html, Rules::default());
        assert_eq!(x.paragraphs, vec!["deep"]);
    }

    #[test]
    fn relative_images_resolve_against_base() {
        assert_eq!(resolve_image("/a.jpg", Some("https://x.org/n/1")).as_deref(), Some("https://x.org/a.jpg"));
        assert_eq!(resolve_image("a.jpg", Some("https://x.org/n/1")).as_deref(), Some("https://x.org/n/a.jpg"));
        assert_eq!(resolve_image("a.jpg", None), None);
    }
}
