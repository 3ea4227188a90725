//! A batch run: every input to exactly one line (a record on the output, or an error
//! object on the error stream), in input order, processed in parallel.
//!
//! With one job, inputs are processed and written one after the other on the calling
//! thread, reusing one read buffer and one line buffer.
//!
//! With more, worker threads take inputs one at a time from the lazy discovery iterator
//! (each numbered in input order) and hand their lines to a reorder buffer; the worker
//! that completes the next input in order writes it, and every one after it that is
//! ready (so no thread is woken per input). No worker waits for the others except
//! through the window: a worker takes input number `n` only when fewer than `window`
//! inputs are taken and not yet written, so a slow file holds back at most a window of
//! finished lines behind it, and memory is bounded by the window, not by the number of
//! inputs.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::io;
use std::panic::AssertUnwindSafe;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use indicatif::ProgressBar;

use crate::dedup::{self, Dedup, Fingerprint};
use crate::error::Error;
use crate::input::{self, Input};
use crate::output::{self, ErrorSink, Output};
use crate::record::PageTypes;
use crate::stats::{Seen, Stats};
use crate::{Options, detect_page, process_each};

/// What each input is turned into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A JSON record per input.
    Records,
    /// `path<TAB>format<TAB>page_type` per input (`newsnorm detect`).
    Detect,
}

/// How a batch runs.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    pub opts: Options,
    pub mode: Mode,
    /// Worker threads; 1 processes on the calling thread.
    pub jobs: usize,
    /// `--dedup`: find duplicates (decided by the ordered writer, in input order).
    pub dedup: Option<dedup::Config>,
    /// `--stats`: gather a [`Stats`] summary.
    pub stats: bool,
    /// `--page-type`: the kinds of page that give records; the others give a
    /// `{"source_path", "page_type"}` line on the error stream (not a failure).
    pub page_types: Option<PageTypes>,
}

impl Config {
    /// A run of `mode` with `jobs` workers, no dedup, no stats.
    pub fn new(opts: Options, mode: Mode, jobs: usize) -> Config {
        Config { opts, mode, jobs, dedup: None, stats: false, page_types: None }
    }
}

/// What a run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Records written.
    pub records: u64,
    /// Inputs that failed (error objects written).
    pub errors: u64,
    /// Records found to duplicate an earlier one (`--dedup`), written or dropped.
    pub duplicates: u64,
    /// Of those, not written (`--dedup drop`): their line is on the error stream, and
    /// they are not failures.
    pub dropped: u64,
    /// Pages of a kind `--page-type` did not ask for: their line is on the error stream,
    /// and they are not failures.
    pub filtered: u64,
    /// The reader of our output went away (`| head`); the run stopped early.
    pub broken_pipe: bool,
}

/// What one input produced: one [`Line`] per record or error (one per item of a
/// container, or per document of a concatenated input).
#[derive(Default)]
struct Outcome {
    lines: Vec<Line>,
}

/// One record or error of an input (each line with its `\n`; empty when there is none).
#[derive(Default)]
struct Line {
    out: Vec<u8>,
    err: Vec<u8>,
    /// For `--dedup`: the record's fingerprint.
    fingerprint: Option<Fingerprint>,
    /// For `--stats`.
    seen: Option<Seen>,
    /// A duplicate dropped by `--dedup drop`: `err` is its line, not an error.
    dropped: bool,
    /// A page of a kind `--page-type` did not ask for: `err` is its line, not an error.
    filtered: bool,
}

/// Inputs taken but not yet written, per worker: the reorder window.
const WINDOW_PER_JOB: usize = 256;

thread_local! {
    /// This thread is processing an input inside `catch_unwind`.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    /// What the panic hook saw of the last caught panic (message and location).
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keep panics caught while processing an input off stderr: they become `internal`
/// error objects (with the panic's message and location), so a redirected stderr stays
/// JSON Lines. Other panics go to the previous hook. For binaries; call once.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if CATCHING.with(Cell::get) {
            CAUGHT.with(|c| *c.borrow_mut() = Some(info.to_string()));
        } else {
            previous(info);
        }
    }));
}

