//! Writing JSON Lines: records to stdout or to an output [`Target`] (a file replaced
//! atomically, or a FIFO or device written through), error objects to stderr or an
//! `--errors` target. Every line is written whole: lines are gathered in a buffer per
//! destination and written out in whole lines.
//!
//! An interrupt (SIGINT, SIGTERM) ends the process through [`exit_interrupted`]. The run
//! holds a gate ([`hold`]) while it writes one input's lines (its record, or its error
//! object), and the interrupt takes that gate first, so both streams end after the same
//! input: it then writes out what is buffered for streams (stdout, stderr, FIFOs,
//! devices) and gives up the replacements of files (the temporary files go, the old
//! files stay as they were).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError, Weak};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::Error;
use crate::record::Record;
use crate::target::{Replacement, Target};

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

/// The destinations of the process, for the interrupt to finish; its lock is the gate
/// held while the lines of one input are written.
static GATE: Mutex<Vec<Weak<Mutex<Sink>>>> = Mutex::new(Vec::new());

/// Named temporary files not yet put in place: removed on interrupt.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The outputs are being put in place: an interrupt waits for that to end.
static COMMITTING: AtomicBool = AtomicBool::new(false);

/// How long an interrupt waits for a write in progress (a reader that stopped reading
/// would block it for ever), and then for the buffered lines to go out.
const INTERRUPT_GRACE: Duration = Duration::from_secs(2);

fn lock<T: ?Sized>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Hold the gate: an interrupt waits until the guard is dropped, so the lines written
/// meanwhile (one input's record or error object, on whichever streams) all go out or
/// none does. Not re-entrant: write lines under it, do not take it twice.
pub fn hold() -> Gate {
    Gate { _guard: lock(&GATE) }
}

/// The gate, held (see [`hold`]).
pub struct Gate {
    _guard: MutexGuard<'static, Vec<Weak<Mutex<Sink>>>>,
}

pub(crate) fn pending_temp(path: &Path) {
    lock(&PENDING).push(path.to_owned());
}

pub(crate) fn forget_temp(path: &Path) {
    lock(&PENDING).retain(|p| p != path);
}

/// Try to lock `m` until `deadline`.
fn lock_until<T: ?Sized>(m: &Mutex<T>, deadline: Option<Instant>) -> Option<MutexGuard<'_, T>> {
    loop {
        match m.try_lock() {
            Ok(guard) => return Some(guard),
            Err(TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(TryLockError::WouldBlock) if deadline.is_none_or(|d| Instant::now() < d) => {
                std::thread::sleep(Duration::from_millis(5))
            }
            Err(TryLockError::WouldBlock) => return None,
        }
    }
}

/// End the process on an interrupt, with status `code`: wait (up to two seconds) for
/// the input being written to be written whole, keep any further write from starting,
/// write out the lines buffered for streams (stdout, stderr, FIFOs, devices), give up
/// the files that were to be replaced (they keep their old content), exit. For signal
/// handlers. If the buffered lines cannot go out within two seconds (a reader that
/// stopped reading), the process ends anyway.
pub fn exit_interrupted(code: i32) -> ! {
    let deadline = (!COMMITTING.load(Ordering::SeqCst)).then(|| Instant::now() + INTERRUPT_GRACE);
    let held = lock_until(&GATE, deadline);
    // Whatever happens below, the process ends soon.
    let _ = std::thread::Builder::new().spawn(move || {
        std::thread::sleep(INTERRUPT_GRACE);
        end_now(code);
    });
    if let Some(sinks) = &held {
        for sink in sinks.iter().filter_map(Weak::upgrade) {
            if let Some(mut sink) = lock_until(&sink, Some(Instant::now() + INTERRUPT_GRACE)) {
                sink.interrupt();
            }
        }
    }
    for tmp in lock(&PENDING).iter() {
        let _ = std::fs::remove_file(tmp);
    }
    end_now(code)
}

