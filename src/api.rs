//! The library's face: options built once ([`Options::builder`]), one document to its
//! [`Record`] ([`process_bytes`], [`Document::process`]), and a [`Run`] over paths or
//! documents on worker threads, its lines handed back in input order with a progress
//! callback. Everything at the crate root that is documented is this face; the modules
//! behind it are the command line's and the tests' (hidden from the documentation, not
//! a stable interface).

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

use encoding_rs::Encoding;

use crate::dedup;
use crate::error::Error;
use crate::formats::{Format, Formats};
use crate::input::{Input, Inputs, Source};
use crate::output::{ErrorSink, Output};
use crate::pipeline::{Hint, process_each};
use crate::record::{PageType, PageTypes, Record};
use crate::run::{self, Mode, Progress};
use crate::sites::{Outlets, RuleError};
use crate::{DEFAULT_MAX_SIZE, Options, decode};

/// Why [`OptionsBuilder::build`] could not build the options.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A rule file that cannot be used (`FILE:LINE: problem`).
    #[error(transparent)]
    Rules(#[from] RuleError),
    /// A format file that cannot be used (`FILE:LINE: problem`).
    #[error(transparent)]
    Formats(#[from] crate::formats::spec::FormatError),
    /// No format of that name.
    #[error("unknown format {name} (one of: {known})")]
    UnknownFormat { name: String, known: String },
    /// No encoding of that label.
    #[error("unknown encoding label {0:?} (try utf-8, big5, gb18030, utf-16le)")]
    UnknownEncoding(String),
}

/// Options to build: rule files, format files, a forced format or encoding, the size
/// limit. See [`Options::builder`].
#[derive(Debug, Clone, Default)]
pub struct OptionsBuilder {
    rules: Vec<PathBuf>,
    formats: Vec<PathBuf>,
    format: Option<String>,
    encoding: Option<String>,
    max_size: Option<u64>,
}

impl Options {
    /// Options built from rule files, format files and names, as the command line's
    /// `--rules`, `--formats`, `--format`, `--encoding` and `--max-size` give them.
    ///
    /// ```
    /// let opts = newsnorm::Options::builder().format("html").max_size(1 << 20).build().unwrap();
    /// let page = b"<html><head><title>Rain</title></head><body><article><p>It rained all day in the hills \
    ///     above the town, and the river rose.</p></article></body></html>";
    /// let record = newsnorm::process_bytes("rain.html", page, &opts).unwrap();
    /// assert_eq!(record.format, "html");
    /// ```
    pub fn builder() -> OptionsBuilder {
        OptionsBuilder::default()
    }

    /// The format called `name` among these options' formats (for [`Document::format`]).
    pub fn format_named(&self, name: &str) -> Result<&'static dyn Format, ConfigError> {
        self.formats
            .by_name(name)
            .ok_or_else(|| ConfigError::UnknownFormat { name: name.to_owned(), known: self.formats.names() })
    }

    /// The encoding of a WHATWG label (`utf-8`, `big5`, `gb18030`, `shift_jis`, ...), for
    /// [`Options::encoding`] (as `--encoding` takes it).
    pub fn encoding_named(label: &str) -> Result<&'static Encoding, ConfigError> {
        decode::encoding_for_label(label).ok_or_else(|| ConfigError::UnknownEncoding(label.to_owned()))
    }
}

impl OptionsBuilder {
    /// Rule files or folders of them (`*.toml`), after the built-in rules: a rule with a
    /// built-in key replaces it.
    pub fn rules<P: Into<PathBuf>>(mut self, paths: impl IntoIterator<Item = P>) -> Self {
        self.rules.extend(paths.into_iter().map(Into::into));
        self
    }

    /// Format files or folders of them, after the built-in formats.
    pub fn formats<P: Into<PathBuf>>(mut self, paths: impl IntoIterator<Item = P>) -> Self {
        self.formats.extend(paths.into_iter().map(Into::into));
        self
    }

    /// Read every input as this format (`auto`: detect it, the default).
    pub fn format(mut self, name: &str) -> Self {
        self.format = (name != "auto").then(|| name.to_owned());
        self
    }

