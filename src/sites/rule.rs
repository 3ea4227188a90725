//! The rule file format (TOML), as read: every key of an outlet's rule, with the place
//! in the file it was written (for error messages). [`super::Outlet`] is the compiled
//! form. The README's "Outlet rules" section is the reference for every key.

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// A text value with the place it was written.
pub type Text = Spanned<String>;

fn is_false(b: &bool) -> bool {
    !*b
}

/// A table with nothing but defaults (left out of `outlets show`).
fn is_empty_table<T: Serialize>(t: &T) -> bool {
    toml::to_string(t).is_ok_and(|s| s.trim().is_empty())
}

/// One outlet's rule file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Short stable key (`cna`); the file is `rules/<key>.toml`.
    pub key: Text,
    /// The outlet in its own usual name (the record's `publisher`).
    pub publisher: String,
    /// Feed labels and dateline names that identify the outlet (matched exactly).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<Text>,
    /// Hosts of its article URLs (`cna.com.tw` also matches `www.cna.com.tw`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<Text>,
    /// The fixed UTC offset its dates are written in (`+08:00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_offset: Option<Text>,
    /// Named actions (cleaning written in Rust).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Text>,
    #[serde(default, skip_serializing_if = "is_empty_table")]
    pub title: TitleRule,
    #[serde(default, skip_serializing_if = "is_empty_table")]
    pub html: HtmlRule,
    #[serde(default, skip_serializing_if = "is_empty_table")]
    pub markdown: MarkdownRule,
    #[serde(default, skip_serializing_if = "is_empty_table")]
    pub paragraphs: ParagraphRule,
    #[serde(default, skip_serializing_if = "is_empty_table")]
    pub author: AuthorRule,
    #[serde(default, skip_serializing_if = "is_empty_table")]
    pub teaser: TeaserRule,
    #[serde(default, skip_serializing_if = "is_empty_table")]
    pub credits: CreditsRule,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub byline: Vec<BylineRule>,
    /// Test cases of the rule, run by `newsnorm outlets check`.
    #[serde(default, rename = "example", skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Spanned<Example>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TitleRule {
    /// `[國際] 標題`: the bracketed section moves to `category`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub section_prefix: bool,
    /// `【名家专栏】標題`: the column name in `【】` moves to `category`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub column_prefix: bool,
    /// The first of these that opens the title is removed and, without its closing
    /// punctuation, is the `category` (`FT社评：` -> `FT社评`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category_prefixes: Vec<Text>,
    /// The first of these that opens the title is removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strip_prefixes: Vec<Text>,
    /// Each of these, in order, is removed from the end of the title.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strip_suffixes: Vec<Text>,
    /// Regexes whose matches are removed from the title.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strip: Vec<Text>,
    /// The title ends after the first of these markers (when more follows).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cut_after: Vec<Text>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HtmlRule {
    /// CSS selectors of boilerplate, dropped with everything inside.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drop: Vec<Text>,
    /// CSS selectors of picture captions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caption: Vec<Text>,
    /// CSS selectors of keyword tags (their text leaves the body).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tag: Vec<Text>,
    /// CSS selectors of elements whose text is also a tag (it stays in the body).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags_from: Vec<Text>,
    /// CSS selectors: the first non-empty text is the `category`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category_from: Vec<Text>,
    /// CSS selectors: the first match's text is the author.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author_from: Vec<Text>,
    /// Removed from the start of the `author_from` text (`by `).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author_prefixes: Vec<Text>,
    /// Drop lists (`ul`/`ol`) whose every item is only links.
    #[serde(default, skip_serializing_if = "is_false")]
    pub link_lists: bool,
    /// Drop a heading (`h2`-`h4`) starting with one of these and everything after it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drop_from_heading: Vec<Text>,
    /// A heading (`h2`-`h4`) starting with one of these opens a picture gallery: the
    /// heading and the picture blocks right after it (elements holding an `img`) are
    /// dropped; the text after the gallery is the article going on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gallery_heading: Vec<Text>,
    /// Images whose URL contains one of these are not pictures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skip_images: Vec<Text>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownRule {
    /// A `---` rule in a Markdown body starts the promo: the body ends there.
    #[serde(default, skip_serializing_if = "is_false")]
    pub rule_starts_promo: bool,
    /// Only a rule followed by a block starting with one of these starts the promo (the
    /// subscription appeal, the author bio); other rules are article text. Implies
    /// `rule_starts_promo`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub promo_starts: Vec<Text>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ParagraphRule {
    /// Drop the headline where one of the first four paragraphs repeats it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub drop_title_repeats: bool,
    /// Drop a paragraph that is exactly one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drop_equal: Vec<Text>,
    /// Drop a paragraph that starts with one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drop_starting: Vec<Text>,
    /// Drop a paragraph that contains one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drop_containing: Vec<Text>,
    /// Drop a paragraph that a regex matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drop_matching: Vec<Text>,
    /// Drop the last paragraph when it starts `<author> is ` (a writer's bio).
    #[serde(default, skip_serializing_if = "is_false")]
    pub drop_author_bio: bool,
    /// Cut the body at the first paragraph that is one of these headings (an optional
    /// colon after it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cut_at_heading: Vec<Text>,
    /// Cut the body at the first paragraph starting with one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cut_at_starting: Vec<Text>,
    /// Cut the body at the first paragraph a regex matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cut_at_matching: Vec<Text>,
    /// The cut ends before the first later paragraph starting with one of these (which
    /// is kept, with what follows).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cut_until_starting: Vec<Text>,
    /// Patterns removed inside paragraphs (a paragraph left empty goes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strip: Vec<StripRule>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StripRule {
    /// The regex removed (every match).
    pub pattern: Text,
    /// What replaces it (`$1`, `$name` refer to groups); empty by default.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub with: String,
    /// Leave a paragraph alone when this regex matches it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless: Option<Text>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    /// The first `within` paragraphs, in order.
    #[default]
    First,
    /// The last `within` paragraphs, from the end.
    Last,
    /// The first and the last `within` paragraphs, in order.
    Ends,
    /// Every paragraph.
    Any,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NameStyle {
    /// The group as written, trimmed.
    #[default]
    Text,
    /// A credit: names up to the first role word (`报道`, `编辑`, ...), separated by
    /// `、`, each without the place after it (`钟元台北` -> `钟元`).
    Credit,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BylineRule {
    /// A regex with a named group `author` (unless `author` is given).
    pub pattern: Text,
    /// Which paragraphs are looked at.
    #[serde(default, rename = "where")]
    pub place: Place,
    /// How many paragraphs `first`, `last` and `ends` look at (1, 1, 2 by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<usize>,
    /// Longer paragraphs are not bylines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<usize>,
    /// Remove the matching paragraphs from the body.
    #[serde(default, skip_serializing_if = "is_false")]
    pub remove: bool,
    /// Remove only the text the pattern matched (`作者：X` opening a paragraph); the rest
    /// of the paragraph stays, a paragraph left empty goes.
    #[serde(default, skip_serializing_if = "is_false")]
    pub strip: bool,
    /// How the `author` group is read.
    #[serde(default)]
    pub names: NameStyle,
    /// The author named when the pattern matches (instead of a group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Only when the article has no author otherwise.
    #[serde(default, skip_serializing_if = "is_false")]
    pub fallback: bool,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorRule {
    /// A feed label (the Jekyll `author:`) that is not one of `names` names the writer:
    /// it is the author (before bylines and the other author rules).
    #[serde(default, skip_serializing_if = "is_false")]
    pub from_label: bool,
    /// Characters that separate names in the source's author value.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub split: String,
    /// A regex removed from each name (a role: `記者`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strip: Option<Text>,
    /// Names that are not authors (an agency, the outlet), compared ignoring ASCII case.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drop_names: Vec<Text>,
    /// When this regex matches the whole author value, it names no person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_person: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TeaserRule {
    /// The last paragraph ending with one of these (a "more" link) is a teaser: the
    /// marker goes and `body_truncated` is set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ends_with: Vec<Text>,
    /// Every body of this outlet is incomplete.
    #[serde(default, skip_serializing_if = "is_false")]
    pub always: bool,
    /// A body of one paragraph shorter than this many characters is an excerpt (when
    /// no paragraph rule removed anything).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single_paragraph_under: Option<usize>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CreditsRule {
    /// Kinds of credit lines that stay in the body (`writer`, `reporter`, `translator`,
    /// `editor`, `photographer`, `source`, `contributor`); by default every credit line
    /// leaves it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keep: Vec<Text>,
    /// Kinds whose names are the author when the article names no one else (by default
    /// `writer` and `reporter`; `[]`: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_from: Option<Vec<Text>>,
}

/// A test case of a rule: an input (paragraphs, HTML or Markdown, with a title and the
/// input's own metadata) and what the outlet-rule stage must make of it (`expect`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// What the case shows (named on failure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The title as the input gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The body as paragraphs (plain text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<String>,
    /// The body as HTML.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// The body as Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
    /// The author the input gives (a feed header, front matter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The feed label (Jekyll `author:`) or dateline name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The article's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Pictures the input gives with the paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<ExampleImage>,
    /// What comes out; each key left out is not checked.
    #[serde(default)]
    pub expect: Expect,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleImage {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

/// The expected result of an [`Example`].
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The body's paragraphs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Vec<String>>,
    /// The author (the publisher when no one is named).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The category (`""`: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Warning codes (`body_truncated`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warnings: Option<Vec<String>>,
    /// The pictures' URLs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub images: Option<Vec<String>>,
    /// The pictures' captions (`""`: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captions: Option<Vec<String>>,
}

impl Expect {
    /// Does it check anything?
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.body.is_none()
            && self.author.is_none()
            && self.category.is_none()
            && self.tags.is_none()
            && self.warnings.is_none()
            && self.images.is_none()
            && self.captions.is_none()
    }
}
