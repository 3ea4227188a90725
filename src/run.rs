//! A batch run: every input to exactly one line (a record on the output, or an error
//! object on the error stream), in input order, processed in parallel.
//!
//! Inputs are taken in chunks from the lazy discovery iterator; each chunk is processed
//! on a rayon pool and written in order before the next is taken, so memory is bounded
//! by the chunk (a window of in-flight files), not by the number of inputs.

use std::cell::{Cell, RefCell};
use std::io;
use std::panic::AssertUnwindSafe;

use indicatif::ProgressBar;
use rayon::prelude::*;

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

/// The lines one input produced.
struct Outcome {
    out: Option<Vec<u8>>,
    err: Option<Vec<u8>>,
}

/// Inputs per chunk, per worker.
const CHUNK_PER_JOB: usize = 256;

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

/// One input to its lines. A panic (a bug) is caught and becomes that input's
/// `internal` error: the other inputs of the run are not lost.
fn process_one(input: Input, cfg: &Config) -> Outcome {
    let display = input.display.clone();
    CATCHING.with(|c| c.set(true));
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| process_input(input, cfg)));
    CATCHING.with(|c| c.set(false));
    match result {
        Ok(outcome) => outcome,
        Err(payload) => {
            let seen = CAUGHT.with(|c| c.borrow_mut().take());
            let message = seen.unwrap_or_else(|| match payload.downcast_ref::<&str>() {
                Some(s) => (*s).to_owned(),
                None => payload.downcast_ref::<String>().cloned().unwrap_or_else(|| "panic".to_owned()),
            });
            let err = Error::Internal(message.split_whitespace().collect::<Vec<_>>().join(" "));
            Outcome {
                out: (cfg.mode == Mode::Detect).then(|| format!("{display}\terror:{}\n", err.kind()).into_bytes()),
                err: Some(output::error_line(&display, &err)),
            }
        }
    }
}

fn process_input(input: Input, cfg: &Config) -> Outcome {
    let bytes = input.source.and_then(|s| input::read(&s, cfg.opts.max_size));
    match cfg.mode {
        Mode::Records => match bytes.and_then(|b| process_bytes(&input.display, &b, &cfg.opts)) {
            Ok(record) => Outcome { out: Some(output::record_line(&record)), err: None },
            Err(e) => Outcome { out: None, err: Some(output::error_line(&input.display, &e)) },
        },
        Mode::Detect => match bytes.and_then(|b| detect_bytes(&b, &cfg.opts)) {
            Ok(format) => {
                Outcome { out: Some(format!("{}\t{}\n", input.display, format.name()).into_bytes()), err: None }
            }
            Err(e @ (Error::UnrecognizedFormat { .. } | Error::AmbiguousFormat(..))) => Outcome {
                out: Some(format!("{}\tunrecognized\n", input.display).into_bytes()),
                err: Some(output::error_line(&input.display, &e)),
            },
            Err(e) => Outcome {
                out: Some(format!("{}\terror:{}\n", input.display, e.kind()).into_bytes()),
                err: Some(output::error_line(&input.display, &e)),
            },
        },
    }
}

/// Run a batch. Output errors other than a closed pipe are returned (the run cannot
/// go on); input errors are written to `errs` and counted.
pub fn run(
    inputs: impl Iterator<Item = Input>,
    cfg: &Config,
    out: &mut Output,
    errs: &mut ErrorSink,
    progress: Option<&ProgressBar>,
) -> io::Result<Summary> {
    let jobs = cfg.jobs.max(1);
    let pool = if jobs > 1 {
        Some(rayon::ThreadPoolBuilder::new().num_threads(jobs).build().map_err(io::Error::other)?)
    } else {
        None
    };
    let mut summary = Summary::default();
    let mut inputs = inputs;
    let chunk_len = CHUNK_PER_JOB * jobs;
    loop {
        let chunk: Vec<Input> = inputs.by_ref().take(chunk_len).collect();
        if chunk.is_empty() {
            break;
        }
        let outcomes: Vec<Outcome> = match &pool {
            Some(pool) => pool.install(|| chunk.into_par_iter().map(|i| process_one(i, cfg)).collect()),
            None => chunk.into_iter().map(|i| process_one(i, cfg)).collect(),
        };
        for outcome in outcomes {
            if let Some(line) = outcome.err {
                summary.errors += 1;
                errs.write_line(&line)?;
            } else {
                summary.records += 1;
            }
            if let Some(line) = outcome.out {
                match out.write_line(&line) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                        summary.broken_pipe = true;
                        return Ok(summary);
                    }
                    Err(e) => return Err(e),
                }
            }
            if let Some(pb) = progress {
                pb.inc(1);
            }
        }
    }
    errs.flush()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Source;
    use crate::record::Article;
    use std::sync::{Arc, Mutex};

    /// A format with a bug: it panics on inputs that say so.
    struct Buggy;

    impl crate::Format for Buggy {
        fn name(&self) -> &'static str {
            "buggy"
        }
        fn detect(&self, _: &str) -> u8 {
            100
        }
        fn extract(&self, text: &str) -> Result<Article, Error> {
            if text.contains("panic") {
                panic!("bug triggered by {}", text.trim());
            }
            Ok(Article { title: text.trim().to_owned(), paragraphs: vec!["body".into()], ..Default::default() })
        }
    }

    static BUGGY: Buggy = Buggy;

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl io::Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().map_err(|_| io::Error::other("poisoned"))?.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn lines(s: &Shared) -> Vec<serde_json::Value> {
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
        let inputs = || paths.iter().map(|(d, p)| Input { display: d.clone(), source: Ok(Source::File(p.clone())) });
        // Without the hook the message is the panic's; with it, also its location.
        for (jobs, hook) in [(1, false), (2, false), (2, true)] {
            if hook {
                install_panic_hook();
            }
            let cfg =
                Config { opts: Options { format: Some(&BUGGY), ..Options::default() }, mode: Mode::Records, jobs };
            let (out, errs) = (Shared::default(), Shared::default());
            let mut o = Output::Writer(Box::new(out.clone()));
            let mut e = ErrorSink::Writer(Box::new(errs.clone()));
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