    /// Decode inputs with this encoding label instead of sniffing (a BOM still wins).
    pub fn encoding(mut self, label: &str) -> Self {
        self.encoding = Some(label.to_owned());
        self
    }

    /// Refuse inputs larger than this many bytes (`too_large`); [`DEFAULT_MAX_SIZE`] if
    /// not set.
    pub fn max_size(mut self, bytes: u64) -> Self {
        self.max_size = Some(bytes);
        self
    }

    /// Load and compile the rules and formats. Those loaded from files live for the rest
    /// of the process: build options once and reuse them.
    pub fn build(self) -> Result<Options, ConfigError> {
        let outlets = Outlets::load_static(&self.rules)?;
        let formats = Formats::load_static(&self.formats)?;
        let mut opts = Options { outlets, formats, ..Options::default() };
        if let Some(name) = &self.format {
            opts.format = Some(opts.format_named(name)?);
        }
        if let Some(label) = self.encoding {
            opts.encoding = Some(Options::encoding_named(&label)?);
        }
        opts.max_size = self.max_size.unwrap_or(DEFAULT_MAX_SIZE);
        Ok(opts)
    }
}

/// An input that did not give a record: which input, and why.
#[derive(Debug)]
pub struct InputError {
    source_path: String,
    error: Error,
}

impl InputError {
    pub fn new(source_path: impl Into<String>, error: Error) -> Self {
        InputError { source_path: source_path.into(), error }
    }

    /// The stable code of the SPEC (`not_found`, `empty_body`, ...).
    pub fn kind(&self) -> &'static str {
        self.error.kind()
    }

    /// The message of the error stream: the input's path, then what is wrong.
    pub fn message(&self) -> String {
        format!("{}: {}", self.source_path, self.error)
    }

    /// The input, as written in `source_path`.
    pub fn source_path(&self) -> &str {
        &self.source_path
    }

    /// The typed cause.
    pub fn error(&self) -> &Error {
        &self.error
    }
}

impl InputError {
    /// The error object the command line writes for it (without the newline):
    /// `{"source_path":…,"error":{"kind":…,"message":…}}`.
    pub fn to_json(&self) -> String {
        json_text(crate::output::error_line(&self.source_path, &self.error))
    }
}

impl Record {
    /// The record's line as the command line writes it (without the newline).
    pub fn to_json(&self) -> String {
        json_text(crate::output::record_line(self))
    }
}

/// A line of ours (valid UTF-8, serde_json's) as text, without its newline.
fn json_text(mut line: Vec<u8>) -> String {
    if line.last() == Some(&b'\n') {
        line.pop();
    }
    String::from_utf8(line).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source_path, self.error)
    }
}

impl std::error::Error for InputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// One document in memory: its bytes, the `source_path` its records carry, and what is
/// known of it beyond its bytes.
#[derive(Clone)]
pub struct Document {
    pub source_path: String,
    pub data: Vec<u8>,
    /// The URL it was fetched from: the record's `url` when the document names none.
    pub url: Option<String>,
    /// Read it as this format instead of detecting it (a format forced in the
    /// [`Options`] still wins); see [`Options::format_named`].
    pub format: Option<&'static dyn Format>,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("source_path", &self.source_path)
            .field("data", &self.data.len())
            .field("url", &self.url)
            .field("format", &self.format.map(|f| f.name()))
            .finish()
    }
}

impl Document {
    pub fn new(source_path: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
        Document { source_path: source_path.into(), data: data.into(), url: None, format: None }
    }

    fn hint(&self) -> Hint {
        Hint { url: self.url.clone(), format: self.format, ..Hint::default() }
    }

    /// Every record of the document, in order: one for an article, one per item of a
    /// container (a feed, a JSON array, JSON Lines; `source_path#N`).
    pub fn process(&self, opts: &Options) -> Vec<Result<Record, InputError>> {
        let mut all = Vec::new();
        process_each(&self.source_path, &self.data, &self.hint(), opts, &mut |path, result| {
            all.push(result.map_err(|e| InputError::new(path, e)));
        });
        all
    }

    fn into_input(self) -> Input {
        let hint = self.hint();
        Input { display: self.source_path, source: Ok(Source::Bytes(self.data)), hint }
    }
}

