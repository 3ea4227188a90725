//! Input discovery and reading.
//!
//! Paths are files, directories (walked recursively in sorted order, following
//! directory symlinks with loop detection, skipping hidden entries) or `-` for stdin.
//! Discovery is lazy: a walk yields inputs as it goes, so the first records are written
//! before a large tree is fully listed. A path that cannot be walked or read becomes an
//! input whose result is an error: nothing given is silently lost.

pub mod gzip;
pub mod warc;

use std::collections::VecDeque;
use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

pub mod stream;

pub use stream::Stream;

use crate::error::Error;
use crate::pipeline::Hint;

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    /// A FIFO or a device named as an input (`<(zcat a.gz)`, `/dev/stdin`): read like a
    /// file, but reading it may block until its writer writes, so the run writes out
    /// what is finished before it.
    Special(PathBuf),
    Stdin,
    /// Bytes already read out of a container or a stream.
    Bytes(Vec<u8>),
}

/// One input: its name as written in `source_path` (bytes of the path that are not
/// UTF-8 shown as U+FFFD), its source (or why there is none), and what its container
/// knows about it.
#[derive(Debug)]
pub struct Input {
    pub display: String,
    pub source: Result<Source, Error>,
    pub hint: Hint,
}

impl Input {
    /// An input with no hint.
    pub fn new(display: String, source: Result<Source, Error>) -> Self {
        Input { display, source, hint: Hint::default() }
    }

    /// Reading it may wait for a writer (stdin, a FIFO, a device).
    pub fn may_block(&self) -> bool {
        matches!(self.source, Ok(Source::Stdin | Source::Special(_)))
    }
}

/// What a path that is neither a regular file nor a folder is, for its error: such
/// files found by walking a folder are never opened (a FIFO would block the run).
fn special_kind(file_type: std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
    }
    (!file_type.is_file() && !file_type.is_dir()).then_some("not a regular file")
}

/// A directory walk without hidden entries.
type Walk = walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool>;

/// Lazily yields the inputs named by a list of paths. WARC files among them
/// (`.warc`, `.warc.gz`, also in walked folders) are containers: each of their HTML
/// responses is one input (see [`warc`]), and the records skipped are counted in
/// [`Inputs::skipped`].
pub struct Inputs {
    pending: VecDeque<OsString>,
    walk: Option<Walk>,
    warc: Option<warc::Reader<File>>,
    max_size: u64,
    skipped: warc::SkipCount,
    /// WARC files are given as one input each, not opened (see [`Inputs::unopened`]).
    unopened: bool,
}

impl Inputs {
    /// Inputs for the given paths (any bytes the OS allows, not only UTF-8); an empty
    /// list means stdin.
    pub fn new<P: Into<OsString>>(paths: impl IntoIterator<Item = P>) -> Self {
        let mut pending: VecDeque<OsString> = paths.into_iter().map(Into::into).collect();
        if pending.is_empty() {
            pending.push_back(OsString::from("-"));
        }
        Inputs {
            pending,
            walk: None,
            warc: None,
            max_size: crate::DEFAULT_MAX_SIZE,
            skipped: Default::default(),
            unopened: false,
        }
    }

    /// Inputs read out of containers (WARC records) larger than this are `too_large`
    /// (the `--max-size` of the run; [`crate::DEFAULT_MAX_SIZE`] unless set).
    pub fn with_max_size(mut self, max_size: u64) -> Self {
        self.max_size = max_size;
        self
    }

    /// The count of WARC records that are not inputs, as the run goes on (a handle to
    /// keep before the inputs are consumed).
    pub fn skipped(&self) -> warc::SkipCount {
        self.skipped.clone()
    }

    /// A file input, or the container a WARC file is.
    fn file(&mut self, display: String, path: PathBuf) -> Option<Input> {
        if self.unopened || !warc::is_warc_name(&path) {
            return Some(Input::new(display, Ok(Source::File(path))));
        }
        match File::open(&path) {
            Ok(file) => {
                self.warc = Some(warc::Reader::new(file, display, self.max_size, self.skipped.clone()));
                None
            }
            Err(e) => Some(Input::new(display, Err(Error::from_io(e)))),
        }
    }

    /// Inputs for exactly the given paths: an empty list is no input at all (an empty
    /// `--files-from` list, e.g. `find -newer stamp` on a night nothing changed).
    pub fn listed<P: Into<OsString>>(paths: impl IntoIterator<Item = P>) -> Self {
        Inputs {
            pending: paths.into_iter().map(Into::into).collect(),
            walk: None,
            warc: None,
            max_size: crate::DEFAULT_MAX_SIZE,
            skipped: Default::default(),
            unopened: false,
        }
    }

    /// Give each WARC file as one input instead of reading its records: for counting the
    /// files of a run (a progress bar) without reading every container twice.
    pub fn unopened(mut self) -> Self {
        self.unopened = true;
        self
    }
}

