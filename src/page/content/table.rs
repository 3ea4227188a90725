//! The table of a page's elements, built in one pass over the tree: each element's
//! text and link text in weighted characters, its own text (not inside a child block),
//! commas, class weight and how it is treated; and the elements to read metadata hints
//! from (bylines, dates, `<h1>`).

use std::collections::HashMap;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use super::Hints;
use super::classes::{
    Attrs, BYLINE_BIT, COMMENT_BIT, Cut, DATE_BIT, Drop, META_BIT, STRONG_BIT, UNLIKELY_BIT, Verdicts, cut_of,
    is_modified, weight_of_bits,
};
use crate::html;
use crate::html::elements::{Reader, Tag};
use crate::html::text::{measure, text_of, walk};

pub(super) const NONE: u32 = u32::MAX;

/// A hasher for node ids (small integers): one multiplication, not SipHash.
#[derive(Default)]
pub(super) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub(super) type IdMap = HashMap<NodeId, u32, std::hash::BuildHasherDefault<IdHasher>>;

/// One element in the table.
pub(super) struct Info {
    pub(super) id: NodeId,
    pub(super) parent: u32,
    /// Text below, in weighted characters (of what is kept).
    pub(super) text: u32,
    /// Of which inside links.
    pub(super) link: u32,
    /// Text not inside a child block.
    pub(super) own: u32,
    pub(super) own_link: u32,
    pub(super) commas: u32,
    pub(super) has_block_child: bool,
    pub(super) drop: Drop,
    /// What its name alone says against it: the cut that decides, and every kind of
    /// evidence ([`Cut::bit`]).
    pub(super) cut: Cut,
    evidence: u8,
    /// A byline or date block by its class: dropped from the text when short.
    pub(super) meta_block: bool,
    /// Class weight (+/-25 per hint, see [`weight_of_bits`]).
    pub(super) weight: i32,
    pub(super) score: f32,
    pub(super) scored: bool,
    /// Paragraph text below (see [`PROSE_MIN`]), whatever the names say.
    pub(super) prose: u32,
    /// In a box of a group the guard weighs together, or the one wrapper of a block named
    /// as the article's text (see [`Table::settle`]): a class weight does not drop it
    /// either ([`Table::conditionally_dropped`]).
    pub(super) grouped: bool,
    /// The walk's facts, read when the table is settled.
    facts: Facts,
}

/// What the walk notes about an element, before anything is decided.
#[derive(Default, Clone, Copy)]
struct Facts {
    /// Text directly inside (not inside a child element), and of it inside links.
    text: u32,
    link: u32,
    commas: u32,
    /// A block of its own text (a paragraph, a cell, a chrome element).
    block: bool,
    /// `<a href>`.
    link_el: bool,
    /// A table cell: a block, but its text is data, not paragraph text.
    cell: bool,
    /// Class or id verdict bits.
    bits: u16,
    /// A byline block, a date block.
    byline: bool,
    date: bool,
    h1: bool,
    /// The element's shape (its tag and first class word, hashed; 0 without a class),
    /// which groups siblings cut by the same name (see [`Table::settle`]).
    shape: u64,
}

/// A block's own text, outside links, of at least this many weighted characters is
/// paragraph text: what a removal's guard weighs.
pub(super) const PROSE_MIN: u32 = 60;

/// Paragraph text a page must have for the guard to overrule a removal.
const GUARD_MIN: u32 = 200;

/// Siblings of one shape cut by their class that the guard weighs together, at least.
const GROUP_MIN: u32 = 2;

pub(super) struct Table {
    pub(super) info: Vec<Info>,
    pub(super) index: IdMap,
    /// Elements to read hints from once the table is built.
    pub(super) byline_nodes: Vec<NodeId>,
    pub(super) date_nodes: Vec<NodeId>,
    h1_nodes: Vec<NodeId>,
    pub(super) body: u32,
    /// The page's paragraph text.
    pub(super) prose: u32,
    /// On a page whose hidden blocks hold its text (a streaming page, whose script moves
    /// them into place): those blocks, outermost ones, in document order.
    pub(super) streamed: Vec<u32>,
}

