//! Writing JSON Lines: records to stdout or to a file replaced atomically, error
//! objects to stderr or an `--errors` file. Every line is written with one call, so a
//! reader never sees half a line from us.
//!
//! An interrupt (SIGINT, SIGTERM) ends the process through [`exit_interrupted`], which
//! first waits for the write in progress: writes and the final rename hold a gate, so
//! the process never dies halfway through a line (or a buffer of lines), and a
//! temporary output file is removed, leaving the destination as it was.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError, TryLockError};
use std::time::{Duration, Instant};

use serde::Serialize;
use tempfile::NamedTempFile;

use crate::error::Error;
use crate::record::Record;

#[derive(Serialize)]
struct ErrorObject<'a> {
    source_path: &'a str,
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    kind: &'a str,
    message: String,
}

/// Held while bytes are written (or the output renamed into place).
static GATE: Mutex<()> = Mutex::new(());

/// Temporary output files not yet renamed into place: removed on interrupt.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// How long an interrupt waits for a write in progress (a reader that stopped reading
/// would block it for ever).
const INTERRUPT_GRACE: Duration = Duration::from_secs(2);

fn gate() -> MutexGuard<'static, ()> {
    GATE.lock().unwrap_or_else(PoisonError::into_inner)
}

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// End the process on an interrupt, with status `code`: wait (up to two seconds) for
/// the write in progress to complete, so no half line is left, keep any further write
/// from starting, remove pending temporary outputs, exit. For signal handlers.
pub fn exit_interrupted(code: i32) -> ! {
    let deadline = Instant::now() + INTERRUPT_GRACE;
    let _held = loop {
        match GATE.try_lock() {
            Ok(guard) => break Some(guard),
            Err(TryLockError::Poisoned(p)) => break Some(p.into_inner()),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Err(TryLockError::WouldBlock) => break None,
        }
    };
    for tmp in pending().iter() {
        let _ = std::fs::remove_file(tmp);
    }
    std::process::exit(code)
}

/// `1 record`, `2 records`, `0 records`: a count for the summary line.
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A record as one JSON line (with its `\n`).
pub fn record_line(record: &Record) -> Vec<u8> {
    let mut line = Vec::with_capacity(record.body.len() + 1024);
    append_record_line(&mut line, record);
    line
}

/// Append a record as one JSON line (with its `\n`) to `line`.
pub fn append_record_line(line: &mut Vec<u8>, record: &Record) {
    let start = line.len();
    // Serialising plain strings and vectors cannot fail.
    if serde_json::to_writer(&mut *line, record).is_err() {
        line.truncate(start);
    }
    line.push(b'\n');
}

/// An error object as one JSON line: `{"source_path":…,"error":{"kind":…,"message":…}}`.
/// The message names the input.
pub fn error_line(source_path: &str, err: &Error) -> Vec<u8> {
    let obj =
        ErrorObject { source_path, error: ErrorBody { kind: err.kind(), message: format!("{source_path}: {err}") } };
    let mut line = serde_json::to_vec(&obj).unwrap_or_default();
    line.push(b'\n');
    line
}

/// The line of a page whose kind `--page-type` did not ask for:
/// `{"source_path":…,"page_type":…}`.
pub fn page_type_line(source_path: &str, page_type: crate::record::PageType) -> Vec<u8> {
    #[derive(Serialize)]
    struct Left<'a> {
        source_path: &'a str,
        page_type: crate::record::PageType,
    }
    let mut line = serde_json::to_vec(&Left { source_path, page_type }).unwrap_or_default();
    line.push(b'\n');
    line
}

/// The line of a record dropped by `--dedup drop`:
/// `{"source_path":…,"duplicate_of":{"id":…,"source_path":…}}`.
pub fn duplicate_line(source_path: &str, first_id: &str, first_path: &str) -> Vec<u8> {
    #[derive(Serialize)]
    struct First<'a> {
        id: &'a str,
        source_path: &'a str,
    }
    #[derive(Serialize)]
    struct Dropped<'a> {
        source_path: &'a str,
        duplicate_of: First<'a>,
    }
    let obj = Dropped { source_path, duplicate_of: First { id: first_id, source_path: first_path } };
    let mut line = serde_json::to_vec(&obj).unwrap_or_default();
    line.push(b'\n');
    line
}

