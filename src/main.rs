//! The `newsnorm` binary: parse the command line, run the batch, report, exit.

mod cli;
mod manual;

use std::io::{IsTerminal, Read};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::Parser;
use indicatif::{ProgressBar, ProgressState, ProgressStyle};

use cli::{Cli, Command, FormatsCommand, OutletsCommand};
use newsnorm::input::warc::SkipCount;
use newsnorm::input::{self, Input, Inputs, Stream};
use newsnorm::output::{self, ErrorSink, Output};
use newsnorm::run::{self, Mode};
use newsnorm::sites::{Outlets, Source, read_rule_files};
use newsnorm::target::{self, Target};
use newsnorm::{Options, decode, dedup, formats};

/// Runs with at least this many inputs get a progress bar (on a terminal).
const PROGRESS_MIN_INPUTS: u64 = 300;

fn main() -> ExitCode {
    match real_main() {
        Ok(code) => code,
        Err(e) => {
            // A closed stderr is no reason to panic.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "newsnorm: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn real_main() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    run::install_panic_hook();
    let common = cli.common;
    // Rules first: a bad rule file stops the run before any input is read.
    let rule_paths = env_paths("NEWSNORM_RULES", &common.rules);
    let outlets = Outlets::load_static(&rule_paths)?;
    // Format files too: a bad one stops the run (FILE:LINE, status 2) before any input.
    let format_paths = env_paths("NEWSNORM_FORMATS", &common.formats);
    let known = formats::Formats::load_static(&format_paths)?;
    let (mut paths, mode) = match cli.command {
        Some(Command::Schema) => {
            print!("{}", newsnorm::schema::SCHEMA);
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Detect { paths }) => (paths, Mode::Detect),
        Some(Command::Completions { shell }) => {
            manual::print(&manual::completions(shell)).context("writing the completions")?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Man { dir: None }) => {
            manual::print(&manual::man().context("rendering the man page")?).context("writing the man page")?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Man { dir: Some(dir) }) => {
            manual::man_pages(&dir).with_context(|| format!("writing the man pages to {}", dir.display()))?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Outlets { action }) => return outlets_command(outlets, &rule_paths, action),
        Some(Command::Formats { action }) => return formats_command(known, &format_paths, action),
        None => (cli.paths, Mode::Records),
    };
    if common.stream && paths.iter().any(|p| p.as_os_str() != "-") {
        bail!("--stream reads the document stream from stdin; it takes no PATH");
    }
    if let Some(list) = &common.files_from {
        let shown = list.to_string_lossy();
        if list.as_os_str() == "-" && paths.iter().any(|p| p.as_os_str() == "-") {
            bail!("stdin cannot be both the --files-from list and an input");
        }
        let bytes = if list.as_os_str() == "-" {
            let mut buf = Vec::new();
            std::io::stdin().lock().read_to_end(&mut buf).context("reading the --files-from list from stdin")?;
            buf
        } else {
            std::fs::read(list).with_context(|| format!("reading the --files-from list {shown}"))?
        };
        // An empty list is no input, not stdin: nothing to do, status 0.
        paths.extend(input::split_list(&bytes, common.null));
    }

    let opts = Options {
        format: match common.format.as_str() {
            "auto" => None,
            name => Some(
                known.by_name(name).with_context(|| format!("unknown format {name} (one of: {})", known.names()))?,
            ),
        },
        encoding: match &common.encoding {
            Some(label) => {
                Some(decode::encoding_for_label(label).with_context(|| {
                    format!("unknown encoding label {label:?} (try utf-8, big5, gb18030, utf-16le)")
                })?)
            }
            None => None,
        },
        max_size: common.max_size,
        outlets,
        formats: known,
    };
    let jobs = match common.jobs {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };

    // The output files, checked before any input is read: one file named twice (also
    // through a link) would lose what one of them wrote; a folder, a missing folder or a
    // file that may not be written is a usage error now, not after the run.
    let named: Vec<(&str, &std::path::Path)> =
        [("-o", cli.output.as_deref()), ("--errors", common.errors.as_deref()), ("--stats", cli.stats.as_deref())]
            .into_iter()
            .filter_map(|(name, p)| p.filter(|p| p.as_os_str() != "-").map(|p| (name, p)))
            .collect();
    if let Some((a, b)) = target::same_file(&named)? {
        bail!("{a} and {b} name the same file; give each its own");
    }

    // Interrupted (SIGINT, SIGTERM): end after the input being written, with what is
    // finished written out on streams and every file that was to be replaced left as it
    // was, exit 130. Without a handler (no thread for it) the signal ends the run as
    // usual (an unnamed temporary file leaves nothing behind).
    let _ = ctrlc::set_handler(|| newsnorm::output::exit_interrupted(130));
    let open = Target::open;
    let mut out = match &cli.output {
        Some(path) => Output::target(open(path)?),
        None => Output::stdout(),
    };
    let mut errs = match &common.errors {
        Some(path) => ErrorSink::target(open(path)?, out.is_stdout()),
        None => ErrorSink::stderr(),
    };
    let stats_target = cli.stats.as_deref().map(open).transpose()?;
    let listed = common.files_from.is_some();
    let paths_inputs = |paths: Vec<std::ffi::OsString>| if listed { Inputs::listed(paths) } else { Inputs::new(paths) };

    // The files are counted without opening WARC files: a run over containers gets a bar
    // without a total (their records are known only as they are read).
    let progress = (!common.quiet && !common.stream && std::io::stderr().is_terminal())
        .then(|| {
            let (mut n, mut containers) = (0u64, false);
            for input in paths_inputs(paths.clone()).unopened() {
                n += 1;
                containers |= input::warc::is_warc_name(std::path::Path::new(&input.display));
            }
            (n, containers)
        })
        .filter(|&(n, containers)| containers || n >= PROGRESS_MIN_INPUTS)
        .map(|(n, containers)| {
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
            // Redrawn while a slow input runs, by a thread of its own when one can be
            // had (under a pids limit, the bar moves with the inputs only).
            let ticked = pb.clone();
            let _ = std::thread::Builder::new().spawn(move || {
                while !ticked.is_finished() {
                    ticked.tick();
                    std::thread::sleep(Duration::from_millis(200));
                }
            });
            pb
        });

    let mut cfg = run::Config::new(opts, mode, jobs);
    cfg.dedup = match (cli.dedup.as_deref(), cli.near_dup) {
        (None, None) => None,
        (Some("drop"), near) => Some(dedup::Config { mode: dedup::Mode::Drop, near }),
        (_, near) => Some(dedup::Config { mode: dedup::Mode::Mark, near }),
    };
    cfg.stats = cli.stats.is_some();
    if !cli.page_type.is_empty() {
        cfg.page_types = Some(cli.page_type.iter().filter_map(|k| newsnorm::PageType::from_name(k)).collect());
    }
    let (inputs, skipped): (Box<dyn Iterator<Item = Input> + Send>, Option<SkipCount>) = if common.stream {
        let stdin = std::io::BufReader::with_capacity(256 * 1024, std::io::stdin());
        (Box::new(Stream::new(stdin, opts.max_size).with_formats(known)), None)
    } else {
        let inputs = paths_inputs(paths).with_max_size(common.max_size);
        let skipped = inputs.skipped();
        (Box::new(inputs), Some(skipped))
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
    if !common.quiet && std::io::stderr().is_terminal() {
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
                match skipped.as_ref().map_or(0, SkipCount::get) {
                    0 => String::new(),
                    k => format!(", {}", output::count(k, "WARC record skipped", "WARC records skipped")),
                }
            ),
            Mode::Detect => {
                writeln!(std::io::stderr(), "newsnorm: {} recognised, {} not", summary.records, summary.errors)
            }
        };
    }
    Ok(if summary.errors > 0 && !common.exit_zero { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The paths of the environment variable `var` (`:`-separated), then those given.
fn env_paths(var: &str, cli: &[std::path::PathBuf]) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<std::path::PathBuf> = std::env::var_os(var)
        .map(|v| std::env::split_paths(&v).filter(|p| !p.as_os_str().is_empty()).collect())
        .unwrap_or_default();
    paths.extend(cli.iter().cloned());
    paths
}

/// `newsnorm formats`, `formats check FILE...`.
fn formats_command(
    known: &formats::Formats,
    format_paths: &[std::path::PathBuf],
    action: Option<FormatsCommand>,
) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match action {
        None => {
            for f in known.iter() {
                let user = known.user().iter().find(|u| u.spec().name == f.name());
                let (source, recognised) = match user {
                    Some(u) => (u.spec().origin.to_string(), u.spec().recognition()),
                    None => ("built-in".to_owned(), "content".to_owned()),
                };
                writeln!(out, "{}\t{source}\t{recognised}\t{}", f.name(), f.about())?;
            }
        }
        Some(FormatsCommand::Check { files }) => {
            let mut all = format_paths.to_vec();
            all.extend(files.iter().cloned());
            let checked = formats::Formats::from_files(formats::user::read_format_files(&all)?)?;
            for u in checked.user() {
                let spec = u.spec();
                let formats::spec::Origin::File(path) = &spec.origin else { continue };
                if !files.iter().any(|f| path == f || path.starts_with(f)) {
                    continue;
                }
                let f = &spec.fields;
                let fields: Vec<&str> = [
                    ("title", &f.title),
                    ("date", &f.date),
                    ("author", &f.author),
                    ("publisher", &f.publisher),
                    ("url", &f.url),
                    ("tags", &f.tags),
                    ("category", &f.category),
                    ("language", &f.language),
                    ("images", &f.images),
                ]
                .into_iter()
                .filter(|(_, s)| !s.is_empty())
                .map(|(n, _)| n)
                .collect();
                let body = if spec.body.is_empty() {
                    "the text after the front matter".to_owned()
                } else {
                    format!("{} as {}", spec.body.join(" | "), spec.body_kind.name())
                };
                writeln!(
                    out,
                    "{}: ok: {}: recognised by {}; fields [{}]; body {body}",
                    path.display(),
                    spec.name,
                    spec.recognition(),
                    fields.join(", "),
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `newsnorm outlets`, `outlets check FILE...`, `outlets show KEY`.
fn outlets_command(
    outlets: &Outlets,
    rule_paths: &[std::path::PathBuf],
    action: Option<OutletsCommand>,
) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match action {
        None => {
            for o in outlets.iter() {
                writeln!(out, "{}\t{}\t{}\t{}", o.key(), o.publisher(), o.hosts().join(","), o.source())?;
            }
        }
        Some(OutletsCommand::Show { key }) => {
            let Some(o) = outlets.get(&key) else {
                let keys: Vec<&str> = outlets.iter().map(|o| o.key()).collect();
                bail!("no outlet {key:?} (outlets: {})", keys.join(", "));
            };
            writeln!(out, "# {} rule, from {}", o.key(), o.source())?;
            for a in &o.rule().actions {
                if let Some(action) = newsnorm::sites::actions::by_name(a.get_ref()) {
                    writeln!(out, "# action {}: {}", action.name, action.doc)?;
                }
            }
            write!(out, "{}", o.to_toml())?;
        }
        Some(OutletsCommand::Check { files }) => {
            let mut all = rule_paths.to_vec();
            all.extend(files.iter().cloned());
            let checked = Outlets::from_files(read_rule_files(&all)?)?;
            for file in &files {
                let from_file = |o: &&newsnorm::sites::Outlet| matches!(o.source(), Source::File(p) if p == file || p.starts_with(file));
                for o in checked.iter().filter(from_file) {
                    let what = if newsnorm::sites::BUILTIN_FILES.iter().any(|(n, _)| *n == format!("{}.toml", o.key()))
                    {
                        "replaces the built-in rule"
                    } else {
                        "new outlet"
                    };
                    let r = o.rule();
                    writeln!(
                        out,
                        "{}: ok: {} ({what}): publisher {:?}, names [{}], hosts [{}], {} byline rule(s), actions [{}]",
                        o.source(),
                        o.key(),
                        o.publisher(),
                        o.names().join(", "),
                        o.hosts().join(", "),
                        r.byline.len(),
                        r.actions.iter().map(|a| a.get_ref().as_str()).collect::<Vec<_>>().join(", "),
                    )?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
