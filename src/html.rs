//! HTML to paragraphs, images and keyword tags, with scraper.
//!
//! The walk is iterative (ego-tree's `traverse`), so a 100k-deep tree cannot overflow
//! the stack. Site rules say what is boilerplate (dropped with its content), what is a
//! picture caption and what is a keyword tag; the rest is text, split into paragraphs
//! at block elements and `<br><br>`; a single `<br>` is a line break inside a paragraph.

use foldhash::HashMap;

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
    /// Does any selector match `el`? (Plain matching, for the few elements inside a
    /// caption or tag; the page walk uses the prefiltered [`Matcher`].)
    fn matches(&self, el: &ElementRef) -> bool {
        self.0.iter().flatten().any(|s| s.matches(el))
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
    /// The line being built, raw.
    current: String,
    /// The lines of the paragraph being built, cleaned.
    lines: Vec<String>,
}

impl Walker<'_> {
    /// End the line being built, if it has text.
    fn take_line(&mut self) -> bool {
        if self.current.is_empty() {
            return false;
        }
        let line = text::clean_paragraph(&self.current);
        self.current.clear();
        if line.is_empty() {
            return false;
        }
        self.lines.push(line);
        true
    }

    /// A `<br>`: a line break inside the paragraph (SPEC v1.1); a second one in a row
    /// (`<br><br>`, only space between) ends the paragraph.
    fn line_break(&mut self) {
        if !self.take_line() && !self.lines.is_empty() {
            self.flush();
        }
    }

    /// End the paragraph being built.
    fn flush(&mut self) {
        self.take_line();
        if !self.lines.is_empty() {
            let p = if self.lines.len() == 1 { self.lines.pop().unwrap_or_default() } else { self.lines.join("\n") };
            self.lines.clear();
            self.out.paragraphs.push(p);
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

impl Rules<'_> {
    /// Is this element boilerplate (by selector or by structure)?
    pub fn drops(&self, el: &ElementRef) -> bool {
        self.drop.matches(el) || self.drop_if.is_some_and(|f| f(el))
    }
}

/// All text under a node, `<br>` as a space; boilerplate inside (a credit or a label
/// in a caption) and never-text elements are skipped.
fn text_of(el: &ElementRef, rules: &Rules) -> String {
    let mut s = String::new();
    let mut skip: Option<ego_tree::NodeId> = None;
    for edge in el.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => s.push_str(t),
                    Node::Element(e) if e.name() == "br" => s.push(' '),
                    Node::Element(e) => {
                        let inner = ElementRef::wrap(node).filter(|inner| inner.id() != el.id());
                        if never_text(e.name()) || inner.is_some_and(|inner| rules.drops(&inner)) {
                            skip = Some(node.id());
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skip == Some(node.id()) {
                    skip = None;
                }
            }
        }
    }
    s
}

/// Nesting deeper than this is pathological (real pages stay under ~100): the HTML
/// parser's tree construction is quadratic in depth, so such input is read flat.
pub const MAX_DEPTH: usize = 1000;

/// More attributes than this in one tag is pathological (real tags have a few dozen):
/// the parser's duplicate-attribute check is quadratic in their number.
pub const MAX_ATTRIBUTES: usize = 1000;

/// Nor is it worth a parse whose stack scans ([`Nesting::work`]) exceed this much per
/// input byte: under [`MAX_DEPTH`], many tags at a depth of hundreds (`</p>` by the
/// thousand under 999 `<div>`s) still cost the tree builder up to a thousand steps
/// each, 1.6 s per MiB. Real pages stay under 0.2 per byte.
pub const MAX_WORK_PER_BYTE: u64 = 16;

/// Work any input may take, whatever its size.
const MIN_WORK: u64 = 1 << 20;

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

/// Elements whose content is raw text up to their end tag (no markup inside).
fn is_raw_text(name: &[u8]) -> bool {
    matches!(
        name.to_ascii_lowercase().as_slice(),
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed" | b"noframes"
    )
}

