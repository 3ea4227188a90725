//! `feed`: RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom 1.0 documents. A feed is a
//! container: each `<item>` / `<entry>` is one input (`FILE#N`, N from 1).
//!
//! ```text
//! <rss version="2.0" xmlns:content="…/content/" xmlns:dc="…/elements/1.1/">
//!   <channel><title>Example News</title><link>https://news.example.org/</link>
//!     <item><title>…</title><link>/2024/05/a</link>        (relative: against the
//!       <pubDate>Tue, 07 May 2024 10:30:00 EDT</pubDate>     channel link, xml:base)
//!       <dc:creator>Jane Roe</dc:creator><category>City</category>
//!       <content:encoded><![CDATA[<p>…</p>]]></content:encoded>   (else description)
//!       <enclosure url="…jpg" type="image/jpeg"/><media:thumbnail url="…"/>
//!     </item>…
//! ```
//!
//! Elements are told apart by their namespace (`content:`, `dc:`, `media:`, `atom:`,
//! whatever prefix the feed binds them to; a well-known prefix that the feed forgot to
//! declare counts too). The body is `content:encoded` / Atom `content`, else
//! `description` / `summary`: escaped or CDATA HTML (Atom `type="html"`), inline XHTML
//! (`type="xhtml"`, or markup a feed left unescaped) or plain text, read with the HTML
//! reader and the outlet rules of the item's link. The XML is read as a stream
//! (quick-xml), one item at a time: a damaged feed gives the items before the damage,
//! then one error.

use std::borrow::Cow;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use super::{Body, Category, Context, Draft, Format, Items, Next, Read};
use crate::error::Error;
use crate::normalize::{date, text, url};
use crate::record::{Article, Image, warn};

pub struct Feed;

/// How far into the text the root element is looked for (after the XML declaration,
/// comments, stylesheet instructions and a DOCTYPE).
const HEAD: usize = 4096;

/// The start of `text` after white space, the XML declaration, processing instructions,
/// comments and a DOCTYPE.
fn root_start(text: &str) -> &str {
    let mut s = text.trim_start();
    for _ in 0..16 {
        let next = if let Some(rest) = s.strip_prefix("<?") {
            rest.find("?>").and_then(|e| rest.get(e + 2..))
        } else if let Some(rest) = s.strip_prefix("<!--") {
            rest.find("-->").and_then(|e| rest.get(e + 3..))
        } else if s.get(..9).is_some_and(|h| h.eq_ignore_ascii_case("<!doctype")) {
            s.find('>').and_then(|e| s.get(e + 1..))
        } else {
            break;
        };
        s = next.unwrap_or("").trim_start();
    }
    s
}

/// The root element's name (`rss`, `feed`, `rdf:RDF`) and its start tag.
fn root(text: &str) -> Option<(&str, &str)> {
    let s = root_start(text);
    let rest = s.strip_prefix('<')?;
    let name_end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
    let name = rest.get(..name_end)?;
    let tag_end = rest.find('>').unwrap_or(rest.len().min(HEAD));
    Some((name, rest.get(..tag_end).unwrap_or(rest)))
}

/// The namespaces a feed's elements come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    /// No namespace, or RSS 1.0's / 0.9's own: the plain RSS elements.
    Rss,
    Atom,
    Content,
    Dc,
    Media,
    Other,
}

fn ns_of(resolved: &ResolveResult, prefix: Option<&str>) -> Ns {
    let uri = match resolved {
        ResolveResult::Unbound => return Ns::Rss,
        ResolveResult::Bound(ns) => ns.into_inner(),
        // A well-known prefix the feed forgot to declare.
        ResolveResult::Unknown(_) => {
            return match prefix {
                Some("content") => Ns::Content,
                Some("dc" | "dcterms") => Ns::Dc,
                Some("media") => Ns::Media,
                Some("atom") => Ns::Atom,
                _ => Ns::Other,
            };
        }
    };
    match uri.trim_end_matches('/') {
        "http://www.w3.org/2005/Atom" => Ns::Atom,
        "http://purl.org/rss/1.0/modules/content" => Ns::Content,
        "http://purl.org/dc/elements/1.1" | "http://purl.org/dc/terms" => Ns::Dc,
        "http://search.yahoo.com/mrss" => Ns::Media,
        "http://purl.org/rss/1.0" | "http://my.netscape.com/rdf/simple/0.9" | "http://backend.userland.com/rss2" => {
            Ns::Rss
        }
        _ => Ns::Other,
    }
}

