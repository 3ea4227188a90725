//! Formats as data: a TOML format file declares how a shape of document is recognised
//! and where each record field comes from. The built-in `json` shapes (news-please,
//! fundus, trafilatura, newspaper, scrapy: `formats/*.toml`) are written this way, and a
//! user adds a format with `--formats FILE` without recompiling.
//!
//! ```toml
//! name = "acme-export"                  # the record's `format` (user files)
//! description = "ACME CMS JSON export"
//!
//! [recognise]                           # every condition given must hold
//! extension = ["json", "jsonl"]         # the input's name ends with `.json` / `.jsonl`
//! json_keys = ["headline", "/story/text"]   # a JSON object with these keys / pointers
//! # front_matter_key = "canonical_url"  # a YAML or TOML front matter with this key
//! # first_line = '^\{"headline"'        # a regex the first non-empty line matches
//!
//! [fields]                              # a source, or a list: the first with a value
//! title = "headline"                    # a key, or a JSON pointer (`/story/title`)
//! date = ["published_at", "updated_at"]
//! author = "byline"                     # a string, a list, or objects with `name`
//! url = "link"
//!
//! [body]
//! from = "/story/text"                  # a string, or a list of strings (paragraphs)
//! # parts = ["/summary", "/sections"]   # or: all of these in turn, as paragraphs
//! as = "text"                           # text | markdown | html | page | auto
//! ```
//!
//! A source is a JSON pointer (RFC 6901, `/a/b/0`) or a top-level key (`title`, the same
//! as `/title`); in a front matter document it is a key of the front matter. Fields:
//! `title`, `date`, `author`, `publisher`, `url`, `tags`, `category`, `language`,
//! `images`. Without `[body]`, a front matter document's body is the text after it.
//! `as`: `text` (paragraphs at blank lines, else at line breaks), `markdown`, `html` (a
//! fragment), `page` (a full saved page, read as the `html` format reads it, the
//! declared fields filling what the page lacks), `auto` (`page` for a full page, `html`
//! when there is markup, else `text`).

use std::fmt;
use std::path::PathBuf;

use regex::Regex;
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;

/// A format file that cannot be used: the file, the line and the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {problem}")]
pub struct FormatError {
    pub file: String,
    pub line: usize,
    pub problem: String,
}

/// One source or a list of them, as written.
#[derive(Debug, Clone, Default)]
pub struct Sources(pub Vec<String>);

impl<'de> Deserialize<'de> for Sources {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Sources;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key or JSON pointer, or a list of them")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Sources, E> {
                Ok(Sources(vec![v.to_owned()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Sources, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    out.push(s);
                }
                Ok(Sources(out))
            }
        }
        d.deserialize_any(V)
    }
}

type Src = Option<Spanned<Sources>>;

