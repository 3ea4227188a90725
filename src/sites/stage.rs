//! The one stage that applies an outlet's rules, at fixed points, to the raw parts a
//! format produced: [`apply`].
//!
//! Order: title rules (then `Title` actions); the body (HTML: the `html` read rules and
//! `Inspect` actions on the parsed document, then extraction with the drop, caption, tag
//! and image rules; Markdown: rendering, cut at the `---` rule that starts the promo;
//! or the paragraphs as given); then on the paragraphs: `drop_title_repeats`, `Early`
//! actions, `strip`, the cut, removing bylines, the drops (`drop_*`, `drop_author_bio`),
//! the other bylines and the author rules, `Late` actions, `teaser`, `skip_images` (with
//! each line of a paragraph seen as a paragraph, see [`Article::split_lines`]); then
//! publisher and home offset. The generic stages after the rules (credit lines, the
//! author defaulting to the publisher) are the pipeline's ([`crate::pipeline::apply_rules`]).

use scraper::{ElementRef, Html, Selector};

use super::actions::Run;
use super::outlet::{Byline, Outlet};
use super::rule::{NameStyle, Place};
use crate::html;
use crate::markdown;
use crate::record::{Article, warn};

/// The raw body a format hands to the stage.
pub enum Body<'a> {
    /// HTML (a fragment or a page). `doc`: already parsed with [`html::parse`] (else it is
    /// parsed here). `drop` and `caption`: the format's own conventions, added to the
    /// outlet's rules.
    Html { html: &'a str, doc: Option<&'a Html>, drop: Option<&'a Selector>, caption: Option<&'a Selector> },
    /// A Markdown body.
    Markdown(&'a str),
    /// Paragraphs already split (plain text).
    Paragraphs(Vec<String>),
}

/// Apply `outlet`'s rules to `art` (whose metadata the format has filled in) and its
/// `body`. `label`: the feed label or dateline name the input gave, if any;
/// `unknown_publisher`: the publisher when no outlet claims the article.
pub fn apply(
    art: &mut Article,
    outlet: Option<&Outlet>,
    body: Body<'_>,
    label: Option<&str>,
    unknown_publisher: Option<String>,
) {
    if let Some(o) = outlet {
        o.clean_title(art);
    }
    let base = art.archive_url.clone().or_else(|| art.url.clone());
    let is_html = matches!(body, Body::Html { .. });
    match body {
        Body::Html { html, doc, drop, caption } => {
            let parsed;
            let doc = match doc {
                Some(d) => Some(d),
                None => {
                    parsed = html::parse(html);
                    parsed.as_ref()
                }
            };
            if let (Some(o), Some(doc)) = (outlet, doc) {
                o.inspect(doc, art);
            }
            let content = match outlet {
                Some(o) => {
                    o.with_html_rules(drop, caption, base.as_deref(), |rules| html::extract_parsed(doc, html, rules))
                }
                None => {
                    let rules = html::Rules {
                        drop: html::Selectors::default().with(drop),
                        caption: html::Selectors::default().with(caption),
                        base: base.as_deref(),
                        ..Default::default()
                    };
                    html::extract_parsed(doc, html, rules)
                }
            };
            art.media = content.players || !content.images.is_empty();
            art.paragraphs = content.paragraphs;
            art.images = content.images;
            art.tags.extend(content.tags);
        }
        Body::Markdown(text) => {
            let cut = match outlet.and_then(|o| o.promo.as_deref()) {
                None => markdown::Cut::Never,
                Some([]) => markdown::Cut::AtAnyRule,
                Some(starts) => markdown::Cut::AtRuleBefore(starts),
            };
            let content = markdown::render(text, cut, base.as_deref());
            art.media = content.players || !content.images.is_empty();
            art.paragraphs = content.paragraphs;
            art.images = content.images;
        }
        Body::Paragraphs(p) => art.paragraphs = p,
    }
    match outlet {
        Some(o) => {
            if o.author.from_label
                && art.author.is_none()
                && let Some(label) = label.map(str::trim).filter(|l| !l.is_empty())
                && !o.names.iter().any(|n| n == label)
            {
                art.author = Some(label.to_owned());
            }
            // Outlet rules read one line of a paragraph (a hard break) as a paragraph.
            let breaks = art.split_lines();
            o.finish(art);
            art.join_lines(&breaks);
            art.publisher = Some(o.publisher.clone());
            art.home_offset = o.offset.or(art.home_offset);
        }
        None => art.publisher = unknown_publisher,
    }
    if is_html {
        super::drop_caption_repeats(art);
    }
}