/// The table of a page: one walk notes every element that may hold text (code and media
/// are skipped whole) with what its name says against it; then each removal is weighed
/// against the paragraph text the element holds ([`Table::settle`]), and the text of
/// what is kept is summed.
pub(super) fn build(doc: &Html, lenient: bool, rules: Option<&html::Rules>) -> Table {
    let mut verdicts = Verdicts::default();
    let mut t = Table {
        info: Vec::with_capacity(1024),
        index: IdMap::with_capacity_and_hasher(1024, Default::default()),
        byline_nodes: Vec::new(),
        date_nodes: Vec::new(),
        h1_nodes: Vec::new(),
        body: NONE,
        prose: 0,
        streamed: Vec::new(),
    };
    let mut stack: Vec<u32> = Vec::with_capacity(64);
    let mut links = 0usize;
    walk(doc.tree.root(), |edge| {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(s) => {
                    let Some(x) = stack.last().and_then(|&top| t.info.get_mut(top as usize)) else { return true };
                    let (n, commas) = measure(s);
                    x.facts.text += n;
                    x.facts.commas += commas;
                    if links > 0 {
                        x.facts.link += n;
                    }
                }
                Node::Element(e) => {
                    let name = e.name();
                    let tag = Tag::of(name);
                    if tag.is_never() {
                        return false;
                    }
                    let a = Attrs::of(e);
                    let (cb, ib) = (verdicts.of(a.class), verdicts.of(a.id));
                    let bits = cb | ib;
                    let (mut cut, evidence) = cut_of(e, tag, &a, bits);
                    // The outlet's own boilerplate selectors.
                    if !matches!(cut, Cut::Comments | Cut::Control)
                        && let Some(rules) = rules
                        && let Some(el) = ElementRef::wrap(node)
                        && rules.drops(&el)
                    {
                        cut = Cut::Rules;
                    }
                    let idx = t.info.len() as u32;
                    let link_el = name == "a" && a.href;
                    let weight = weight_of_bits(e, &a, cb, ib);
                    t.info.push(Info {
                        id: node.id(),
                        parent: stack.last().copied().unwrap_or(NONE),
                        text: 0,
                        link: 0,
                        own: 0,
                        own_link: 0,
                        commas: 0,
                        has_block_child: false,
                        drop: Drop::Keep,
                        cut,
                        evidence,
                        meta_block: !lenient && bits & META_BIT != 0,
                        // The lenient reading trusts no class name of boilerplate.
                        weight: if lenient { weight.max(0) } else { weight },
                        score: 0.0,
                        scored: false,
                        prose: 0,
                        grouped: false,
                        facts: Facts {
                            block: tag.block(Reader::Page) || tag.is_chrome(),
                            link_el,
                            cell: tag.is_cell(),
                            bits,
                            byline: is_byline(&a, bits),
                            date: is_date(&a, bits),
                            h1: name == "h1",
                            shape: if cut == Cut::Class { shape_of(name, a.class) } else { 0 },
                            ..Facts::default()
                        },
                    });
                    t.index.insert(node.id(), idx);
                    stack.push(idx);
                    if link_el {
                        links += 1;
                    }
                    if name == "body" && t.body == NONE {
                        t.body = idx;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if node.value().is_element()
                    && let Some(idx) = stack.pop()
                    && t.info.get(idx as usize).is_some_and(|x| x.facts.link_el)
                {
                    links = links.saturating_sub(1);
                }
            }
        }
        true
    });
    t.settle(lenient);
    t
}

/// The shape of an element cut by its class: its tag and first class word, hashed.
fn shape_of(name: &str, class: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let Some(first) = class.split_ascii_whitespace().next() else { return 0 };
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (name, first).hash(&mut h);
    h.finish() | 1
}

/// A byline block, by its class, `rel` or `itemprop`.
fn is_byline(a: &Attrs, bits: u16) -> bool {
    bits & BYLINE_BIT != 0
        || a.rel.is_some_and(|r| r.split_ascii_whitespace().any(|r| r == "author"))
        || a.itemprop.is_some_and(|p| p == "author" || p == "creator")
}

/// A date block, by its class, `itemprop` or test id.
fn is_date(a: &Attrs, bits: u16) -> bool {
    bits & (DATE_BIT | META_BIT) != 0
        || a.itemprop.is_some_and(|p| p == "datePublished" || p == "dateCreated")
        || a.testid.is_some_and(|p| p.contains("date") && !is_modified(p))
}

/// The worse of two treatments.
fn worse(a: Drop, b: Drop) -> Drop {
    match (a, b) {
        (Drop::Hard, _) | (_, Drop::Hard) => Drop::Hard,
        (Drop::Soft, _) | (_, Drop::Soft) => Drop::Soft,
        _ => Drop::Keep,
    }
}