/// Process one input into `outcome` (whose buffers are cleared first), reading its
/// bytes into `buf`. A panic (a bug) is caught and becomes that input's `internal`
/// error: the other inputs of the run are not lost.
fn process_one(input: Input, cfg: &Config, buf: &mut Vec<u8>, outcome: &mut Outcome) {
    let display = input.display.clone();
    outcome.lines.clear();
    CATCHING.with(|c| c.set(true));
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| process_input(input, cfg, buf, outcome)));
    CATCHING.with(|c| c.set(false));
    if let Err(payload) = result {
        let seen = CAUGHT.with(|c| c.borrow_mut().take());
        let message = seen.unwrap_or_else(|| match payload.downcast_ref::<&str>() {
            Some(s) => (*s).to_owned(),
            None => payload.downcast_ref::<String>().cloned().unwrap_or_else(|| "panic".to_owned()),
        });
        let err = Error::Internal(message.split_whitespace().collect::<Vec<_>>().join(" "));
        // The lines of a container's items before the one that hit the bug are kept.
        let done = outcome.lines.len();
        let display = if done == 0 { display } else { format!("{display}#{}", done + 1) };
        let mut line = Line::default();
        if cfg.mode == Mode::Detect {
            line.out = format!("{display}\terror:{}\n", err.kind()).into_bytes();
        }
        line.err = output::error_line(&display, &err);
        line.seen = cfg.stats.then(|| Seen { error: Some(err.kind()), ..Seen::default() });
        outcome.lines.push(line);
    }
}

fn process_input(input: Input, cfg: &Config, buf: &mut Vec<u8>, outcome: &mut Outcome) {
    let Input { display, source, hint } = input;
    buf.clear();
    let read = source.and_then(|s| input::take_into(s, cfg.opts.max_size, buf));
    // The bytes read are counted once, on the input's first line.
    let mut bytes = buf.len() as u64;
    let mut seen = || cfg.stats.then(|| Seen { bytes: std::mem::take(&mut bytes), ..Seen::default() });
    match cfg.mode {
        Mode::Records => {
            let mut each = |path: &str, result: Result<crate::Record, Error>| {
                let mut line = Line { seen: seen(), ..Line::default() };
                match result {
                    Ok(record) if cfg.page_types.is_some_and(|keep| !keep.contains(record.page_type)) => {
                        line.err = output::page_type_line(path, record.page_type);
                        line.filtered = true;
                        if let Some(seen) = &mut line.seen {
                            seen.page_type = Some(record.page_type);
                        }
                    }
                    Ok(record) => {
                        output::append_record_line(&mut line.out, &record);
                        // A media-only record has no text to repeat: never a duplicate.
                        if let Some(d) = &cfg.dedup
                            && !record.body.is_empty()
                        {
                            line.fingerprint = Some(Fingerprint::of(&record, path, d.near.is_some()));
                        }
                        if let Some(seen) = &mut line.seen {
                            seen.page_type = Some(record.page_type);
                            seen.publisher = record.publisher;
                            seen.language = record.language;
                            seen.warnings = record.warnings;
                        }
                    }
                    Err(e) => {
                        line.err = output::error_line(path, &e);
                        if let Some(seen) = &mut line.seen {
                            seen.error = Some(e.kind());
                        }
                    }
                }
                outcome.lines.push(line);
            };
            match read {
                Ok(()) => process_each(&display, buf, &hint, &cfg.opts, &mut each),
                Err(e) => each(&display, Err(e)),
            }
        }
        Mode::Detect => {
            let mut line = Line { seen: seen(), ..Line::default() };
            match read.and_then(|()| detect_page(&display, buf, &cfg.opts, true)) {
                Ok((format, kind)) => line.out = format!("{display}\t{}\t{kind}\n", format.name()).into_bytes(),
                Err(e @ (Error::UnrecognizedFormat { .. } | Error::AmbiguousFormat(..))) => {
                    line.out = format!("{display}\tunrecognized\n").into_bytes();
                    line.err = output::error_line(&display, &e);
                }
                Err(e) => {
                    line.out = format!("{display}\terror:{}\n", e.kind()).into_bytes();
                    line.err = output::error_line(&display, &e);
                }
            }
            outcome.lines.push(line);
        }
    }
}

