//! The structure toolkit of the kind extractors: one walk over the page builds a table of
//! its elements (text and link text in weighted characters, links, a shape signature,
//! children), from which the extractors pick the main column by text mass
//! ([`Table::main_column`]) and write text ([`Table::write`]) leaving out link-dense
//! boxes. Each block's shape signature (tag and first two class words) tells same-shaped
//! siblings apart: the heaviest run of them ([`Table::best_run`]) is a thread's posts or
//! a listing's items, and the light blocks between them (pagination, ads, the reply
//! prompt) are left out ([`Table::items_text`]), and so are the short lines every few items
//! repeat ([`Table::items_chrome`]: labels, buttons, badges). Linear in the number of nodes: each
//! element is entered once by the walk and at most twice by the writer.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use regex::Regex;
use scraper::{ElementRef, Html, Node};

use crate::html::elements::{Reader, Tag};
use crate::html::images::{image_src, resolve_image};
use crate::html::text::{Paragraphs, measure, walk};
use crate::lexicon;
use crate::page::content::{Content, Hints, Page};
use crate::record::Image;

/// No element.
pub const NONE: u32 = u32::MAX;

/// One element of the page.
#[derive(Debug)]
pub struct Block {
    pub id: NodeId,
    pub parent: u32,
    pub tag: Tag,
    /// Tag name and class attribute, hashed: siblings of one shape share it.
    pub shape: u64,
    /// Weighted characters of text inside (not counting left-out subtrees).
    pub text: u32,
    /// Of those, inside links.
    pub links: u32,
    /// Links inside.
    pub anchors: u32,
    /// `<pre>`/`<code>` characters inside.
    pub code: u32,
    /// Of `text`, inside elements hidden other than as panels (read only when the table
    /// reads every hidden element: [`Read::hidden`]).
    pub veiled: u32,
    /// Left out with its subtree: chrome, controls, code and drawings, hidden elements,
    /// boxes laid over the page.
    pub out: bool,
    pub children: Vec<u32>,
    pub heading: bool,
    /// Holds the page's `<h1>` (the name of a product, the title of a page).
    pub h1: bool,
    /// Its class or id names a box the kind's extractor leaves out ([`Table::leave_out`]).
    pub aside: bool,
}

/// The page's elements in document order, the first being the root element.
pub struct Table {
    pub blocks: Vec<Block>,
    pub index: HashMap<NodeId, u32>,
    pub body: u32,
    /// The block [`Table::items_text`] writes and its run, found once for the column and
    /// runs asked (the item chrome, [`Table::items_chrome`], reads the same run).
    items: std::cell::OnceCell<(Column, Runs, u32, Option<Run>)>,
}

/// Class and id words of boxes laid over the page (lexicon `overlay-classes`).
static OVERLAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?:^|[\s_-])(?:{})", lexicon::OVERLAY_CLASSES.alternation())).expect("lexicon pattern")
});

/// Is the element a box laid over the page (a consent notice, a modal dialog)? Only a
/// box (not the page's own frame, whose classes say what the page may open, nor a link
/// that opens one).
fn overlay(el: &scraper::node::Element) -> bool {
    if !matches!(el.name(), "div" | "section" | "form" | "dialog") {
        return false;
    }
    el.attr("role") == Some("dialog")
        || el.attr("aria-modal") == Some("true")
        || el.attr("class").is_some_and(|c| OVERLAY.is_match(c))
        || el.attr("id").is_some_and(|c| OVERLAY.is_match(c))
}

/// Which hidden elements a table reads.
#[derive(Debug, Clone, Copy, Default)]
pub struct Read {
    /// Every hidden element (pages that show their text by script).
    pub hidden: bool,
    /// Panels hidden until their tab or toggle is clicked ([`panel`]).
    pub panels: bool,
    /// But not the elements hidden by a class name ([`hidden_class`]), panels aside.
    pub classed: bool,
}

/// Class words of panels hidden until their tab or toggle is clicked.
static PANEL: LazyLock<Regex> = LazyLock::new(|| class_words(&lexicon::PANEL_CLASSES));

