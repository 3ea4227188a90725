//! One input's bytes to its records, the stages in the one order they run in:
//!
//! 1. decode ([`crate::decode`]): bytes to text;
//! 2. detect ([`crate::formats`]): which format the text is in (or the one forced);
//! 3. read ([`Format::read`]): the format's [`Draft`] of raw parts, one per document
//!    (one per item of a container: a feed, a JSON array, JSON Lines);
//! 4. outlet rules ([`apply_rules`], through [`crate::sites::apply`]);
//! 5. normalise and build the record ([`Article::into_record`]).
//!
//! Formats only read; everything after reading is here, written once. Containers and
//! streams (which know more about an input than its bytes: the URL it was fetched from,
//! the format it is in) pass that on as a [`Hint`].

use std::borrow::Cow;

use encoding_rs::Encoding;

use crate::error::Error;
use crate::formats::{Body, Category, Context, Draft, Format, Next, Read};
use crate::record::{Article, PageType, Record, warn};
use crate::{Options, decode, html, sites};

/// What the container or stream an input came from knows about it beyond its bytes.
#[derive(Clone, Default)]
pub struct Hint {
    /// The URL the input was fetched from (e.g. a WARC record's `WARC-Target-URI`): the
    /// record's `url` when the input itself names none.
    pub url: Option<String>,
    /// Read the input as this format instead of detecting it (`--format` still wins).
    pub format: Option<&'static dyn Format>,
    /// The encoding the input is declared in by its container (the `charset` of a WARC
    /// record's HTTP `Content-Type`): used when `--encoding` is not given (a BOM still wins).
    pub encoding: Option<&'static Encoding>,
    /// The input may be several documents one after another (stdin: `cat posts/* |
    /// newsnorm`): each document the formats can tell apart gives its own record.
    pub concatenated: bool,
}

impl std::fmt::Debug for Hint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hint")
            .field("url", &self.url)
            .field("format", &self.format.map(|f| f.name()))
            .field("encoding", &self.encoding.map(|e| e.name()))
            .field("concatenated", &self.concatenated)
            .finish()
    }
}

/// Turn one input's bytes into a record. `source_path` is written as given. For an input
/// that gives several records (a container, several documents), see [`process_each`]:
/// this is the first one's.
pub fn process_bytes(source_path: &str, bytes: &[u8], opts: &Options) -> Result<Record, Error> {
    process(source_path, bytes, &Hint::default(), opts)
}

/// [`process_bytes`] for an input that came with a [`Hint`].
pub fn process(source_path: &str, bytes: &[u8], hint: &Hint, opts: &Options) -> Result<Record, Error> {
    let mut first = None;
    process_each(source_path, bytes, hint, opts, &mut |_, result| {
        first.get_or_insert(result);
    });
    first.unwrap_or(Err(Error::MissingPart("an item in the container")))
}

/// Every record (or error) of one input, in order, each handed to `each` with its
/// `source_path`: one for a document; for a container (a feed, a JSON array, JSON Lines)
/// one per item, named `SOURCE#N` (N from 1); for several documents one after another
/// (a [`Hint::concatenated`] input) one per document, named `SOURCE#N` when there are
/// more than one. An input that cannot be read at all gives one error, named
/// `source_path`.
pub fn process_each(
    source_path: &str,
    bytes: &[u8],
    hint: &Hint,
    opts: &Options,
    each: &mut dyn FnMut(&str, Result<Record, Error>),
) {
    if bytes.len() as u64 > opts.max_size {
        return each(source_path, Err(Error::TooLarge { size: Some(bytes.len() as u64), limit: opts.max_size }));
    }
    let decoded = match decode::decode_declared(bytes, opts.encoding, hint.encoding) {
        Ok(d) => d,
        Err(e) => return each(source_path, Err(e)),
    };
    let text = decoded.text.strip_prefix('\u{FEFF}').unwrap_or(&decoded.text);
    // The tree of an HTML body or page is bounded with the bytes: a page of millions of
    // tiny elements would take gigabytes.
    let (elements, limit) = (html::count_start_tags(text), html::element_budget(opts.max_size));
    if elements > limit {
        return each(source_path, Err(Error::TooManyElements { elements, limit }));
    }
    let cx = Context { outlets: opts.outlets, url: hint.url.as_deref() };
    let finish = Finish { warnings: &decoded.warnings, url: hint.url.as_deref() };
    let forced = opts.format.or(hint.format);
    let documents = if hint.concatenated {
        documents(text, forced, opts, source_path)
    } else {
        let format = forced.map_or_else(|| opts.formats.detect(text, Some(source_path)), Ok);
        vec![Document { text, format, trailing: false }]
    };
    let several = documents.len() > 1;
    for (n, doc) in documents.into_iter().enumerate() {
        let path = if several { Cow::Owned(format!("{source_path}#{}", n + 1)) } else { Cow::Borrowed(source_path) };
        match doc.format {
            Ok(format) => read_document(doc.text, format, &cx, &path, doc.trailing, &finish, each),
            Err(e) => each(&path, Err(e)),
        }
    }
}