/// Told of a run's progress by its ordered writer: the binary's bar, a library
/// caller's callback ([`crate::Run`]).
pub trait Progress: Sync {
    /// One more input is written, all its lines.
    fn input_done(&self);
    /// Write an error line to stderr with the progress display taken down.
    fn suspend(&self, write: &mut dyn FnMut() -> io::Result<()>) -> io::Result<()> {
        write()
    }
}

impl Progress for ProgressBar {
    fn input_done(&self) {
        self.inc(1);
    }
    fn suspend(&self, write: &mut dyn FnMut() -> io::Result<()>) -> io::Result<()> {
        ProgressBar::suspend(self, write)
    }
}

/// Where finished outcomes go, in input order.
struct Writer<'a> {
    out: &'a mut Output,
    errs: &'a mut ErrorSink,
    progress: Option<&'a dyn Progress>,
    summary: Summary,
    dedup: Option<(dedup::Mode, Dedup)>,
    stats: Option<Stats>,
}

impl Writer<'_> {
    /// Decide whether the record of `outcome` duplicates an earlier one, and mark it
    /// (its line edited) or drop it (its line replaced by the dropped-duplicate line on
    /// the error stream). Here, in input order, so the first of the run wins.
    fn dedup(&mut self, outcome: &mut Line) {
        let (Some((mode, dedup)), Some(fp)) = (&mut self.dedup, outcome.fingerprint.take()) else { return };
        let source_path = fp.source_path.clone();
        let Some((kind, first)) = dedup.check(fp) else { return };
        self.summary.duplicates += 1;
        let near = kind == dedup::Kind::Near;
        if let Some(stats) = &mut self.stats {
            match kind {
                dedup::Kind::Exact => stats.duplicates.exact += 1,
                dedup::Kind::Near => stats.duplicates.near += 1,
            }
        }
        match mode {
            dedup::Mode::Mark => {
                output::mark_duplicate(&mut outcome.out, &first.id, near);
                if near && let Some(seen) = &mut outcome.seen {
                    seen.warnings.push(crate::record::warn::NEAR_DUPLICATE.to_owned());
                }
            }
            dedup::Mode::Drop => {
                outcome.err = output::duplicate_line(&source_path, &first.id, &first.source_path);
                outcome.out.clear();
                outcome.dropped = true;
                self.summary.dropped += 1;
                if let Some(stats) = &mut self.stats {
                    stats.duplicates.dropped += 1;
                }
            }
        }
    }

    /// Write one input's lines. `Ok(false)`: a reader of ours went away, stop.
    fn write(&mut self, outcome: &mut Outcome) -> io::Result<bool> {
        // An interrupt finds this input's lines (a container's items, a document's record
        // or error object) written on every stream, or none of them.
        let _gate = output::hold();
        for line in &mut outcome.lines {
            if !self.write_line(line)? {
                return Ok(false);
            }
        }
        if let Some(pb) = self.progress {
            pb.input_done();
        }
        Ok(true)
    }

    /// Write one record's or error's line (under the gate [`Writer::write`] holds).
    /// `Ok(false)`: a reader of ours went away.
    fn write_line(&mut self, outcome: &mut Line) -> io::Result<bool> {
        self.dedup(outcome);
        if let (Some(stats), Some(seen)) = (&mut self.stats, &outcome.seen) {
            stats.add(seen, outcome.out.len());
        }
        if outcome.err.is_empty() {
            self.summary.records += 1;
        } else {
            if outcome.filtered {
                self.summary.filtered += 1;
                if let Some(stats) = &mut self.stats {
                    stats.filtered += 1;
                }
            } else if !outcome.dropped {
                self.summary.errors += 1;
            }
            let written = match self.progress {
                // `--errors -`: the error object takes its input's place among the records.
                _ if self.errs.is_records() => self.out.write_line(&outcome.err),
                // The bar is on stderr too: take it down for the line, then redraw it, so
                // the error object starts a line of its own.
                Some(pb) if self.errs.is_stderr() => {
                    let errs = &mut *self.errs;
                    pb.suspend(&mut || errs.write_line(&outcome.err))
                }
                _ => self.errs.write_line(&outcome.err),
            };
            if !self.went_on(written)? {
                return Ok(false);
            }
        }
        if !outcome.out.is_empty() {
            let written = self.out.write_line(&outcome.out);
            if !self.went_on(written)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Write out what both streams hold so far (before an input that may block).
    /// `Ok(false)`: a reader went away.
    fn flush(&mut self) -> io::Result<bool> {
        let _gate = output::hold();
        let out = self.out.flush();
        if !self.went_on(out)? {
            return Ok(false);
        }
        let errs = self.errs.flush();
        self.went_on(errs)
    }

    /// The outcome of a write: `Ok(false)` when its reader went away (a closed pipe,
    /// on the record stream or the error stream: the run ends quietly).
    fn went_on(&mut self, written: io::Result<()>) -> io::Result<bool> {
        match written {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.summary.broken_pipe = true;
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }
}

/// Run a batch. Output errors other than a closed pipe are returned (the run cannot
/// go on); input errors are written to `errs` and counted.
pub fn run(
    inputs: impl Iterator<Item = Input> + Send,
    cfg: &Config,
    out: &mut Output,
    errs: &mut ErrorSink,
    progress: Option<&ProgressBar>,
) -> io::Result<Summary> {
    run_windowed(inputs, cfg, out, errs, progress.map(|p| p as &dyn Progress), WINDOW_PER_JOB)
        .map(|(summary, _)| summary)
}

/// [`run`], also returning the [`Stats`] when `cfg.stats` asks for them (`seconds` is
/// left for the caller to fill in).
pub fn run_with_stats(
    inputs: impl Iterator<Item = Input> + Send,
    cfg: &Config,
    out: &mut Output,
    errs: &mut ErrorSink,
    progress: Option<&ProgressBar>,
) -> io::Result<(Summary, Option<Stats>)> {
    run_windowed(inputs, cfg, out, errs, progress.map(|p| p as &dyn Progress), WINDOW_PER_JOB)
}

/// [`run_with_stats`] telling any [`Progress`] (the library's [`crate::Run`]).
pub fn run_with_progress(
    inputs: impl Iterator<Item = Input> + Send,
    cfg: &Config,
    out: &mut Output,
    errs: &mut ErrorSink,
    progress: Option<&dyn Progress>,
) -> io::Result<(Summary, Option<Stats>)> {
    run_windowed(inputs, cfg, out, errs, progress, WINDOW_PER_JOB)
}

/// [`run`] with a given reorder window per worker (the tests shrink it).
fn run_windowed(
    inputs: impl Iterator<Item = Input> + Send,
    cfg: &Config,
    out: &mut Output,
    errs: &mut ErrorSink,
    progress: Option<&dyn Progress>,
    window_per_job: usize,
) -> io::Result<(Summary, Option<Stats>)> {
    let dedup = match (cfg.mode, &cfg.dedup) {
        (Mode::Records, Some(d)) => Some((d.mode, Dedup::new(d))),
        _ => None,
    };
    let stats = cfg.stats.then(Stats::default);
    let mut writer = Writer { out, errs, progress, summary: Summary::default(), dedup, stats };
    if cfg.jobs <= 1 {
        run_sequential(inputs, cfg, &mut writer)?;
    } else {
        run_parallel(inputs, cfg, &mut writer, window_per_job)?;
    }
    if !writer.summary.broken_pipe {
        writer.flush()?;
    }
    Ok((writer.summary, writer.stats))
}

fn run_sequential(inputs: impl Iterator<Item = Input>, cfg: &Config, writer: &mut Writer) -> io::Result<()> {
    let mut buf = Vec::new();
    let mut outcome = Outcome::default();
    for input in inputs {
        // What is finished goes out before an input that may block (a FIFO, stdin).
        if input.may_block() && !writer.flush()? {
            break;
        }
        process_one(input, cfg, &mut buf, &mut outcome);
        if !writer.write(&mut outcome)? {
            break;
        }
    }
    Ok(())
}

/// The inputs and the window, shared by the workers.
struct Feed<I> {
    inputs: I,
    /// The number of the next input to hand out.
    next: u64,
    /// How many inputs are written.
    written: u64,
    /// Workers are to stop: the output failed or closed, or a worker panicked.
    stop: bool,
    /// Workers waiting for the window to move.
    waiting: usize,
}

/// Finished outcomes not yet written, and where they go.
struct Sink<'w, 'a> {
    writer: &'w mut Writer<'a>,
    /// pending[i] is the outcome of input `written + i`, once it is there.
    pending: VecDeque<Option<Outcome>>,
    written: u64,
    /// The output failed (the run's error).
    error: Option<io::Error>,
    /// Inputs that may block (FIFOs, stdin): when the writer reaches one, it writes out
    /// what is finished before it.
    flush_at: Vec<u64>,
}

struct Shared<'w, 'a, I> {
    feed: Mutex<Feed<I>>,
    moved: Condvar,
    window: u64,
    sink: Mutex<Sink<'w, 'a>>,
}

/// A lock, even if a worker panicked holding it: the panic is re-raised when the scope
/// joins, and the others only need to see `stop`.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<I> Shared<'_, '_, I> {
    fn stop(&self) {
        lock(&self.feed).stop = true;
        self.moved.notify_all();
    }

    /// Hand `outcome` of input `seq` over for writing. Whoever completes the input next
    /// in order writes it and every one after it that is ready, so no thread is woken
    /// per input. Returns false when the run is to stop.
    fn finish(&self, seq: u64, outcome: Outcome) -> bool {
        let mut sink = lock(&self.sink);
        if sink.error.is_some() || sink.writer.summary.broken_pipe {
            return false;
        }
        let Some(at) = seq.checked_sub(sink.written).and_then(|d| usize::try_from(d).ok()) else { return false };
        if sink.pending.len() <= at {
            sink.pending.resize_with(at + 1, || None);
        }
        if let Some(slot) = sink.pending.get_mut(at) {
            *slot = Some(outcome);
        }
        let before = sink.written;
        while let Some(Some(_)) = sink.pending.front() {
            let Some(Some(mut next)) = sink.pending.pop_front() else { break };
            sink.written += 1;
            match sink.writer.write(&mut next) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    sink.error = Some(e);
                    break;
                }
            }
        }
        if !sink.flush_at.is_empty() {
            Self::flush_if_due(&mut sink);
        }
        let (written, go_on) = (sink.written, sink.error.is_none() && !sink.writer.summary.broken_pipe);
        drop(sink);
        if !go_on {
            self.stop();
        } else if written > before {
            // Two finishers can get here in either order after releasing the sink: the
            // window only ever moves forward, or a stale count could leave every worker
            // waiting for a move that no one is left to make.
            let mut feed = lock(&self.feed);
            if written > feed.written {
                feed.written = written;
                if feed.waiting > 0 {
                    self.moved.notify_all();
                }
            }
        }
        go_on
    }
}