/// Hidden entries (`.git`, `.DS_Store`) below a walked directory are skipped.
fn not_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() == 0 || !entry.file_name().to_str().is_some_and(|n| n.starts_with('.'))
}

fn walk_error(err: walkdir::Error) -> Input {
    let display = err.path().map(|p| p.display().to_string()).unwrap_or_default();
    let source = if let Some(ancestor) = err.loop_ancestor() {
        Err(Error::SymlinkLoop(format!("it leads back to {}", ancestor.display())))
    } else {
        match err.into_io_error() {
            Some(io) => Err(Error::from_io(io)),
            None => Err(Error::Io(io::Error::other("directory walk failed"))),
        }
    };
    Input::new(display, source)
}

impl Iterator for Inputs {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(container) = self.warc.as_mut() {
                match container.next() {
                    Some(input) => return Some(input),
                    None => self.warc = None,
                }
            }
            if let Some(walk) = self.walk.as_mut() {
                match walk.next() {
                    Some(Ok(entry)) => {
                        let file_type = entry.file_type();
                        if file_type.is_file() {
                            let path = entry.into_path();
                            if let Some(input) = self.file(path.display().to_string(), path) {
                                return Some(input);
                            }
                        } else if let Some(what) = special_kind(file_type) {
                            // Found by walking: never opened (a FIFO would block the run).
                            return Some(Input::new(entry.path().display().to_string(), Err(Error::NotAFile(what))));
                        }
                        continue;
                    }
                    Some(Err(err)) => return Some(walk_error(err)),
                    None => self.walk = None,
                }
            }
            let path = self.pending.pop_front()?;
            if path == "-" {
                // `cat posts/* | newsnorm`: stdin may hold several documents.
                let hint = Hint { concatenated: true, ..Hint::default() };
                return Some(Input { display: "-".to_owned(), source: Ok(Source::Stdin), hint });
            }
            let display = path.to_string_lossy().into_owned();
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => {
                    self.walk = Some(
                        WalkDir::new(&path)
                            .follow_links(true)
                            .sort_by_file_name()
                            .into_iter()
                            .filter_entry(not_hidden as fn(&walkdir::DirEntry) -> bool),
                    );
                }
                Ok(meta) if meta.is_file() => {
                    if let Some(input) = self.file(display, PathBuf::from(path)) {
                        return Some(input);
                    }
                }
                // Named as an input: a FIFO (process substitution `<(…)`) or a device is
                // read; a socket cannot be.
                Ok(meta) => match special_kind(meta.file_type()) {
                    Some(what @ "a socket") => return Some(Input::new(display, Err(Error::NotAFile(what)))),
                    _ => return Some(Input::new(display, Ok(Source::Special(PathBuf::from(path))))),
                },
                Err(err) => return Some(Input::new(display, Err(Error::from_io(err)))),
            }
        }
    }
}

/// Read at most `max_size` bytes; more is a `too_large` error naming the size.
pub fn read(source: &Source, max_size: u64) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    read_into(source, max_size, &mut buf)?;
    Ok(buf)
}

/// As [`read`], into `buf` (cleared first), so a batch can reuse one buffer for every
/// input instead of allocating one per file.
///
/// Files and stdin that start with the gzip magic are decompressed (see [`gzip`]);
/// `max_size` then limits the decompressed size.
pub fn read_into(source: &Source, max_size: u64, buf: &mut Vec<u8>) -> Result<(), Error> {
    buf.clear();
    match source {
        Source::Stdin => {
            read_limited(io::stdin().lock(), None, max_size, buf)?;
            gunzip_in_place(buf, max_size)
        }
        Source::Special(path) => {
            let file = File::open(path).map_err(Error::from_io)?;
            read_limited(file, None, max_size, buf)?;
            gunzip_in_place(buf, max_size)
        }
        Source::File(path) => {
            read_file(path, max_size, buf)?;
            if gzip::has_gz_name(path) && !buf.is_empty() && !gzip::is_gzip(buf) {
                return Err(Error::Decode(
                    "the name ends in .gz but the data is not gzip (no 1f 8b header): damaged or misnamed".to_owned(),
                ));
            }
            gunzip_in_place(buf, max_size)
        }
        Source::Bytes(bytes) => {
            fits(bytes, max_size)?;
            buf.extend_from_slice(bytes);
            Ok(())
        }
    }
}

/// As [`read_into`], taking the source: the bytes of a container's or stream's input are
/// moved into `buf`, not copied.
pub fn take_into(source: Source, max_size: u64, buf: &mut Vec<u8>) -> Result<(), Error> {
    match source {
        Source::Bytes(bytes) => {
            fits(&bytes, max_size)?;
            *buf = bytes;
            Ok(())
        }
        other => read_into(&other, max_size, buf),
    }
}