/// Letters (and digits) of an element's text.
fn letters(el: &ElementRef) -> usize {
    el.text().map(|t| t.chars().filter(|&c| is_letter(c)).count()).sum()
}

/// `char::is_alphanumeric`, at once for the Chinese characters that most pages are made
/// of (all of U+4E00..U+9FFF are letters; the general test looks each up in a table).
fn is_letter(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_alphanumeric()
}

/// Is this list the bulk of the page (half its text or more)? A digest made of links
/// (a weekly list of posts) is the page's content, not a related list under a text.
fn is_bulk(el: &ElementRef, page_text: &std::cell::OnceCell<usize>) -> bool {
    let total =
        *page_text.get_or_init(|| el.ancestors().filter_map(ElementRef::wrap).last().map_or(0, |root| letters(&root)));
    // A list of fewer bytes than half the page's letters has fewer letters too.
    el.text().map(str::len).sum::<usize>() * 2 >= total && letters(el) * 2 >= total
}

fn sels(s: Option<&Selector>) -> html::Selectors<'_> {
    s.map_or_else(html::Selectors::default, html::Selectors::one)
}

fn first_text(doc: &Html, sel: &Selector) -> Option<String> {
    doc.select(sel).map(|e| super::element_text(&e)).find(|t| !t.is_empty())
}

impl Outlet {
    /// The title rules: section and column prefixes, prefixes, suffixes, patterns, cut.
    pub fn clean_title(&self, art: &mut Article) {
        let t = &self.title;
        if t.section_prefix {
            super::take_section_prefix(art);
        }
        if t.column_prefix {
            super::take_bracket_prefix(art);
        }
        if let Some((prefix, rest)) = t.category_prefixes.iter().find_map(|p| {
            let title = art.title.trim_start();
            title.strip_prefix(p.as_str()).map(|rest| (p, rest.trim().to_owned()))
        }) && !rest.is_empty()
        {
            let category = prefix.trim_end_matches(|c: char| c.is_whitespace() || "：:|｜-–—·".contains(c));
            if art.category.is_none() && !category.is_empty() {
                art.category = Some(category.to_owned());
            }
            art.title = rest;
        }
        if !t.strip_prefixes.is_empty() {
            let s = art.title.trim_start();
            if let Some(rest) = t.strip_prefixes.iter().find_map(|p| s.strip_prefix(p.as_str())) {
                art.title = rest.trim().to_owned();
            }
        }
        for suffix in &t.strip_suffixes {
            if let Some(s) = art.title.trim_end().strip_suffix(suffix.as_str()) {
                art.title = s.to_owned();
            }
        }
        for re in &t.strip {
            if re.is_match(&art.title) {
                art.title = re.replace_all(&art.title, "").into_owned();
            }
        }
        if let Some(end) = t.cut_after.iter().find_map(|m| art.title.find(m.as_str()).map(|i| i + m.len()))
            && end < art.title.len()
        {
            art.title.truncate(end);
        }
        for run in self.actions() {
            if let Run::Title(f) = run {
                f(art);
            }
        }
    }

    /// What the parsed HTML says beyond its text: tags, category, author.
    pub fn inspect(&self, doc: &Html, art: &mut Article) {
        let h = &self.html;
        if let Some(sel) = &h.category_from
            && let Some(cat) = first_text(doc, sel)
        {
            art.category = Some(cat);
        }
        if let Some(sel) = &h.tags_from {
            art.tags.extend(doc.select(sel).map(|a| super::element_text(&a)).filter(|t| !t.is_empty()));
        }
        if let Some(sel) = &h.author_from
            && let Some(by) = doc.select(sel).next()
        {
            let t = super::element_text(&by);
            let name = h.author_prefixes.iter().find_map(|p| t.strip_prefix(p.as_str())).unwrap_or(&t).trim();
            if !name.is_empty() {
                art.author = Some(name.to_owned());
            }
        }
        for run in self.actions() {
            if let Run::Inspect(f) = run {
                f(doc, art);
            }
        }
    }

    /// Boilerplate recognised by structure (link lists, everything after a heading).
    /// `page_text`: the letters of the whole document, counted once when a link list asks.
    fn drops_structure(&self, el: &ElementRef, page_text: &std::cell::OnceCell<usize>) -> bool {
        (self.html.link_lists && super::is_link_list(el) && !is_bulk(el, page_text))
            || (!self.html.drop_from_heading.is_empty() && self.is_after_heading(el))
            || (!self.html.gallery_heading.is_empty() && self.is_gallery(el))
    }