impl<I> Shared<'_, '_, I> {
    /// Input `seq` may block: write out what is finished before it, now if the writer
    /// is there already, else when it gets there.
    fn flush_before(&self, seq: u64) {
        let mut sink = lock(&self.sink);
        sink.flush_at.push(seq);
        Self::flush_if_due(&mut sink);
        let stop = sink.error.is_some() || sink.writer.summary.broken_pipe;
        drop(sink);
        if stop {
            self.stop();
        }
    }

    fn flush_if_due(sink: &mut Sink) {
        let written = sink.written;
        if sink.flush_at.contains(&written)
            && sink.error.is_none()
            && let Err(e) = sink.writer.flush()
        {
            sink.error = Some(e);
        }
        sink.flush_at.retain(|&s| s > written);
    }
}

/// Tells the others to stop when its worker thread unwinds, so nobody waits forever for
/// an input that will not be written; the panic itself is re-raised when the scope joins.
struct StopOnPanic<'s, 'w, 'a, I>(&'s Shared<'w, 'a, I>);

impl<I> Drop for StopOnPanic<'_, '_, '_, I> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

fn worker<I: Iterator<Item = Input>>(shared: &Shared<I>, cfg: &Config) {
    let _guard = StopOnPanic(shared);
    let mut buf = Vec::new();
    loop {
        let (seq, input) = {
            let mut feed = lock(&shared.feed);
            while !feed.stop && feed.next >= feed.written + shared.window {
                feed.waiting += 1;
                feed = shared.moved.wait(feed).unwrap_or_else(PoisonError::into_inner);
                feed.waiting -= 1;
            }
            if feed.stop {
                return;
            }
            let Some(input) = feed.inputs.next() else { return };
            let seq = feed.next;
            feed.next += 1;
            (seq, input)
        };
        if input.may_block() {
            shared.flush_before(seq);
        }
        let mut outcome = Outcome::default();
        process_one(input, cfg, &mut buf, &mut outcome);
        if !shared.finish(seq, outcome) {
            return;
        }
    }
}