/// Exit at once, without running anything that could block (std's exit flushes its
/// stdout buffer, which waits on a reader that stopped reading).
fn end_now(code: i32) -> ! {
    #[cfg(unix)]
    // SAFETY: `_exit` ends the process; nothing of ours is left half written (the gate).
    unsafe {
        libc::_exit(code)
    }
    #[cfg(not(unix))]
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

/// Where buffered lines go.
enum Dest {
    Stdout,
    Stderr,
    Through(std::fs::File),
    Replace(Replacement),
    Writer(Box<dyn Write + Send>),
}

impl Dest {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Dest::Stdout => io::stdout().lock().write_all(bytes),
            Dest::Stderr => io::stderr().lock().write_all(bytes),
            Dest::Through(f) => f.write_all(bytes),
            Dest::Replace(r) => r.file().write_all(bytes),
            Dest::Writer(w) => w.write_all(bytes),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Dest::Stdout => io::stdout().flush(),
            Dest::Stderr => io::stderr().flush(),
            Dest::Through(_) | Dest::Replace(_) => Ok(()),
            Dest::Writer(w) => w.flush(),
        }
    }
}

/// Lines on their way to one destination.
struct Sink {
    dest: Dest,
    buf: Vec<u8>,
    /// Write out once this much is buffered (0: every line at once).
    limit: usize,
}

impl Sink {
    fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        if self.limit == 0 {
            return self.dest.write_all(line);
        }
        self.buf.extend_from_slice(line);
        if self.buf.len() >= self.limit { self.write_out() } else { Ok(()) }
    }

    /// Write out what is buffered (whole lines).
    fn write_out(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let r = self.dest.write_all(&self.buf);
        self.buf.clear();
        r
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_out()?;
        self.dest.flush()
    }

    /// On interrupt: streams get what is buffered, replacements are given up.
    fn interrupt(&mut self) {
        match &mut self.dest {
            Dest::Replace(r) => r.discard(),
            _ => {
                let _ = self.flush();
            }
        }
    }
}

/// A destination of lines: buffered, registered for the interrupt.
#[derive(Clone)]
pub struct Lines(Arc<Mutex<Sink>>);

impl Lines {
    fn new(dest: Dest, limit: usize) -> Lines {
        let sink = Arc::new(Mutex::new(Sink { dest, buf: Vec::with_capacity(limit), limit }));
        let mut live = lock(&GATE);
        live.retain(|w| w.strong_count() > 0);
        let weak: Weak<Mutex<Sink>> = Arc::downgrade(&sink);
        live.push(weak);
        Lines(sink)
    }

    fn of_target(target: Target, limit: usize) -> Lines {
        match target {
            Target::Stdout => Lines::new(Dest::Stdout, limit),
            Target::Through(f) => Lines::new(Dest::Through(f), limit),
            Target::Replace(r) => Lines::new(Dest::Replace(r), limit),
        }
    }

    fn write_line(&self, line: &[u8]) -> io::Result<()> {
        lock(&self.0).write_line(line)
    }

    fn flush(&self) -> io::Result<()> {
        lock(&self.0).flush()
    }

    /// Flush, and put a replacement in place.
    fn finish(self) -> io::Result<()> {
        let mut sink = lock(&self.0);
        sink.flush()?;
        match std::mem::replace(&mut sink.dest, Dest::Writer(Box::new(io::sink()))) {
            Dest::Replace(r) => r.commit(),
            other => {
                sink.dest = other;
                Ok(())
            }
        }
    }

    fn is(&self, f: impl Fn(&Dest) -> bool) -> bool {
        f(&lock(&self.0).dest)
    }

    fn temp_path(&self) -> Option<PathBuf> {
        match &lock(&self.0).dest {
            Dest::Replace(r) => r.temp_path().map(Path::to_owned),
            _ => None,
        }
    }
}

/// How much of the record output is gathered before it is written.
const OUT_BUFFER: usize = 256 * 1024;

/// Where records go.
pub struct Output(Lines);

impl Output {
    pub fn stdout() -> Self {
        Output(Lines::new(Dest::Stdout, OUT_BUFFER))
    }

    /// The `-o` target: a file replaced by [`Output::finish`], a FIFO or device written
    /// through, or stdout.
    pub fn target(target: Target) -> Self {
        Output(Lines::of_target(target, OUT_BUFFER))
    }

    /// Write to a file replaced atomically when [`Output::finish`]ed (see [`Target`]).
    pub fn atomic(dest: &Path) -> Result<Self, crate::target::TargetError> {
        Target::open(dest).map(Output::target)
    }

