//! Input formats: one module per format behind the [`Format`] trait, all listed in
//! [`FORMATS`]. Adding a format is adding a module and a line there.
//!
//! Detection asks every format for a confidence (0 = not mine, 100 = certain); the
//! highest wins. An exact tie between the best two is reported as `ambiguous_format`
//! rather than settled by the order of this list.

use crate::error::Error;
use crate::frontmatter;
use crate::record::{Article, PageType};
use crate::sites::{Outlet, Outlets};

pub mod html_page;
pub mod jekyll;
pub mod portal_text;
pub mod wayback_markdown;

/// One input format.
pub trait Format: Sync {
    /// The stable name written as `format` (`jekyll`, `portal-text`, ...).
    fn name(&self) -> &'static str;
    /// How sure this format is that `text` is one of its files: 0 (not at all) to 100.
    /// Must be cheap: it runs for every format on every input.
    fn detect(&self, text: &str) -> u8;
    /// Extract the article fields: find the outlet with [`Context::outlet`], fill in
    /// the metadata and hand the body to [`crate::sites::apply`].
    fn extract(&self, text: &str, cx: &Context) -> Result<Article, Error>;
    /// What kind of page `text` is, as [`Format::extract`] would say in `page_type`,
    /// without extracting it (for `newsnorm detect`): an article unless the format reads
    /// pages of other kinds.
    fn page_type(&self, _text: &str) -> PageType {
        PageType::Article
    }
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

/// Every format, in no meaningful order.
pub static FORMATS: &[&dyn Format] =
    &[&jekyll::Jekyll, &portal_text::PortalText, &wayback_markdown::WaybackMarkdown, &html_page::HtmlPage];

/// The format called `name`.
pub fn by_name(name: &str) -> Option<&'static dyn Format> {
    FORMATS.iter().find(|f| f.name() == name).copied()
}

/// The names of all formats, comma-separated.
pub fn names() -> String {
    FORMATS.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
}

/// The format that recognises `text` most confidently.
///
/// When none does, or two tie, a broken front matter is the better explanation: the
/// error says that (`front_matter_unclosed`, `front_matter_invalid`) rather than that
/// the format is unknown or ambiguous.
pub fn detect(text: &str) -> Result<&'static dyn Format, Error> {
    let mut scored: Vec<(u8, &'static dyn Format)> = FORMATS.iter().map(|f| (f.detect(text), *f)).collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    let err = match scored.as_slice() {
        [(best, f), (second, g), ..] if *best > 0 && best == second => Error::AmbiguousFormat(f.name(), g.name()),
        [(best, f), ..] if *best > 0 => return Ok(*f),
        _ => Error::UnrecognizedFormat { tried: names() },
    };
    if let Some(split) = frontmatter::split(text) {
        let (yaml, _) = split?;
        frontmatter::parse(yaml)?;
    }
    Err(err)
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
        // A valid front matter that neither format claims more than the other.
        assert_eq!(kind("---\ntitle: a\n---\nbody\n"), Some("ambiguous_format"));
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
