//! Block scoring and the choice of candidates: paragraph-like blocks give their score to
//! their container and, less, to its ancestors (at most five, so the pass is linear);
//! the best container, discounted by link density, wins, moved up when the article is
//! split among several scored blocks; its siblings that score near it or are plain text
//! join it, unless they are a list of teaser cards ([`Table::is_card_list`]) or, after
//! it, of another shape than it ([`same_shape`]). Inside the winner, blocks that are boilerplate by their statistics are
//! dropped when written ([`Table::conditionally_dropped`]).

use scraper::{ElementRef, Html};

use super::classes::Drop;
use super::table::{NONE, Table, element};
use crate::html::elements::Tag;
use crate::html::text::text_of;
use crate::lexicon;

fn tag_bonus(name: &str) -> f32 {
    match name {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Do two blocks have one shape: the same first class word, or no class and the same
/// tag? Page builders name their rows alike (`row-fluid-wrapper row-number-4`,
/// `elementor-section elementor-element-…`).
fn same_shape(name: &str, class: Option<&str>, top_name: &str, top_class: &str) -> bool {
    let first = class.unwrap_or("").split_ascii_whitespace().next();
    first == top_class.split_ascii_whitespace().next() && (first.is_some() || name == top_name)
}

/// A box that asks the reader to act (sign up, start a trial, download) holds at most this
/// much text (weighted characters) ...
const ASK_TEXT_MAX: u32 = 400;
/// ... and at most this much paragraph text; it is found by looking at most this many
/// nodes below it (the look stays linear in the page).
const ASK_PROSE_MAX: u32 = 200;
const ASK_LOOK: usize = 96;
/// ... inside an article of at least this much text (weighted characters).
const ASK_ARTICLE_MIN: u32 = 1200;

/// A link's text as the call-to-action lexicon is compared: lower-cased, white space
/// folded, a trailing arrow or chevron dropped.
fn call_to_action(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '→' | '›' | '»' | '>' | '➔' | '↗'));
    if t.is_empty() || t.len() > 40 {
        return false;
    }
    lexicon::CALL_TO_ACTION.contains(&lexicon::fold_line(t))
}

/// A list of teaser cards has at least this many cards of one shape ...
const CARDS_MIN: u32 = 3;
/// ... each of at most this much text (weighted characters), a fifth of it or more in links.
const CARD_TEXT_MAX: u32 = 400;

impl Table {
    fn touch(&mut self, doc: &Html, i: u32) {
        let bonus = self.info.get(i as usize).filter(|x| !x.scored).and_then(|x| {
            let e = doc.tree.get(x.id)?.value().as_element()?;
            Some(tag_bonus(e.name()) + x.weight as f32)
        });
        if let (Some(b), Some(x)) = (bonus, self.info.get_mut(i as usize)) {
            x.score = b;
            x.scored = true;
        }
    }

    fn add(&mut self, doc: &Html, i: u32, s: f32) {
        self.touch(doc, i);
        if let Some(x) = self.info.get_mut(i as usize) {
            x.score += s;
        }
    }