    /// Is this a heading starting with one of `drop_from_heading`, or after one?
    fn is_after_heading(&self, el: &ElementRef) -> bool {
        let is_heading = |e: &ElementRef| {
            matches!(e.value().name(), "h2" | "h3" | "h4") && {
                let t = super::element_text(e);
                self.html.drop_from_heading.iter().any(|h| t.starts_with(h.as_str()))
            }
        };
        is_heading(el) || el.prev_siblings().filter_map(ElementRef::wrap).any(|s| is_heading(&s))
    }

    /// Is this a `gallery_heading`, or one of the picture blocks right after one? (At
    /// most [`MAX_GALLERY`] blocks back are looked at, so the check stays linear.)
    fn is_gallery(&self, el: &ElementRef) -> bool {
        const MAX_GALLERY: usize = 200;
        let is_heading = |e: &ElementRef| {
            matches!(e.value().name(), "h2" | "h3" | "h4") && {
                let t = super::element_text(e);
                self.html.gallery_heading.iter().any(|h| t.starts_with(h.as_str()))
            }
        };
        let is_picture = |e: &ElementRef| {
            matches!(e.value().name(), "div" | "figure")
                && e.descendants().any(|n| n.value().as_element().is_some_and(|x| x.name() == "img"))
        };
        if is_heading(el) {
            return true;
        }
        if !is_picture(el) {
            return false;
        }
        for s in el.prev_siblings().filter_map(ElementRef::wrap).take(MAX_GALLERY) {
            if is_heading(&s) {
                return true;
            }
            if !is_picture(&s) {
                return false;
            }
        }
        false
    }

    /// Run `f` with this outlet's HTML rules plus a format's `drop` and `caption`
    /// conventions.
    pub fn with_html_rules<R>(
        &self,
        drop: Option<&Selector>,
        caption: Option<&Selector>,
        base: Option<&str>,
        f: impl FnOnce(html::Rules) -> R,
    ) -> R {
        let h = &self.html;
        let page_text = std::cell::OnceCell::new();
        let drop_if = |el: &ElementRef| self.drops_structure(el, &page_text);
        let skip = |url: &str| h.skip_images.iter().any(|s| url.contains(s.as_str()));
        let structural = h.link_lists || !h.drop_from_heading.is_empty() || !h.gallery_heading.is_empty();
        let rules = html::Rules {
            drop: sels(h.drop.as_ref()).with(drop),
            drop_if: structural.then_some(&drop_if as &dyn Fn(&ElementRef) -> bool),
            caption: sels(h.caption.as_ref()).with(caption),
            tag: sels(h.tag.as_ref()),
            skip_image: (!h.skip_images.is_empty()).then_some(&skip as &dyn Fn(&str) -> bool),
            base,
        };
        f(rules)
    }

    /// The outlet's drop, caption and tag selectors.
    pub fn selector_lists(&self) -> [html::Selectors<'_>; 3] {
        [sels(self.html.drop.as_ref()), sels(self.html.caption.as_ref()), sels(self.html.tag.as_ref())]
    }

    /// Extract an HTML fragment with this outlet's HTML rules only (for tests and tools).
    pub fn extract_html(&self, html: &str) -> html::Extracted {
        self.with_html_rules(None, None, None, |rules| html::extract(html, rules))
    }