/// Read one document and give its record, or its items' records.
fn read_document(
    text: &str,
    format: &'static dyn Format,
    cx: &Context,
    path: &str,
    trailing: bool,
    finish: &Finish,
    each: &mut dyn FnMut(&str, Result<Record, Error>),
) {
    let record = |draft: Draft, path: &str| {
        let mut article = apply_rules(draft);
        if trailing {
            article.warn(warn::TRAILING_TEXT_IGNORED);
        }
        finish.record(article, format, path)
    };
    match format.read(text, cx) {
        Err(e) => each(path, Err(e)),
        Ok(Read::One(draft)) => each(path, record(draft, path)),
        Ok(Read::Items(items)) => {
            let mut n = 0;
            for item in items {
                n += 1;
                let item_path = format!("{path}#{n}");
                match item {
                    Ok(draft) => each(&item_path, record(draft, &item_path)),
                    Err(e) => each(&item_path, Err(e)),
                }
            }
            if n == 0 {
                each(path, Err(Error::MissingPart("an item (the container is empty)")));
            }
        }
    }
}

/// What the input's decoding and its container add to each of its records.
struct Finish<'h> {
    /// The decoding's warnings (`encoding_guessed`, ...), first.
    warnings: &'h [&'static str],
    /// The hint URL: the `url` when the document names none.
    url: Option<&'h str>,
}

impl Finish<'_> {
    fn record(&self, mut article: Article, format: &'static dyn Format, path: &str) -> Result<Record, Error> {
        for w in self.warnings.iter().rev() {
            if !article.warnings.contains(w) {
                article.warnings.insert(0, w);
            }
        }
        if article.url.is_none() {
            article.url = self.url.map(str::to_owned);
        }
        article.into_record(format.name(), path)
    }
}

/// One document of a concatenated input.
struct Document<'t> {
    text: &'t str,
    format: Result<&'static dyn Format, Error>,
    /// Text after it that no format could tell apart from it was ignored.
    trailing: bool,
}

/// Split a text that may be several documents one after another, asking the format of
/// each where the next one starts.
fn documents<'t>(text: &'t str, forced: Option<&'static dyn Format>, opts: &Options, name: &str) -> Vec<Document<'t>> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let format = match forced {
            Some(f) => Ok(f),
            None => opts.formats.detect(rest, Some(name)),
        };
        let next = format.as_ref().map_or(Next::None, |f| f.next_document(rest));
        match next {
            Next::At(at) if at > 0 && at < rest.len() => {
                let (doc, after) = rest.split_at(at);
                out.push(Document { text: doc, format, trailing: false });
                rest = after;
                if rest.trim().is_empty() {
                    return out;
                }
            }
            Next::Ignored => {
                out.push(Document { text: rest, format, trailing: true });
                return out;
            }
            _ => {
                out.push(Document { text: rest, format, trailing: false });
                return out;
            }
        }
    }
}

/// The outlet rules on a draft: the one place where [`crate::sites::apply`] runs, for
/// every format. Then what the body kind and the draft ask for after the rules: a page's
/// headline and caption repeats leave its paragraphs; a declared category is applied.
pub fn apply_rules(draft: Draft<'_>) -> Article {
    let Draft { mut article, body, outlet, label, publisher, category } = draft;
    let page = matches!(body, Body::Page(_));
    let label = label.as_deref();
    // Pictures the input declares beside its body (a feed's enclosures, a page's
    // og:image) come first; the rules fill in those of the body.
    let declared = std::mem::take(&mut article.images);
    match body {
        Body::Html { html, drop, caption } => {
            let body = sites::Body::Html { html: &html, doc: None, drop, caption };
            sites::apply(&mut article, outlet, body, label, publisher);
        }
        Body::Markdown(md) => sites::apply(&mut article, outlet, sites::Body::Markdown(&md), label, publisher),
        Body::Page(p) | Body::Paragraphs(p) => {
            sites::apply(&mut article, outlet, sites::Body::Paragraphs(p), label, publisher);
        }
    }
    if !declared.is_empty() {
        let of_body = std::mem::replace(&mut article.images, declared);
        article.images.extend(of_body);
    }
    if page {
        sites::drop_title_repeats(&mut article);
        sites::drop_caption_repeats(&mut article);
    }
    match category {
        Category::FromRules => {}
        Category::Fallback(c) => {
            if article.category.is_none() {
                article.category = Some(c);
            }
        }
        Category::Declared(c) => article.category = c,
    }
    article
}

/// The format an input is in, without extracting it (`newsnorm detect`), by its text
/// alone.
pub fn detect_bytes(bytes: &[u8], opts: &Options) -> Result<&'static dyn Format, Error> {
    detect(bytes, None, opts)
}

/// [`detect_bytes`] for an input named `name` (its `source_path`: a format recognised
/// by a file extension looks at it).
pub fn detect_input(name: &str, bytes: &[u8], opts: &Options) -> Result<&'static dyn Format, Error> {
    detect(bytes, Some(name), opts)
}

fn detect(bytes: &[u8], name: Option<&str>, opts: &Options) -> Result<&'static dyn Format, Error> {
    detect_kind(bytes, name, opts, false).map(|(f, _)| f)
}

/// The format of the input named `name` and, when `kind` asks, the kind of page it is,
/// without extracting it (for `newsnorm detect`: only an HTML page is parsed for its
/// kind).
pub fn detect_page(
    name: &str,
    bytes: &[u8],
    opts: &Options,
    kind: bool,
) -> Result<(&'static dyn Format, PageType), Error> {
    detect_kind(bytes, Some(name), opts, kind)
}

fn detect_kind(
    bytes: &[u8],
    name: Option<&str>,
    opts: &Options,
    kind: bool,
) -> Result<(&'static dyn Format, PageType), Error> {
    let decoded = decode::decode(bytes, opts.encoding)?;
    let text = decoded.text.strip_prefix('\u{FEFF}').unwrap_or(&decoded.text);
    let format = opts.formats.detect(text, name)?;
    Ok((format, if kind { format.page_type(text) } else { PageType::Article }))
}