/// A format file, as read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    name: Spanned<String>,
    #[serde(default)]
    description: Option<String>,
    recognise: Spanned<RecogniseFile>,
    #[serde(default)]
    fields: FieldsFile,
    #[serde(default)]
    body: Option<Spanned<BodyFile>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RecogniseFile {
    #[serde(default)]
    extension: Option<Spanned<Sources>>,
    #[serde(default)]
    json_keys: Option<Spanned<Sources>>,
    #[serde(default)]
    front_matter_key: Option<Spanned<String>>,
    #[serde(default)]
    first_line: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FieldsFile {
    #[serde(default)]
    title: Src,
    #[serde(default)]
    date: Src,
    #[serde(default)]
    author: Src,
    #[serde(default)]
    publisher: Src,
    #[serde(default)]
    url: Src,
    #[serde(default)]
    tags: Src,
    #[serde(default)]
    category: Src,
    #[serde(default)]
    language: Src,
    #[serde(default)]
    images: Src,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BodyFile {
    #[serde(default)]
    from: Src,
    #[serde(default)]
    parts: Src,
    #[serde(default, rename = "as")]
    kind: Option<Spanned<String>>,
}

/// How a body value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Text,
    Markdown,
    Html,
    Page,
    Auto,
}

impl BodyKind {
    const NAMES: [(&'static str, BodyKind); 5] = [
        ("text", BodyKind::Text),
        ("markdown", BodyKind::Markdown),
        ("html", BodyKind::Html),
        ("page", BodyKind::Page),
        ("auto", BodyKind::Auto),
    ];

    pub fn name(self) -> &'static str {
        Self::NAMES.iter().find(|(_, k)| *k == self).map_or("text", |(n, _)| n)
    }
}

/// Where the format file came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary (`formats/<file>` in the repository).
    Builtin(&'static str),
    /// A user format file.
    File(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Builtin(file) => write!(f, "built-in (formats/{file})"),
            Origin::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// The record fields a format file maps, each a list of sources (the first with a value).
#[derive(Debug, Clone, Default)]
pub struct Fields {
    pub title: Vec<String>,
    pub date: Vec<String>,
    pub author: Vec<String>,
    pub publisher: Vec<String>,
    pub url: Vec<String>,
    pub tags: Vec<String>,
    pub category: Vec<String>,
    pub language: Vec<String>,
    pub images: Vec<String>,
}

/// A compiled format file.
#[derive(Debug)]
pub struct Spec {
    pub name: String,
    pub description: String,
    pub origin: Origin,
    /// File name endings, lower case, without the dot.
    pub extensions: Vec<String>,
    /// JSON pointers that must all exist in the object.
    pub json_keys: Vec<String>,
    pub front_matter_key: Option<String>,
    pub first_line: Option<Regex>,
    pub fields: Fields,
    /// The body's sources (the first with a value); empty: a front matter document's text.
    pub body: Vec<String>,
    /// The body is all of `body`'s sources in turn (`parts`), not the first with a value.
    pub body_parts: bool,
    pub body_kind: BodyKind,
}

/// The most a format file may hold: it is a few lines of TOML.
pub const MAX_FILE: u64 = 64 * 1024;

/// A source as a JSON pointer: `title` -> `/title`.
pub fn pointer(source: &str) -> String {
    if source.starts_with('/') {
        source.to_owned()
    } else {
        format!("/{}", source.replace('~', "~0").replace('/', "~1"))
    }
}

struct Ctx<'a> {
    file: &'a str,
    text: &'a str,
}

impl Ctx<'_> {
    fn line(&self, offset: usize) -> usize {
        let head = self.text.get(..offset.min(self.text.len())).unwrap_or(self.text);
        head.bytes().filter(|&b| b == b'\n').count() + 1
    }
    fn err<T>(&self, at: &Spanned<T>, problem: impl Into<String>) -> FormatError {
        FormatError { file: self.file.to_owned(), line: self.line(at.span().start), problem: problem.into() }
    }
    fn sources(&self, what: &str, src: &Src) -> Result<Vec<String>, FormatError> {
        let Some(s) = src else { return Ok(Vec::new()) };
        if s.get_ref().0.is_empty() {
            return Err(self.err(s, format!("{what}: an empty list (give a key or JSON pointer)")));
        }
        for one in &s.get_ref().0 {
            let t = one.trim();
            if t.is_empty() || t == "/" || t.contains(char::is_whitespace) && t.starts_with('/') {
                return Err(self.err(s, format!("{what}: {one:?} is not a key or JSON pointer (`title`, `/a/b`)")));
            }
        }
        Ok(s.get_ref().0.iter().map(|p| pointer(p.trim())).collect())
    }
}

fn one_line(e: &impl fmt::Display) -> String {
    e.to_string().lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Is `name` a valid format name (also the schema's pattern for `format`)?
pub fn valid_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    name.len() <= 40
        && bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Spec {
    /// Compile a format file's `text`; `file` names it in errors.
    pub fn compile(file: &str, text: &str, origin: Origin) -> Result<Spec, FormatError> {
        let cx = Ctx { file, text };
        let f: File = toml::from_str(text).map_err(|e| FormatError {
            file: file.to_owned(),
            line: e.span().map_or(1, |s| cx.line(s.start)),
            problem: one_line(&e.message()),
        })?;
        let name = f.name.get_ref().trim().to_owned();
        if !valid_name(&name) {
            return Err(cx.err(
                &f.name,
                format!("name {name:?}: use lower-case letters, digits and `-`, starting with a letter (at most 40)"),
            ));
        }
        let r = f.recognise.get_ref();
        let extensions = match &r.extension {
            Some(s) => {
                let mut out = Vec::new();
                for e in &s.get_ref().0 {
                    let e = e.trim().trim_start_matches('.').to_ascii_lowercase();
                    if e.is_empty() || e.contains(['/', '\\', ' ']) {
                        return Err(cx.err(s, format!("extension {e:?}: write the ending only (`json`, `md`)")));
                    }
                    out.push(e);
                }
                out
            }
            None => Vec::new(),
        };
        let json_keys = match &r.json_keys {
            Some(_) => cx.sources("json_keys", &r.json_keys)?,
            None => Vec::new(),
        };
        let front_matter_key = match &r.front_matter_key {
            Some(k) if k.get_ref().trim().is_empty() || k.get_ref().contains(char::is_whitespace) => {
                return Err(cx.err(k, "front_matter_key: write one key (`canonical_url`)"));
            }
            Some(k) => Some(k.get_ref().trim().to_owned()),
            None => None,
        };
        let first_line =
            match &r.first_line {
                Some(p) => Some(regex::RegexBuilder::new(p.get_ref()).size_limit(1 << 20).build().map_err(|e| {
                    cx.err(p, format!("first_line: invalid regex {:?}: {}", p.get_ref(), one_line(&e)))
                })?),
                None => None,
            };
        if extensions.is_empty() && json_keys.is_empty() && front_matter_key.is_none() && first_line.is_none() {
            return Err(cx.err(
                &f.recognise,
                "[recognise] gives no condition: add extension, json_keys, front_matter_key or first_line \
                 (a format that claims every input would hide all the others)",
            ));
        }
        let ff = &f.fields;
        let fields = Fields {
            title: cx.sources("title", &ff.title)?,
            date: cx.sources("date", &ff.date)?,
            author: cx.sources("author", &ff.author)?,
            publisher: cx.sources("publisher", &ff.publisher)?,
            url: cx.sources("url", &ff.url)?,
            tags: cx.sources("tags", &ff.tags)?,
            category: cx.sources("category", &ff.category)?,
            language: cx.sources("language", &ff.language)?,
            images: cx.sources("images", &ff.images)?,
        };
        let (body, body_kind, body_parts) = match &f.body {
            Some(b) => {
                let parts = cx.sources("body.parts", &b.get_ref().parts)?;
                let from = cx.sources("body.from", &b.get_ref().from)?;
                if !parts.is_empty() && !from.is_empty() {
                    return Err(
                        cx.err(b, "[body]: give `from` (the first with a value) or `parts` (all in turn), not both")
                    );
                }
                let body_parts = !parts.is_empty();
                let from = if body_parts { parts } else { from };
                let kind = match &b.get_ref().kind {
                    Some(k) => {
                        BodyKind::NAMES.iter().find(|(n, _)| *n == k.get_ref().trim()).map(|(_, k)| *k).ok_or_else(
                            || cx.err(k, format!("body.as {:?}: one of text, markdown, html, page, auto", k.get_ref())),
                        )?
                    }
                    None => BodyKind::Text,
                };
                (from, kind, body_parts)
            }
            None => (Vec::new(), BodyKind::Markdown, false),
        };
        if body.is_empty() && !json_keys.is_empty() {
            return Err(
                cx.err(&f.recognise, "a format recognised by json_keys needs [body] from = \"…\" (where the text is)")
            );
        }
        Ok(Spec {
            name,
            description: f.description.unwrap_or_default(),
            origin,
            extensions,
            json_keys,
            front_matter_key,
            first_line,
            fields,
            body,
            body_parts,
            body_kind,
        })
    }

    /// Does the name end with one of the extensions (always, when none is given)?
    pub fn name_matches(&self, name: &str) -> bool {
        self.extensions.is_empty() || {
            let lower = name.to_ascii_lowercase();
            let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
            self.extensions.iter().any(|e| {
                lower.len() > e.len() + 1 && lower.ends_with(e.as_str()) && {
                    lower.as_bytes().get(lower.len() - e.len() - 1) == Some(&b'.')
                }
            })
        }
    }

    /// Does the JSON object have every key of `json_keys`?
    pub fn keys_match(&self, object: &serde_json::Value) -> bool {
        object.is_object() && self.json_keys.iter().all(|p| object.pointer(p).is_some_and(|v| !v.is_null()))
    }

    /// What recognises the format, in words (for `newsnorm formats`).
    pub fn recognition(&self) -> String {
        let mut parts = Vec::new();
        if !self.extensions.is_empty() {
            parts.push(format!("extension {}", self.extensions.join("|")));
        }
        if !self.json_keys.is_empty() {
            parts.push(format!("JSON keys {}", self.json_keys.join(" ")));
        }
        if let Some(k) = &self.front_matter_key {
            parts.push(format!("front matter key {k}"));
        }
        if let Some(r) = &self.first_line {
            parts.push(format!("first line /{}/", r.as_str()));
        }
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(text: &str) -> Result<Spec, String> {
        Spec::compile("x.toml", text, Origin::File("x.toml".into())).map_err(|e| e.to_string())
    }

    #[test]
    fn a_format_file_compiles() {
        let s = compile(
            "name = \"acme\"\n[recognise]\nextension = [\".JSON\"]\njson_keys = [\"headline\", \"/story/text\"]\n\
             [fields]\ntitle = \"headline\"\ndate = [\"a\", \"/b/0\"]\n[body]\nfrom = \"/story/text\"\nas = \"html\"\n",
        )
        .unwrap();
        assert_eq!(s.extensions, vec!["json"]);
        assert_eq!(s.json_keys, vec!["/headline", "/story/text"]);
        assert_eq!(s.fields.date, vec!["/a", "/b/0"]);
        assert_eq!(s.body_kind, BodyKind::Html);
        assert!(s.name_matches("dir/export.json") && s.name_matches("export.json.gz") && !s.name_matches("json"));
        assert!(s.keys_match(&serde_json::json!({"headline": "h", "story": {"text": "t"}})));
        assert!(!s.keys_match(&serde_json::json!({"headline": "h"})));
    }

    #[test]
    fn errors_name_the_line() {
        let bad = |t: &str, line: usize, what: &str| {
            let e = compile(t).unwrap_err();
            assert!(e.starts_with(&format!("x.toml:{line}: ")) && e.contains(what), "{e}");
        };
        bad("name = \"Acme\"\n[recognise]\nextension = \"json\"\n", 1, "lower-case");
        bad("name = \"a\"\n[recognise]\n", 2, "no condition");
        bad("name = \"a\"\n[recognise]\nfirst_line = \"(\"\n", 3, "invalid regex");
        bad("name = \"a\"\n[recognise]\nextension = \"json\"\n[fields]\ntitel = \"t\"\n", 5, "unknown field `titel`");
        bad("name = \"a\"\n[recognise]\nextension = \"json\"\n[body]\nfrom = \"t\"\nas = \"pdf\"\n", 6, "one of text");
        bad("name = \"a\"\n[recognise]\njson_keys = [\"t\"]\n", 2, "needs [body]");
        bad("name = \"a\"\n[recognise]\nextension = \"json\"\n[fields]\ntitle = []\n", 5, "empty list");
        bad("name = \"a\"\nrecognise = 3\n", 2, "invalid type");
    }
}