/// Is the element a panel shown by its tab or toggle (a tab panel, an accordion's
/// section): a tab panel or a region labelled by its toggle, or a panel by its class?
fn panel(el: &scraper::node::Element) -> bool {
    matches!(el.attr("role"), Some("tabpanel"))
        || (el.attr("role") == Some("region") && el.attr("aria-labelledby").is_some())
        || el.name() == "details"
        || el.attr("class").is_some_and(|c| PANEL.is_match(c))
}

/// Is the element hidden (`hidden`, `aria-hidden`, `display: none`)?
fn hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") && el.name() != "span" {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Is the element hidden by a class name (lexicon `hidden-classes`: `hide`, `d-none`)?
fn hidden_class(el: &scraper::node::Element) -> bool {
    el.classes().any(|c| lexicon::HIDDEN_CLASSES.contains(c.to_ascii_lowercase().as_str()))
}

/// Does the class or id of a box (not the page's frame) match `words`, as whole parts
/// of its words (`review`, `product__reviews-list`)?
fn boxed(el: &scraper::node::Element, words: &Regex) -> bool {
    !matches!(el.name(), "html" | "body" | "main" | "a" | "span" | "h1")
        && (el.attr("class").is_some_and(|c| words.is_match(c)) || el.attr("id").is_some_and(|c| words.is_match(c)))
}

/// A regex matching the entries of a class-word list as whole parts of class and id
/// words (parts are separated by white space, `-` and `_`).
pub fn class_words(list: &crate::lexicon::Lexicon) -> Regex {
    Regex::new(&format!(r"(?i)(?:^|[\s_-])(?:{})(?:$|[\s_-])", list.alternation())).expect("lexicon pattern")
}

fn shape_of(el: &scraper::node::Element) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    el.name().hash(&mut h);
    // The first two class words as written (item blocks differ in modifiers written
    // after them: `card card--big`, `answer js-answer accepted-answer`).
    for c in el.attr("class").unwrap_or_default().split_ascii_whitespace().take(2) {
        c.hash(&mut h);
    }
    h.finish()
}