/// What a captured element's text is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    Guid,
    Content,
    Summary,
    Published,
    Updated,
    Author,
    Category,
    Language,
}

/// How a text field is written (Atom's `type`; RSS text is HTML).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
}

/// An element whose text is being gathered.
struct Capture {
    field: Field,
    /// The depth of the element (the stack length with it on).
    depth: usize,
    text: String,
    /// Byte offset just after its start tag (for markup inside it).
    raw_start: usize,
    /// It holds elements (inline XHTML, or HTML a feed did not escape).
    children: bool,
    kind: Kind,
    /// RSS `<guid isPermaLink="false">`.
    permalink: bool,
}

/// One open element.
struct Frame {
    ns: Ns,
    /// Its local name is `item` / `entry`, `author`, `channel` ...
    local: Local,
    /// The base for relative links inside it (`xml:base`, inherited).
    base: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Local {
    Channel,
    Item,
    Author,
    MediaContent,
    Other,
}

/// What an item said, as found.
#[derive(Default)]
struct Item {
    title: Option<(String, Kind)>,
    link: Option<String>,
    /// `rdf:about` of an RSS 1.0 item.
    about: Option<String>,
    guid: Option<String>,
    content: Option<(String, Kind)>,
    summary: Option<(String, Kind)>,
    published: Option<String>,
    updated: Option<String>,
    authors: Vec<String>,
    categories: Vec<String>,
    images: Vec<Image>,
    language: Option<String>,
    base: Option<String>,
}

/// What the channel (the feed itself) said.
#[derive(Default)]
struct Channel {
    title: Option<String>,
    link: Option<String>,
    base: Option<String>,
    language: Option<String>,
}

/// The items of a feed, read one at a time.
struct Reader<'a> {
    xml: NsReader<&'a [u8]>,
    text: &'a str,
    cx: Context<'a>,
    stack: Vec<Frame>,
    channel: Channel,
    item: Option<(usize, Item)>,
    capture: Option<Capture>,
    /// Items given so far (the next one's number is this + 1).
    given: usize,
    done: bool,
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok().flatten()?;
    let v = match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
        Ok(v) => v.into_owned(),
        Err(_) => text::decode_entities(&a.value).into_owned(),
    };
    Some(v)
}

/// Atom's `type`: `html` and `xhtml` are markup, `text` (the default) is not.
fn atom_kind(e: &BytesStart) -> Kind {
    match attr(e, "type").as_deref().map(str::trim) {
        Some("html" | "xhtml" | "text/html" | "application/xhtml+xml") => Kind::Html,
        _ => Kind::Text,
    }
}