    /// The paragraph, byline, author and teaser rules.
    pub fn finish(&self, art: &mut Article) {
        let p = &self.paragraphs;
        if p.drop_title_repeats {
            super::drop_title_repeats(art);
        }
        for run in self.actions() {
            if let Run::Early(f) = run {
                f(art);
            }
        }
        if !p.strip.is_empty() {
            for para in &mut art.paragraphs {
                for s in &p.strip {
                    if s.pattern.is_match(para) && !s.unless.as_ref().is_some_and(|u| u.is_match(para)) {
                        // What a strip leaves at the ends is space (`credit ©…` -> `credit `).
                        *para = s.pattern.replace_all(para, s.with.as_str()).trim().to_owned();
                    }
                }
            }
            art.paragraphs.retain(|q| !q.trim().is_empty());
        }
        if p.has_cut()
            && let Some(at) = art.paragraphs.iter().position(|q| self.starts_cut(q.trim()))
        {
            let until = art
                .paragraphs
                .iter()
                .skip(at)
                .position(|q| p.cut_until_starting.iter().any(|u| q.starts_with(u.as_str())));
            match until {
                Some(len) => drop(art.paragraphs.drain(at..at + len)),
                None => art.paragraphs.truncate(at),
            }
        }
        let mut found: Vec<Option<String>> = vec![None; self.bylines.len()];
        let mut removed_any = false;
        for (b, slot) in self.bylines.iter().zip(found.iter_mut()).filter(|(b, _)| b.remove) {
            let mut gone = vec![false; art.paragraphs.len()];
            let mut stripped: Vec<(usize, String)> = Vec::new();
            for i in candidates(b, art.paragraphs.len()) {
                let Some(q) = art.paragraphs.get(i).map(|q| q.trim()) else { continue };
                if q.chars().count() > b.max_chars {
                    continue;
                }
                if let Some(c) = b.pattern.captures(q) {
                    if slot.is_none() {
                        *slot = byline_name(b, &c);
                    }
                    // `strip`: only the matched text goes; the rest of the paragraph stays.
                    let rest = match c.get(0).filter(|_| b.strip) {
                        Some(m) => {
                            let before = q.get(..m.start()).unwrap_or_default().trim_end();
                            let after = q.get(m.end()..).unwrap_or_default().trim_start();
                            Some(join_words(before, after)).filter(|r| !r.is_empty())
                        }
                        None => None,
                    };
                    match rest {
                        Some(r) => stripped.push((i, r)),
                        None => {
                            if let Some(g) = gone.get_mut(i) {
                                *g = true;
                            }
                        }
                    }
                }
            }
            removed_any |= !stripped.is_empty();
            for (i, r) in stripped {
                if let Some(p) = art.paragraphs.get_mut(i) {
                    *p = r;
                }
            }
            let mut i = 0;
            art.paragraphs.retain(|_| {
                i += 1;
                !gone.get(i - 1).copied().unwrap_or(false)
            });
            removed_any |= gone.contains(&true);
        }
        if p.has_drops() {
            let before = art.paragraphs.len();
            art.paragraphs.retain(|q| !self.drops(q.trim()));
            removed_any |= art.paragraphs.len() != before;
        }
        if p.drop_author_bio
            && let Some(author) = art.author.clone()
        {
            // Up to three closing bios, one per writer, before the closing credit lines
            // (which the credit stage reads later).
            let credits = art.paragraphs.iter().rev().take_while(|q| super::credits::parse(q).is_some()).count();
            for _ in 0..3 {
                let at = art.paragraphs.len().saturating_sub(credits + 1);
                if at > 0 && art.paragraphs.get(at).is_some_and(|q| is_author_bio(q, &author)) {
                    art.paragraphs.remove(at);
                } else {
                    break;
                }
            }
        }
        self.bylines_and_author(art, &mut found);
        for run in self.actions() {
            if let Run::Late(f) = run {
                f(art);
            }
        }
        self.teaser(art, removed_any);
        if !self.html.skip_images.is_empty() {
            let skip = &self.html.skip_images;
            art.images.retain(|i| !skip.iter().any(|s| i.url.contains(s.as_str())));
        }
    }

    fn starts_cut(&self, q: &str) -> bool {
        let p = &self.paragraphs;
        (!p.cut_at_heading.is_empty() && {
            let h = q.trim_end_matches([':', '：']).trim();
            p.cut_at_heading.iter().any(|x| x == h)
        }) || p.cut_at_starting.iter().any(|s| q.starts_with(s.as_str()))
            || p.cut_at_matching.as_ref().is_some_and(|re| re.is_match(q))
    }

    fn drops(&self, q: &str) -> bool {
        let p = &self.paragraphs;
        p.drop_equal.iter().any(|s| s == q)
            || p.drop_starting.iter().any(|s| q.starts_with(s.as_str()))
            || p.drop_containing.iter().any(|s| q.contains(s.as_str()))
            || p.drop_matching.as_ref().is_some_and(|re| re.is_match(q))
    }

    fn bylines_and_author(&self, art: &mut Article, found: &mut [Option<String>]) {
        if self.bylines.is_empty() && !self.author.cleans() {
            return;
        }
        for (b, slot) in self.bylines.iter().zip(found.iter_mut()) {
            if !b.remove && !b.fallback {
                *slot = search(b, &art.paragraphs);
            }
        }
        let direct = self.bylines.iter().zip(found.iter()).find_map(|(b, n)| n.as_ref().filter(|_| !b.fallback));
        if let Some(name) = direct {
            art.author = Some(name.clone());
            return;
        }
        if self.author.cleans() {
            art.author = art.author.as_deref().and_then(|a| self.clean_author(a));
        }
        if art.author.is_none() {
            for (b, slot) in self.bylines.iter().zip(found.iter()) {
                if !b.fallback {
                    continue;
                }
                let name = if b.remove { slot.clone() } else { search(b, &art.paragraphs) };
                if name.is_some() {
                    art.author = name;
                    return;
                }
            }
        }
    }