impl Table {
    /// The table of `doc`'s elements, the hidden ones read as `read` says (every hidden
    /// element for pages that show their text by script, or panels only); `aside`: the
    /// class and id words of boxes the kind's extractor leaves out (see
    /// [`Table::leave_out`]), marked on the blocks.
    pub fn build_for(doc: &Html, read: Read, aside: Option<&Regex>) -> Table {
        let mut blocks: Vec<Block> = Vec::new();
        let mut index = HashMap::new();
        let mut stack: Vec<u32> = Vec::new();
        let mut in_link = 0u32;
        let mut in_code = 0u32;
        // Open elements hidden other than as panels (their ids, to close them).
        let mut veils: Vec<NodeId> = Vec::new();
        let mut body = NONE;
        walk(*doc.root_element(), |edge| {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Text(t) => {
                        if let Some(&top) = stack.last()
                            && let Some(b) = blocks.get_mut(top as usize)
                        {
                            let w = measure(t).0;
                            b.text += w;
                            if in_link > 0 {
                                b.links += w;
                            }
                            if in_code > 0 {
                                b.code += w;
                            }
                            if !veils.is_empty() {
                                b.veiled += w;
                            }
                        }
                    }
                    Node::Element(e) => {
                        let tag = Tag::of(e.name());
                        let out = tag.never_text(Reader::Page)
                            || tag.is_code()
                            || (!read.hidden && hidden(e) && !(read.panels && panel(e)))
                            || (read.classed && hidden_class(e) && !panel(e))
                            || overlay(e);
                        if out {
                            return false;
                        }
                        let i = blocks.len() as u32;
                        let parent = stack.last().copied().unwrap_or(NONE);
                        if let Some(p) = blocks.get_mut(parent as usize) {
                            p.children.push(i);
                        }
                        if e.name() == "body" {
                            body = i;
                        }
                        if e.name() == "a" {
                            in_link += 1;
                        }
                        if matches!(e.name(), "pre" | "code") {
                            in_code += 1;
                        }
                        if read.hidden && hidden(e) && !panel(e) {
                            veils.push(node.id());
                        }
                        blocks.push(Block {
                            id: node.id(),
                            parent,
                            tag,
                            shape: shape_of(e),
                            text: 0,
                            links: 0,
                            anchors: u32::from(e.name() == "a"),
                            code: 0,
                            veiled: 0,
                            out,
                            children: Vec::new(),
                            heading: tag.is_heading(),
                            h1: e.name() == "h1",
                            aside: aside.is_some_and(|r| boxed(e, r)),
                        });
                        index.insert(node.id(), i);
                        stack.push(i);
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    if let Node::Element(e) = node.value() {
                        if e.name() == "a" {
                            in_link = in_link.saturating_sub(1);
                        }
                        if matches!(e.name(), "pre" | "code") {
                            in_code = in_code.saturating_sub(1);
                        }
                        if veils.last() == Some(&node.id()) {
                            veils.pop();
                        }
                        if let Some(i) = stack.pop()
                            && let Some(b) = blocks.get(i as usize)
                        {
                            let (t, l, a, c, v, h, h1, parent) =
                                (b.text, b.links, b.anchors, b.code, b.veiled, b.heading, b.h1, b.parent);
                            if let Some(p) = blocks.get_mut(parent as usize) {
                                p.text += t;
                                p.veiled += v;
                                p.links += l;
                                p.anchors += a;
                                p.code += c;
                                p.heading |= h;
                                p.h1 |= h1;
                            }
                        }
                    }
                }
            }
            true
        });
        if body == NONE && !blocks.is_empty() {
            body = 0;
        }
        let mut table = Table { blocks, index, body, items: std::cell::OnceCell::new() };
        if aside.is_some() {
            table.leave_out();
        }
        table
    }

    /// Leave out the outermost boxes marked `aside` (a product's reviews and the other
    /// products beside it), unless one holds the page's `<h1>` (then the mark named the
    /// page's frame, not a box in it): `out`, their text taken from their ancestors, so
    /// that the main column is found without them.
    pub fn leave_out(&mut self) {
        let mut i = 0usize;
        while let Some(b) = self.blocks.get(i) {
            let (text, links, anchors, code, veiled) = (b.text, b.links, b.anchors, b.code, b.veiled);
            if !b.aside || b.h1 || b.parent == NONE {
                i += 1;
                continue;
            }
            if let Some(b) = self.blocks.get_mut(i) {
                // Weightless, so that no column descends into it.
                b.out = true;
                (b.text, b.links, b.anchors, b.code, b.veiled) = (0, 0, 0, 0, 0);
            }
            let mut up = self.blocks.get(i).map_or(NONE, |b| b.parent);
            while let Some(p) = self.blocks.get_mut(up as usize) {
                p.text = p.text.saturating_sub(text);
                p.links = p.links.saturating_sub(links);
                p.anchors = p.anchors.saturating_sub(anchors);
                p.code = p.code.saturating_sub(code);
                p.veiled = p.veiled.saturating_sub(veiled);
                up = p.parent;
            }
            // Past its subtree: the blocks are in document order, a subtree contiguous.
            i = self.subtree_end(i);
        }
    }

    /// Leave out the boxes a heading names as beside the kind's text (`headings`, matched
    /// on the heading's whole text folded: `Similar items`, `Frequently bought together`),
    /// as [`Table::leave_out`] does: the box the heading opens (up through the wrappers
    /// that hold nothing but the heading, the parent of which the heading is the first
    /// text), or, when the heading is inside a column, the heading and the block after it.
    /// A box holding the page's `<h1>` is kept (the heading named a part of the page's own
    /// column), and so is the body.
    pub fn leave_out_headed(&mut self, doc: &Html, headings: &Regex) {
        let text = |t: &Table, i: u32| t.get(i).map_or(0, |b| b.text);
        let mut marks = Vec::new();
        for (i, b) in self.blocks.iter().enumerate() {
            if !b.tag.is_heading() || b.h1 || b.out || b.text == 0 {
                continue;
            }
            let Some(el) = doc.tree.get(b.id).and_then(ElementRef::wrap) else { continue };
            let folded = lexicon::fold_line(&el.text().collect::<String>());
            if !headings.is_match(folded.trim_end_matches(':').trim()) {
                continue;
            }
            // Up through the wrappers that hold nothing but the heading.
            let mut w = i as u32;
            let mut parent = b.parent;
            while let Some(p) = self.get(parent)
                && p.text == text(self, w)
                && p.parent != NONE
            {
                w = parent;
                parent = p.parent;
            }
            let Some(p) = self.get(parent) else { continue };
            if self.first_text(parent) == Some(w) && !p.h1 && p.parent != NONE && parent != self.body {
                marks.push(parent);
            } else {
                marks.push(w);
                let next = p.children.iter().copied().skip_while(|&c| c != w).skip(1);
                if let Some(n) = next.into_iter().find(|&c| self.get(c).is_some_and(|c| c.text > 0 && !c.out && !c.h1))
                {
                    marks.push(n);
                }
            }
        }
        for m in marks {
            if let Some(b) = self.blocks.get_mut(m as usize) {
                b.aside = true;
            }
        }
        self.leave_out();
        self.items.take();
    }

    /// The first child of `i` with text.
    fn first_text(&self, i: u32) -> Option<u32> {
        self.get(i)?.children.iter().copied().find(|&c| self.get(c).is_some_and(|c| c.text > 0 && !c.out))
    }

    /// The paragraphs of the boxes left out (see [`Table::leave_out`]), to leave them out
    /// of another extractor's text too.
    pub fn left_out(&self, page: &Page) -> std::collections::HashSet<String> {
        let mut text = Paragraphs::new(Reader::Page);
        let mut images = Vec::new();
        let mut i = 0usize;
        while let Some(b) = self.blocks.get(i) {
            if b.out && b.parent != NONE {
                self.write(page.doc, i as u32, None, &|_| false, &mut text, &mut images);
                i = self.subtree_end(i);
            } else {
                i += 1;
            }
        }
        text.finish().into_iter().collect()
    }

    /// The index just past `i`'s subtree.
    fn subtree_end(&self, i: usize) -> usize {
        let mut at = i;
        while let Some(&last) = self.blocks.get(at).and_then(|b| b.children.last()) {
            at = last as usize;
        }
        at + 1
    }

    pub fn get(&self, i: u32) -> Option<&Block> {
        self.blocks.get(i as usize)
    }

    /// Share of `i`'s text inside links.
    pub fn link_density(&self, i: u32) -> f32 {
        self.get(i).map_or(0.0, |b| if b.text == 0 { 0.0 } else { b.links as f32 / b.text as f32 })
    }

    /// Text outside links.
    pub fn plain(&self, i: u32) -> u32 {
        self.get(i).map_or(0, |b| b.text.saturating_sub(b.links))
    }

    /// The main column: from the body down, into the child that holds at least `share`
    /// of the text outside links and blocks of its own, as long as one does.
    pub fn main_column(&self, share: f32, link_weight: f32) -> u32 {
        // Hidden text (other sizes and colours, other products' quick views, menus) does
        // not choose the column when most of the page's text is visible; hidden text
        // inside the column chosen is still written. A page mostly hidden (shown by
        // script) is measured whole.
        let visible = self.mostly_visible();
        let mass = |i: u32| {
            self.get(i).map_or(0.0, |b| {
                let veiled = if visible { b.veiled } else { 0 };
                self.plain(i).saturating_sub(veiled) as f32 + link_weight * b.links as f32
            })
        };
        let mut at = self.body;
        loop {
            let Some(b) = self.get(at) else { return at };
            let total = mass(at);
            let best = b.children.iter().copied().max_by(|&x, &y| mass(x).total_cmp(&mass(y)));
            match best {
                Some(c) if total > 0.0 && mass(c) >= share * total && self.holds_blocks(c) => at = c,
                _ => return at,
            }
        }
    }

    /// Is at least half of the page's text visible (see [`Block::veiled`])?
    pub fn mostly_visible(&self) -> bool {
        self.get(self.body).is_some_and(|b| 2 * b.veiled <= self.plain(self.body))
    }

    /// Does `i` hold blocks of text (is it a column, not a paragraph)?
    pub fn holds_blocks(&self, i: u32) -> bool {
        self.get(i).is_some_and(|b| {
            b.children.iter().any(|&c| self.get(c).is_some_and(|c| c.tag.block(Reader::Page) || c.tag.is_heading()))
        })
    }

    /// Write the text of `root` to paragraphs, leaving out what `drop` says (given a
    /// block's index, not asked of `root`), and its pictures.
    pub fn write(
        &self,
        doc: &Html,
        root: u32,
        base: Option<&str>,
        drop: &dyn Fn(u32) -> bool,
        text: &mut Paragraphs,
        images: &mut Vec<Image>,
    ) {
        let Some(node) = self.get(root).and_then(|b| doc.tree.get(b.id)) else { return };
        walk(node, |edge| {
            match edge {
                Edge::Open(n) => match n.value() {
                    Node::Text(t) => text.text(t),
                    Node::Element(e) => {
                        let Some(&i) = self.index.get(&n.id()) else { return false };
                        if i != root && (drop(i) || self.get(i).is_some_and(|b| b.out)) {
                            return false;
                        }
                        let Some(el) = ElementRef::wrap(n) else { return true };
                        if pair_value(n) {
                            text.text(" ");
                        }
                        if e.name() == "img"
                            && let Some(src) = image_src(&el, Reader::Page)
                            && let Some(url) = resolve_image(src, base)
                        {
                            images.push(Image { url, caption: None });
                        }
                        text.open(&el, Tag::of(e.name()));
                    }
                    _ => {}
                },
                Edge::Close(n) => {
                    if let Node::Element(e) = n.value() {
                        text.close(Tag::of(e.name()));
                    }
                }
            }
            true
        });
        text.flush();
    }
}