/// The key written just before `warnings`, with its null value.
const DUPLICATE_OF_NULL: &[u8] = b"\"duplicate_of\":null,\"warnings\":[";

/// Set `duplicate_of` (to `id`, a 16-hex-char id) in a record line written by
/// [`append_record_line`], and with `near` add warning `near_duplicate` at the end of
/// `warnings`. The line is edited in place of re-serialising the record: it is the last
/// `"duplicate_of":null,"warnings":[` of the line (nothing after it holds a quote but the
/// warning codes). False, and the line untouched, when it has no such key.
pub fn mark_duplicate(line: &mut Vec<u8>, id: &str, near: bool) -> bool {
    let Some(at) = memchr::memmem::rfind(line, DUPLICATE_OF_NULL) else { return false };
    if near {
        // The line ends with `]}\n`.
        let Some(close) = line.len().checked_sub(3) else { return false };
        if line.get(close..) != Some(b"]}\n".as_slice()) {
            return false;
        }
        let empty = close == at + DUPLICATE_OF_NULL.len();
        let add: &[u8] = if empty { b"\"near_duplicate\"" } else { b",\"near_duplicate\"" };
        line.splice(close..close, add.iter().copied());
    }
    let null_at = at + b"\"duplicate_of\":".len();
    let quoted = format!("\"{}\"", id.replace(['"', '\\'], ""));
    line.splice(null_at..null_at + 4, quoted.bytes());
    true
}

/// Where records go.
pub enum Output {
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file beside `dest`, renamed onto it by [`Output::finish`].
    Atomic {
        file: BufWriter<NamedTempFile>,
        dest: PathBuf,
    },
    /// Any writer (tests, library users).
    Writer(Box<dyn Write + Send>),
}

impl Output {
    pub fn stdout() -> Self {
        Output::Stdout(BufWriter::with_capacity(256 * 1024, io::stdout()))
    }

    /// Write to a temporary file in `dest`'s directory; `finish` renames it onto
    /// `dest`, so an interrupted run never leaves a truncated file under that name.
    pub fn atomic(dest: &Path) -> io::Result<Self> {
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new().prefix(".newsnorm-").suffix(".tmp").tempfile_in(dir)?;
        pending().push(tmp.path().to_owned());
        Ok(Output::Atomic { file: BufWriter::with_capacity(256 * 1024, tmp), dest: dest.to_owned() })
    }

    /// The temporary file's path, for a signal handler to remove.
    pub fn temp_path(&self) -> Option<PathBuf> {
        match self {
            Output::Atomic { file, .. } => Some(file.get_ref().path().to_owned()),
            _ => None,
        }
    }

    pub fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        let _gate = gate();
        match self {
            Output::Stdout(w) => w.write_all(line),
            Output::Atomic { file, .. } => file.write_all(line),
            Output::Writer(w) => w.write_all(line),
        }
    }

    /// Flush, and for a file, move it into place.
    pub fn finish(self) -> io::Result<()> {
        let _gate = gate();
        match self {
            Output::Stdout(mut w) => w.flush(),
            Output::Writer(mut w) => w.flush(),
            Output::Atomic { file, dest } => {
                let tmp = file.into_inner().map_err(|e| e.into_error())?;
                tmp.as_file().sync_all()?;
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
                }
                let path = tmp.path().to_owned();
                let persisted = tmp.persist(&dest).map(|_| ()).map_err(|e| e.error);
                pending().retain(|p| *p != path);
                persisted
            }
        }
    }
}

/// Where error objects go.
pub enum ErrorSink {
    Stderr,
    /// Into the record output, each error object in its input's place (`--errors -`
    /// with records on stdout: for engines that collect stdout only). The run writes
    /// an input's error line through its [`Output`] (see `run::Writer`); a line given
    /// to [`ErrorSink::write_line`] goes to stdout directly: whole, but not in order.
    Records,
    File(BufWriter<File>),
    Writer(Box<dyn Write + Send>),
}

impl ErrorSink {
    pub fn file(path: &Path) -> io::Result<Self> {
        Ok(ErrorSink::File(BufWriter::new(File::create(path)?)))
    }