/// One piece of markup, as [`Scanner`] sees it.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    /// Text between tags (entities not decoded).
    Text(&'a str),
    /// A start tag; `attributes` counts its attribute names.
    Start { name: &'a str, self_closing: bool, attributes: usize },
    /// An end tag.
    End { name: &'a str },
    /// The content of a raw-text element (`<script>`, `<style>`, ...).
    Raw,
}

/// A tolerant, single-pass tokenizer for sizing up and flat-reading HTML without a
/// tree: every byte is looked at a bounded number of times, whatever the input (an
/// unclosed tag, comment, quote or script runs to the end of the text, as in a
/// browser). Comments, doctypes and processing instructions are skipped.
struct Scanner<'a> {
    html: &'a str,
    pos: usize,
    /// After a raw-text start tag: the element whose end tag closes the raw text.
    raw_until: Option<&'a str>,
}

impl<'a> Scanner<'a> {
    fn new(html: &'a str) -> Self {
        Scanner { html, pos: 0, raw_until: None }
    }

    fn find_seq(&self, from: usize, needle: &[u8]) -> Option<usize> {
        let hay = self.html.as_bytes().get(from..)?;
        hay.windows(needle.len()).position(|w| w == needle).map(|i| from + i)
    }

    fn find_byte(&self, from: usize, b: u8) -> Option<usize> {
        self.html.as_bytes().get(from..)?.iter().position(|&c| c == b).map(|i| from + i)
    }

    /// The end of a tag whose name ends at `from`: the position after its `>` (quoted
    /// attribute values may hold `>`), the number of attribute names, and whether it
    /// ends with `/>`.
    fn tag_end(&self, from: usize) -> (usize, usize, bool) {
        let bytes = self.html.as_bytes();
        let (mut i, mut attributes, mut in_name, mut last) = (from, 0usize, false, 0u8);
        while let Some(&b) = bytes.get(i) {
            match b {
                b'>' => return (i + 1, attributes, last == b'/'),
                b'"' | b'\'' if last == b'=' => {
                    // A quoted value: to its closing quote, or to the end.
                    i = self.find_byte(i + 1, b).map_or(bytes.len(), |q| q + 1);
                    in_name = false;
                    last = b;
                    continue;
                }
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' => in_name = false,
                b'=' => in_name = true,
                _ => {
                    if !in_name {
                        attributes += 1;
                        in_name = true;
                    }
                }
            }
            if !b.is_ascii_whitespace() {
                last = b;
            }
            i += 1;
        }
        (bytes.len(), attributes, false)
    }
}

impl<'a> Iterator for Scanner<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        let bytes = self.html.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        if let Some(name) = self.raw_until.take() {
            // Raw text runs to `</name` (any case), or to the end.
            let mut at = self.pos;
            let end = loop {
                let Some(lt) = self.find_seq(at, b"</") else { break bytes.len() };
                let candidate = bytes.get(lt + 2..lt + 2 + name.len());
                if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) {
                    break lt;
                }
                at = lt + 2;
            };
            self.pos = end;
            return Some(Piece::Raw);
        }
        loop {
            let Some(lt) = self.find_byte(self.pos, b'<') else {
                let text = self.html.get(self.pos..).unwrap_or_default();
                self.pos = bytes.len();
                return (!text.is_empty()).then_some(Piece::Text(text));
            };
            if lt > self.pos {
                let text = self.html.get(self.pos..lt).unwrap_or_default();
                self.pos = lt;
                return Some(Piece::Text(text));
            }
            let rest = bytes.get(lt + 1..).unwrap_or_default();
            match rest.first() {
                Some(b'!') if rest.starts_with(b"!--") => {
                    self.pos = self.find_seq(lt + 4, b"-->").map_or(bytes.len(), |e| e + 3);
                }
                Some(b'!' | b'?') => {
                    self.pos = self.find_byte(lt + 1, b'>').map_or(bytes.len(), |e| e + 1);
                }
                Some(b'/') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                    let name_len = rest.iter().skip(1).take_while(|c| c.is_ascii_alphanumeric()).count();
                    let name = self.html.get(lt + 2..lt + 2 + name_len).unwrap_or_default();
                    self.pos = self.find_byte(lt + 2 + name_len, b'>').map_or(bytes.len(), |e| e + 1);
                    return Some(Piece::End { name });
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    let name_len = rest.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
                    let name = self.html.get(lt + 1..lt + 1 + name_len).unwrap_or_default();
                    let (end, attributes, self_closing) = self.tag_end(lt + 1 + name_len);
                    self.pos = end;
                    if is_raw_text(name.as_bytes()) && !self_closing {
                        self.raw_until = Some(name);
                    }
                    return Some(Piece::Start { name, self_closing, attributes });
                }
                _ => {
                    // A `<` that opens no tag is text.
                    let text = self.html.get(lt..lt + 1).unwrap_or_default();
                    self.pos = lt + 1;
                    return Some(Piece::Text(text));
                }
            }
            if self.pos >= bytes.len() {
                return None;
            }
        }
    }
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
    let mut ids: HashMap<Vec<u8>, u32> = HashMap::default();
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