/// Is `n` the second of two inline elements side by side, the only elements of their
/// parent, with no text between them: a label and its value in a specification list
/// (`<span class="name">Language</span><span class="value">English</span>`), which the
/// writer keeps apart by a space (`Language English`, not `LanguageEnglish`)?
fn pair_value(n: ego_tree::NodeRef<Node>) -> bool {
    let inline =
        |m: &ego_tree::NodeRef<Node>| m.value().as_element().is_some_and(|e| !Tag::of(e.name()).block(Reader::Page));
    if !inline(&n) {
        return false;
    }
    let Some(parent) = n.parent() else { return false };
    let mut elements = 0;
    for c in parent.children() {
        match c.value() {
            Node::Element(_) if elements == 2 => return false,
            Node::Element(_) => elements += 1,
            Node::Text(t) if !t.trim().is_empty() => return false,
            _ => {}
        }
    }
    if elements != 2 {
        return false;
    }
    let mut prev = n.prev_sibling();
    while let Some(p) = prev {
        match p.value() {
            Node::Element(_) => return inline(&p),
            Node::Text(t) if !t.trim().is_empty() => return false,
            Node::Text(_) => return false,
            _ => prev = p.prev_sibling(),
        }
    }
    false
}

/// A line of at least this many words that a page's text repeats is written once: a
/// box the page shows more than once (a mobile and a desktop copy of a listing's items
/// or intro, a popover opened from several places, a post quoted in a later one).
/// Shorter lines repeat in the items' own text (prices, labels, a specification's
/// values). Tuned on half a of the development pages (threads, listings and collections:
/// 3 words beat 2 and 4, and a length in characters), the number a product's repeated
/// popovers use ([`super::product::tidy`]).
pub const REPEAT: usize = 3;