    /// Score the paragraphs' containers; the best candidate.
    pub(super) fn score(&mut self, doc: &Html) -> Option<u32> {
        for i in 0..self.info.len() as u32 {
            let Some(x) = self.info.get(i as usize) else { continue };
            if x.own < 25 || x.drop != Drop::Keep {
                continue;
            }
            let name = self.name(doc, i);
            if Tag::of(name).is_heading() || matches!(name, "th" | "figcaption" | "caption" | "a" | "body" | "html") {
                continue;
            }
            let ld = x.own_link as f32 / x.own as f32;
            let contrib = (1.0 + x.commas.min(30) as f32 + (x.own as f32 / 100.0).min(3.0)) * (1.0 - ld);
            if contrib <= 0.0 {
                continue;
            }
            let divish = matches!(name, "div" | "section" | "article" | "main" | "td" | "blockquote");
            let container = if divish && x.has_block_child { i } else { x.parent };
            let mut at = container;
            for level in 0..5u32 {
                if at == NONE {
                    break;
                }
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                self.add(doc, at, contrib / div);
                at = self.parent(at);
            }
        }
        let mut best: Option<(u32, f32)> = None;
        for i in 0..self.info.len() as u32 {
            let Some(x) = self.info.get(i as usize) else { continue };
            if !x.scored || x.drop != Drop::Keep {
                continue;
            }
            let s = x.score * (1.0 - self.link_density(i));
            if let Some(x) = self.info.get_mut(i as usize) {
                x.score = s;
            }
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        let (mut top, top_score) = best?;
        // Several blocks scoring near the best one: the article is split among them, and
        // their common ancestor is the article (Readability's rule).
        let mut alternatives: Vec<(u32, f32)> = Vec::new();
        for (i, x) in self.info.iter().enumerate() {
            if x.scored && x.drop == Drop::Keep && i as u32 != top && x.score >= top_score * 0.75 {
                alternatives.push((i as u32, x.score));
            }
        }
        alternatives.sort_by(|a, b| b.1.total_cmp(&a.1));
        alternatives.truncate(4);
        if !alternatives.is_empty() {
            let need = alternatives.len().min(3);
            let mut at = self.parent(top);
            let mut steps = 0;
            while at != NONE && at != self.body && steps < 6 {
                let inside = alternatives.iter().filter(|(a, _)| self.is_inside(*a, at)).count();
                if inside >= need {
                    top = at;
                    break;
                }
                at = self.parent(at);
                steps += 1;
            }
        }
        // Climb while an ancestor scores higher than what is below it (the article is
        // split into several scored blocks), or the candidate is an only child.
        let mut last = top_score;
        let threshold = top_score / 3.0;
        let mut at = self.parent(top);
        while at != NONE && at != self.body {
            let Some(x) = self.info.get(at as usize) else { break };
            if x.scored {
                if x.score < threshold {
                    break;
                }
                if x.score > last {
                    top = at;
                    break;
                }
                last = x.score;
            }
            at = x.parent;
        }
        loop {
            let p = self.parent(top);
            if p == NONE || p == self.body {
                break;
            }
            let (pt, tt) =
                (self.info.get(p as usize).map_or(0, |x| x.text), self.info.get(top as usize).map_or(0, |x| x.text));
            // The parent adds (almost) no text of its own: take it, with its other pieces.
            if pt > tt + tt / 10 + 10 {
                break;
            }
            top = p;
        }
        Some(top)
    }

    /// Is this element, inside the article, boilerplate by its statistics?
    pub(super) fn conditionally_dropped(&self, doc: &Html, i: u32) -> bool {
        let Some(x) = self.info.get(i as usize) else { return false };
        let name = self.name(doc, i);
        if !matches!(name, "div" | "section" | "ul" | "ol" | "table" | "form" | "dl" | "span" | "p" | "center") {
            return false;
        }
        let weight = x.weight;
        let ld = self.link_density(i);
        if x.text == 0 {
            return false;
        }
        if weight < 0 && x.text < 1000 && !x.grouped {
            return true;
        }
        if ld > 0.5 && !(name == "p" && x.text > 200) {
            return true;
        }
        ld > 0.25 && weight < 25 && x.text < 300 && name != "p"
    }

    /// Is this element a box that asks the reader to act: little text, hardly a paragraph
    /// of it, and a link whose whole text is a call to action ("Start free trial",
    /// "Download now")? A newsletter sign-up, a trial offer or a download card
    /// set in the article's column is the site's, not the article's.
    pub(super) fn is_ask_box(&self, doc: &Html, i: u32, root: u32) -> bool {
        let Some(x) = self.info.get(i as usize) else { return false };
        if x.text == 0 || x.text > ASK_TEXT_MAX || x.prose > ASK_PROSE_MAX {
            return false;
        }
        // Only beside an article of some length: on a short page (a service's, a
        // product's) the asking is the page's text.
        if self.info.get(root as usize).is_none_or(|r| r.text < ASK_ARTICLE_MIN) {
            return false;
        }
        if !matches!(self.name(doc, i), "div" | "section" | "form" | "aside") {
            return false;
        }
        let Some(node) = doc.tree.get(x.id) else { return false };
        node.descendants().take(ASK_LOOK).any(|d| match d.value().as_element().map(|e| e.name()) {
            Some("a") => ElementRef::wrap(d).is_some_and(|a| call_to_action(&text_of(&a))),
            _ => false,
        })
    }

    /// Is this element a list of teaser cards: at least [`CARDS_MIN`] element children
    /// (below wrappers with one child) of one shape (tag and class), most of which hold
    /// a link and little text? A carousel or grid of related posts repeats a card;
    /// an article's paragraphs are not links.
    pub(super) fn is_card_list(&self, doc: &Html, i: u32) -> bool {
        let Some(mut node) = self.info.get(i as usize).and_then(|x| doc.tree.get(x.id)) else { return false };
        for _ in 0..4 {
            let mut shapes: Vec<((&str, &str), u32, u32)> = Vec::new();
            let mut elements = 0u32;
            let mut only = None;
            for child in node.children() {
                let Some(e) = child.value().as_element() else { continue };
                elements += 1;
                only = Some(child);
                let Some(x) = self.index.get(&child.id()).and_then(|&c| self.info.get(c as usize)) else { continue };
                if x.text == 0 {
                    continue;
                }
                let card = x.link > 0 && x.text <= CARD_TEXT_MAX && x.link * 5 >= x.text;
                let shape = (e.name(), e.attr("class").unwrap_or(""));
                if let Some((_, n, cards)) = shapes.iter_mut().find(|(s, _, _)| *s == shape) {
                    *n += 1;
                    *cards += u32::from(card);
                } else if shapes.len() < 16 {
                    shapes.push((shape, 1, u32::from(card)));
                }
            }
            if shapes.iter().any(|&(_, n, cards)| n >= CARDS_MIN && cards * 4 >= n * 3) {
                return true;
            }
            match (elements, only) {
                (1, Some(child)) => node = child,
                _ => return false,
            }
        }
        false
    }

    /// The candidate and the siblings that belong with it, in document order.
    pub(super) fn with_siblings(&self, doc: &Html, top: u32) -> Vec<u32> {
        let Some(top_info) = self.info.get(top as usize) else { return vec![top] };
        let parent = top_info.parent;
        if parent == NONE {
            return vec![top];
        }
        let top_score = top_info.score;
        let threshold = (top_score * 0.2).max(10.0);
        let top_el = element(doc, top_info.id);
        let top_class = top_el.and_then(|e| e.value().attr("class")).unwrap_or("");
        let top_name = top_el.map_or("", |e| e.value().name());
        let mut out = Vec::new();
        let Some(parent_node) = self.info.get(parent as usize).and_then(|x| doc.tree.get(x.id)) else {
            return vec![top];
        };
        for child in parent_node.children() {
            let Some(&i) = self.index.get(&child.id()) else { continue };
            if i == top {
                out.push(i);
                continue;
            }
            let Some(x) = self.info.get(i as usize) else { continue };
            if x.drop != Drop::Keep {
                continue;
            }
            let Some(el) = ElementRef::wrap(child) else { continue };
            // Teaser cards next to the article are the page's, not the article's.
            if self.is_card_list(doc, i) {
                continue;
            }
            // After the article, only a block of its shape continues it (a page builder's
            // next row); one of another shape is the page's (a call to action, an FAQ, a
            // testimonial, a newsletter box).
            if out.contains(&top) && !same_shape(el.value().name(), el.value().attr("class"), top_name, top_class) {
                continue;
            }
            let bonus = if !top_class.is_empty() && el.value().attr("class") == Some(top_class) {
                top_score * 0.2
            } else {
                0.0
            };
            if x.scored && x.score + bonus >= threshold {
                out.push(i);
                continue;
            }
            // A block of plain text next to the article is more of it.
            let weight = x.weight;
            if x.text >= 150 && self.link_density(i) < 0.2 && weight >= 0 && !x.meta_block {
                out.push(i);
                continue;
            }
            if matches!(el.value().name(), "p" | "blockquote" | "pre" | "ul" | "ol") {
                let ld = self.link_density(i);
                if x.text > 80 && ld < 0.25 {
                    out.push(i);
                } else if x.text > 0 && x.text <= 80 && ld == 0.0 {
                    let t = text_of(&el);
                    if t.ends_with(['.', '!', '?', '。', '！', '？', ':']) {
                        out.push(i);
                    }
                }
            }
        }
        out
    }
}
