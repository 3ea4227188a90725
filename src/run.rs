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

use std::collections::VecDeque;
use std::io;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use indicatif::ProgressBar;

use crate::error::Error;
use crate::input::{self, Input};
use crate::output::{self, ErrorSink, Output};
use crate::{Options, detect_bytes, process_bytes};

/// What each input is turned into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A JSON record per input.
    Records,
    /// `path<TAB>format` per input (`newsnorm detect`).
    Detect,
}

/// How a batch runs.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    pub opts: Options,
    pub mode: Mode,
    /// Worker threads; 1 processes on the calling thread.
    pub jobs: usize,
}

/// What a run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub records: u64,
    pub errors: u64,
    /// The reader of our output went away (`| head`); the run stopped early.
    pub broken_pipe: bool,
}

/// The lines one input produced (each with its `\n`; empty when there is none).
#[derive(Default)]
struct Outcome {
    out: Vec<u8>,
    err: Vec<u8>,
}

/// Inputs taken but not yet written, per worker: the reorder window.
const WINDOW_PER_JOB: usize = 256;

/// Process one input into `outcome` (whose buffers are cleared first), reading its
/// bytes into `buf`.
fn process_one(input: &Input, cfg: &Config, buf: &mut Vec<u8>, outcome: &mut Outcome) {
    outcome.out.clear();
    outcome.err.clear();
    let read = match &input.source {
        Ok(source) => input::read_into(source, cfg.opts.max_size, buf),
        Err(e) => Err(clone_error(e)),
    };
    match cfg.mode {
        Mode::Records => match read.and_then(|()| process_bytes(&input.display, buf, &cfg.opts)) {
            Ok(record) => output::append_record_line(&mut outcome.out, &record),
            Err(e) => outcome.err = output::error_line(&input.display, &e),
        },
        Mode::Detect => match read.and_then(|()| detect_bytes(buf, &cfg.opts)) {
            Ok(format) => outcome.out = format!("{}\t{}\n", input.display, format.name()).into_bytes(),
            Err(e @ (Error::UnrecognizedFormat { .. } | Error::AmbiguousFormat(..))) => {
                outcome.out = format!("{}\tunrecognized\n", input.display).into_bytes();
                outcome.err = output::error_line(&input.display, &e);
            }
            Err(e) => {
                outcome.out = format!("{}\terror:{}\n", input.display, e.kind()).into_bytes();
                outcome.err = output::error_line(&input.display, &e);
            }
        },
    }
}

/// Discovery errors are kept in the input; each use needs its own copy.
fn clone_error(e: &Error) -> Error {
    match e {
        Error::NotFound => Error::NotFound,
        Error::PermissionDenied => Error::PermissionDenied,
        Error::SymlinkLoop(s) => Error::SymlinkLoop(s.clone()),
        other => Error::Io(io::Error::other(other.to_string())),
    }
}

/// Where finished outcomes go, in input order.
struct Writer<'a> {
    out: &'a mut Output,
    errs: &'a mut ErrorSink,
    progress: Option<&'a ProgressBar>,
    summary: Summary,
}

impl Writer<'_> {
    /// Write one input's lines. `Ok(false)`: the output reader went away, stop.
    fn write(&mut self, outcome: &Outcome) -> io::Result<bool> {
        if outcome.err.is_empty() {
            self.summary.records += 1;
        } else {
            self.summary.errors += 1;
            match self.progress {
                // The bar is on stderr too: take it down for the line, then redraw it, so
                // the error object starts a line of its own.
                Some(pb) if self.errs.is_stderr() => {
                    let errs = &mut *self.errs;
                    pb.suspend(|| errs.write_line(&outcome.err))?;
                }
                _ => self.errs.write_line(&outcome.err)?,
            }
        }
        if !outcome.out.is_empty() {
            match self.out.write_line(&outcome.out) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                    self.summary.broken_pipe = true;
                    return Ok(false);
                }
                Err(e) => return Err(e),
            }
        }
        if let Some(pb) = self.progress {
            pb.inc(1);
        }
        Ok(true)
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
    let mut writer = Writer { out, errs, progress, summary: Summary::default() };
    if cfg.jobs <= 1 {
        run_sequential(inputs, cfg, &mut writer)?;
    } else {
        run_parallel(inputs, cfg, &mut writer)?;
    }
    if !writer.summary.broken_pipe {
        writer.errs.flush()?;
    }
    Ok(writer.summary)
}

fn run_sequential(inputs: impl Iterator<Item = Input>, cfg: &Config, writer: &mut Writer) -> io::Result<()> {
    let mut buf = Vec::new();
    let mut outcome = Outcome::default();
    for input in inputs {
        process_one(&input, cfg, &mut buf, &mut outcome);
        if !writer.write(&outcome)? {
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
            let Some(Some(next)) = sink.pending.pop_front() else { break };
            sink.written += 1;
            match sink.writer.write(&next) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    sink.error = Some(e);
                    break;
                }
            }
        }
        let (written, go_on) = (sink.written, sink.error.is_none() && !sink.writer.summary.broken_pipe);
        drop(sink);
        if !go_on {
            self.stop();
        } else if written > before {
            let mut feed = lock(&self.feed);
            feed.written = written;
            if feed.waiting > 0 {
                self.moved.notify_all();
            }
        }
        go_on
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
        let mut outcome = Outcome::default();
        process_one(&input, cfg, &mut buf, &mut outcome);
        if !shared.finish(seq, outcome) {
            return;
        }
    }
}

fn run_parallel(inputs: impl Iterator<Item = Input> + Send, cfg: &Config, writer: &mut Writer) -> io::Result<()> {
    let jobs = cfg.jobs.max(1);
    let shared = Shared {
        feed: Mutex::new(Feed { inputs: inputs.fuse(), next: 0, written: 0, stop: false, waiting: 0 }),
        moved: Condvar::new(),
        window: (WINDOW_PER_JOB * jobs) as u64,
        sink: Mutex::new(Sink { writer, pending: VecDeque::new(), written: 0, error: None }),
    };
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let shared = &shared;
            scope.spawn(move || worker(shared, cfg));
        }
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
                Input { display: format!("in-{i}"), source }
            })
            .collect()
    }

    fn run_with(jobs: usize, n: usize) -> (Summary, Vec<u8>, Vec<u8>) {
        let (out, errs) = (Sink::default(), Sink::default());
        let mut o = Output::Writer(Box::new(out.clone()));
        let mut e = ErrorSink::Writer(Box::new(errs.clone()));
        let cfg = Config { opts: Options::default(), mode: Mode::Detect, jobs };
        let summary = run(inputs(n).into_iter(), &cfg, &mut o, &mut e, None).unwrap();
        let out = out.0.lock().unwrap().clone();
        let errs = errs.0.lock().unwrap().clone();
        (summary, out, errs)
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

    #[test]
    fn no_inputs() {
        let (summary, out, errs) = run_with(2, 0);
        assert_eq!(summary, Summary::default());
        assert!(out.is_empty() && errs.is_empty());
    }
}