/// Leave out the copies of the lines of `shortest` words or more that `paragraphs`
/// repeats word for word, keeping the first copy or, when `last`, the last. The one rule
/// of repeats for every reader: a thread's, a listing's and a collection's lines of
/// [`REPEAT`] words ([`items_once`]), a product's (its last copy, [`super::product::tidy`]),
/// a service page's every line ([`super::service::tidy`]), and the body of any page of
/// items or posts ([`crate::page::body::trim`]).
pub fn once(paragraphs: &mut Vec<String>, shortest: usize, last: bool) {
    let mut seen = HashSet::with_capacity(paragraphs.len());
    if last {
        paragraphs.reverse();
    }
    paragraphs.retain(|p| (shortest > 0 && p.split_whitespace().count() < shortest) || seen.insert(p.clone()));
    if last {
        paragraphs.reverse();
    }
}

/// The text of a thread, a listing or a collection ([`super::Extractor::control`]): a
/// line of [`REPEAT`] words or more repeated is written once, where it is first written.
pub fn items_once(paragraphs: &mut Vec<String>) {
    once(paragraphs, REPEAT, false);
}

/// Item chrome: lines written in at least this share of a run's items ([`Table::chrome`],
/// [`Runs::chrome`]). Tuned on half a of the development pages (listings; the cards of a
/// collection repeat short lines of their own text, names and prices, and lost).
pub const CHROME_SHARE: f32 = 0.3;

