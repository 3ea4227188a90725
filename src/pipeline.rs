//! One input's bytes to one record: decode, detect the format, extract, normalise.
//!
//! The stages live in their own modules; this is the order they run in. Containers and
//! streams (which know more about an input than its bytes: the URL it was fetched from,
//! the format it is in) pass that on as a [`Hint`].

use encoding_rs::Encoding;

use crate::error::Error;
use crate::formats::{self, Format};
use crate::record::{PageType, Record};
use crate::{Options, decode};

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
}

impl std::fmt::Debug for Hint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hint")
            .field("url", &self.url)
            .field("format", &self.format.map(|f| f.name()))
            .field("encoding", &self.encoding.map(|e| e.name()))
            .finish()
    }
}

/// Turn one input's bytes into a record. `source_path` is written as given.
pub fn process_bytes(source_path: &str, bytes: &[u8], opts: &Options) -> Result<Record, Error> {
    process(source_path, bytes, &Hint::default(), opts)
}

/// [`process_bytes`] for an input that came with a [`Hint`].
pub fn process(source_path: &str, bytes: &[u8], hint: &Hint, opts: &Options) -> Result<Record, Error> {
    if bytes.len() as u64 > opts.max_size {
        return Err(Error::TooLarge { size: Some(bytes.len() as u64), limit: opts.max_size });
    }
    let decoded = decode::decode(bytes, opts.encoding.or(hint.encoding))?;
    let text = decoded.text.strip_prefix('\u{FEFF}').unwrap_or(&decoded.text);
    let format = match opts.format.or(hint.format) {
        Some(f) => f,
        None => formats::detect(text)?,
    };
    let cx = formats::Context { outlets: opts.outlets, url: hint.url.as_deref() };
    let mut article = format.extract(text, &cx)?;
    for w in decoded.warnings.iter().rev() {
        if !article.warnings.contains(w) {
            article.warnings.insert(0, w);
        }
    }
    if article.url.is_none() {
        article.url.clone_from(&hint.url);
    }
    article.into_record(format.name(), source_path)
}

/// The format an input is in, without extracting it.
pub fn detect_bytes(bytes: &[u8], opts: &Options) -> Result<&'static dyn Format, Error> {
    detect_page(bytes, opts, false).map(|(f, _)| f)
}

/// The format an input is in and, when `kind` asks, the kind of page it is, without
/// extracting it (for `newsnorm detect`: only an HTML page is parsed for its kind).
pub fn detect_page(bytes: &[u8], opts: &Options, kind: bool) -> Result<(&'static dyn Format, PageType), Error> {
    let decoded = decode::decode(bytes, opts.encoding)?;
    let text = decoded.text.strip_prefix('\u{FEFF}').unwrap_or(&decoded.text);
    let format = formats::detect(text)?;
    Ok((format, if kind { format.page_type(text) } else { PageType::Article }))
}
