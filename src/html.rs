//! HTML to paragraphs, images and keyword tags, with scraper.
//!
//! The walk is iterative (ego-tree's `traverse`), so a 100k-deep tree cannot overflow
//! the stack. Site rules say what is boilerplate (dropped with its content), what is a
//! picture caption and what is a keyword tag; the rest is text, split into paragraphs
//! at block elements and `<br>`.

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
}

/// A condition an element must meet for a selector to match it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Need {
    /// `.x`: the class `x`.
    Class(String),
    /// `#x`: the id `x`.
    Id(String),
    /// `[name…]`: the attribute `name`.
    Attr(String),
}

/// The conditions of a selector list, one of which an element must meet, arranged for
/// a single pass over the element's attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Needs {
    /// Sorted.
    classes: Vec<String>,
    ids: Vec<String>,
    attrs: Vec<String>,
}

impl Needs {
    fn new(needs: &[Need]) -> Self {
        let mut n = Needs { classes: Vec::new(), ids: Vec::new(), attrs: Vec::new() };
        for need in needs {
            match need {
                Need::Class(c) => n.classes.push(c.clone()),
                Need::Id(i) => n.ids.push(i.clone()),
                Need::Attr(a) => n.attrs.push(a.clone()),
            }
        }
        n.classes.sort_unstable();
        n
    }

    /// Could an element with these attributes (local name, value) meet one of them?
    fn met_by(&self, attrs: &[(&str, &str)]) -> bool {
        attrs.iter().any(|&(name, value)| {
            (name == "class"
                && !self.classes.is_empty()
                && value.split_ascii_whitespace().any(|c| self.classes.binary_search_by(|x| x.as_str().cmp(c)).is_ok()))
                || (name == "id" && self.ids.iter().any(|i| i == value))
                || self.attrs.iter().any(|a| a == name)
        })
    }
}

/// What an element must have for a selector list to match it, read from the list's
/// serialisation: for each selector of the list, the first class, id or attribute its
/// last compound requires; one of them must be met. `None` when there is no such
/// condition: a bare type selector, a pseudo-class before any class, id or attribute, or
/// a serialisation that does not parse back to the same selector.
///
/// Most elements of an article (`<p>`, `<br>`, `<a href>`, `<img src>`, and elements of
/// other classes) meet none of the conditions of boilerplate selectors, and need not be
/// matched at all.
fn needs_of(sel: &Selector) -> Option<Needs> {
    use scraper::selector::ToCss;
    let css = sel.to_css_string();
    if Selector::parse(&css).ok().as_ref() != Some(sel) {
        return None;
    }
    let mut needs = Vec::new();
    for complex in split_top_level(&css, |c| c == ',') {
        let compound = split_top_level(complex.trim(), |c| matches!(c, ' ' | '>' | '+' | '~')).pop()?;
        let need = first_need(compound)?;
        if !needs.contains(&need) {
            needs.push(need);
        }
    }
    Some(Needs::new(&needs))
}

/// `css` split at the characters `at` outside brackets, parentheses and quotes.
fn split_top_level(css: &str, at: impl Fn(char) -> bool) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut escaped, mut start) = (0usize, None, false, 0);
    for (i, c) in css.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if let Some(q) = quote {
            if c == q {
                quote = None;
            }
        } else if c == '"' || c == '\'' {
            quote = Some(c);
        } else if c == '[' || c == '(' {
            depth += 1;
        } else if c == ']' || c == ')' {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && at(c) {
            parts.push(css.get(start..i).unwrap_or_default());
            start = i + c.len_utf8();
        }
    }
    parts.push(css.get(start..).unwrap_or_default());
    parts.retain(|p| !p.trim().is_empty());
    parts
}