/// Item chrome of a thread's posts: a fifth of them is enough (a badge, a quote button, a
/// signature's line shown on some posts only). Tuned on half a of the development pages
/// (threads; listings lost at this share).
pub const POST_CHROME_SHARE: f32 = 0.2;

/// A short line ([`FIGURED`] words at most) holding figures, each figure (digits and the
/// separators between them) made one sign: `Posts: 4,032` and `Posts: 96` are both
/// `Posts: #`; `None` for other lines, and for a line holding a word of letters and
/// figures (a name: `user3`) or a date (the day of a post).
fn figured(line: &str) -> Option<String> {
    // A name with figures (`user3`) is the poster's own; so is the day of the post.
    let named = |w: &str| w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(char::is_alphabetic);
    if !line.chars().any(|c| c.is_ascii_digit())
        || line.split_whitespace().count() > FIGURED
        || line.split_whitespace().any(named)
        || crate::page::dates::text::date_in_text(line, true).is_some()
    {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            // The figure: digits and the separators between them (`4,032`, `1.5`).
            while chars.peek().is_some_and(|&d| d.is_ascii_digit() || matches!(d, ',' | '.')) {
                chars.next();
            }
            out.push('#');
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// How the main column is found and written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    /// Go down into a child holding at least this share of the text outside links.
    pub share: f32,
    /// A box with at least `anchors` links and more than this share of its text in
    /// links is left out.
    pub density: f32,
    pub anchors: u32,
    /// ... unless its links are item titles: this many weighted characters each, on
    /// average, or more.
    pub titles: u32,
    /// What a character of link text weighs in the descent, against one outside links.
    pub link_weight: f32,
}

impl Column {
    /// Tuned on half a of the development pages, all kinds alike.
    pub const DEFAULT: Column = Column { share: 0.6, density: 0.8, anchors: 3, titles: 1000, link_weight: 0.0 };
    /// Listings and collections: items whose titles are links (20 characters or more
    /// each) are not boxes of links, and their link text counts towards the column.
    pub const ITEMS: Column = Column { titles: 20, link_weight: 0.3, ..Column::DEFAULT };
}

/// A run of same-shaped sibling blocks: the items of a listing or a collection, the posts
/// of a thread.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Their parent.
    pub parent: u32,
    /// The items, in document order (ascending).
    pub items: Vec<u32>,
    /// Their text mass together.
    pub mass: f32,
}

/// The children of one shape of a block, as [`Table::best_run`] weighs them.
#[derive(Default)]
struct Group {
    shape: u64,
    /// Items, their mass together and the heaviest one's, their text and link text.
    n: usize,
    mass: f32,
    top: f32,
    text: u32,
    links: u32,
}

/// How a run of same-shaped siblings is chosen over the main column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Runs {
    /// At least this many items.
    pub min: usize,
    /// No item holds more than this share of the run's mass (else the siblings are the
    /// page's frame: a header row, the content row, a footer row).
    pub top: f32,
    /// The run is written instead of the column when it holds at least this share of the
    /// column's mass.
    pub share: f32,
    /// At most this share of the run's text is in links (else it is a menu).
    pub density: f32,
    /// A sibling of the items that is not one is left out when its mass is below this
    /// share of an item's mean mass.
    pub stray: f32,
    /// Short lines (at most [`FIGURED`] words) that differ only in their figures are one
    /// line to the item chrome ([`Table::chrome`]): a post's author panel (`Posts: 4,032`,
    /// `1,109 posts · Joined 2022`, `Reputation: 20`, `#3`).
    pub figures: bool,
    /// Item chrome: lines written in at least this share of the items.
    pub chrome: f32,
}

/// The longest line, in words, whose figures the item chrome of posts reads as one sign
/// ([`Runs::figures`]). Tuned on half a of the development pages (threads).
pub const FIGURED: usize = 10;

impl Runs {
    /// Tuned on half a of the development pages (threads and listings).
    pub const ITEMS: Runs =
        Runs { min: 3, top: 0.5, share: 0.5, density: 0.8, stray: 1.0, figures: false, chrome: CHROME_SHARE };
    /// A thread's posts: their author panels' counts are chrome too ([`Runs::figures`]);
    /// a listing's or a shop's short figured lines (prices, dates) are its items' own.
    pub const POSTS: Runs = Runs { figures: true, chrome: POST_CHROME_SHARE, ..Runs::ITEMS };
}

