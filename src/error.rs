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
    /// A FIFO, socket or device found by walking a folder (never opened: it could block
    /// the run), or a socket named as an input.
    #[error(
        "{0}, not a regular file (of what a folder holds, only regular files are read; a FIFO or device named as a PATH is read)"
    )]
    NotAFile(&'static str),
    /// Any other read failure.
    #[error("read failed: {0}")]
    Io(#[source] io::Error),
    /// Larger than `--max-size`. `size` is `None` for a stream (stdin, a pipe), whose
    /// full size is not known: reading stopped at the limit.
    #[error("{}", too_large(*size, *limit))]
    TooLarge { size: Option<u64>, limit: u64 },
    /// More HTML elements than a tree is built of: one per
    /// [`crate::html::scan::BYTES_PER_ELEMENT`] bytes of `--max-size` (kind `too_large`).
    #[error(
        "{elements} HTML elements, over the limit of {limit} (one per {per} bytes of --max-size): their tree would take gigabytes of memory",
        per = crate::html::scan::BYTES_PER_ELEMENT
    )]
    TooManyElements { elements: u64, limit: u64 },
    /// Zero bytes, or only whitespace.
    #[error("{0}")]
    Empty(&'static str),
    /// NUL bytes outside any UTF-16 text: an image, an archive, an executable...
    #[error("binary data (NUL byte at offset {offset}), not a text article")]
    Binary { offset: usize },
    /// The bytes cannot be turned into text with the chosen encoding.
    #[error("cannot decode: {0}")]
    Decode(String),
    /// A WARC record that cannot be read: no `WARC/1.x` line where a record starts, no
    /// valid `Content-Length`, a record cut short, a damaged gzip member. The reader
    /// goes on with the next record it finds.
    #[error("damaged WARC record: {0}")]
    WarcInvalid(String),
    /// A feed whose XML is damaged: the items before the damage were given.
    #[error("damaged feed: {0}")]
    FeedInvalid(String),
    /// JSON that cannot be read: a damaged array element or JSON Lines line (the other
    /// items are given), or a document that is not valid JSON.
    #[error("invalid JSON: {0}")]
    JsonInvalid(String),
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
    /// A line of a `--stream` document stream that is not a document: not JSON, not an
    /// object, no content, bad base64, an unknown format, over `--max-size`.
    #[error("stream line {line}: {reason}")]
    InvalidStreamLine { line: u64, reason: String },
    /// A bug: processing this input panicked. The run goes on with the other inputs.
    #[error("internal error (a bug in newsnorm; please report it with this input): {0}")]
    Internal(String),
}

impl Error {
    /// The stable code written as `error.kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::NotFound => "not_found",
            Error::PermissionDenied => "permission_denied",
            Error::SymlinkLoop(_) => "symlink_loop",
            Error::NotAFile(_) => "not_a_file",
            Error::Io(_) => "io",
            Error::TooLarge { .. } | Error::TooManyElements { .. } => "too_large",
            Error::Empty(_) => "empty",
            Error::Binary { .. } => "binary",
            Error::Decode(_) => "decode",
            Error::WarcInvalid(_) => "warc_invalid",
            Error::FeedInvalid(_) => "feed_invalid",
            Error::JsonInvalid(_) => "json_invalid",
            Error::UnrecognizedFormat { .. } => "unrecognized_format",
            Error::AmbiguousFormat(..) => "ambiguous_format",
            Error::FrontMatterUnclosed => "front_matter_unclosed",
            Error::FrontMatterInvalid(_) => "front_matter_invalid",
            Error::MissingPart(_) => "missing_part",
            Error::EmptyBody(_) => "empty_body",
            Error::InvalidStreamLine { .. } => "invalid_stream_line",
            Error::Internal(_) => "internal",
        }
    }

    /// Classify an I/O error by what the user can do about it.
    pub fn from_io(err: io::Error) -> Error {
        match err.kind() {
            io::ErrorKind::NotFound => Error::NotFound,
            io::ErrorKind::PermissionDenied => Error::PermissionDenied,
            // `io::ErrorKind::FilesystemLoop` is not stable yet: match the OS code.
            _ if ELOOP.is_some() && err.raw_os_error() == ELOOP => {
                Error::SymlinkLoop("too many levels of symbolic links".to_owned())
            }
            _ => Error::Io(err),
        }
    }
}