impl Table {
    /// Decide what is kept and sum its text. Linear: three passes over the table, whose
    /// elements are in document order (a parent before its children).
    ///
    /// 1. Paragraph text ([`PROSE_MIN`]) of every element, whatever its name.
    /// 2. Each element's treatment: its parent's, or worse what its [`Cut`] says, unless
    ///    the guard overrules the cut: the element holds more than half of the page's
    ///    paragraph text, alone or with its siblings of its shape cut by the same class
    ///    word (a shop's or review site's boxes, one per pick; inside such a box, what
    ///    holds most of the box counts as holding most of the group), or it is the one
    ///    wrapper of a block named as the article's text, or it is hidden on a page whose hidden blocks hold more
    ///    paragraph text than its visible ones (a streaming page whose article a script
    ///    moves into place). The lenient reading also keeps what only class words cut.
    /// 3. Text, link text, own text and commas of what is kept; then the hints, read
    ///    outside comments and outside what was cut as chrome, hidden or by the rules.
    fn settle(&mut self, lenient: bool) {
        let n = self.info.len();
        // 1. Paragraph text, and the text not inside a child block (own text).
        let mut inline: Vec<(u32, u32)> = vec![(0, 0); n];
        for i in (0..n).rev() {
            let Some(x) = self.info.get(i) else { continue };
            let (parent, block, f) = (x.parent, x.facts.block, x.facts);
            let (it, il) = inline.get(i).map_or((0, 0), |&(t, l)| (t + f.text, l + f.link));
            let mut prose = x.prose;
            if block && !f.cell && it.saturating_sub(il) >= PROSE_MIN {
                prose += it.saturating_sub(il);
            }
            if let Some(x) = self.info.get_mut(i) {
                x.prose = prose;
            }
            if let Some(p) = self.info.get_mut(parent as usize) {
                p.prose += prose;
                if !block && let Some(pi) = inline.get_mut(parent as usize) {
                    pi.0 += it;
                    pi.1 += il;
                }
            } else {
                self.prose += prose;
            }
        }
        // The paragraph text of hidden blocks (outermost ones).
        let mut hidden = 0u32;
        let mut hidden_below: Vec<bool> = vec![false; n];
        for i in 0..n {
            let Some(x) = self.info.get(i) else { continue };
            let inherited = hidden_below.get(x.parent as usize).copied().unwrap_or(false);
            // Hidden and nothing else (not a dialog, not a cookie box).
            if x.evidence == Cut::Hidden.bit() && !inherited {
                hidden += x.prose;
            }
            if let Some(h) = hidden_below.get_mut(i) {
                *h = inherited || x.cut == Cut::Hidden;
            }
        }
        let page = self.prose;
        // Siblings of one shape cut by one class name, together: the paragraph text of
        // each group and its size. An article set in a page builder's or a shop's boxes
        // (`c-product-widget`, nine of them) holds the page's text in a group, none of
        // whose boxes holds most of it alone.
        let mut groups: HashMap<(u32, u64), (u32, u32)> = HashMap::new();
        for x in &self.info {
            if x.facts.shape != 0 && x.prose > 0 {
                let g = groups.entry((x.parent, x.facts.shape)).or_insert((0, 0));
                g.0 += 1;
                g.1 += x.prose;
            }
        }
        // A page that shows almost none of its text: the hidden blocks hold it.
        let hidden_page = page >= GUARD_MIN && hidden * 2 > page;
        // 2. Treatments, and where hints are read.
        let mut no_hints: Vec<bool> = vec![false; n];
        let mut kinds_above: Vec<u8> = vec![0; n];
        // Inside a box kept as one of a group: how much of the page's text a share of the
        // box stands for (the group's text over the box's), so that what holds most of
        // the box is weighed as holding most of the group.
        let mut scale: Vec<f32> = vec![1.0; n];
        for i in 0..n {
            let Some(x) = self.info.get(i) else { continue };
            let parent = self.info.get(x.parent as usize).map_or(Drop::Keep, |p| p.drop);
            // Each kind of evidence against the element and its ancestors raises the
            // bar: the share of the page's paragraph text it must hold to be kept.
            let kinds = kinds_above.get(x.parent as usize).copied().unwrap_or(0) | x.evidence;
            let weight: u32 = [Cut::Header, Cut::Hidden, Cut::Role, Cut::Chrome, Cut::Class]
                .into_iter()
                .filter(|c| kinds & c.bit() != 0)
                .map(Cut::weight)
                .sum();
            let bar = match weight {
                0 | 1 => 0.5,
                2 => 0.75,
                _ => 0.9,
            };
            let above = scale.get(x.parent as usize).copied().unwrap_or(1.0);
            let group = match groups.get(&(x.parent, x.facts.shape)) {
                Some(&(count, prose)) if x.facts.shape != 0 && count >= GROUP_MIN => prose.max(x.prose),
                _ => x.prose,
            };
            let mass = group as f32 * above;
            // The one wrapper of a block named as the article's text (`post-content`),
            // holding its text: the wrapper's class words are a framework's naming
            // (Elementor's `elementor-widget-container` in every widget), outweighed by
            // the block's name.
            let wrapper = x.cut == Cut::Class
                && x.prose >= PROSE_MIN
                && self.info.get(x.parent as usize).is_some_and(|p| {
                    p.cut == Cut::None && p.facts.bits & STRONG_BIT != 0 && x.prose * 10 >= p.prose * 9
                });
            let guarded = x.cut.guarded()
                && (wrapper
                    || (page >= GUARD_MIN && mass > page as f32 * bar)
                    || (hidden_page && x.cut == Cut::Hidden && weight == 2 && x.prose >= PROSE_MIN));
            let share = if x.prose > 0 { mass / x.prose as f32 } else { above };
            if let Some(k) = scale.get_mut(i) {
                *k = share;
            }
            if let Some(k) = kinds_above.get_mut(i) {
                *k = kinds;
            }
            let own = if guarded || (lenient && x.cut == Cut::Class) { Drop::Keep } else { x.cut.drop() };
            if guarded && hidden_page && x.cut == Cut::Hidden && parent == Drop::Keep && self.streamed.len() < 256 {
                self.streamed.push(i as u32);
            }
            let drop = worse(parent, own);
            let bits = x.facts.bits;
            let quiet = bits & COMMENT_BIT != 0
                || (own == Drop::Hard
                    && (matches!(x.cut, Cut::Chrome | Cut::Control)
                        || (matches!(x.cut, Cut::Hidden | Cut::Role | Cut::Rules) && bits & UNLIKELY_BIT == 0)));
            let quiet = quiet || no_hints.get(x.parent as usize).copied().unwrap_or(false);
            if let Some(q) = no_hints.get_mut(i) {
                *q = quiet;
            }
            if let Some(x) = self.info.get_mut(i) {
                x.drop = drop;
                x.grouped = share > 1.0 || (guarded && wrapper);
            }
        }
        // 3. The text of what is kept.
        let mut inline: Vec<(u32, u32, u32, bool)> = vec![(0, 0, 0, false); n];
        for i in (0..n).rev() {
            let Some(x) = self.info.get_mut(i) else { continue };
            if x.drop != Drop::Keep {
                continue;
            }
            let f = x.facts;
            let (it, il, ic, ib) =
                inline.get(i).map_or((0, 0, 0, false), |&(t, l, c, b)| (t + f.text, l + f.link, c + f.commas, b));
            x.text += f.text;
            x.link += f.link;
            if f.block {
                x.own = it;
                x.own_link = il;
                x.commas = ic;
                x.has_block_child = ib;
            }
            let (parent, text, link) = (x.parent, x.text, x.link);
            if let Some(p) = self.info.get_mut(parent as usize) {
                p.text += text;
                p.link += link;
            }
            if let Some(pi) = inline.get_mut(parent as usize) {
                if f.block {
                    pi.3 = true;
                } else {
                    pi.0 += it;
                    pi.1 += il;
                    pi.2 += ic;
                    pi.3 |= ib;
                }
            }
        }
        for (i, x) in self.info.iter().enumerate() {
            if no_hints.get(i).copied().unwrap_or(true) {
                continue;
            }
            if x.facts.date && self.date_nodes.len() < 48 {
                self.date_nodes.push(x.id);
            }
            if x.facts.byline && self.byline_nodes.len() < 16 {
                self.byline_nodes.push(x.id);
            }
            if x.facts.h1 && x.drop != Drop::Hard && self.h1_nodes.len() < 4 {
                self.h1_nodes.push(x.id);
            }
        }
    }
}