impl Table {
    /// The block's text mass: text outside links, and link text weighing `link_weight`.
    pub fn mass(&self, i: u32, link_weight: f32) -> f32 {
        self.get(i).map_or(0.0, |b| self.plain(i) as f32 + link_weight * b.links as f32)
    }

    /// Is `a` an ancestor of `b` or `b` itself?
    pub fn contains(&self, a: u32, b: u32) -> bool {
        let mut at = b;
        while at != NONE {
            if at == a {
                return true;
            }
            at = self.get(at).map_or(NONE, |x| x.parent);
        }
        false
    }

    /// The heaviest run of same-shaped siblings under `root` (children of one block sharing
    /// a shape, with text, at least `r.min` of them, none holding more than `r.top` of
    /// their mass); the outermost, then the first, of equal ones. Linear: each block is
    /// seen once as a child.
    pub fn best_run(&self, root: u32, link_weight: f32, r: Runs) -> Option<Run> {
        let end = self.subtree_end(root as usize);
        // The best: its parent, shape and mass.
        let mut best: Option<(usize, u64, f32)> = None;
        // Per shape, in the order the shapes first appear.
        let mut groups: Vec<Group> = Vec::new();
        let mut at: HashMap<u64, usize> = HashMap::new();
        for p in root as usize..end {
            let Some(b) = self.blocks.get(p) else { break };
            if b.out || b.children.len() < r.min {
                continue;
            }
            groups.clear();
            at.clear();
            for &c in &b.children {
                let Some(cb) = self.get(c) else { continue };
                let m = self.mass(c, link_weight);
                if cb.out || m <= 0.0 {
                    continue;
                }
                let k = *at.entry(cb.shape).or_insert_with(|| {
                    groups.push(Group { shape: cb.shape, ..Group::default() });
                    groups.len() - 1
                });
                let Some(g) = groups.get_mut(k) else { continue };
                g.n += 1;
                g.mass += m;
                g.top = g.top.max(m);
                g.text += cb.text;
                g.links += cb.links;
            }
            for g in &groups {
                if g.n >= r.min
                    && g.top <= r.top * g.mass
                    && g.links as f32 <= r.density * g.text as f32
                    && best.is_none_or(|x| g.mass > x.2)
                {
                    best = Some((p, g.shape, g.mass));
                }
            }
        }
        let (p, shape, mass) = best?;
        let items =
            self.blocks.get(p)?.children.iter().copied().filter(|&c| {
                self.get(c).is_some_and(|cb| cb.shape == shape && !cb.out) && self.mass(c, link_weight) > 0.0
            });
        Some(Run { parent: p as u32, items: items.collect(), mass })
    }

    /// The main content of a page of posts or items: the main column, less the light
    /// blocks between the items of its run of same-shaped siblings ([`Table::best_run`])
    /// when the run holds most of the column's text; the run's parent instead when the
    /// column missed the run (the column is one of its items, or beside it and lighter).
    /// Boxes of links are left out either way.
    pub fn items_text(&self, page: &Page, c: Column, r: Runs) -> Content {
        let (root, run) = self.items_root(c, r);
        let mut text = Paragraphs::new(Reader::Page);
        let mut images = Vec::new();
        self.write(page.doc, root, page.base, &|i| self.items_drop(i, run.as_ref(), c, r), &mut text, &mut images);
        Content { paragraphs: text.finish(), images, hints: Hints::default() }
    }

    /// [`Table::items_text`] keeping the boxes of links: the items of a listing whose
    /// entries are links and nothing else (a category's or an index's members).
    pub fn items_links(&self, page: &Page, c: Column, r: Runs) -> Content {
        self.items_text(page, Column { anchors: u32::MAX, ..c }, r)
    }

    /// The item chrome ([`Table::chrome`]) of the run [`Table::items_text`] writes; none
    /// when it writes no run.
    pub fn items_chrome(&self, page: &Page, c: Column, r: Runs) -> HashSet<String> {
        match self.items_root(c, r) {
            (_, Some(run)) => self.chrome(page, &run, r, &|i| self.items_drop(i, Some(&run), c, r)),
            (_, None) => HashSet::new(),
        }
    }