fn run_parallel(
    inputs: impl Iterator<Item = Input> + Send,
    cfg: &Config,
    writer: &mut Writer,
    window_per_job: usize,
) -> io::Result<()> {
    let jobs = cfg.jobs.max(1);
    let shared = Shared {
        feed: Mutex::new(Feed { inputs: inputs.fuse(), next: 0, written: 0, stop: false, waiting: 0 }),
        moved: Condvar::new(),
        window: (window_per_job.max(1) * jobs) as u64,
        sink: Mutex::new(Sink { writer, pending: VecDeque::new(), written: 0, error: None, flush_at: Vec::new() }),
    };
    std::thread::scope(|scope| {
        // The calling thread is one of the workers. A thread that cannot be spawned (a
        // container's pids limit) means fewer workers, not a failed run.
        for _ in 1..jobs {
            let shared = &shared;
            if std::thread::Builder::new().spawn_scoped(scope, move || worker(shared, cfg)).is_err() {
                break;
            }
        }
        worker(&shared, cfg);
    });
    let sink = shared.sink.into_inner().unwrap_or_else(PoisonError::into_inner);
    match sink.error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Source;
    use crate::record::Article;
    use std::sync::Arc;

    /// A shared in-memory sink for the tests.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl io::Write for Sink {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn inputs(n: usize) -> Vec<Input> {
        (0..n)
            .map(|i| {
                let source =
                    if i % 7 == 3 { Err(Error::NotFound) } else { Ok(Source::File(format!("/no/{i}").into())) };
                Input::new(format!("in-{i}"), source)
            })
            .collect()
    }

    fn run_with(jobs: usize, n: usize) -> (Summary, Vec<u8>, Vec<u8>) {
        run_with_window(jobs, n, WINDOW_PER_JOB)
    }

    /// A run of `n` inputs with `jobs` workers and the given window per worker, which
    /// fails the test (rather than hanging it) if it does not end within a minute.
    fn run_with_window(jobs: usize, n: usize, window_per_job: usize) -> (Summary, Vec<u8>, Vec<u8>) {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let (out, errs) = (Sink::default(), Sink::default());
            let mut o = Output::writer(Box::new(out.clone()));
            let mut e = ErrorSink::writer(Box::new(errs.clone()));
            let cfg = Config::new(Options::default(), Mode::Detect, jobs);
            let (summary, _) = run_windowed(inputs(n).into_iter(), &cfg, &mut o, &mut e, None, window_per_job).unwrap();
            let out = out.0.lock().unwrap().clone();
            let errs = errs.0.lock().unwrap().clone();
            let _ = done.send((summary, out, errs));
        });
        finished
            .recv_timeout(std::time::Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("a run of {n} inputs with {jobs} jobs did not end within a minute"))
    }

    #[test]
    fn every_input_once_in_order_whatever_the_jobs() {
        // More inputs than the window, so workers wait for the writer.
        let n = 3 * WINDOW_PER_JOB * 4 + 5;
        let (summary, out, errs) = run_with(1, n);
        assert_eq!(summary.errors, n as u64);
        let lines: Vec<_> = String::from_utf8(out.clone()).unwrap().lines().map(str::to_owned).collect();
        assert_eq!(lines.len(), n);
        for (i, l) in lines.iter().enumerate() {
            assert!(l.starts_with(&format!("in-{i}\t")), "{l}");
        }
        for jobs in [2, 3, 4] {
            assert_eq!(run_with(jobs, n), (summary, out.clone(), errs.clone()), "jobs {jobs}");
        }
    }

    /// The window must only move forward, whichever of two finishers updates it last:
    /// with a stale count every worker could wait for a move that no one will make.
    /// Tiny windows and instant inputs make the workers race for it all the time.
    #[test]
    fn tiny_windows_never_stall_the_run() {
        let n = 3000;
        let (summary, out, errs) = run_with_window(1, n, 1);
        for round in 0..40 {
            for jobs in [2, 3, 4] {
                let got = run_with_window(jobs, n, 1 + round % 2);
                assert!(got == (summary, out.clone(), errs.clone()), "jobs {jobs}, round {round}: output differs");
            }
        }
    }

    #[test]
    fn no_inputs() {
        let (summary, out, errs) = run_with(2, 0);
        assert_eq!(summary, Summary::default());
        assert!(out.is_empty() && errs.is_empty());
    }

    /// A format with a bug: it panics on inputs that say so.
    struct Buggy;

    impl crate::Format for Buggy {
        fn name(&self) -> &'static str {
            "buggy"
        }
        fn detect(&self, _: &str) -> u8 {
            100
        }
        fn read<'a>(&self, text: &'a str, _: &crate::formats::Context<'a>) -> Result<crate::formats::Read<'a>, Error> {
            if text.contains("panic") {
                panic!("bug triggered by {}", text.trim());
            }
            let article = Article { title: text.trim().to_owned(), ..Default::default() };
            let body = crate::formats::Body::Paragraphs(vec!["body".into()]);
            Ok(crate::formats::Read::One(crate::formats::Draft::new(article, body)))
        }
    }

    static BUGGY: Buggy = Buggy;

    fn lines(s: &Sink) -> Vec<serde_json::Value> {
        let bytes = s.0.lock().unwrap().clone();
        String::from_utf8(bytes).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }

    #[test]
    fn a_panic_is_one_internal_error_and_the_run_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for (i, text) in ["first", "please panic", "third"].iter().enumerate() {
            let path = dir.path().join(format!("{i}.txt"));
            std::fs::write(&path, text).unwrap();
            paths.push((format!("{i}.txt"), path));
        }
        let inputs = || paths.iter().map(|(d, p)| Input::new(d.clone(), Ok(Source::File(p.clone()))));
        // Without the hook the message is the panic's; with it, also its location.
        for (jobs, hook) in [(1, false), (2, false), (2, true)] {
            if hook {
                install_panic_hook();
            }
            let cfg = Config::new(Options { format: Some(&BUGGY), ..Options::default() }, Mode::Records, jobs);
            let (out, errs) = (Sink::default(), Sink::default());
            let mut o = Output::writer(Box::new(out.clone()));
            let mut e = ErrorSink::writer(Box::new(errs.clone()));
            let summary = run(inputs(), &cfg, &mut o, &mut e, None).unwrap();
            o.finish().unwrap();
            assert_eq!((summary.records, summary.errors), (2, 1));
            let titles: Vec<_> = lines(&out).iter().map(|r| r["title"].as_str().unwrap().to_owned()).collect();
            assert_eq!(titles, vec!["first", "third"]);
            let errs = lines(&errs);
            assert_eq!(errs.len(), 1);
            assert_eq!(errs[0]["source_path"], "1.txt");
            assert_eq!(errs[0]["error"]["kind"], "internal");
            let msg = errs[0]["error"]["message"].as_str().unwrap();
            assert!(msg.starts_with("1.txt: internal error") && msg.contains("bug triggered by please panic"), "{msg}");
            assert_eq!(msg.contains("src/run.rs"), hook, "{msg}");
        }
    }
}
