//! Input formats: one module per format behind the [`Format`] trait, all listed in
//! [`FORMATS`]. A format only reads: it recognises its documents and hands the pipeline
//! a [`Draft`] of raw parts per document (several for a container). Adding a format is
//! adding a module and a line there.
//!
//! Detection asks every format for a confidence (0 = not mine, 100 = certain); the
//! highest wins. An exact tie between the best two is reported as `ambiguous_format`
//! rather than settled by the order of this list.

use std::borrow::Cow;

use scraper::Selector;

use crate::error::Error;
use crate::record::{Article, PageType};
use crate::sites::{Outlet, Outlets};

pub mod feed;
pub mod html_page;
pub mod jekyll;
pub mod json;
pub mod mhtml;
pub mod portal_text;
pub mod spec;
pub mod static_site;
pub mod user;
pub mod wayback_markdown;

/// One input format: it recognises its documents and reads them into [`Draft`]s. The
/// rest (outlet rules, normalisation, the record) is the pipeline's
/// ([`crate::pipeline`]), the same for every format.
pub trait Format: Sync {
    /// The stable name written as `format` (`jekyll`, `portal-text`, ...).
    fn name(&self) -> &'static str;
    /// How sure this format is that `text` is one of its files: 0 (not at all) to 100.
    /// Must be cheap: it runs for every format on every input.
    fn detect(&self, text: &str) -> u8;
    /// [`Format::detect`] knowing the input's name too (`source_path`): formats that are
    /// recognised by a file extension (user formats) look at it; others ignore it.
    fn detect_named(&self, text: &str, _name: &str) -> u8 {
        self.detect(text)
    }
    /// Read the document: its metadata, its raw body and its outlet, as found. A
    /// container (a feed, a JSON array) gives one draft per item.
    fn read<'a>(&self, text: &'a str, cx: &Context<'a>) -> Result<Read<'a>, Error>;
    /// When `text` may be several documents one after another (stdin: `cat posts/* |
    /// newsnorm`): where the second one starts, if this format can tell.
    fn next_document(&self, _text: &str) -> Next {
        Next::None
    }
    /// What the format reads, in a few words (for `newsnorm formats`).
    fn about(&self) -> String {
        String::new()
    }
    /// What kind of page `text` is, as reading it would say in `page_type`, without
    /// reading it (for `newsnorm detect`): an article unless the format reads pages of
    /// other kinds.
    fn page_type(&self, _text: &str) -> PageType {
        PageType::Article
    }
    /// Read `text` and apply the outlet rules ([`crate::pipeline::apply_rules`]): the
    /// article before normalisation. A container gives its first item.
    fn extract(&self, text: &str, cx: &Context) -> Result<Article, Error> {
        let draft = match self.read(text, cx)? {
            Read::One(draft) => draft,
            Read::Items(mut items) => items.next().unwrap_or(Err(Error::MissingPart("an item in the container")))?,
        };
        Ok(crate::pipeline::apply_rules(draft))
    }
}

/// What a format read from one input.
// `One` is the common case, moved once per input: not worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Read<'a> {
    /// One document.
    One(Draft<'a>),
    /// A container: one draft (or the error of one item) per item, in order. Items are
    /// read lazily, one at a time.
    Items(Items<'a>),
}

/// The items of a container.
pub type Items<'a> = Box<dyn Iterator<Item = Result<Draft<'a>, Error>> + 'a>;

/// Where the next document starts in a text that may hold several (see
/// [`Format::next_document`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// No other document follows (or the format cannot tell).
    None,
    /// Another document starts at this byte offset.
    At(usize),
    /// Text follows the document that this format cannot read as another one: it is
    /// ignored, with warning `trailing_text_ignored`.
    Ignored,
}

/// One document as a format read it, before the outlet rules: the metadata found, the
/// raw body, and who the outlet is. [`crate::pipeline::apply_rules`] turns it into an
/// [`Article`].
pub struct Draft<'a> {
    /// The metadata (title, date, author, url, tags, ...) as found; `paragraphs` and
    /// `images` are filled from `body` by the rules.
    pub article: Article,
    pub body: Body<'a>,
    /// The outlet whose rules apply (see [`Context::outlet`]).
    pub outlet: Option<&'a Outlet>,
    /// The feed label or dateline name the input gave, if any (an outlet's rule may make
    /// it the author).
    pub label: Option<String>,
    /// The publisher when no outlet claims the article.
    pub publisher: Option<String>,
    /// A category the input declares, applied after the rules.
    pub category: Category,
}

impl<'a> Draft<'a> {
    /// A draft of `article` with `body`, no outlet, no label.
    pub fn new(article: Article, body: Body<'a>) -> Self {
        Draft { article, body, outlet: None, label: None, publisher: None, category: Category::FromRules }
    }
}

