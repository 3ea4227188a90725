//! A batch run: every input to exactly one line (a record on the output, or an error
//! object on the error stream), in input order, processed in parallel.
//!
//! Inputs are taken in chunks from the lazy discovery iterator; each chunk is processed
//! on a rayon pool and written in order before the next is taken, so memory is bounded
//! by the chunk (a window of in-flight files), not by the number of inputs.

use std::io;

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

fn process_one(input: Input, cfg: &Config) -> Outcome {
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
