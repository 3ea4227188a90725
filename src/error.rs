//! Typed errors: one per way an input can fail to become a record.
//!
//! Every variant maps to a stable snake_case [`Error::kind`] code, the `kind` of the
//! error object written to the error stream (see `SPEC.md`). The `Display` text is the
//! plain-words `message`; the caller prefixes it with the input's path.

use std::io;

/// Why one input did not give a record.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The path does not exist.
    #[error("no such file or directory")]
    NotFound,
    /// The path exists but may not be read.
    #[error("permission denied")]
    PermissionDenied,
    /// A directory symlink points back into one of its own ancestors.
    #[error("symbolic link loop: {0}")]
    SymlinkLoop(String),
    /// Any other read failure.
    #[error("read failed: {0}")]
    Io(#[source] io::Error),
    /// Larger than `--max-size`.
    #[error("file is {size} bytes, over the --max-size limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    /// Zero bytes, or only whitespace.
    #[error("{0}")]
    Empty(&'static str),
    /// NUL bytes outside any UTF-16 text: an image, an archive, an executable...
    #[error("binary data (NUL byte at offset {offset}), not a text article")]
    Binary { offset: usize },
    /// The bytes cannot be turned into text with the chosen encoding.
    #[error("cannot decode: {0}")]
    Decode(String),
    /// No format detector recognised the text.
    #[error("not a recognised article format (none of: {tried})")]
    UnrecognizedFormat { tried: String },
    /// Two formats claim the text with the same confidence.
    #[error("ambiguous format: {0} and {1} match equally well; choose one with --format")]
    AmbiguousFormat(&'static str, &'static str),
    /// A `---` front matter that is never closed.
    #[error("front matter opened on line 1 is never closed by a `---` line")]
    FrontMatterUnclosed,
    /// Front matter that is not a `key: value` mapping.
    #[error("front matter is not a key: value mapping ({0})")]
    FrontMatterInvalid(String),
    /// The format was recognised but a part it cannot do without is missing.
    #[error("missing {0}")]
    MissingPart(&'static str),
    /// Nothing of the article text is left.
    #[error("no article body: {0}")]
    EmptyBody(&'static str),
}

impl Error {
    /// The stable code written as `error.kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::NotFound => "not_found",
            Error::PermissionDenied => "permission_denied",
            Error::SymlinkLoop(_) => "symlink_loop",
            Error::Io(_) => "io",
            Error::TooLarge { .. } => "too_large",
            Error::Empty(_) => "empty",
            Error::Binary { .. } => "binary",
            Error::Decode(_) => "decode",
            Error::UnrecognizedFormat { .. } => "unrecognized_format",
            Error::AmbiguousFormat(..) => "ambiguous_format",
            Error::FrontMatterUnclosed => "front_matter_unclosed",
            Error::FrontMatterInvalid(_) => "front_matter_invalid",
            Error::MissingPart(_) => "missing_part",
            Error::EmptyBody(_) => "empty_body",
        }
    }

    /// Classify an I/O error by what the user can do about it.
    pub fn from_io(err: io::Error) -> Error {
        match err.kind() {
            io::ErrorKind::NotFound => Error::NotFound,
            io::ErrorKind::PermissionDenied => Error::PermissionDenied,
            _ => Error::Io(err),
        }
    }
}

/// All error kinds, for documentation and tests.
pub const KINDS: &[&str] = &[
    "not_found",
    "permission_denied",
    "symlink_loop",
    "io",
    "too_large",
    "empty",
    "binary",
    "decode",
    "unrecognized_format",
    "ambiguous_format",
    "front_matter_unclosed",
    "front_matter_invalid",
    "missing_part",
    "empty_body",
];