fn is_image_type(t: Option<&str>, url: &str) -> bool {
    match t {
        Some(t) => t.trim().to_ascii_lowercase().starts_with("image/"),
        None => {
            let path = url.split(['?', '#']).next().unwrap_or(url).to_ascii_lowercase();
            [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"].iter().any(|x| path.ends_with(x))
        }
    }
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, cx: Context<'a>) -> Self {
        let mut xml = NsReader::from_str(text);
        let config = xml.config_mut();
        config.check_end_names = true;
        // `&` in a URL or a title, left unescaped: common, and harmless.
        config.allow_dangling_amp = true;
        Reader {
            xml,
            text,
            cx,
            stack: Vec::new(),
            channel: Channel::default(),
            item: None,
            capture: None,
            given: 0,
            done: false,
        }
    }

    fn base(&self) -> Option<&str> {
        self.stack.last().and_then(|f| f.base.as_deref())
    }

    fn damaged(&mut self, what: String) -> Option<Result<Draft<'a>, Error>> {
        self.done = true;
        let before = match self.given {
            0 => "no item before it".to_owned(),
            1 => "the 1 item before it was read".to_owned(),
            n => format!("the {n} items before it were read"),
        };
        Some(Err(Error::FeedInvalid(format!("{what} ({before})"))))
    }

    /// An element opens (`empty`: it also closes at once).
    fn open(&mut self, e: &BytesStart, ns: Ns, empty: bool, raw_start: usize) {
        let local_name = e.local_name().into_inner();
        let parent_base = self.base().map(str::to_owned);
        let base = match attr(e, "xml:base") {
            Some(b) => url::resolve(&b, parent_base.as_deref()).or(parent_base),
            None => parent_base,
        };
        if let Some(c) = &mut self.capture {
            c.children = true;
            if !empty {
                self.stack.push(Frame { ns, local: Local::Other, base });
            }
            return;
        }
        let in_item = self.item.is_some();
        let parent = self.stack.last().map(|f| (f.ns, f.local));
        let local = match (ns, local_name) {
            (Ns::Rss, "channel") => Local::Channel,
            (Ns::Atom, "feed") => Local::Channel,
            (Ns::Rss, "item") | (Ns::Atom, "entry") if !in_item => Local::Item,
            (Ns::Atom, "author" | "contributor") => Local::Author,
            (Ns::Media, "content") => Local::MediaContent,
            _ => Local::Other,
        };
        if local == Local::Item {
            let mut item = Item { base: base.clone(), ..Item::default() };
            item.about = attr(e, "rdf:about");
            item.language = attr(e, "xml:lang");
            self.item = Some((self.stack.len() + 1, item));
        }
        if local == Local::Channel && self.channel.language.is_none() {
            self.channel.language = attr(e, "xml:lang");
        }
        if self.channel.base.is_none() && (local == Local::Channel || self.stack.is_empty()) {
            self.channel.base = base.clone();
        }
        // Elements with attributes only.
        self.attributes(e, ns, local_name, parent, base.as_deref());
        let field = match (ns, local_name) {
            (Ns::Rss | Ns::Atom, "title") => Some(Field::Title),
            (Ns::Rss, "link") => Some(Field::Link),
            (Ns::Rss, "guid") => Some(Field::Guid),
            (Ns::Content, "encoded") | (Ns::Atom, "content") => Some(Field::Content),
            (Ns::Rss, "description") | (Ns::Atom, "summary") => Some(Field::Summary),
            (Ns::Rss, "pubDate") | (Ns::Dc, "date" | "issued" | "created") | (Ns::Atom, "published" | "issued") => {
                Some(Field::Published)
            }
            (Ns::Atom, "updated" | "modified") | (Ns::Dc, "modified") => Some(Field::Updated),
            (Ns::Rss, "author") | (Ns::Dc, "creator") => Some(Field::Author),
            (Ns::Atom, "name") if parent.is_some_and(|(_, l)| l == Local::Author) => Some(Field::Author),
            (Ns::Rss, "category") | (Ns::Dc, "subject") => Some(Field::Category),
            (Ns::Rss | Ns::Dc, "language") => Some(Field::Language),
            _ => None,
        };
        // Only an item's own fields, or the channel's title, link and language.
        let field = field.filter(|f| {
            in_item
                || (parent.is_some_and(|(_, l)| l == Local::Channel)
                    && matches!(f, Field::Title | Field::Link | Field::Language))
        });
        if let Some(field) = field.filter(|_| !empty) {
            // An Atom `content` with `src` has its text elsewhere.
            let out_of_line = ns == Ns::Atom && local_name == "content" && attr(e, "src").is_some();
            let kind = match ns {
                Ns::Atom => atom_kind(e),
                _ => Kind::Html,
            };
            if !out_of_line {
                let permalink = attr(e, "isPermaLink").is_none_or(|v| v.trim() != "false");
                self.capture = Some(Capture {
                    field,
                    depth: self.stack.len() + 1,
                    text: String::new(),
                    raw_start,
                    children: false,
                    kind,
                    permalink,
                });
            }
        }
        if !empty {
            self.stack.push(Frame { ns, local, base });
        }
    }

    /// Links, categories and pictures given as attributes.
    fn attributes(&mut self, e: &BytesStart, ns: Ns, local: &str, parent: Option<(Ns, Local)>, base: Option<&str>) {
        let in_channel = parent.is_some_and(|(_, l)| l == Local::Channel);
        match (ns, local) {
            (Ns::Atom, "link") => {
                let rel = attr(e, "rel");
                if rel.as_deref().is_some_and(|r| r != "alternate") {
                    if rel.as_deref() == Some("enclosure")
                        && let Some(href) = attr(e, "href")
                        && is_image_type(attr(e, "type").as_deref(), &href)
                        && let Some((_, item)) = &mut self.item
                    {
                        item.images.extend(url::resolve(&href, base).map(|u| Image { url: u, caption: None }));
                    }
                    return;
                }
                let Some(href) = attr(e, "href") else { return };
                let href = url::resolve(&href, base).unwrap_or(href);
                match &mut self.item {
                    Some((_, item)) => {
                        item.link.get_or_insert(href);
                    }
                    None if in_channel => {
                        self.channel.link.get_or_insert(href);
                    }
                    None => {}
                }
            }
            (Ns::Atom, "category") => {
                if let Some((_, item)) = &mut self.item
                    && let Some(term) = attr(e, "label").or_else(|| attr(e, "term"))
                {
                    item.categories.push(term);
                }
            }
            (Ns::Rss, "enclosure") | (Ns::Media, "content" | "thumbnail") => {
                let Some((_, item)) = &mut self.item else { return };
                let Some(src) = attr(e, "url") else { return };
                let image = local == "thumbnail"
                    || attr(e, "medium").is_some_and(|m| m == "image")
                    || is_image_type(attr(e, "type").as_deref(), &src);
                if image && let Some(u) = url::resolve(&src, base) {
                    item.images.push(Image { url: u, caption: None });
                }
            }
            _ => {}
        }
    }

    /// An element closes. Returns the draft of an item that ends here.
    fn close(&mut self, raw_end: usize) -> Option<Result<Draft<'a>, Error>> {
        let depth = self.stack.len();
        if let Some(c) = self.capture.take_if(|c| c.depth == depth) {
            self.finish_capture(c, raw_end);
        }
        let frame = self.stack.pop()?;
        if frame.local == Local::Item && self.item.as_ref().is_some_and(|(d, _)| *d == depth) {
            let (_, item) = self.item.take()?;
            self.given += 1;
            return Some(self.draft(item));
        }
        None
    }

    fn finish_capture(&mut self, c: Capture, raw_end: usize) {
        // Markup inside the element (inline XHTML): its source is the HTML.
        let value =
            if c.children { self.text.get(c.raw_start..raw_end).unwrap_or_default().to_owned() } else { c.text };
        let kind = if c.children { Kind::Html } else { c.kind };
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return;
        }
        let Some((_, item)) = &mut self.item else {
            match c.field {
                Field::Title => self.channel.title = Some(plain(trimmed, kind)),
                Field::Link => self.channel.link = Some(trimmed.to_owned()),
                Field::Language => self.channel.language = Some(trimmed.to_owned()),
                _ => {}
            }
            return;
        };
        match c.field {
            Field::Title => item.title = Some((trimmed.to_owned(), kind)),
            Field::Link => {
                item.link.get_or_insert_with(|| trimmed.to_owned());
            }
            Field::Guid => {
                if c.permalink {
                    item.guid = Some(trimmed.to_owned());
                }
            }
            Field::Content => item.content = Some((value, kind)),
            Field::Summary => item.summary = Some((value, kind)),
            Field::Published => {
                item.published.get_or_insert_with(|| trimmed.to_owned());
            }
            Field::Updated => {
                item.updated.get_or_insert_with(|| trimmed.to_owned());
            }
            Field::Author => item.authors.push(trimmed.to_owned()),
            Field::Category => item.categories.push(plain(trimmed, kind)),
            Field::Language => item.language = Some(trimmed.to_owned()),
        }
    }

    /// The draft of one item.
    fn draft(&self, item: Item) -> Result<Draft<'a>, Error> {
        let base = item.base.as_deref().or(self.channel.base.as_deref()).or(self.channel.link.as_deref());
        let is_http = |u: &&String| {
            let l = u.trim().to_ascii_lowercase();
            l.starts_with("http://") || l.starts_with("https://")
        };
        let link = item
            .link
            .as_deref()
            .and_then(|l| url::resolve(l, base))
            .or_else(|| item.about.as_ref().filter(is_http).cloned())
            .or_else(|| item.guid.as_ref().filter(is_http).cloned());
        let body = item.content.or(item.summary);
        if body.as_ref().is_none_or(|(t, _)| t.trim().is_empty()) && link.is_none() {
            return Err(Error::EmptyBody("the feed item has no text and no link"));
        }
        let outlet = self.cx.outlet(None, link.as_deref());
        let offset = outlet.and_then(|o| o.home_offset());
        let mut article = Article { url: link, ..Article::default() };
        match &item.title {
            Some((t, kind)) => article.title = plain(t, *kind),
            None => article.warn(warn::NO_TITLE),
        }
        let raw_date = item.published.as_deref().or(item.updated.as_deref());
        article.date = raw_date.and_then(|d| date::parse_lenient(d, offset));
        match (raw_date, &article.date) {
            (None, _) => article.warn(warn::NO_DATE),
            (Some(_), None) => article.warn(warn::DATE_UNPARSED),
            _ => {}
        }
        let names: Vec<String> = item.authors.iter().filter_map(|a| author_name(a)).collect();
        article.author = crate::sites::join_names(&names);
        article.tags = item.categories;
        article.images = item.images;
        article.declared_language = item.language.or_else(|| self.channel.language.clone());
        let body = match body {
            // Feed content is a CMS's HTML, as in the feed mirror's posts: the same share
            // bars, related-post blocks and caption classes.
            Some((html, Kind::Html)) => Body::Html {
                html: html.into(),
                drop: Some(&super::jekyll::feedx::DROP),
                caption: Some(&super::jekyll::feedx::CAPTION),
            },
            Some((t, Kind::Text)) => Body::Paragraphs(paragraphs(&t)),
            None => Body::Paragraphs(Vec::new()),
        };
        Ok(Draft {
            article,
            body,
            outlet,
            label: None,
            publisher: self.channel.title.clone(),
            category: Category::FromRules,
        })
    }
}

