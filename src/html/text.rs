//! The text walker shared by the fragment reader and the page reader: the walk itself
//! ([`walk`]: document order, skipping whole subtrees, iterative so a 100k-deep tree
//! cannot overflow the stack), block text with line breaks ([`Paragraphs`]), the inline
//! text of an element ([`inline_text`]) and text measures ([`measure`]).

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Node};

use super::elements::{Reader, Tag};
use crate::normalize::text;

/// Walk the subtree of `root` (itself included) in document order. `visit` sees each
/// node open and close; returning `false` when a node opens skips its subtree, and its
/// close is not seen.
pub fn walk<'a>(root: NodeRef<'a, Node>, mut visit: impl FnMut(Edge<'a, Node>) -> bool) {
    let mut skip = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_none() && !visit(Edge::Open(node)) {
                    skip = Some(node.id());
                }
            }
            Edge::Close(node) => match skip {
                Some(id) if id == node.id() => skip = None,
                Some(_) => {}
                None => {
                    visit(Edge::Close(node));
                }
            },
        }
    }
}

/// Paragraphs written from text and the elements around it.
///
/// `<br>` is a line break inside the paragraph to the fragment reader (SPEC v1.1; a second
/// one in a row, only space between, ends the paragraph); to the page reader, whose `<br>`s
/// mostly separate teaser lines and bylines, it ends the paragraph.
pub struct Paragraphs {
    reader: Reader,
    /// The paragraphs written.
    pub out: Vec<String>,
    /// The line being built, raw.
    current: String,
    /// The lines of the paragraph being built, cleaned.
    lines: Vec<String>,
    /// Counters of the open lists (`None` for a `<ul>`), when list items are numbered.
    lists: Vec<Option<i64>>,
}

impl Paragraphs {
    pub fn new(reader: Reader) -> Self {
        Paragraphs { reader, out: Vec::new(), current: String::new(), lines: Vec::new(), lists: Vec::new() }
    }

    /// Text, raw (cleaned when its line ends).
    pub fn text(&mut self, t: &str) {
        self.current.push_str(t);
    }

    /// End the line being built, if it has text.
    fn take_line(&mut self) -> bool {
        if self.current.is_empty() {
            return false;
        }
        // A page's line of only (Unicode) spaces is nothing.
        let line = if self.reader == Reader::Page && self.current.trim().is_empty() {
            String::new()
        } else {
            text::clean_paragraph(&self.current)
        };
        self.current.clear();
        if line.is_empty() {
            return false;
        }
        self.lines.push(line);
        true
    }

    /// A `<br>`.
    pub fn line_break(&mut self) {
        if self.reader == Reader::Page || (!self.take_line() && !self.lines.is_empty()) {
            self.flush();
        }
    }

    /// End the paragraph being built.
    pub fn flush(&mut self) {
        self.take_line();
        if !self.lines.is_empty() {
            let p = if self.lines.len() == 1 { self.lines.pop().unwrap_or_default() } else { self.lines.join("\n") };
            self.lines.clear();
            self.out.push(p);
        }
    }

    /// An element opens (one whose text is read): paragraphs, cells, breaks, and for the
    /// page reader numbered list items (`3. `, from `<ol start>` and `<li value>`).
    pub fn open(&mut self, el: &ElementRef, tag: Tag) {
        let e = el.value();
        match e.name() {
            "br" => self.line_break(),
            _ if tag.is_cell() => self.current.push(' '),
            _ if self.reader == Reader::Page && tag.is_list() => {
                self.flush();
                let start = || e.attr("start").and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or(1);
                self.lists.push((e.name() == "ol").then(start));
            }
            _ if self.reader == Reader::Page && tag.is_item() => {
                self.flush();
                if let Some(Some(n)) = self.lists.last_mut() {
                    let value = e.attr("value").and_then(|s| s.trim().parse::<i64>().ok());
                    let k = value.unwrap_or(*n);
                    self.current.push_str(&format!("{k}. "));
                    *n = k.saturating_add(1);
                }
            }
            _ if tag.paragraph(self.reader) => self.flush(),
            _ => {}
        }
    }

