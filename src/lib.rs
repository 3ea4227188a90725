//! newsnorm: scraped news-article files to one canonical JSON record per article.
//!
//! # The face
//!
//! These names at the crate root are the library's interface:
//!
//! - [`Options`], built with [`Options::builder`] ([`OptionsBuilder`], failing with a
//!   [`ConfigError`]): rule files, format files ([`Outlets`], [`Formats`]), a forced
//!   format or encoding ([`Options::format_named`], [`Options::encoding_named`]), the size
//!   limit ([`DEFAULT_MAX_SIZE`]). Compiled once, reused.
//! - [`process_bytes`]: one document's bytes to its [`Record`] (SPEC.md), or an
//!   [`Error`] (its [`Error::kind`] is the SPEC's code); [`Document`] with
//!   [`Document::process`]: a document with its URL and format, every record of a
//!   container, each failure an [`InputError`] (kind, message, source path).
//! - [`Run`]: many paths (files, folders, WARC files) or [`Document`]s on worker threads,
//!   each [`Line`] handed back in input order, exactly as the command line writes it,
//!   with a progress callback; a [`Summary`] at the end.
//!
//! ```
//! let text = "布林肯會王毅\n\nRti 中央廣播電臺 2024-04-26 10:45\n\n布林肯今天在北京會見王毅。\n\n原始連結\n";
//! let record = newsnorm::process_bytes("-", text.as_bytes(), &newsnorm::Options::default()).unwrap();
//! assert_eq!(record.format, "portal-text");
//! assert_eq!(record.publisher.as_deref(), Some("中央廣播電臺"));
//! assert_eq!(record.date.as_deref(), Some("2024-04-26T10:45:00+08:00"));
//! assert_eq!(record.page_type, newsnorm::PageType::Article);
//! ```
//!
//! # Behind the face
//!
//! The modules are the command line's and the tests' (and the fuzz targets'): they are
//! public but hidden from this documentation, and may change in any release. The
//! command line is a binary of its own (`src/bin/newsnorm/`: its `plan` turns the flags
//! into [`Options`] and the run's settings), and the Python module (`python/`) another
//! caller of this crate. The pipeline, one module per stage:
//!
//! 1. `input`: discover inputs (files, directories walked in sorted order, stdin,
//!    `--files-from` lists, WARC files) and read their bytes;
//! 2. `decode`: bytes to text (BOM, UTF-8, declared charset, chardetng guess);
//! 3. `formats`: detect the format and read it into a draft of raw parts (one module
//!    per format; `page` reads full HTML pages); a container gives one draft per item;
//! 4. the outlet rules of `sites` (data: `rules/*.toml`) on each draft;
//! 5. `normalize` and `record`: shared cleaning of text, dates and URLs, the canonical
//!    [`Record`], with its language;
//! 6. `output` and `run`: JSON Lines out, errors collected per input, in input order,
//!    in parallel; `dedup` and `stats` are fed by the ordered writer; `schema` is the
//!    JSON Schema of every line.
//!
//! `pipeline` runs stages 2-5 for one input's bytes, in that order, for every format.

#[doc(hidden)]
pub mod decode;
#[doc(hidden)]
pub mod dedup;
#[doc(hidden)]
pub mod error;
#[doc(hidden)]
pub mod formats;
#[doc(hidden)]
pub mod frontmatter;
#[doc(hidden)]
pub mod html;
#[doc(hidden)]
pub mod input;
mod language;
#[doc(hidden)]
pub mod learn;
mod lexicon;
#[doc(hidden)]
pub mod markdown;
mod normalize;
#[doc(hidden)]
pub mod output;
#[doc(hidden)]
pub mod page;
mod pipeline;
#[doc(hidden)]
pub mod record;
#[doc(hidden)]
pub mod run;
#[doc(hidden)]
pub mod schema;
#[doc(hidden)]
pub mod sites;
mod stats;
#[doc(hidden)]
pub mod target;

use encoding_rs::Encoding;

mod api;

pub use api::{ConfigError, Document, InputError, Line, OptionsBuilder, Run, Summary};
pub use error::Error;
pub use formats::{Format, Formats};
pub use pipeline::process_bytes;
pub use record::{Image, PageType, Record};
pub use sites::Outlets;

// For the command line and the tests, not the face.
#[doc(hidden)]
pub use pipeline::{Hint, detect_bytes, detect_input, detect_page, process, process_each};
#[doc(hidden)]
pub use record::PageTypes;

/// The default `--max-size`: 64 MiB.
pub const DEFAULT_MAX_SIZE: u64 = 64 * 1024 * 1024;

/// How inputs are read and interpreted: build with [`Options::builder`], or
/// `Options::default()` for the built-in rules and formats.
#[derive(Clone, Copy)]
pub struct Options {
    /// Force a format instead of detecting it.
    pub format: Option<&'static dyn Format>,
    /// Force an encoding instead of sniffing it (a BOM still wins).
    pub encoding: Option<&'static Encoding>,
    /// Inputs larger than this many bytes are refused (`too_large`).
    pub max_size: u64,
    /// The outlets and their rules ([`sites::Outlets::builtin`], or loaded with
    /// [`sites::Outlets::load_static`]).
    pub outlets: &'static sites::Outlets,
    /// The formats detected ([`formats::Formats::builtin`], or with the user's format
    /// files: [`formats::Formats::load_static`]).
    pub formats: &'static formats::Formats,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: None,
            encoding: None,
            max_size: DEFAULT_MAX_SIZE,
            outlets: sites::Outlets::builtin(),
            formats: formats::Formats::builtin(),
        }
    }
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("format", &self.format.map(|f| f.name()))
            .field("encoding", &self.encoding.map(|e| e.name()))
            .field("max_size", &self.max_size)
            .field("outlets", &self.outlets.iter().count())
            .field("formats", &self.formats.iter().count())
            .finish()
    }
}