    /// Any writer (tests, library users).
    pub fn writer(w: Box<dyn Write + Send>) -> Self {
        Output(Lines::new(Dest::Writer(w), OUT_BUFFER))
    }

    /// Any writer, given each line as soon as it is written (a caller handed lines as
    /// their inputs finish).
    pub fn writer_each_line(w: Box<dyn Write + Send>) -> Self {
        Output(Lines::new(Dest::Writer(w), 0))
    }

    /// The temporary file's path, when it has one (the output is a file being replaced,
    /// on a system without unnamed temporary files).
    pub fn temp_path(&self) -> Option<PathBuf> {
        self.0.temp_path()
    }

    /// Records go to standard output.
    pub fn is_stdout(&self) -> bool {
        self.0.is(|d| matches!(d, Dest::Stdout))
    }

    pub fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        self.0.write_line(line)
    }

    /// Write out the lines gathered so far (before something that may block).
    pub fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }

    /// Flush, and for a file being replaced, put it in place.
    pub fn finish(self) -> io::Result<()> {
        self.0.finish()
    }
}

/// Where error objects go.
pub enum ErrorSink {
    /// Into the record output, each error object in its input's place (`--errors -`
    /// with records on stdout: for engines that collect stdout only). The run writes
    /// an input's error line through its [`Output`] (see `run::Writer`); a line given
    /// to [`ErrorSink::write_line`] goes to stdout directly: whole, but not in order.
    Records,
    /// Stderr, a file, a FIFO, stdout apart from the records, a writer.
    Lines(Lines),
}

impl ErrorSink {
    /// Standard error, each line written at once.
    pub fn stderr() -> Self {
        ErrorSink::Lines(Lines::new(Dest::Stderr, 0))
    }

    /// The `--errors` target. `records_on_stdout`: `-` puts the error objects among the
    /// records (see [`ErrorSink::Records`]).
    pub fn target(target: Target, records_on_stdout: bool) -> Self {
        match target {
            Target::Stdout if records_on_stdout => ErrorSink::Records,
            other => ErrorSink::Lines(Lines::of_target(other, 64 * 1024)),
        }
    }

    /// Any writer (tests, library users).
    pub fn writer(w: Box<dyn Write + Send>) -> Self {
        ErrorSink::Lines(Lines::new(Dest::Writer(w), 64 * 1024))
    }

    /// Error objects go into the record output (see [`ErrorSink::Records`]).
    pub fn is_records(&self) -> bool {
        matches!(self, ErrorSink::Records)
    }

    /// Error objects go to stderr, where a progress bar may be drawn too.
    pub fn is_stderr(&self) -> bool {
        match self {
            ErrorSink::Records => false,
            ErrorSink::Lines(l) => l.is(|d| matches!(d, Dest::Stderr)),
        }
    }

    pub fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        match self {
            ErrorSink::Records => io::stdout().lock().write_all(line),
            ErrorSink::Lines(l) => l.write_line(line),
        }
    }

    pub fn flush(&mut self) -> io::Result<()> {
        match self {
            ErrorSink::Records => io::stdout().flush(),
            ErrorSink::Lines(l) => l.flush(),
        }
    }

    /// Flush, and for a file being replaced, put it in place.
    pub fn finish(self) -> io::Result<()> {
        match self {
            ErrorSink::Records => io::stdout().flush(),
            ErrorSink::Lines(l) => l.finish(),
        }
    }
}

/// Put every output in place at the end of a run, under the gate, so an interrupt
/// finds them all replaced or none (it waits for this to end).
pub fn finish_all(out: Output, errs: ErrorSink, stats: Option<(Target, Vec<u8>)>) -> io::Result<()> {
    let _gate = hold();
    COMMITTING.store(true, Ordering::SeqCst);
    let result = (|| {
        out.finish()?;
        errs.finish()?;
        match stats {
            None => {}
            Some((Target::Stdout, bytes)) => io::stdout().lock().write_all(&bytes)?,
            Some((Target::Through(mut f), bytes)) => f.write_all(&bytes)?,
            Some((Target::Replace(mut r), bytes)) => {
                r.file().write_all(&bytes)?;
                r.commit()?;
            }
        }
        Ok(())
    })();
    COMMITTING.store(false, Ordering::SeqCst);
    result
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
        out.flush().unwrap();
        assert!(!dest.exists());
        out.finish().unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"{}\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
    }
}