/// The first condition of a compound selector (`small[style*="#999"]`, `.a.b`); `None`
/// when a pseudo-class or a namespace comes first, or there is none.
fn first_need(compound: &str) -> Option<Need> {
    let ident = |rest: &str| {
        let end = rest.find(['.', '#', '[', ':', '|', '\\']).unwrap_or(rest.len());
        rest.get(..end).filter(|s| !s.is_empty()).map(str::to_owned)
    };
    for (i, c) in compound.char_indices() {
        let rest = compound.get(i + c.len_utf8()..).unwrap_or_default();
        match c {
            '.' => return ident(rest).map(Need::Class),
            '#' => return ident(rest).map(Need::Id),
            '[' => {
                let end = rest.find(|c: char| "]=~|^$*!".contains(c) || c.is_whitespace())?;
                let name = rest.get(..end)?.to_ascii_lowercase();
                let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                // `[ns|name]` names an attribute in a namespace; `[name|=v]` is an operator.
                let namespaced = rest.get(end..).is_some_and(|r| r.starts_with('|') && !r.starts_with("|="));
                return (valid && !namespaced).then_some(Need::Attr(name));
            }
            ':' | '|' | '\\' => return None,
            _ => {}
        }
    }
    None
}

/// A selector with its [`needs_of`] (computed once per thread and selector).
struct Prefiltered<'a> {
    selector: &'a Selector,
    needs: Option<Needs>,
}

/// Selectors seen by this thread, with their needs; the selector is kept to check that
/// its address still holds the same selector.
type NeedsCache = Vec<(usize, Selector, Option<Needs>)>;

thread_local! {
    static NEEDS: std::cell::RefCell<NeedsCache> = const { std::cell::RefCell::new(Vec::new()) };
}

fn prefiltered(selector: &Selector) -> Prefiltered<'_> {
    let addr = std::ptr::from_ref(selector) as usize;
    let needs = NEEDS.with_borrow_mut(|cache| {
        if let Some((_, _, needs)) = cache.iter().find(|(a, s, _)| *a == addr && s == selector) {
            return needs.clone();
        }
        let needs = needs_of(selector);
        cache.retain(|(a, _, _)| *a != addr);
        if cache.len() >= 64 {
            cache.clear();
        }
        cache.push((addr, selector.clone(), needs.clone()));
        needs
    });
    Prefiltered { selector, needs }
}

/// [`Selectors`] ready for matching many elements.
struct Matcher<'a>(Vec<Prefiltered<'a>>);

impl<'a> Matcher<'a> {
    fn new(selectors: &Selectors<'a>) -> Self {
        Matcher(selectors.0.iter().flatten().map(|s| prefiltered(s)).collect())
    }

