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
    Attrs, BYLINE_BIT, COMMENT_BIT, DATE_BIT, Drop, META_BIT, UNLIKELY_BIT, Verdicts, drop_of, is_modified,
    weight_of_bits,
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
    /// Text below, in weighted characters.
    pub(super) text: u32,
    /// Of which inside links.
    pub(super) link: u32,
    /// Text not inside a child block.
    pub(super) own: u32,
    pub(super) own_link: u32,
    pub(super) commas: u32,
    pub(super) has_block_child: bool,
    pub(super) drop: Drop,
    /// A byline or date block by its class: dropped from the text when short.
    pub(super) meta_block: bool,
    /// Class weight (+/-25 per hint, see [`weight_of_bits`]).
    pub(super) weight: i32,
    pub(super) score: f32,
    pub(super) scored: bool,
}

pub(super) struct Table {
    pub(super) info: Vec<Info>,
    pub(super) index: IdMap,
    /// Elements to read hints from once the table is built.
    pub(super) byline_nodes: Vec<NodeId>,
    pub(super) date_nodes: Vec<NodeId>,
    h1_nodes: Vec<NodeId>,
    pub(super) body: u32,
}

pub(super) fn build(doc: &Html, lenient: bool, rules: Option<&html::Rules>) -> Table {
    let mut verdicts = Verdicts::default();
    let mut t = Table {
        info: Vec::with_capacity(1024),
        index: IdMap::with_capacity_and_hasher(1024, Default::default()),
        byline_nodes: Vec::new(),
        date_nodes: Vec::new(),
        h1_nodes: Vec::new(),
        body: NONE,
    };
    // Open elements (table indices) and the nearest open block.
    let mut stack: Vec<u32> = Vec::with_capacity(64);
    let mut blocks: Vec<u32> = Vec::with_capacity(64);
    // Inside boilerplate whose hints are still read.
    let mut ghost: Option<NodeId> = None;
    let mut soft = 0usize;
    let mut links = 0usize;
    walk(doc.tree.root(), |edge| {
        match edge {
            Edge::Open(node) => {
                if ghost.is_some() {
                    if let Node::Element(e) = node.value() {
                        let a = Attrs::of(e);
                        let bits = verdicts.of(a.class) | verdicts.of(a.id);
                        if Tag::of(e.name()).never_text(Reader::Page) || bits & COMMENT_BIT != 0 {
                            return false;
                        }
                        t.collect_hints(node.id(), &a, bits);
                    }
                    return true;
                }
                match node.value() {
                    Node::Text(s) => {
                        let Some(&top) = stack.last() else { return true };
                        if soft > 0 {
                            return true;
                        }
                        let (n, commas) = measure(s);
                        if n == 0 {
                            return true;
                        }
                        if let Some(i) = t.info.get_mut(top as usize) {
                            i.text += n;
                            if links > 0 {
                                i.link += n;
                            }
                        }
                        if let Some(&b) = blocks.last()
                            && let Some(i) = t.info.get_mut(b as usize)
                        {
                            i.own += n;
                            i.commas += commas;
                            if links > 0 {
                                i.own_link += n;
                            }
                        }
                    }
                    Node::Element(e) => {
                        let name = e.name();
                        let tag = Tag::of(name);
                        let a = Attrs::of(e);
                        let (cb, ib) = (verdicts.of(a.class), verdicts.of(a.id));
                        let bits = cb | ib;
                        let mut drop = drop_of(e, tag, &a, lenient, bits);
                        // The outlet's own boilerplate selectors.
                        if drop != Drop::Hard
                            && let Some(rules) = rules
                            && let Some(el) = ElementRef::wrap(node)
                            && rules.drops(&el)
                        {
                            drop = Drop::Hard;
                        }
                        if drop == Drop::Hard {
                            // Boilerplate by its class only (not a comment section): its
                            // bylines and dates are still read.
                            if bits & (UNLIKELY_BIT | COMMENT_BIT) == UNLIKELY_BIT && !tag.never_text(Reader::Page) {
                                ghost = Some(node.id());
                                return true;
                            }
                            return false;
                        }
                        let idx = t.info.len() as u32;
                        let parent = stack.last().copied().unwrap_or(NONE);
                        let block = tag.block(Reader::Page);
                        if block
                            && let Some(&b) = blocks.last()
                            && let Some(p) = t.info.get_mut(b as usize)
                        {
                            p.has_block_child = true;
                        }
                        t.info.push(Info {
                            id: node.id(),
                            parent,
                            text: 0,
                            link: 0,
                            own: 0,
                            own_link: 0,
                            commas: 0,
                            has_block_child: false,
                            drop,
                            meta_block: !lenient && bits & META_BIT != 0,
                            // The lenient reading trusts no class name of boilerplate.
                            weight: if lenient {
                                weight_of_bits(e, &a, cb, ib).max(0)
                            } else {
                                weight_of_bits(e, &a, cb, ib)
                            },
                            score: 0.0,
                            scored: false,
                        });
                        t.index.insert(node.id(), idx);
                        stack.push(idx);
                        if block {
                            blocks.push(idx);
                        }
                        if drop == Drop::Soft {
                            soft += 1;
                        }
                        if name == "a" && a.href {
                            links += 1;
                        }
                        if name == "body" && t.body == NONE {
                            t.body = idx;
                        }
                        if name == "h1" && t.h1_nodes.len() < 4 {
                            t.h1_nodes.push(node.id());
                        }
                        t.collect_hints(node.id(), &a, bits);
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = ghost {
                    if id == node.id() {
                        ghost = None;
                    }
                    return true;
                }
                let Node::Element(e) = node.value() else { return true };
                let Some(idx) = stack.pop() else { return true };
                if blocks.last() == Some(&idx) {
                    blocks.pop();
                }
                let Some(&Info { text, link, drop, .. }) = t.info.get(idx as usize) else { return true };
                if drop == Drop::Soft {
                    soft = soft.saturating_sub(1);
                }
                if e.name() == "a" && e.attr("href").is_some() {
                    links = links.saturating_sub(1);
                }
                if let Some(&p) = stack.last()
                    && let Some(pi) = t.info.get_mut(p as usize)
                {
                    pi.text += text;
                    pi.link += link;
                }
            }
        }
        true
    });
    t
}

impl Table {
    /// Note `e` when it is a byline or date block (by class, `itemprop` or `rel`).
    fn collect_hints(&mut self, id: NodeId, a: &Attrs, bits: u16) {
        let date_block = bits & (DATE_BIT | META_BIT) != 0
            || a.itemprop.is_some_and(|p| p == "datePublished" || p == "dateCreated")
            || a.testid.is_some_and(|p| p.contains("date") && !is_modified(p));
        if date_block && self.date_nodes.len() < 48 {
            self.date_nodes.push(id);
        }
        let byline = bits & BYLINE_BIT != 0
            || a.rel.is_some_and(|r| r.split_ascii_whitespace().any(|r| r == "author"))
            || a.itemprop.is_some_and(|p| p == "author" || p == "creator");
        if byline && self.byline_nodes.len() < 16 {
            self.byline_nodes.push(id);
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