    fn clean_author(&self, raw: &str) -> Option<String> {
        let a = &self.author;
        if a.not_person.as_ref().is_some_and(|re| re.is_match(raw.trim())) {
            return None;
        }
        let parts: Vec<&str> = if a.split.is_empty() { vec![raw] } else { raw.split(a.split.as_slice()).collect() };
        let names: Vec<String> = parts
            .into_iter()
            .map(|part| match &a.strip {
                Some(re) => re.replace_all(part.trim(), "").trim().to_owned(),
                None => part.trim().to_owned(),
            })
            .filter(|n| !n.is_empty() && !a.drop_names.iter().any(|d| d.eq_ignore_ascii_case(n)))
            .collect();
        super::join_names(&names)
    }

    fn teaser(&self, art: &mut Article, removed_any: bool) {
        let t = &self.teaser;
        if !t.ends_with.is_empty()
            && let Some(last) = art.paragraphs.last_mut()
        {
            let trimmed = last.trim_end();
            if let Some(rest) = t.ends_with.iter().find_map(|m| trimmed.strip_suffix(m.as_str())) {
                *last = rest.trim_end().to_owned();
                if last.is_empty() {
                    art.paragraphs.pop();
                }
                art.warn(warn::BODY_TRUNCATED);
            }
        }
        if t.always && !art.paragraphs.is_empty() {
            art.warn(warn::BODY_TRUNCATED);
        }
        if let Some(n) = t.single_paragraph_under
            && !removed_any
            && art.paragraphs.len() == 1
            && art.paragraphs.iter().all(|q| q.chars().count() < n)
        {
            art.warn(warn::BODY_TRUNCATED);
        }
    }
}

/// A writer's bio: a short paragraph opening with one of the author's names (any case)
/// and what the person is (`Charlie McCann is …`, `Raymond Zhong是《纽约时报》…`).
pub fn is_author_bio(p: &str, author: &str) -> bool {
    const AFTER: [&str; 10] = [" is ", " was ", " has been ", "是", "为", "為", "曾", "(", "（", ", "];
    if p.len() >= 600 {
        return false;
    }
    author.split(['、', ',', '，']).map(str::trim).filter(|n| n.chars().count() >= 2).any(|name| {
        p.get(..name.len()).is_some_and(|h| h.to_lowercase() == name.to_lowercase())
            && p.get(name.len()..).is_some_and(|rest| AFTER.iter().any(|a| rest.starts_with(a)))
    })
}

/// Two parts of a paragraph joined again: with a space between Latin words, without one
/// next to Chinese text.
fn join_words(before: &str, after: &str) -> String {
    let wide = before.chars().last().is_some_and(crate::normalize::text::is_wide)
        || after.chars().next().is_some_and(crate::normalize::text::is_wide);
    match (before.is_empty(), after.is_empty()) {
        (true, _) => after.to_owned(),
        (_, true) => before.to_owned(),
        _ if wide => format!("{before}{after}"),
        _ => format!("{before} {after}"),
    }
}

/// The paragraph indices a byline rule looks at, in its order.
fn candidates(b: &Byline, n: usize) -> Vec<usize> {
    match b.place {
        Place::First => (0..n.min(b.within)).collect(),
        Place::Last => (n.saturating_sub(b.within)..n).rev().collect(),
        Place::Ends => (0..n).filter(|&i| i < b.within || i.saturating_add(b.within) >= n).collect(),
        Place::Any => (0..n).collect(),
    }
}

/// The name of the first paragraph a (non-removing) byline rule matches.
fn search(b: &Byline, paragraphs: &[String]) -> Option<String> {
    candidates(b, paragraphs.len()).into_iter().find_map(|i| {
        let q = paragraphs.get(i)?.trim();
        if q.chars().count() > b.max_chars {
            return None;
        }
        byline_name(b, &b.pattern.captures(q)?)
    })
}

fn byline_name(b: &Byline, c: &regex::Captures) -> Option<String> {
    if let Some(fixed) = &b.author {
        return Some(fixed.clone());
    }
    let raw = c.name("author").map_or("", |m| m.as_str());
    match b.names {
        NameStyle::Text => Some(raw.trim().to_owned()).filter(|n| !n.is_empty()),
        NameStyle::Credit => super::join_names(&super::credit_names(raw)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_counted_as_char_is_alphanumeric_has_them() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphanumeric(), "U+{:04X}", c as u32);
        }
        let doc = Html::parse_fragment("<ul><li><a>新闻 one 2</a></li><li><a>—！</a></li></ul>");
        let ul = doc.select(&html::selector("ul")).next().map(|e| letters(&e));
        assert_eq!(ul, Some(6));
    }
}