pub(super) fn element<'a>(doc: &'a Html, id: NodeId) -> Option<ElementRef<'a>> {
    doc.tree.get(id).and_then(ElementRef::wrap)
}

impl Table {
    pub(super) fn name<'a>(&self, doc: &'a Html, i: u32) -> &'a str {
        self.info
            .get(i as usize)
            .and_then(|x| doc.tree.get(x.id))
            .and_then(|n| n.value().as_element())
            .map_or("", |e| e.name())
    }

    pub(super) fn parent(&self, i: u32) -> u32 {
        self.info.get(i as usize).map_or(NONE, |x| x.parent)
    }

    /// Is `i` inside `ancestor`?
    pub(super) fn is_inside(&self, i: u32, ancestor: u32) -> bool {
        let mut at = i;
        for _ in 0..64 {
            if at == NONE {
                return false;
            }
            if at == ancestor {
                return true;
            }
            at = self.parent(at);
        }
        false
    }

    pub(super) fn link_density(&self, i: u32) -> f32 {
        self.info.get(i as usize).map_or(0.0, |x| if x.text == 0 { 0.0 } else { x.link as f32 / x.text as f32 })
    }

    /// The text of the byline, date and `<h1>` elements noted while building.
    pub(super) fn hints(&self, doc: &Html) -> Hints {
        let read = |ids: &[NodeId]| -> Vec<String> {
            ids.iter()
                .filter_map(|id| element(doc, *id))
                .map(|e| text_of(&e))
                .filter(|t| !t.is_empty() && t.chars().count() <= 200)
                .collect()
        };
        Hints { bylines: read(&self.byline_nodes), dates: read(&self.date_nodes), h1: read(&self.h1_nodes) }
    }
}