    /// An element closes.
    pub fn close(&mut self, tag: Tag) {
        if self.reader == Reader::Page && tag.is_list() {
            self.lists.pop();
        }
        if tag.paragraph(self.reader) {
            self.flush();
        }
    }

    /// Every paragraph, the one being built ended.
    pub fn finish(mut self) -> Vec<String> {
        self.flush();
        self.out
    }
}

/// The text of `root` on one line, `<br>` as a space. Elements `skip` says (given each
/// element, `root` too, and its row) are left out with their content; with
/// `spaced: Some(reader)`, the blocks of that reader are set apart by spaces.
pub fn inline_text(
    root: &ElementRef,
    spaced: Option<Reader>,
    mut skip: impl FnMut(&ElementRef, Tag) -> bool,
) -> String {
    let mut s = String::new();
    walk(**root, |edge| {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) => s.push_str(t),
                Node::Element(e) if e.name() == "br" => s.push(' '),
                Node::Element(e) => {
                    let tag = Tag::of(e.name());
                    if let Some(el) = ElementRef::wrap(node)
                        && skip(&el, tag)
                    {
                        return false;
                    }
                    if spaced.is_some_and(|r| tag.block(r)) {
                        s.push(' ');
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Some(r) = spaced
                    && node.value().as_element().is_some_and(|e| Tag::of(e.name()).block(r))
                {
                    s.push(' ');
                }
            }
        }
        true
    });
    s
}

/// One line of an element's text as a page's metadata is read (a byline, a date, a
/// headline): the page's blocks set apart, code and drawings left out, cleaned.
pub fn text_of(el: &ElementRef) -> String {
    text::clean_inline(&inline_text(el, Some(Reader::Page), |_, tag| tag.is_code()))
}

/// Weighted characters of a text: non-space characters, wide (CJK) ones twice (so that
/// text and link density work without spaces between words); and its commas (`,`, `，`,
/// `、`, `。`).
pub fn measure(t: &str) -> (u32, u32) {
    let (mut n, mut commas) = (0u32, 0u32);
    for c in t.chars() {
        if c.is_ascii() {
            if !c.is_ascii_whitespace() {
                n += 1;
                commas += u32::from(c == ',');
            }
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        n += if text::is_wide(c) { 2 } else { 1 };
        if matches!(c, '，' | '、' | '。') {
            commas += 1;
        }
    }
    (n, commas)
}

/// Characters of a text that are not white space (each counted once).
pub fn visible_chars(t: &str) -> usize {
    t.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

    #[test]
    fn measures_count_wide_characters_twice() {
        assert_eq!(measure("中文 ab，"), (8, 1));
        assert_eq!(visible_chars("中文 ab，"), 5);
    }

    #[test]
    fn breaks_are_lines_in_fragments_paragraphs_in_pages() {
        let write = |reader| {
            let mut p = Paragraphs::new(reader);
            p.text("a");
            p.line_break();
            p.text("b");
            p.line_break();
            p.line_break();
            p.text(" \u{2002} ");
            p.line_break();
            p.text("c");
            p.finish()
        };
        // A line of spaces of any kind (an en space) is no line: the paragraph's ends
        // lose it.
        assert_eq!(write(Reader::Fragment), vec!["a\nb", "c"]);
        assert_eq!(write(Reader::Page), vec!["a", "b", "c"]);
    }

    #[test]
    fn inline_text_skips_and_spaces_blocks() {
        let doc = Html::parse_fragment("<div><p>a<b>b</b></p><p>c<br>d<script>x</script></p></div>");
        let Some(div) = doc.root_element().first_child().and_then(ElementRef::wrap) else { panic!("no div") };
        let never = |_: &ElementRef, t: Tag| t.never_text(Reader::Fragment);
        assert_eq!(inline_text(&div, None, never), "abc d");
        assert_eq!(text::clean_inline(&inline_text(&div, Some(Reader::Page), never)), "ab c d");
        assert_eq!(inline_text(&div, None, |e: &ElementRef, _| e.value().name() == "b"), "ac dx");
    }
}