    /// Does `el` match? `attrs` are its attributes (local name, value).
    fn matches(&self, el: &ElementRef, attrs: &[(&str, &str)]) -> bool {
        self.0.iter().any(|p| {
            let possible = p.needs.as_ref().is_none_or(|n| n.met_by(attrs));
            possible && p.selector.matches(el)
        })
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

fn is_void(name: &[u8]) -> bool {
    // The longest void element name has six letters.
    let mut lower = [0u8; 6];
    let Some(dst) = lower.get_mut(..name.len()) else { return false };
    dst.copy_from_slice(name);
    dst.make_ascii_lowercase();
    matches!(
        &*dst,
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

/// The deepest element nesting, approximately (a byte scan, no parsing): start tags
/// count +1 unless void or self-closing, end tags -1. Linear: the `>` ending a start tag
/// is found once for all the tags before it.
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    // The first `>` at or after the last start tag name (bytes.len() when none).
    let mut next_gt: Option<usize> = None;
    while let Some(off) = bytes.get(i..).and_then(|b| memchr::memchr(b'<', b)) {
        let start = i + off + 1;
        let closing = bytes.get(start) == Some(&b'/');
        let name_start = if closing { start + 1 } else { start };
        let name_len =
            bytes.get(name_start..).map_or(0, |b| b.iter().take_while(|c| c.is_ascii_alphanumeric()).count());
        i = name_start + name_len;
        if name_len == 0 || !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name = bytes.get(name_start..name_start + name_len).unwrap_or_default();
        let tag_end = match next_gt {
            Some(gt) if gt >= i => gt,
            _ => {
                let gt = bytes.get(i..).and_then(|b| memchr::memchr(b'>', b)).map_or(bytes.len(), |p| i + p);
                next_gt = Some(gt);
                gt
            }
        };
        let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        if !is_void(name) && !self_closing {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// Text of pathologically nested HTML without building a tree: tags removed, block
/// tags as paragraph breaks, scripts and styles skipped, entities decoded.
fn extract_flat(html: &str) -> Extracted {
    static TAG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?is)<(script|style)\b.*?</(?:script|style)\s*>|<(/?)([a-z][a-z0-9]*)\b[^>]*>|<!--.*?-->")
            .expect("static regex")
    });
    let mut out = Extracted::default();
    let mut current = String::new();
    let mut last = 0;
    let flush = |current: &mut String, out: &mut Extracted| {
        let p = text::clean_paragraph(&text::decode_entities(current));
        if !p.is_empty() {
            out.paragraphs.push(p);
        }
        current.clear();
    };
    for m in TAG.captures_iter(html) {
        let Some(all) = m.get(0) else { continue };
        current.push_str(html.get(last..all.start()).unwrap_or_default());
        last = all.end();
        let name = m.get(3).map_or("", |n| n.as_str()).to_ascii_lowercase();
        if name == "br" || is_block(&name) {
            flush(&mut current, &mut out);
        }
    }
    current.push_str(html.get(last..).unwrap_or_default());
    flush(&mut current, &mut out);
    out
}

/// Extract text, images and tags from an HTML fragment.
pub fn extract(html: &str, rules: Rules) -> Extracted {
    if nesting_depth(html) > MAX_DEPTH {
        return extract_flat(html);
    }
    let doc = Html::parse_fragment(html);
    extract_from(&doc, rules)
}

/// As [`extract`], on a parsed document.
pub fn extract_from(doc: &Html, rules: Rules) -> Extracted {
    let (drop, caption, tag) = (Matcher::new(&rules.drop), Matcher::new(&rules.caption), Matcher::new(&rules.tag));
    let mut attrs: Vec<(&str, &str)> = Vec::new();
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
                        attrs.clear();
                        attrs.extend(e.attrs());
                        if drop.matches(&el, &attrs) {
                            skip = Some(node.id());
                            continue;
                        }
                        if name == "figcaption" || caption.matches(&el, &attrs) {
                            w.add_caption(text_of(&el));
                            skip = Some(node.id());
                            continue;
                        }
                        if tag.matches(&el, &attrs) {
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
    fn conditions_of_selector_lists() {
        let needs = |css: &str| needs_of(&selector(css));
        let want = |v: &[Need]| Some(Needs::new(v));
        let class = |c: &str| Need::Class(c.into());
        let id = |c: &str| Need::Id(c.into());
        let attr = |c: &str| Need::Attr(c.into());
        assert_eq!(
            needs(".moreArticle, .pcBox, [id^=adslot]"),
            want(&[class("moreArticle"), class("pcBox"), attr("id")])
        );
        assert_eq!(needs("small[style*='#999'], .picinfo"), want(&[attr("style"), class("picinfo")]));
        assert_eq!(needs("#imu, div > p.x.y, p .c"), want(&[id("imu"), class("x"), class("c")]));
        assert_eq!(needs("[lang|=en], [DATA-X]"), want(&[attr("lang"), attr("data-x")]));
        assert_eq!(needs("[title=\"a, b\"]"), want(&[attr("title")]));
        assert_eq!(needs(".a, figure"), None, "a bare type selector matches elements without attributes");
        assert_eq!(needs("a:not(.b)"), None);
        assert_eq!(needs("*"), None);
        assert_eq!(needs(".c .d > *"), None);
        // Escaped identifiers do not survive scraper's serialisation: no condition.
        assert_eq!(needs(".a\\.b"), None);
        assert_eq!(needs(".a\\ b"), None);
    }

    /// Every element of `html`, in document order.
    fn elements(doc: &Html) -> Vec<ElementRef<'_>> {
        doc.tree.root().descendants().filter_map(ElementRef::wrap).collect()
    }

    #[test]
    fn prefiltered_matching_is_plain_matching_for_every_site_selector() {
        let html = r#"<div><p>t <b>b</b> <a href="x">a</a> <img src="i.jpg"></p>
            <div class="moreArticle"><p class="paragraph">m</p></div><div id="adslot-3">ad</div>
            <div id="dfp-ad-1"></div><small style="color: #999;">cap</small><small>no</small>
            <div class="picinfo keywordTag o-self-promo"><span class="caption">c</span></div>
            <figure><figcaption>f</figcaption></figure><p class="wp-caption-text">w</p>
            <div class="dotcom-ad mpu-ad off-screen">o</div><ins class="adsbygoogle"></ins>
            <section lang="en" title="t" data-x="1"><i>i</i></section><div id="imu"></div>
            <div class=" keywordTag\tx "></div><div class="KEYWORDTAG"></div><div id="imu2"></div></div>"#;
        let doc = Html::parse_fragment(html);
        let els = elements(&doc);
        let mut checked = 0;
        let mut lists: Vec<Selectors> = Vec::new();
        for site in crate::sites::SITES {
            let rules = site.html_rules();
            lists.extend([rules.drop, rules.caption, rules.tag]);
        }
        let extra =
            [selector("figure, .a"), selector("a:not(.b)"), selector("[lang|=en], [title]"), selector("div > p")];
        lists.extend(extra.iter().map(Selectors::one));
        lists.push(Selectors::one(&crate::sites::feedx::DROP).with(Some(&crate::sites::feedx::CAPTION)));
        for list in &lists {
            let matcher = Matcher::new(list);
            for el in &els {
                let plain = list.0.iter().flatten().any(|s| s.matches(el));
                let attrs: Vec<(&str, &str)> = el.value().attrs().collect();
                assert_eq!(matcher.matches(el, &attrs), plain, "{:?}", el.value());
                checked += usize::from(plain);
            }
        }
        assert!(checked >= 15, "the sample exercises matches: {checked}");
    }

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

    /// The byte scan as first written (quadratic on `<` without `>`), for comparison.
    fn reference_nesting_depth(html: &str) -> usize {
        let bytes = html.as_bytes();
        let (mut depth, mut max) = (0usize, 0usize);
        let mut i = 0;
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
            if closing {
                depth = depth.saturating_sub(1);
                continue;
            }
            let name = bytes.get(name_start..name_start + name_len).unwrap().to_ascii_lowercase();
            let tag_end = bytes.get(i..).and_then(|b| b.iter().position(|&c| c == b'>')).map_or(bytes.len(), |p| i + p);
            let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
            let void = [
                "br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param",
                "track",
            ]
            .contains(&std::str::from_utf8(&name).unwrap());
            if !void && !self_closing {
                depth += 1;
                max = max.max(depth);
            }
        }
        max
    }

    proptest::proptest! {
        #[test]
        fn nesting_depth_is_the_reference_scan(parts in proptest::collection::vec(proptest::sample::select(vec![
            "<div>", "</div>", "<p class='a'>", "</p>", "<BR>", "<br/>", "<img src=x>", "<Source>", "<sourcex>",
            "<x/>", "<a", ">", "/>", "<", "</", "<1>", "text", " ", "<SECTION>", "<p/ >", "中文", "<wbr>",
        ]), 0..40)) {
            let html = parts.concat();
            proptest::prop_assert_eq!(nesting_depth(&html), reference_nesting_depth(&html), "{:?}", html);
        }
    }

    #[test]
    fn nesting_depth_is_linear_without_closing_brackets() {
        let html = "<a".repeat(200_000);
        assert_eq!(nesting_depth(&html), 200_000);
    }

    #[test]
    fn nesting_depth_counts_only_containers() {
        assert_eq!(nesting_depth("<div><p>a<br>b<img src=x><br/></p></div><div></div>"), 2);
        assert_eq!(nesting_depth("<x/><y/>a < b"), 0);
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