/// A title or label: markup (Atom `type="html"`) reduced to its text, entities decoded.
fn plain(t: &str, kind: Kind) -> String {
    let t = if kind == Kind::Html && t.contains('<') {
        let doc = scraper::Html::parse_fragment(t);
        Cow::Owned(doc.root_element().text().collect::<String>())
    } else {
        Cow::Borrowed(t)
    };
    text::clean_inline(&text::decode_entities(&t))
}

/// `jane@example.org (Jane Roe)` -> `Jane Roe`; a bare address is no name.
fn author_name(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if let Some((addr, rest)) = raw.split_once('(')
        && addr.contains('@')
    {
        let name = rest.trim_end().trim_end_matches(')').trim();
        return (!name.is_empty()).then(|| name.to_owned());
    }
    if raw.contains('@') && !raw.contains(' ') {
        return None;
    }
    let name = text::clean_inline(&text::decode_entities(raw));
    (!name.is_empty()).then_some(name)
}

/// Plain text (Atom `type="text"`): paragraphs at blank lines, a single line break kept.
fn paragraphs(t: &str) -> Vec<String> {
    t.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

impl<'a> Iterator for Reader<'a> {
    type Item = Result<Draft<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            let before = usize::try_from(self.xml.buffer_position()).unwrap_or(usize::MAX);
            let event = match self.xml.read_resolved_event() {
                Ok((resolved, event)) => {
                    let ns = match &event {
                        Event::Start(e) | Event::Empty(e) => {
                            let prefix = e.name().prefix().map(|p| p.into_inner());
                            Some(ns_of(&resolved, prefix))
                        }
                        _ => None,
                    };
                    (ns, event)
                }
                Err(e) => {
                    let at = self.xml.error_position();
                    return self.damaged(format!("{e} at byte {at}"));
                }
            };
            let after = usize::try_from(self.xml.buffer_position()).unwrap_or(usize::MAX);
            match event {
                (Some(ns), Event::Start(e)) => self.open(&e, ns, false, after),
                (Some(ns), Event::Empty(e)) => self.open(&e, ns, true, after),
                (_, Event::End(_)) => {
                    if let Some(draft) = self.close(before) {
                        return Some(draft);
                    }
                }
                (_, Event::Text(t)) => {
                    if let Some(c) = &mut self.capture {
                        c.text.push_str(&t.xml10_content());
                    }
                }
                (_, Event::CData(t)) => {
                    if let Some(c) = &mut self.capture {
                        c.text.push_str(&t.xml10_content());
                    }
                }
                (_, Event::GeneralRef(r)) => {
                    if let Some(c) = &mut self.capture {
                        match (r.resolve_char_ref(), quick_xml::escape::resolve_predefined_entity(&r)) {
                            (Ok(Some(ch)), _) => c.text.push(ch),
                            (_, Some(s)) => c.text.push_str(s),
                            // An HTML entity (`&nbsp;`, RSS 0.91 declares them): kept for
                            // the HTML reader and the entity decoding of titles.
                            _ => {
                                c.text.push('&');
                                c.text.push_str(&r);
                                c.text.push(';');
                            }
                        }
                    }
                }
                (_, Event::Eof) => {
                    self.done = true;
                    if !self.stack.is_empty() {
                        let what = if self.item.is_some() { "inside an item" } else { "before its end" };
                        return self.damaged(format!("the feed is cut short {what}"));
                    }
                    if self.given == 0 {
                        return Some(Err(Error::MissingPart("an item (the feed has none)")));
                    }
                    return None;
                }
                _ => {}
            }
        }
    }
}

