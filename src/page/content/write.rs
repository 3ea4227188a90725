//! Writing the chosen blocks: paragraphs (a `<br>` ends one, list items numbered),
//! pictures with their captions, and what the scoring set aside left out.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use super::classes::Drop;
use super::table::Table;
use crate::html::elements::{Reader, Tag};
use crate::html::images::{image_src, resolve_image};
use crate::html::text::{Paragraphs, text_of, walk};
use crate::record::Image;

/// Writes paragraphs and pictures from chosen subtrees.
pub(super) struct Writer<'a> {
    pub(super) base: Option<&'a str>,
    pub(super) text: Paragraphs,
    pub(super) images: Vec<Image>,
}

impl Writer<'_> {
    fn image(&mut self, el: &ElementRef) {
        if let Some(src) = image_src(el, Reader::Page)
            && let Some(url) = resolve_image(src, self.base)
        {
            self.images.push(Image { url, caption: None });
        }
    }
}

impl Table {
    pub(super) fn write(&self, doc: &Html, root: u32, w: &mut Writer) {
        let Some(root_node) = self.info.get(root as usize).and_then(|x| doc.tree.get(x.id)) else { return };
        walk(root_node, |edge| {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Text(t) => w.text.text(t),
                    Node::Element(e) => {
                        let Some(&i) = self.index.get(&node.id()) else { return false };
                        let keep = self
                            .info
                            .get(i as usize)
                            .is_some_and(|x| x.drop == Drop::Keep && !(x.meta_block && x.text < 300 && i != root));
                        if !keep || (i != root && (self.conditionally_dropped(doc, i) || self.is_ask_box(doc, i, root)))
                        {
                            return false;
                        }
                        let Some(el) = ElementRef::wrap(node) else { return true };
                        let tag = Tag::of(e.name());
                        if tag.is_caption() {
                            let cap = text_of(&el);
                            if let Some(img) = w.images.last_mut().filter(|i| i.caption.is_none())
                                && !cap.is_empty()
                            {
                                img.caption = Some(cap);
                            }
                            return false;
                        }
                        if e.name() == "img" {
                            w.image(&el);
                        }
                        w.text.open(&el, tag);
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    if let Node::Element(e) = node.value() {
                        w.text.close(Tag::of(e.name()));
                    }
                }
            }
            true
        });
        w.text.flush();
    }
}