fn fits(bytes: &[u8], max_size: u64) -> Result<(), Error> {
    if bytes.len() as u64 > max_size {
        return Err(Error::TooLarge { size: Some(bytes.len() as u64), limit: max_size });
    }
    Ok(())
}

/// Replace gzip data in `buf` by what it decompresses to.
fn gunzip_in_place(buf: &mut Vec<u8>, max_size: u64) -> Result<(), Error> {
    if !gzip::is_gzip(buf) {
        return Ok(());
    }
    let compressed = std::mem::take(buf);
    gzip::decompress(&compressed, max_size, buf)
}

fn read_file(path: &Path, max_size: u64, buf: &mut Vec<u8>) -> Result<(), Error> {
    let file = File::open(path).map_err(Error::from_io)?;
    let meta = file.metadata().map_err(Error::from_io)?;
    if meta.is_dir() {
        return Err(Error::Io(io::Error::other("is a directory")));
    }
    if meta.len() > max_size {
        return Err(Error::TooLarge { size: Some(meta.len()), limit: max_size });
    }
    read_limited(file, Some(meta.len()), max_size, buf)
}

/// Read into `buf` (empty on entry). With a size `hint` (a file's length), one read
/// call of hint+1 bytes normally gets it all and the next returns 0.
fn read_limited(reader: impl Read, hint: Option<u64>, max_size: u64, buf: &mut Vec<u8>) -> Result<(), Error> {
    let capacity = hint.unwrap_or(64 * 1024).min(max_size).saturating_add(1);
    buf.reserve(usize::try_from(capacity).unwrap_or(usize::MAX));
    reader.take(max_size.saturating_add(1)).read_to_end(buf).map_err(Error::from_io)?;
    if buf.len() as u64 > max_size {
        // A file that grew, or a stream: its full size is not known.
        return Err(Error::TooLarge { size: None, limit: max_size });
    }
    Ok(())
}

/// Split a `--files-from` list: one path per line (or per NUL with `null`), empty
/// entries skipped, a trailing `\r` dropped from lines. Paths are kept byte for byte
/// (on Unix), so names that are not UTF-8 still open.
pub fn split_list(list: &[u8], null: bool) -> Vec<OsString> {
    let sep = if null { b'\0' } else { b'\n' };
    list.split(|&b| b == sep)
        .map(|item| if null { item } else { item.strip_suffix(b"\r").unwrap_or(item) })
        .filter(|item| !item.is_empty())
        .map(os_string)
        .collect()
}

#[cfg(unix)]
fn os_string(bytes: &[u8]) -> OsString {
    use std::os::unix::ffi::OsStrExt;
    std::ffi::OsStr::from_bytes(bytes).to_owned()
}

#[cfg(not(unix))]
fn os_string(bytes: &[u8]) -> OsString {
    OsString::from(String::from_utf8_lossy(bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_splitting() {
        assert_eq!(split_list(b"a\r\nb\n\nc", false), vec!["a", "b", "c"]);
        assert_eq!(split_list(b"a b\0c\n\0", true), vec!["a b", "c\n"]);
    }

    #[test]
    fn missing_path_is_an_input_with_an_error() {
        let mut it = Inputs::new(["/definitely/not/here"]);
        let first = it.next().unwrap();
        assert_eq!(first.display, "/definitely/not/here");
        assert_eq!(first.source.unwrap_err().kind(), "not_found");
        assert!(it.next().is_none());
    }

    #[cfg(unix)]
    #[test]
    fn paths_that_are_not_utf8_are_kept() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::from_bytes(b"gbk-\xb0\xa1.txt");
        std::fs::write(dir.path().join(name), b"x").unwrap();
        let mut list = dir.path().as_os_str().as_bytes().to_vec();
        list.extend_from_slice(b"/gbk-\xb0\xa1.txt\0");
        let listed = split_list(&list, true);
        assert_eq!(listed.len(), 1);
        let input = Inputs::new(listed).next().unwrap();
        assert!(input.display.ends_with("gbk-\u{FFFD}\u{FFFD}.txt"), "{}", input.display);
        assert_eq!(read(&input.source.unwrap(), 10).unwrap(), b"x");
    }

    #[test]
    fn no_paths_means_stdin() {
        let mut it = Inputs::new(Vec::<String>::new());
        assert_eq!(it.next().unwrap().source.unwrap(), Source::Stdin);
    }

    #[test]
    fn an_empty_list_is_no_input() {
        assert_eq!(Inputs::listed(Vec::<String>::new()).count(), 0);
        assert_eq!(Inputs::listed(["-"]).next().unwrap().source.unwrap(), Source::Stdin);
    }

    #[test]
    fn size_limit() {
        let mut buf = Vec::new();
        let err = read_limited(&b"0123456789"[..], None, 4, &mut buf).unwrap_err();
        assert_eq!(err.kind(), "too_large");
        buf.clear();
        read_limited(&b"0123"[..], None, 4, &mut buf).unwrap();
        assert_eq!(buf, b"0123");
    }
}