    /// The sink for `--errors ARG`: stderr without it; `-` is stdout, which is the
    /// record output itself when records go to stdout (`records_on_stdout`), so the
    /// two kinds of line are interleaved in input order; else a file.
    pub fn for_arg(arg: Option<&Path>, records_on_stdout: bool) -> io::Result<Self> {
        match arg {
            None => Ok(ErrorSink::Stderr),
            Some(p) if p.as_os_str() == "-" && records_on_stdout => Ok(ErrorSink::Records),
            Some(p) if p.as_os_str() == "-" => {
                Ok(ErrorSink::Writer(Box::new(BufWriter::with_capacity(64 * 1024, io::stdout()))))
            }
            Some(p) => ErrorSink::file(p),
        }
    }

    /// Error objects go into the record output (see [`ErrorSink::Records`]).
    pub fn is_records(&self) -> bool {
        matches!(self, ErrorSink::Records)
    }

    /// Error objects go to stderr, where a progress bar may be drawn too.
    pub fn is_stderr(&self) -> bool {
        matches!(self, ErrorSink::Stderr)
    }

    pub fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        let _gate = gate();
        match self {
            ErrorSink::Stderr => io::stderr().lock().write_all(line),
            ErrorSink::Records => io::stdout().lock().write_all(line),
            ErrorSink::File(w) => w.write_all(line),
            ErrorSink::Writer(w) => w.write_all(line),
        }
    }

    pub fn flush(&mut self) -> io::Result<()> {
        let _gate = gate();
        match self {
            ErrorSink::Stderr => io::stderr().flush(),
            ErrorSink::Records => io::stdout().flush(),
            ErrorSink::File(w) => w.flush(),
            ErrorSink::Writer(w) => w.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(count(1, "error", "errors"), "1 error");
        assert_eq!(count(0, "error", "errors"), "0 errors");
        assert_eq!(count(2, "record", "records"), "2 records");
    }

    #[test]
    fn error_line_shape() {
        let line = error_line("a/b.txt", &Error::NotFound);
        let v: serde_json::Value = serde_json::from_slice(&line).unwrap();
        assert_eq!(v["source_path"], "a/b.txt");
        assert_eq!(v["error"]["kind"], "not_found");
        assert_eq!(v["error"]["message"], "a/b.txt: no such file or directory");
        assert!(line.ends_with(b"}\n"));
    }

    fn record() -> Record {
        Record {
            id: "0123456789abcdef".into(),
            format: "jekyll",
            source_path: "a".into(),
            title: "t \"duplicate_of\":null,\"warnings\":[".into(),
            date: None,
            author: None,
            publisher: None,
            url: None,
            archive_url: None,
            body: "b".into(),
            images: vec![],
            tags: vec![],
            category: None,
            page_type: crate::record::PageType::Article,
            language: None,
            duplicate_of: None,
            warnings: vec![],
        }
    }

    #[test]
    fn duplicates_are_marked_in_the_line() {
        for (warnings, near) in [(vec![], false), (vec![], true), (vec!["no_url".to_owned()], true)] {
            let mut r = record();
            r.warnings = warnings;
            let mut line = record_line(&r);
            assert!(mark_duplicate(&mut line, "fedcba9876543210", near));
            r.duplicate_of = Some("fedcba9876543210".into());
            if near {
                r.warnings.push("near_duplicate".into());
            }
            assert_eq!(String::from_utf8(line).unwrap(), String::from_utf8(record_line(&r)).unwrap());
        }
        assert!(!mark_duplicate(&mut b"{}\n".to_vec(), "x", false));
        let line = duplicate_line("b", "0123456789abcdef", "a");
        assert_eq!(
            line,
            b"{\"source_path\":\"b\",\"duplicate_of\":{\"id\":\"0123456789abcdef\",\"source_path\":\"a\"}}\n"
        );
    }

    #[test]
    fn atomic_output_appears_only_on_finish() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.jsonl");
        let mut out = Output::atomic(&dest).unwrap();
        out.write_line(b"{}\n").unwrap();
        assert!(!dest.exists());
        let tmp = out.temp_path().unwrap();
        assert!(tmp.exists());
        out.finish().unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"{}\n");
        assert!(!tmp.exists());
    }
}