/// One line of a [`Run`], exactly as the command line writes it (without its newline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line<'a> {
    /// A record (SPEC.md), with `duplicate_of` set by a run with [`Run::dedup`].
    Record(&'a str),
    /// An error object: `{"source_path":…,"error":{"kind":…,"message":…}}`.
    Error(&'a str),
    /// Not a record and not a failure: a page of a kind [`Run::page_types`] did not ask
    /// for (`{"source_path","page_type"}`), a duplicate dropped (`{"source_path",
    /// "duplicate_of"}`).
    Other(&'a str),
}

impl<'a> Line<'a> {
    fn of(line: &'a str) -> Line<'a> {
        if line.starts_with("{\"id\":") {
            Line::Record(line)
        } else if line.contains("\"error\":{\"kind\":") {
            // A quote inside a JSON string is escaped: only the key itself matches.
            Line::Error(line)
        } else {
            Line::Other(line)
        }
    }

    /// The line's JSON text.
    pub fn text(&self) -> &'a str {
        match self {
            Line::Record(s) | Line::Error(s) | Line::Other(s) => s,
        }
    }
}

/// What a run did.
pub use crate::run::Summary;

/// A batch: many inputs on worker threads, every line back in input order, as the
/// command line runs them.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("a.txt"), "布林肯會王毅\n\nRti 中央廣播電臺 2024-04-26 10:45\n\n布林肯今天在北京會見王毅。\n\n原始連結\n").unwrap();
/// std::fs::write(dir.path().join("b.txt"), "").unwrap();
/// let mut lines = Vec::new();
/// let summary = newsnorm::Run::new(newsnorm::Options::default())
///     .jobs(2)
///     .paths([dir.path()], |line| { lines.push(line.text().to_owned()); true }, |_done| {})
///     .unwrap();
/// assert_eq!((summary.records, summary.errors), (1, 1));
/// assert!(lines[1].contains("\"kind\":\"empty\""));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Run {
    cfg: run::Config,
}

impl Run {
    /// A run with these options, one worker per core.
    pub fn new(opts: Options) -> Run {
        let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
        Run { cfg: run::Config::new(opts, Mode::Records, jobs) }
    }

    /// Worker threads (1: all on the calling thread's helper, one input after another).
    pub fn jobs(mut self, jobs: usize) -> Run {
        self.cfg.jobs = jobs.max(1);
        self
    }

    /// Only these kinds of page give records; the others give a [`Line::Other`].
    pub fn page_types(mut self, kinds: impl IntoIterator<Item = PageType>) -> Run {
        self.cfg.page_types = Some(kinds.into_iter().collect::<PageTypes>());
        self
    }

    /// Find duplicates of earlier records (the first of the run wins): mark them
    /// (`duplicate_of`), or with `drop` give a [`Line::Other`] in their place; with
    /// `near`, also near duplicates (the same URL, or a body similarity at least `near`).
    pub fn dedup(mut self, drop: bool, near: Option<f64>) -> Run {
        let mode = if drop { dedup::Mode::Drop } else { dedup::Mode::Mark };
        self.cfg.dedup = Some(dedup::Config { mode, near });
        self
    }

    /// Run over files, folders (walked in sorted order) and WARC files (`.warc`,
    /// `.warc.gz`: each HTML response an input). `each` gets every line in input order
    /// and returns false to stop the run; `progress` gets the count of inputs done.
    /// Only an error of the run itself is returned: input errors are lines.
    pub fn paths<P: Into<OsString>>(
        &self,
        paths: impl IntoIterator<Item = P>,
        each: impl FnMut(Line<'_>) -> bool,
        progress: impl FnMut(u64),
    ) -> io::Result<Summary> {
        let inputs = Inputs::listed(paths).with_max_size(self.cfg.opts.max_size);
        self.drive(inputs, each, progress)
    }

    /// Run over documents in memory (taken from `docs` as workers are free for them).
    pub fn documents(
        &self,
        docs: impl Iterator<Item = Document> + Send,
        each: impl FnMut(Line<'_>) -> bool,
        progress: impl FnMut(u64),
    ) -> io::Result<Summary> {
        self.drive(docs.map(Document::into_input), each, progress)
    }

    /// The run's machinery writes on a helper thread into a channel; the lines and the
    /// progress are handed to the callbacks on the calling thread, so they need not be
    /// `Send`. The workers take a new input only while fewer than a window of inputs are
    /// taken and not yet handed over, so a slow caller holds the run back (memory stays
    /// bounded) without any write waiting. Dropping the receiver (a callback said stop)
    /// stops the run.
    fn drive(
        &self,
        inputs: impl Iterator<Item = Input> + Send,
        mut each: impl FnMut(Line<'_>) -> bool,
        mut progress: impl FnMut(u64),
    ) -> io::Result<Summary> {
        let (tx, rx) = mpsc::channel::<Event>();
        let cfg = self.cfg;
        let handed = Handed::default();
        let inputs = Gated { inputs, taken: 0, window: 64 * cfg.jobs as u64 + 64, handed: &handed };
        std::thread::scope(|scope| {
            let done = Done(tx.clone());
            let helper = scope.spawn(move || {
                let mut out = Output::writer_each_line(Box::new(Lines { tx, partial: Vec::new() }));
                let mut errs = ErrorSink::Records;
                let (summary, _) = run::run_with_progress(inputs, &cfg, &mut out, &mut errs, Some(&done))?;
                if !summary.broken_pipe {
                    out.finish()?;
                }
                Ok(summary)
            });
            let mut inputs_done = 0;
            for event in rx.iter() {
                match event {
                    Event::Line(text) => {
                        if !each(Line::of(&text)) {
                            break;
                        }
                    }
                    Event::Done => {
                        inputs_done += 1;
                        handed.set(inputs_done);
                        progress(inputs_done);
                    }
                }
            }
            // Stopped (or ended): no worker may wait for the caller any more.
            drop(rx);
            handed.set(u64::MAX / 2);
            helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }
}

/// How many inputs' lines the caller of a [`Run`] has been handed.
#[derive(Default)]
struct Handed {
    count: Mutex<u64>,
    moved: Condvar,
}

impl Handed {
    fn set(&self, n: u64) {
        *self.count.lock().unwrap_or_else(PoisonError::into_inner) = n;
        self.moved.notify_all();
    }
}

/// The inputs of a [`Run`], handed out while fewer than `window` of them are taken and
/// not yet handed to the caller.
struct Gated<'h, I> {
    inputs: I,
    taken: u64,
    window: u64,
    handed: &'h Handed,
}

impl<I: Iterator<Item = Input>> Iterator for Gated<'_, I> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        let mut handed = self.handed.count.lock().unwrap_or_else(PoisonError::into_inner);
        while self.taken >= *handed + self.window {
            handed = self.handed.moved.wait(handed).unwrap_or_else(PoisonError::into_inner);
        }
        drop(handed);
        let input = self.inputs.next()?;
        self.taken += 1;
        Some(input)
    }
}

enum Event {
    Line(String),
    Done,
}

/// The record output of a [`Run`]: each line to the channel.
struct Lines {
    tx: mpsc::Sender<Event>,
    partial: Vec<u8>,
}

impl Write for Lines {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.partial.extend_from_slice(bytes);
        while let Some(end) = memchr::memchr(b'\n', &self.partial) {
            let rest = self.partial.split_off(end + 1);
            let line = std::mem::replace(&mut self.partial, rest);
            if self.tx.send(Event::Line(json_text(line))).is_err() {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The progress of a [`Run`]: each input done to the channel.
struct Done(mpsc::Sender<Event>);

impl Progress for Done {
    fn input_done(&self) {
        let _ = self.0.send(Event::Done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PORTAL: &str =
        "布林肯會王毅\n\nRti 中央廣播電臺 2024-04-26 10:45\n\n布林肯今天在北京會見王毅。\n\n原始連結\n";

    #[test]
    fn builder_errors_name_what_is_wrong() {
        let e = Options::builder().format("nope").build().unwrap_err();
        assert!(e.to_string().starts_with("unknown format nope (one of: "), "{e}");
        let e = Options::builder().encoding("klingon").build().unwrap_err();
        assert!(matches!(e, ConfigError::UnknownEncoding(ref l) if l == "klingon"), "{e}");
        let e = Options::builder().rules(["/no/such/rules.toml"]).build().unwrap_err();
        assert!(matches!(e, ConfigError::Rules(_)), "{e}");
    }

    #[test]
    fn documents_come_back_in_order_with_errors_and_progress() {
        let docs: Vec<Document> = (0..40)
            .map(|i| Document::new(format!("doc-{i}"), if i % 3 == 1 { Vec::new() } else { PORTAL.into() }))
            .collect();
        let mut seen = Vec::new();
        for jobs in [1, 2, 3] {
            let (mut lines, mut last) = (Vec::new(), 0);
            let summary = Run::new(Options::default())
                .jobs(jobs)
                .documents(
                    docs.clone().into_iter(),
                    |l| {
                        lines.push(match l {
                            Line::Record(s) => format!("R{s}"),
                            Line::Error(s) => format!("E{s}"),
                            Line::Other(s) => format!("O{s}"),
                        });
                        true
                    },
                    |n| last = n,
                )
                .unwrap();
            assert_eq!((summary.records, summary.errors, last), (27, 13, 40));
            assert!(lines[1].starts_with("E{\"source_path\":\"doc-1\",\"error\":{\"kind\":\"empty\""), "{}", lines[1]);
            assert!(lines[2].starts_with("R{\"id\":") && lines[2].contains("\"source_path\":\"doc-2\""));
            if jobs == 1 {
                seen = lines;
            } else {
                assert_eq!(lines, seen, "jobs {jobs}");
            }
        }
    }

    #[test]
    fn a_callback_that_says_stop_stops_the_run() {
        let docs = (0..5000).map(|i| Document::new(format!("d{i}"), PORTAL));
        let mut n = 0;
        let summary = Run::new(Options::default())
            .jobs(2)
            .documents(
                docs,
                |_| {
                    n += 1;
                    n < 3
                },
                |_| {},
            )
            .unwrap();
        assert_eq!(n, 3);
        assert!(summary.broken_pipe && summary.records < 5000, "{summary:?}");
    }

    /// A caller that is slow to take the lines holds the workers back: they do not take
    /// more than a window of inputs ahead of it (and the run writes without waiting).
    #[test]
    fn a_slow_caller_holds_the_run_back() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicU64, Ordering};
        let asked = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&asked);
        let docs = (0..3000).map(move |i| {
            counter.fetch_add(1, Ordering::SeqCst);
            Document::new(format!("d{i}"), PORTAL)
        });
        let (mut n, mut ahead) = (0u64, 0u64);
        let summary = Run::new(Options::default())
            .jobs(2)
            .documents(
                docs,
                |_| {
                    n += 1;
                    if n % 500 == 10 {
                        std::thread::sleep(std::time::Duration::from_millis(100));
                        ahead = ahead.max(asked.load(Ordering::SeqCst) - n);
                    }
                    true
                },
                |_| {},
            )
            .unwrap();
        assert_eq!(summary.records, 3000);
        // The window for 2 jobs is 192 inputs; without it the run's own (512) would show.
        assert!(ahead > 0 && ahead <= 192 + 2, "{ahead} inputs taken ahead of the caller");
    }

    #[test]
    fn a_document_gives_the_records_of_process_bytes() {
        let doc = Document { url: Some("https://example.org/a".into()), ..Document::new("a.txt", PORTAL) };
        let got = doc.process(&Options::default());
        assert_eq!(got.len(), 1);
        let rec = got.into_iter().next().unwrap().unwrap();
        assert_eq!(rec.url.as_deref(), Some("https://example.org/a"));
        let err = Document::new("e.txt", "").process(&Options::default()).pop().unwrap().unwrap_err();
        assert_eq!((err.kind(), err.source_path()), ("empty", "e.txt"));
        assert!(err.message().starts_with("e.txt: "), "{}", err.message());
        assert!(err.to_json().starts_with(r#"{"source_path":"e.txt","error":{"kind":"empty","message":"e.txt: "#));
        assert!(rec.to_json().starts_with(r#"{"id":"#) && !rec.to_json().ends_with('\n'));
    }
}