/// The raw body of a draft.
pub enum Body<'a> {
    /// An HTML fragment (a post's or a feed item's HTML), read by the HTML reader with
    /// the outlet's HTML rules. `drop` and `caption`: the format's own conventions, added
    /// to the outlet's.
    Html { html: Cow<'a, str>, drop: Option<&'static Selector>, caption: Option<&'static Selector> },
    /// The paragraphs of a full page, read by the page reader ([`crate::page`]): after the
    /// rules, the headline and picture captions repeated in them are dropped.
    Page(Vec<String>),
    /// Markdown.
    Markdown(Cow<'a, str>),
    /// Paragraphs of plain text, already split.
    Paragraphs(Vec<String>),
}

impl<'a> Body<'a> {
    /// An HTML fragment with no conventions of the format's own.
    pub fn html(html: impl Into<Cow<'a, str>>) -> Self {
        Body::Html { html: html.into(), drop: None, caption: None }
    }
}

/// A category the input declares, beside what the outlet rules find (a section tag
/// taken from the title, a category element of the page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Category {
    /// None: the rules' category, if any, stands.
    #[default]
    FromRules,
    /// Used when the rules found none (the feed mirror's `categories`).
    Fallback(String),
    /// The input's own, whatever the rules found (an archive's front matter `category`,
    /// also when it has none).
    Declared(Option<String>),
}

/// What a format needs beyond the text: the outlets of the run, and what the container
/// or stream knows (the URL it fetched the input from).
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub outlets: &'a Outlets,
    /// The hint URL ([`crate::Hint::url`]): the outlet's host when the input names no URL.
    pub url: Option<&'a str>,
}

impl Default for Context<'static> {
    fn default() -> Self {
        Context { outlets: Outlets::builtin(), url: None }
    }
}

impl<'a> Context<'a> {
    /// The outlet named by `label` (feed label, dateline name), else by the host of
    /// `url`, else by the host of the hint URL.
    pub fn outlet(&self, label: Option<&str>, url: Option<&str>) -> Option<&'a Outlet> {
        self.outlets.find(label, url.or(self.url))
    }
}

/// Every built-in format, in no meaningful order.
pub static FORMATS: &[&dyn Format] = &[
    &jekyll::Jekyll,
    &portal_text::PortalText,
    &wayback_markdown::WaybackMarkdown,
    &html_page::HtmlPage,
    &feed::Feed,
    &json::Json,
    &static_site::StaticSite,
    &mhtml::Mhtml,
];

pub use user::{Formats, UserFormat};

/// The built-in format called `name`.
pub fn by_name(name: &str) -> Option<&'static dyn Format> {
    FORMATS.iter().find(|f| f.name() == name).copied()
}

/// The names of all built-in formats, comma-separated.
pub fn names() -> String {
    FORMATS.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
}

/// The built-in format that recognises `text` most confidently (see
/// [`Formats::detect`]).
pub fn detect(text: &str) -> Result<&'static dyn Format, Error> {
    Formats::builtin().detect(text, None)
}

/// The front matter block's text, when `text` opens with one (cheap, for detectors).
pub(crate) fn front_matter_head(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---")?;
    let rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n'))?;
    let end = rest.find("\n---").unwrap_or(rest.len().min(16 * 1024));
    rest.get(..end)
}

/// Does the front matter have a top-level `key:`?
pub(crate) fn has_key(front: &str, key: &str) -> bool {
    front.lines().any(|l| l.strip_prefix(key).is_some_and(|r| r.starts_with(':')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_text_is_unrecognised() {
        let err = detect("just a line of text").err().map(|e| e.kind());
        assert_eq!(err, Some("unrecognized_format"));
    }

    #[test]
    fn broken_front_matter_explains_a_failed_detection() {
        let kind = |t: &str| detect(t).err().map(|e| e.kind());
        assert_eq!(kind("---\n- a\n- b\n---\nbody\n"), Some("front_matter_invalid"));
        assert_eq!(kind("---\ntitle: a\nbody\n"), Some("front_matter_unclosed"));
        // A valid front matter with a text body and neither the feed mirror's nor the
        // archive's marks: a static-site post.
        assert_eq!(detect("---\ntitle: a\n---\nbody\n").map(|f| f.name()).ok(), Some("markdown"));
    }

    #[test]
    fn names_are_unique() {
        let mut n: Vec<_> = FORMATS.iter().map(|f| f.name()).collect();
        n.dedup();
        assert_eq!(n.len(), FORMATS.len());
        assert!(by_name("jekyll").is_some());
        assert!(by_name("nope").is_none());
    }
}