    /// The block [`Table::items_text`] writes and the run of items in it: the main
    /// column, or the run's parent when the column missed the run (the column is one of
    /// its items, or beside it and lighter).
    fn items_root(&self, c: Column, r: Runs) -> (u32, Option<Run>) {
        if let Some((c0, r0, root, run)) = self.items.get()
            && (*c0, *r0) == (c, r)
        {
            return (*root, run.clone());
        }
        let (root, run) = self.find_items(c, r);
        // The first asked is kept (a kind asks for one column and one kind of run).
        let _ = self.items.set((c, r, root, run.clone()));
        (root, run)
    }

    /// [`Table::items_root`], found.
    fn find_items(&self, c: Column, r: Runs) -> (u32, Option<Run>) {
        let column = self.main_column(c.share, c.link_weight);
        let run = self.best_run(self.body, c.link_weight, r).filter(|run| {
            let col = self.mass(column, c.link_weight);
            if self.contains(column, run.parent) {
                run.mass >= r.share * col
            } else {
                run.mass > col || run.items.iter().any(|&i| self.contains(i, column))
            }
        });
        match run {
            Some(run) if self.contains(column, run.parent) => (column, Some(run)),
            Some(run) => (run.parent, Some(run)),
            None => (column, None),
        }
    }

    /// Does [`Table::items_text`] leave `i` out: a box of links, or one of the run's light
    /// siblings that are not items (the pagination, the reply form and the ads between
    /// posts; a box of replies between posts is no light sibling)?
    fn items_drop(&self, i: u32, run: Option<&Run>, c: Column, r: Runs) -> bool {
        self.link_box(i, c)
            || run.is_some_and(|run| {
                self.get(i).is_some_and(|b| b.parent == run.parent)
                    && run.items.binary_search(&i).is_err()
                    && self.mass(i, c.link_weight) < r.stray * run.mass / run.items.len().max(1) as f32
            })
    }

    /// The item chrome of a run: the lines written in at least `r.chrome` of its items
    /// ([`Runs::chrome`]) and in three or more, as the items are written (leaving out what `drop`
    /// says): the labels, buttons, badges and notices the items repeat (`Price`, `Quick
    /// shop`, `Reply`, `Joined`, `Error rating book. Refresh and try again.`), not their
    /// own text, which differs from item to item. With `r.figures`, short lines that
    /// differ only in their figures count as one ([`Runs::figures`]).
    pub fn chrome(&self, page: &Page, run: &Run, r: Runs, drop: &dyn Fn(u32) -> bool) -> HashSet<String> {
        // Per sign (the line, or its figures made one), the items that write it and its lines.
        let mut seen: HashMap<String, (usize, Vec<String>)> = HashMap::new();
        let mut images = Vec::new();
        for &item in &run.items {
            let mut text = Paragraphs::new(Reader::Page);
            self.write(page.doc, item, None, drop, &mut text, &mut images);
            images.clear();
            let mut lines: Vec<(String, String)> = text
                .finish()
                .into_iter()
                .map(|l| (if r.figures { figured(&l) } else { None }.unwrap_or_else(|| l.clone()), l))
                .collect();
            lines.sort_unstable();
            lines.dedup();
            let mut last: Option<String> = None;
            for (sign, l) in lines {
                let e = seen.entry(sign.clone()).or_default();
                if last.as_ref() != Some(&sign) {
                    e.0 += 1;
                }
                e.1.push(l);
                last = Some(sign);
            }
        }
        let least = ((r.chrome * run.items.len() as f32).ceil() as usize).max(3);
        seen.into_values().filter(|(n, _)| *n >= least).flat_map(|(_, ls)| ls).collect()
    }

    /// Is `i` a box of links: at least `c.anchors` links, the text mostly theirs?
    pub fn link_box(&self, i: u32, c: Column) -> bool {
        self.get(i).is_some_and(|b| {
            b.anchors >= c.anchors && self.link_density(i) > c.density && b.links < c.titles * b.anchors
        })
    }

    /// The main column's text and pictures, boxes of links left out.
    pub fn column_text(&self, page: &Page, c: Column) -> Content {
        let root = self.main_column(c.share, c.link_weight);
        let mut text = Paragraphs::new(Reader::Page);
        let mut images = Vec::new();
        self.write(page.doc, root, page.base, &|i| self.link_box(i, c), &mut text, &mut images);
        Content { paragraphs: text.finish(), images, hints: Hints::default() }
    }
}