/// The most attribute names in one tag (see [`MAX_ATTRIBUTES`]).
fn max_attributes(html: &str) -> usize {
    Scanner::new(html)
        .filter_map(|p| match p {
            Piece::Start { attributes, .. } => Some(attributes),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

/// Is this HTML too pathological for the tree parser: nested deeper than
/// [`MAX_DEPTH`], more stack-scan work than [`MAX_WORK_PER_BYTE`] allows, or a tag with
/// more than [`MAX_ATTRIBUTES`] attributes?
fn pathological(html: &str) -> bool {
    let n = nesting(html);
    let budget = MIN_WORK.saturating_add(MAX_WORK_PER_BYTE.saturating_mul(html.len() as u64));
    n.depth > MAX_DEPTH || n.work > budget || max_attributes(html) > MAX_ATTRIBUTES
}

/// Text of pathological HTML without building a tree: tags removed, block tags as
/// paragraph breaks, raw-text elements (scripts, styles) skipped, entities decoded.
/// One pass of [`Scanner`], so linear whatever the mix of unterminated comments,
/// scripts and tags; as in a browser, an unterminated one swallows the rest.
fn extract_flat(html: &str) -> Extracted {
    let mut out = Extracted::default();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Extracted| {
        let p = text::clean_paragraph(&text::decode_entities(current));
        if !p.is_empty() {
            out.paragraphs.push(p);
        }
        current.clear();
    };
    for piece in Scanner::new(html) {
        match piece {
            Piece::Text(t) => current.push_str(t),
            Piece::Start { name, .. } | Piece::End { name } => {
                let name = name.to_ascii_lowercase();
                if name == "br" || is_block(&name) {
                    flush(&mut current, &mut out);
                }
            }
            Piece::Raw => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

/// `<iframe …/>`, `<script …/>`: XHTML-style self-closing tags of elements whose content
/// HTML reads as raw text. An HTML parser ignores the slash, so everything after such a
/// tag would become the element's (never shown) content; they are closed instead.
fn close_raw_text_tags(html: &str) -> std::borrow::Cow<'_, str> {
    static SELF_CLOSED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)<(iframe|script|style|textarea|title|noembed|noframes|noscript|xmp)(\s[^<>]*?)?\s*/>")
            .expect("static regex")
    });
    SELF_CLOSED.replace_all(html, "<$1$2></$1>")
}

/// Parse an HTML fragment, unless it is too pathological to parse (see [`MAX_DEPTH`],
/// [`MAX_ATTRIBUTES`]).
pub fn parse(html: &str) -> Option<Html> {
    (!pathological(html)).then(|| Html::parse_fragment(&close_raw_text_tags(html)))
}

/// Parse a whole HTML document (doctype, `<html>`, `<head>`), unless it is too
/// pathological to parse (see [`MAX_DEPTH`], [`MAX_ATTRIBUTES`]): then `None`, and the
/// caller reads it flat with [`extract_parsed`].
pub fn parse_document(html: &str) -> Option<Html> {
    (!pathological(html)).then(|| Html::parse_document(&close_raw_text_tags(html)))
}

/// Extract text, images and tags from an HTML fragment.
pub fn extract(html: &str, rules: Rules) -> Extracted {
    match parse(html) {
        Some(doc) => extract_from(&doc, rules),
        None => extract_flat(html),
    }
}

/// As [`extract`], on a fragment already parsed with [`parse`] (`None`: read flat).
pub fn extract_parsed(doc: Option<&Html>, html: &str, rules: Rules) -> Extracted {
    match doc {
        Some(doc) => extract_from(doc, rules),
        None => extract_flat(html),
    }
}

/// Text that reads as article text: a paragraph of at least this many characters.
const PROSE: usize = 40;
/// Paragraph text a dropped block must hold for [`extract_from`] to take it back.
const RESCUE_MIN: usize = 300;

/// As [`extract`], on a parsed document.
///
/// When the boilerplate rules leave no paragraph of prose, and dropped blocks hold
/// paragraphs (`p`, `h2`–`h4`) of 300+ characters, those paragraphs are read after all:
/// an unclosed `<div>` of a dropped list (a related-articles box) would otherwise take
/// the whole article with it, since the HTML parser nests what follows inside it. The
/// rest of the dropped blocks (their links, labels) stays out.
pub fn extract_from(doc: &Html, rules: Rules) -> Extracted {
    let mut dropped = Vec::new();
    let out = walk(doc, rules, false, &mut dropped);
    let chars = |ps: &[String]| ps.iter().map(|p| p.chars().count()).sum::<usize>();
    if dropped.is_empty() || out.paragraphs.iter().any(|p| p.chars().count() >= PROSE) {
        return out;
    }
    if !holds_paragraphs(doc, &dropped, RESCUE_MIN) {
        return out;
    }
    let rescued = walk(doc, rules, true, &mut Vec::new());
    if chars(&rescued.paragraphs) > chars(&out.paragraphs) { rescued } else { out }
}

/// Do the dropped elements hold at least `min` characters of paragraph text (inside a
/// `p` or `h2`–`h4` below them, not in a link)? One pass over their nodes, stopping early.
fn holds_paragraphs(doc: &Html, dropped: &[ego_tree::NodeId], min: usize) -> bool {
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
                    held += t.chars().filter(|c| !c.is_whitespace()).count();
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
fn walk(doc: &Html, rules: Rules, rescue: bool, dropped: &mut Vec<ego_tree::NodeId>) -> Extracted {
    let (drop, caption, tag) = (Matcher::new(&rules.drop), Matcher::new(&rules.caption), Matcher::new(&rules.tag));
    let mut attrs: Vec<(&str, &str)> = Vec::new();
    let mut w = Walker { rules, out: Extracted::default(), current: String::new(), lines: Vec::new() };
    let mut skip: Option<ego_tree::NodeId> = None;
    // In a rescue: the dropped block being read, and the paragraph inside it (with where
    // its output starts and how much of its text is link text).
    let mut in_dropped: Option<ego_tree::NodeId> = None;
    let mut in_para: Option<ego_tree::NodeId> = None;
    let mut para = RescuedPara::default();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                if in_dropped.is_some() && in_para.is_none() {
                    if let Node::Element(e) = node.value()
                        && let Some(el) = ElementRef::wrap(node)
                    {
                        attrs.clear();
                        attrs.extend(e.attrs());
                        // Boilerplate and captions nested in the dropped block stay out.
                        if never_text(e.name())
                            || e.name() == "figcaption"
                            || drop.matches(&el, &attrs)
                            || caption.matches(&el, &attrs)
                            || w.rules.drop_if.is_some_and(|f| f(&el))
                        {
                            skip = Some(node.id());
                        } else if is_paragraph(e.name()) {
                            w.flush();
                            in_para = Some(node.id());
                            para = RescuedPara { first: w.out.paragraphs.len(), ..Default::default() };
                        }
                    }
                    continue;
                }
                match node.value() {
                    Node::Text(t) => {
                        w.current.push_str(t);
                        if in_para.is_some() {
                            let n = t.chars().filter(|c| !c.is_whitespace()).count();
                            para.chars += n;
                            if para.links > 0 {
                                para.link_chars += n;
                            }
                        }
                    }
                    Node::Element(e) => {
                        let Some(el) = ElementRef::wrap(node) else { continue };
                        let name = e.name();
                        if never_text(name) {
                            if is_player(name) && !w.out.players {
                                attrs.clear();
                                attrs.extend(e.attrs());
                                w.out.players = !drop.matches(&el, &attrs) && !w.rules.drop_if.is_some_and(|f| f(&el));
                            }
                            skip = Some(node.id());
                            continue;
                        }
                        attrs.clear();
                        attrs.extend(e.attrs());
                        if drop.matches(&el, &attrs) || w.rules.drop_if.is_some_and(|f| f(&el)) {
                            if rescue && in_dropped.is_none() {
                                w.flush();
                                in_dropped = Some(node.id());
                            } else {
                                if in_dropped.is_none() {
                                    dropped.push(node.id());
                                }
                                skip = Some(node.id());
                            }
                            continue;
                        }
                        if name == "figcaption" || caption.matches(&el, &attrs) {
                            w.add_caption(text_of(&el, &w.rules));
                            skip = Some(node.id());
                            continue;
                        }
                        if tag.matches(&el, &attrs) {
                            let t = text_of(&el, &w.rules);
                            if !t.trim().is_empty() {
                                w.out.tags.push(t.trim().to_owned());
                            }
                            skip = Some(node.id());
                            continue;
                        }
                        if in_para.is_some() && name == "a" {
                            para.links += 1;
                        }
                        match name {
                            "br" => w.line_break(),
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
                if in_para.is_some()
                    && let Node::Element(e) = node.value()
                    && e.name() == "a"
                {
                    para.links = para.links.saturating_sub(1);
                }
                if in_para == Some(node.id()) {
                    in_para = None;
                    w.flush();
                    // A paragraph that is mostly link text is a list of links, not the
                    // swallowed article.
                    if para.link_chars * 2 > para.chars {
                        w.out.paragraphs.truncate(para.first);
                    }
                    continue;
                }
                if in_dropped == Some(node.id()) {
                    in_dropped = None;
                    continue;
                }
                if in_dropped.is_some() && in_para.is_none() {
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

/// Parse a selector list written in the source code (rule files' selectors are parsed
/// with their errors reported, in `sites`).
///
/// # Panics
/// Only on a malformed literal in this crate's own source, caught by the tests (every
/// selector is built in a test).
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
        let outlets = crate::sites::Outlets::builtin();
        for o in outlets.iter() {
            lists.extend(o.selector_lists());
        }
        let extra =
            [selector("figure, .a"), selector("a:not(.b)"), selector("[lang|=en], [title]"), selector("div > p")];
        lists.extend(extra.iter().map(Selectors::one));
        lists.push(
            Selectors::one(&crate::formats::jekyll::feedx::DROP).with(Some(&crate::formats::jekyll::feedx::CAPTION)),
        );
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
    fn nesting_depth_is_linear_without_closing_brackets() {
        let html = "<a".repeat(200_000);
        assert_eq!(nesting_depth(&html), 200_000);
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
    fn scanner_pieces() {
        let pieces: Vec<Piece> = Scanner::new(
            "a<p class=\"x>y\" id=1>b</P ><!-- <div> --><br/>c<SCRIPT>if (a<b) x='</div>';</script >d<!doctype x> < e",
        )
        .collect();
        assert_eq!(
            pieces,
            vec![
                Piece::Text("a"),
                Piece::Start { name: "p", self_closing: false, attributes: 2 },
                Piece::Text("b"),
                Piece::End { name: "P" },
                Piece::Start { name: "br", self_closing: true, attributes: 0 },
                Piece::Text("c"),
                Piece::Start { name: "SCRIPT", self_closing: false, attributes: 0 },
                Piece::Raw,
                Piece::End { name: "script" },
                Piece::Text("d"),
                Piece::Text(" "),
                Piece::Text("<"),
                Piece::Text(" e"),
            ]
        );
        // Unclosed constructs run to the end.
        assert_eq!(Scanner::new("a<!-- b").collect::<Vec<_>>(), vec![Piece::Text("a")]);
        assert_eq!(
            Scanner::new("<p title='b>").collect::<Vec<_>>(),
            vec![Piece::Start { name: "p", self_closing: false, attributes: 1 }]
        );
    }

    /// Inputs on which the old scans were quadratic (tens of seconds at this size): the
    /// bound only says "did not hang".
    #[test]
    fn pathological_markup_is_linear() {
        let started = std::time::Instant::now();
        let x = extract(&format!("<p>a</p>{}", "<a ".repeat(100_000)), Rules::default());
        assert_eq!(x.paragraphs, vec!["a"]);
        let x = extract(&format!("<p>a</p>{}", "<script>".repeat(50_000)), Rules::default());
        assert_eq!(x.paragraphs, vec!["a"]);
        let x = extract(&format!("<p>a</p>{}", "<div><!--".repeat(50_000)), Rules::default());
        assert_eq!(x.paragraphs, vec!["a"]);
        // Many comments in a row are skipped in a loop, not by recursion.
        let html = format!("<p>a</p>{}{}b", "<div>".repeat(2000), "<!---->".repeat(200_000));
        assert_eq!(extract(&html, Rules::default()).paragraphs, vec!["a", "b"]);
        let attrs: Vec<String> = (0..100_000).map(|i| format!("a{i}")).collect();
        let html = format!("<p>a</p><p {}>b</p>", attrs.join(" "));
        assert!(pathological(&html));
        assert_eq!(extract(&html, Rules::default()).paragraphs, vec!["a", "b"]);
        let took = started.elapsed();
        assert!(took < std::time::Duration::from_secs(10), "took {took:?}");
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