/// The OS error code of a symbolic link loop (`ELOOP`).
#[cfg(unix)]
const ELOOP: Option<i32> = Some(libc::ELOOP);
#[cfg(not(unix))]
const ELOOP: Option<i32> = None;

/// `70.0 MiB (73400320 bytes)`.
fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return if bytes == 1 { "1 byte".to_owned() } else { format!("{bytes} bytes") };
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {} ({bytes} bytes)", UNITS.get(unit).copied().unwrap_or("TiB"))
}

fn too_large(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(size) => format!("file is {}, over the --max-size limit of {}", human_size(size), human_size(limit)),
        None => format!("input is over the --max-size limit of {}: reading stopped there", human_size(limit)),
    }
}

/// All error kinds, for documentation and tests.
pub const KINDS: &[&str] = &[
    "not_found",
    "permission_denied",
    "symlink_loop",
    "not_a_file",
    "io",
    "too_large",
    "empty",
    "binary",
    "decode",
    "warc_invalid",
    "feed_invalid",
    "json_invalid",
    "unrecognized_format",
    "ambiguous_format",
    "front_matter_unclosed",
    "front_matter_invalid",
    "missing_part",
    "empty_body",
    "invalid_stream_line",
    "internal",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_large_names_the_size() {
        let e = Error::TooLarge { size: Some(70 << 20), limit: 64 << 20 };
        assert_eq!(
            e.to_string(),
            "file is 70.0 MiB (73400320 bytes), over the --max-size limit of 64.0 MiB (67108864 bytes)"
        );
        let e = Error::TooLarge { size: None, limit: 1000 };
        assert_eq!(e.to_string(), "input is over the --max-size limit of 1000 bytes: reading stopped there");
        let e = Error::TooLarge { size: Some(2), limit: 1 };
        assert_eq!(e.to_string(), "file is 2 bytes, over the --max-size limit of 1 byte");
        let e = Error::TooManyElements { elements: 7_500_000, limit: 524_288 };
        assert_eq!(e.kind(), "too_large");
        assert_eq!(
            e.to_string(),
            "7500000 HTML elements, over the limit of 524288 (one per 128 bytes of --max-size): their tree would take gigabytes of memory"
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_classified() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("self");
        std::os::unix::fs::symlink(&link, &link).unwrap();
        let err = std::fs::metadata(&link).unwrap_err();
        assert_eq!(Error::from_io(err).kind(), "symlink_loop");
    }

    #[test]
    fn kinds_are_listed() {
        let all = [
            Error::NotFound,
            Error::PermissionDenied,
            Error::SymlinkLoop(String::new()),
            Error::NotAFile(""),
            Error::Io(io::Error::other("x")),
            Error::TooLarge { size: None, limit: 0 },
            Error::Empty(""),
            Error::Binary { offset: 0 },
            Error::Decode(String::new()),
            Error::WarcInvalid(String::new()),
            Error::FeedInvalid(String::new()),
            Error::JsonInvalid(String::new()),
            Error::UnrecognizedFormat { tried: String::new() },
            Error::AmbiguousFormat("a", "b"),
            Error::FrontMatterUnclosed,
            Error::FrontMatterInvalid(String::new()),
            Error::MissingPart(""),
            Error::EmptyBody(""),
            Error::InvalidStreamLine { line: 0, reason: String::new() },
            Error::Internal(String::new()),
        ];
        let kinds: Vec<&str> = all.iter().map(Error::kind).collect();
        assert_eq!(kinds, KINDS);
    }
}