impl Format for Feed {
    fn name(&self) -> &'static str {
        "feed"
    }

    fn about(&self) -> String {
        "RSS 0.9x/1.0/2.0 and Atom 1.0 feeds: one record per item (FILE#N)".to_owned()
    }

    fn detect(&self, text: &str) -> u8 {
        let Some((name, tag)) = root(text) else { return 0 };
        let local = name.rsplit(':').next().unwrap_or(name);
        match local {
            "rss" => 95,
            "feed" if tag.contains("http://www.w3.org/2005/Atom") => 95,
            "feed" => 60,
            "RDF" if tag.contains("purl.org/rss/1.0") || tag.contains("my.netscape.com/rdf/simple/0.9") => 95,
            _ => 0,
        }
    }

    fn read<'a>(&self, text: &'a str, cx: &Context<'a>) -> Result<Read<'a>, Error> {
        let items: Items<'a> = Box::new(Reader::new(text, *cx));
        Ok(Read::Items(items))
    }

    /// After the root element's end tag: another feed, or text that is ignored.
    fn next_document(&self, text: &str) -> Next {
        let Some((name, _)) = root(text) else { return Next::None };
        let close = format!("</{name}>");
        let Some(end) = text.find(&close).map(|i| i + close.len()) else { return Next::None };
        let rest = text.get(end..).unwrap_or_default();
        if rest.trim().is_empty() {
            Next::None
        } else if self.detect(rest) > 0 {
            Next::At(end)
        } else {
            Next::Ignored
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::apply_rules;

    fn items(feed: &str) -> Vec<Result<Article, String>> {
        let cx = Context::default();
        let Ok(Read::Items(items)) = Feed.read(feed, &cx) else { panic!("not a container") };
        items.map(|r| r.map(apply_rules).map_err(|e| format!("{}: {e}", e.kind()))).collect()
    }

    #[test]
    fn detects_roots_behind_declarations() {
        let rss =
            "\u{FEFF}<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"s.xsl\"?>\n<!-- c -->\n<rss version=\"2.0\">";
        assert_eq!(Feed.detect(rss.trim_start_matches('\u{FEFF}')), 95);
        assert_eq!(Feed.detect("<!DOCTYPE rss PUBLIC \"-//Netscape\" \"x\">\n<rss version=\"0.91\">"), 95);
        assert_eq!(Feed.detect("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), 95);
        assert_eq!(Feed.detect("<rdf:RDF xmlns:rdf=\"x\" xmlns=\"http://purl.org/rss/1.0/\">"), 95);
        assert_eq!(Feed.detect("<!doctype html><html>"), 0);
        assert_eq!(Feed.detect("---\ntitle: x\n---\n"), 0);
    }

    #[test]
    fn atom_text_html_and_xhtml() {
        let feed = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.net/">
  <title type="html">A &lt;b&gt;blog&lt;/b&gt;</title>
  <entry><title>One</title><link href="posts/one"/><updated>2024-05-07T10:30:00+02:00</updated>
    <author><name>Jane Roe</name><email>j@example.net</email></author>
    <content type="html">&lt;p&gt;First &amp;amp; second.&lt;/p&gt;&lt;p&gt;Third.&lt;/p&gt;</content></entry>
  <entry><title>Two</title><link rel="alternate" href="/two"/><published>2024-05-08T00:00:00Z</published>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Inline <em>XHTML</em>.</p><p>More.</p></div></content></entry>
  <entry><title>Three</title><id>urn:x</id><summary>Plain text.

Second paragraph.</summary></entry>
</feed>"#;
        let got = items(feed);
        let one = got[0].as_ref().unwrap();
        assert_eq!(one.url.as_deref(), Some("https://blog.example.net/posts/one"));
        assert_eq!(one.paragraphs, vec!["First & second.", "Third."]);
        assert_eq!(one.author.as_deref(), Some("Jane Roe"));
        assert_eq!(one.publisher.as_deref(), Some("A blog"));
        let two = got[1].as_ref().unwrap();
        assert_eq!(two.url.as_deref(), Some("https://blog.example.net/two"));
        assert_eq!(two.paragraphs, vec!["Inline XHTML.", "More."]);
        let three = got[2].as_ref().unwrap();
        assert_eq!(three.paragraphs, vec!["Plain text.", "Second paragraph."]);
        assert_eq!(three.url, None);
    }
}
