//! `markdown`: posts of static-site generators (Hugo, Jekyll blogs, Hexo, Astro, Zola):
//! a YAML (`---`) or TOML (`+++`) front matter, then a Markdown body.
//!
//! ```text
//! ---                                   +++
//! title: "…"                            title = "…"
//! date: 2024-05-07 10:30:00 +0200       date = 2024-05-07T10:30:00+02:00
//! author: Jane Roe                      authors = ["Jane Roe"]
//! canonical_url: https://blog.example/… [taxonomies] tags = ["a"]
//! tags: [a, b]                          +++
//! ---
//! Markdown: **emphasis**, [links](…), ## headings, {% liquid %} and {{< shortcodes >}}
//! ```
//!
//! Told apart from the two other front matter formats by the document's shape, never by
//! its name: the feed mirror's `jekyll` posts have a `from:` key or an HTML body after
//! an `<!--epoch-->` comment or a `[title](url)` line and a `------` rule; the archive's
//! `wayback-markdown` articles an `original_url` or an archive capture `url`. Which front
//! matter key feeds which field is data: `formats/markdown.toml`.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::spec::{Origin, Spec};
use super::{Context, Format, Next, Read, front_matter_head, has_key, jekyll, json};
use crate::error::Error;
use crate::frontmatter;
use crate::record::warn;

pub struct StaticSite;

/// The field mapping.
pub static FILE: &str = include_str!("../../formats/markdown.toml");

static SPEC: LazyLock<Spec> =
    LazyLock::new(|| match Spec::compile("formats/markdown.toml", FILE, Origin::Builtin("markdown.toml")) {
        Ok(s) => s,
        Err(e) => panic!("invalid built-in format file: {e}"),
    });

/// Jekyll's Liquid tags (`{% include x.html %}`, `{% highlight %}`) and outputs
/// (`{{ site.url }}`): template markup, not text. Hugo's shortcodes go in the renderer.
static LIQUID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)\{%-?\s*(?:end)?[a-z_]+.{0,400}?-?%\}|\{\{-?\s*[a-z_][\w.]*(?:\s*\|[^{}]{0,200})?\s*-?\}\}")
        .expect("static regex")
});

/// The feed mirror's shape: its `from:` key, or the `<!--epoch-->` comment, or a
/// `[title](url)` line and a `------` rule, opening its body.
fn is_mirror_post(front: &str, after: &str) -> bool {
    if has_key(front, "from") {
        return true;
    }
    let mut lines = after.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(first) = lines.next() else { return false };
    if first.starts_with("<!--")
        && first.ends_with("-->")
        && first.trim_matches(['<', '!', '-', '>', ' ']).bytes().all(|b| b.is_ascii_digit())
    {
        return true;
    }
    jekyll::link_line(first).is_some() && lines.next().is_some_and(|l| l.len() >= 3 && l.bytes().all(|b| b == b'-'))
}

/// The archive's shape: an `original_url`, or a capture URL as `url`.
fn is_archive_article(front: &str) -> bool {
    has_key(front, "original_url") || front.lines().any(|l| l.starts_with("url:") && l.contains("archive.org/web/"))
}

impl Format for StaticSite {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn about(&self) -> String {
        "static-site posts (Hugo, Jekyll blogs, Hexo, Astro, Zola): YAML or TOML front matter, Markdown body".to_owned()
    }

    fn detect(&self, text: &str) -> u8 {
        if text.lines().next().is_some_and(|l| l.trim_end() == "+++") {
            return 85;
        }
        let Some(front) = front_matter_head(text) else { return 0 };
        let start = if text.starts_with("---\r\n") { 5 } else { 4 };
        let after = text.get(start + front.len()..).unwrap_or_default();
        // A front matter that is closed, and a mapping (a broken one is explained by
        // the detection's error).
        let closed = after.starts_with("\n---");
        let keyed = front.lines().any(|l| {
            l.split_once(':').is_some_and(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            })
        });
        if !closed || !keyed {
            return 0;
        }
        let after = after.split_once('\n').map_or("", |(_, rest)| rest);
        let after = after.get(..after.len().min(4096)).unwrap_or(after);
        if is_mirror_post(front, after) || is_archive_article(front) {
            return 0;
        }
        // An HTML body is not Markdown (a post written in HTML still reads).
        if after.trim_start().starts_with('<') && !after.trim_start().starts_with("<!--") {
            return 30;
        }
        75
    }

    fn read<'a>(&self, text: &'a str, cx: &Context<'a>) -> Result<Read<'a>, Error> {
        let (fm, rest) = frontmatter::split_any(text).ok_or(Error::MissingPart("front matter (--- or +++)"))??;
        let body: Cow<'a, str> = if rest.contains("{%") || rest.contains("{{") {
            Cow::Owned(LIQUID.replace_all(rest, "").into_owned())
        } else {
            Cow::Borrowed(rest)
        };
        let mut draft = json::draft(&SPEC, &fm.to_json(), Some(body), cx)?;
        if fm.lenient {
            draft.article.warn(warn::FRONT_MATTER_LENIENT);
        }
        if draft.publisher.is_none() {
            draft.publisher = draft.article.url.as_deref().and_then(crate::sites::host_of);
        }
        Ok(Read::One(draft))
    }

    fn next_document(&self, text: &str) -> Next {
        frontmatter::next_document(text).map_or(Next::None, Next::At)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_mapping_compiles() {
        assert_eq!(SPEC.name, "markdown");
        assert!(SPEC.fields.url.contains(&"/canonical_url".to_owned()));
    }

    #[test]
    fn liquid_goes() {
        let t = "a {% include note.html text=\"x\" %} b {{ site.url }} c {{< video >}}";
        assert_eq!(LIQUID.replace_all(t, ""), "a  b  c {{< video >}}");
    }
}
