//! newsnorm: scraped news-article files to one canonical JSON record per article.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`input`]: discover inputs (files, directories walked in sorted order, stdin,
//!    `--files-from` lists) and read their bytes;
//! 2. [`decode`]: bytes to text (BOM, UTF-8, declared charset, chardetng guess);
//! 3. [`formats`]: detect the format and read it into a draft of raw parts (one module
//!    per format: [`formats::jekyll`], [`formats::portal_text`],
//!    [`formats::wayback_markdown`], [`formats::html_page`], which reads full pages
//!    with [`page`]); a container gives one draft per item;
//! 4. the outlet rules of [`sites`] (data: `rules/*.toml`) on each draft;
//! 5. [`normalize`] and [`record`]: shared cleaning of text, dates and URLs, the
//!    canonical [`Record`] (SPEC.md), with its [`language`];
//! 6. [`output`] and [`run`]: JSON Lines out, errors collected per input, in input
//!    order, in parallel; [`dedup`] and [`stats`] are fed by the ordered writer;
//!    [`schema`] is the JSON Schema of every line.
//!
//! [`pipeline`] runs stages 2-5 for one input's bytes, in that order, for every format.
//!
//! ```
//! let text = "布林肯會王毅\n\nRti 中央廣播電臺 2024-04-26 10:45\n\n布林肯今天在北京會見王毅。\n\n原始連結\n";
//! let record = newsnorm::process_bytes("-", text.as_bytes(), &newsnorm::Options::default()).unwrap();
//! assert_eq!(record.format, "portal-text");
//! assert_eq!(record.publisher.as_deref(), Some("中央廣播電臺"));
//! assert_eq!(record.date.as_deref(), Some("2024-04-26T10:45:00+08:00"));
//! ```

pub mod decode;
pub mod dedup;
pub mod error;
pub mod formats;
pub mod frontmatter;
pub mod html;
pub mod input;
pub mod language;
pub mod learn;
pub mod lexicon;
pub mod markdown;
pub mod normalize;
pub mod output;
pub mod page;
pub mod pipeline;
pub mod record;
pub mod run;
pub mod schema;
pub mod sites;
pub mod stats;

use encoding_rs::Encoding;

pub use error::Error;
pub use formats::Format;
pub use pipeline::{Hint, detect_bytes, detect_input, detect_page, process, process_bytes, process_each};
pub use record::{Image, PageType, PageTypes, Record};

/// The default `--max-size`: 64 MiB.
pub const DEFAULT_MAX_SIZE: u64 = 64 * 1024 * 1024;

/// How inputs are read and interpreted.
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
