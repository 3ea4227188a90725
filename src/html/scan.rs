//! HTML without a tree: a tolerant single-pass [`Scanner`] that sizes up what tree
//! construction would face ([`nesting`], attribute counts) and reads the text of what is
//! too pathological to parse ([`extract_flat`]). Every byte is looked at a bounded number
//! of times, whatever the input.

use foldhash::HashMap;

use super::elements::{self, Reader};
use super::fragment::Extracted;
use crate::normalize::text;

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

/// Bytes of `--max-size` per element of the tree a document may become: a parsed tree
/// takes 150 to 500 bytes per element (the node, its text, the page reader's table), so a
/// page of millions of tiny elements would take 45 times its size. With this budget, the
/// tree of an input stays within a few times `--max-size` (524,288 elements at the
/// default 64 MiB, about 260 MiB at most); real pages hold a few thousand (the largest of
/// 1,689 development pages: 15,793).
pub const BYTES_PER_ELEMENT: u64 = 128;

/// The budget whatever `--max-size` is: a small limit still admits every real page.
pub const MIN_ELEMENTS: u64 = 65_536;

/// How many elements an input may hold, for a `--max-size` of `max_size` bytes.
pub fn element_budget(max_size: u64) -> u64 {
    (max_size / BYTES_PER_ELEMENT).max(MIN_ELEMENTS)
}

/// Start tags in `text` (a `<` then an ASCII letter): at least as many as the elements of
/// its tree (the count includes what scripts and comments hold). One `memchr` pass.
pub fn count_start_tags(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut n = 0u64;
    for at in memchr::memchr_iter(b'<', bytes) {
        n += u64::from(bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic));
    }
    n
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
                    if elements::of_bytes(name.as_bytes()).is_raw(false) && !self_closing {
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
        if elements::of_bytes(&name).is_void() {
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
pub(super) fn pathological(html: &str) -> bool {
    let n = nesting(html);
    let budget = MIN_WORK.saturating_add(MAX_WORK_PER_BYTE.saturating_mul(html.len() as u64));
    n.depth > MAX_DEPTH || n.work > budget || max_attributes(html) > MAX_ATTRIBUTES
}

/// Text of pathological HTML without building a tree: tags removed, block tags as
/// paragraph breaks, raw-text elements (scripts, styles) skipped, entities decoded.
/// One pass of [`Scanner`], so linear whatever the mix of unterminated comments,
/// scripts and tags; as in a browser, an unterminated one swallows the rest.
pub(super) fn extract_flat(html: &str) -> Extracted {
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
                if name.eq_ignore_ascii_case("br") || elements::of_bytes(name.as_bytes()).paragraph(Reader::Fragment) {
                    flush(&mut current, &mut out);
                }
            }
            Piece::Raw => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::{Rules, extract};

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
    fn start_tags_are_counted_and_budgeted() {
        assert_eq!(count_start_tags("<p>a < b<br/><!-- c --></p><i>x</i>"), 3);
        assert_eq!(count_start_tags("<"), 0);
        assert_eq!(element_budget(64 << 20), 524_288);
        assert_eq!(element_budget(1 << 20), MIN_ELEMENTS);
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
}
