//! The main run (records) and `detect`: open the outputs, read the inputs on the
//! workers, write the lines in input order, report, and the exit status.

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use newsnorm::input::warc::{self, SkipCount};
use newsnorm::input::{Input, Inputs, Stream};
use newsnorm::output::{self, ErrorSink, Output};
use newsnorm::run::{self, Mode};
use newsnorm::target::Target;

use crate::plan::{RunPlan, Source};

/// Runs with at least this many inputs get a progress bar (on a terminal).
const PROGRESS_MIN_INPUTS: u64 = 300;

/// Carry out the run of `plan`.
pub fn run(plan: RunPlan) -> anyhow::Result<ExitCode> {
    // Interrupted (SIGINT, SIGTERM): end after the input being written, with what is
    // finished written out on streams and every file that was to be replaced left as it
    // was, exit 130. Without a handler (no thread for it) the signal ends the run as
    // usual (an unnamed temporary file leaves nothing behind).
    let _ = ctrlc::set_handler(|| output::exit_interrupted(130));
    let open = Target::open;
    let mut out = match &plan.output {
        Some(path) => Output::target(open(path)?),
        None => Output::stdout(),
    };
    let mut errs = match &plan.errors {
        Some(path) => ErrorSink::target(open(path)?, out.is_stdout()),
        None => ErrorSink::stderr(),
    };
    let stats_target = plan.stats.as_deref().map(open).transpose()?;
    let progress = match &plan.source {
        Source::Paths { paths, listed } if plan.progress => progress_bar(paths_inputs(paths.clone(), *listed)),
        _ => None,
    };

    let mut cfg = run::Config::new(plan.opts, plan.mode, plan.jobs);
    cfg.dedup = plan.dedup;
    cfg.stats = plan.stats.is_some();
    cfg.page_types = plan.page_types;
    let (inputs, skipped): (Box<dyn Iterator<Item = Input> + Send>, Option<SkipCount>) = match plan.source {
        Source::Stream => {
            let stdin = std::io::BufReader::with_capacity(256 * 1024, std::io::stdin());
            (Box::new(Stream::new(stdin, plan.opts.max_size).with_formats(plan.opts.formats)), None)
        }
        Source::Paths { paths, listed } => {
            let inputs = paths_inputs(paths, listed).with_max_size(plan.opts.max_size);
            let skipped = inputs.skipped();
            (Box::new(inputs), Some(skipped))
        }
    };
    let started = Instant::now();
    let (summary, stats) =
        run::run_with_stats(inputs, &cfg, &mut out, &mut errs, progress.as_ref()).context("writing output")?;
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    // A closed pipe (`| head`, on either stream) ends the run quietly; the files it
    // would have replaced stay as they were, since the run did not finish.
    if summary.broken_pipe {
        return Ok(ExitCode::SUCCESS);
    }
    let stats = match (stats_target, stats) {
        (Some(target), Some(mut stats)) => {
            stats.seconds = (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0;
            Some((target, stats.to_json().into_bytes()))
        }
        _ => None,
    };
    match output::finish_all(out, errs, stats) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e).context("finishing output"),
    }
    // The summary is for a person: when stderr is redirected it is the machine-readable
    // error stream, which must stay pure JSON Lines.
    if plan.summary {
        print_summary(plan.mode, &summary, skipped.as_ref().map_or(0, SkipCount::get));
    }
    Ok(if summary.errors > 0 && !plan.exit_zero { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn paths_inputs(paths: Vec<std::ffi::OsString>, listed: bool) -> Inputs {
    if listed { Inputs::listed(paths) } else { Inputs::new(paths) }
}

/// `newsnorm: 3 records, 1 error` (and the pages of other kinds, the WARC records
/// skipped), or `detect`'s count, on stderr.
fn print_summary(mode: Mode, summary: &run::Summary, skipped: u64) {
    use std::io::Write;
    let _ = match mode {
        Mode::Records => writeln!(
            std::io::stderr(),
            "newsnorm: {}, {}{}{}",
            output::count(summary.records, "record", "records"),
            output::count(summary.errors, "error", "errors"),
            match summary.filtered {
                0 => String::new(),
                k => format!(", {} of other kinds", output::count(k, "page", "pages")),
            },
            match skipped {
                0 => String::new(),
                k => format!(", {}", output::count(k, "WARC record skipped", "WARC records skipped")),
            }
        ),
        Mode::Detect => writeln!(std::io::stderr(), "newsnorm: {} recognised, {} not", summary.records, summary.errors),
    };
}

/// The progress bar of a run over `inputs`, when it is long enough to want one. The
/// files are counted without opening WARC files: a run over containers gets a bar
/// without a total (their records are known only as they are read).
fn progress_bar(inputs: Inputs) -> Option<ProgressBar> {
    let (mut n, mut containers) = (0u64, false);
    for input in inputs.unopened() {
        n += 1;
        containers |= warc::is_warc_name(Path::new(&input.display));
    }
    if !containers && n < PROGRESS_MIN_INPUTS {
        return None;
    }
    let pb = if containers { ProgressBar::no_length() } else { ProgressBar::new(n) };
    pb.set_style(
        ProgressStyle::with_template(if containers {
            "{pos} inputs  {rate}"
        } else {
            "{bar:40} {pos}/{len} files  {rate}  ETA {eta}"
        })
        .map(|style| {
            style.with_key("rate", |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0} files/s", state.per_sec());
            })
        })
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    // Redrawn while a slow input runs, by a thread of its own when one can be had
    // (under a pids limit, the bar moves with the inputs only).
    let ticked = pb.clone();
    let _ = std::thread::Builder::new().spawn(move || {
        while !ticked.is_finished() {
            ticked.tick();
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    Some(pb)
}
