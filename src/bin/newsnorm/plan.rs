//! The plan: from the parsed flags to what the binary will do, as ripgrep's `HiArgs` does.
//!
//! Everything that can be decided before an input is read is decided here, in the order
//! its errors must come (each a usage error, status 2): the rule files
//! (`$NEWSNORM_RULES`, `--rules`), the format files (`$NEWSNORM_FORMATS`, `--formats`),
//! the subcommand; then, for a run, the inputs (`--stream`, `--files-from`), the
//! [`Options`] (`--format`, `--encoding`, `--max-size`), the jobs default, the output
//! files (checked before any input is read) and whether a person is watching (progress
//! bar, summary line). The subcommands then only carry the plan out.

use std::ffi::OsString;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap_complete::Shell;
use newsnorm::input::{self, Inputs};
use newsnorm::run::Mode;
use newsnorm::{Formats, Options, Outlets, PageType, dedup, learn, target};

use crate::cli::{Cli, Command, Common, FormatsCommand, OutletsCommand};

/// What the binary will do.
pub enum Plan {
    /// `schema`: print the JSON Schema.
    Schema,
    /// `completions SHELL`.
    Completions(Shell),
    /// `man`, or `man --dir DIR`.
    Man(Option<PathBuf>),
    /// `outlets`, `outlets check`, `outlets show`.
    Outlets { outlets: &'static Outlets, rule_paths: Vec<PathBuf>, action: Option<OutletsCommand> },
    /// `outlets learn`.
    Learn(Box<LearnPlan>),
    /// `formats`, `formats check`.
    Formats { formats: &'static Formats, format_paths: Vec<PathBuf>, action: Option<FormatsCommand> },
    /// The main run (records) or `detect`.
    Run(Box<RunPlan>),
}

/// Where a run's inputs come from.
pub enum Source {
    /// `--stream`: a document stream on stdin.
    Stream,
    /// Paths (files, folders, WARC files, `-`); `listed` when they came with `--files-from`
    /// (a listed folder is an error, not walked).
    Paths { paths: Vec<OsString>, listed: bool },
}

/// The main run, or `detect`.
pub struct RunPlan {
    pub opts: Options,
    pub mode: Mode,
    /// `--jobs`, by default the available cores.
    pub jobs: usize,
    pub source: Source,
    /// `-o`, `--errors`, `--stats` (`None`: stdout, stderr, none).
    pub output: Option<PathBuf>,
    pub errors: Option<PathBuf>,
    pub stats: Option<PathBuf>,
    pub dedup: Option<dedup::Config>,
    pub page_types: Option<newsnorm::PageTypes>,
    /// A progress bar may be drawn (stderr is a terminal, not `--quiet`, not `--stream`);
    /// whether it is depends on the number of inputs.
    pub progress: bool,
    /// The summary line at the end (stderr is a terminal, not `--quiet`).
    pub summary: bool,
    /// `--exit-zero`.
    pub exit_zero: bool,
}

/// `outlets learn`.
pub struct LearnPlan {
    pub inputs: Inputs,
    pub opts: learn::Options,
    /// `-o`: a file, or a folder for several proposals; `None`: stdout.
    pub output: Option<PathBuf>,
    pub quiet: bool,
}

/// The plan of these flags, or the usage error that stops the run before any input.
pub fn plan(cli: Cli) -> anyhow::Result<Plan> {
    let common = cli.common;
    // Rules first: a bad rule file stops the run before any input is read.
    let rule_paths = env_paths("NEWSNORM_RULES", &common.rules);
    let outlets = Outlets::load_static(&rule_paths)?;
    // Format files too: a bad one stops the run (FILE:LINE, status 2) before any input.
    let format_paths = env_paths("NEWSNORM_FORMATS", &common.formats);
    let formats = Formats::load_static(&format_paths)?;
    let (paths, mode) = match cli.command {
        Some(Command::Schema) => return Ok(Plan::Schema),
        Some(Command::Detect { paths }) => (paths, Mode::Detect),
        Some(Command::Completions { shell }) => return Ok(Plan::Completions(shell)),
        Some(Command::Man { dir }) => return Ok(Plan::Man(dir)),
        Some(Command::Outlets { action: Some(OutletsCommand::Learn { paths, output, min_share }) }) => {
            return plan_learn(&common, formats, paths, output, min_share);
        }
        Some(Command::Outlets { action }) => return Ok(Plan::Outlets { outlets, rule_paths, action }),
        Some(Command::Formats { action }) => return Ok(Plan::Formats { formats, format_paths, action }),
        None => (cli.paths, Mode::Records),
    };
    let source = run_source(&common, paths)?;

    let mut opts = Options { max_size: common.max_size, outlets, formats, ..Options::default() };
    if common.format != "auto" {
        opts.format = Some(opts.format_named(&common.format)?);
    }
    if let Some(label) = &common.encoding {
        opts.encoding = Some(Options::encoding_named(label)?);
    }
    let jobs = match common.jobs {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };

    // The output files, checked before any input is read: one file named twice (also
    // through a link) would lose what one of them wrote; a folder, a missing folder or a
    // file that may not be written is a usage error now, not after the run.
    let named: Vec<(&str, &Path)> =
        [("-o", cli.output.as_deref()), ("--errors", common.errors.as_deref()), ("--stats", cli.stats.as_deref())]
            .into_iter()
            .filter_map(|(name, p)| p.filter(|p| p.as_os_str() != "-").map(|p| (name, p)))
            .collect();
    if let Some((a, b)) = target::same_file(&named)? {
        bail!("{a} and {b} name the same file; give each its own");
    }

    let dedup = match (cli.dedup.as_deref(), cli.near_dup) {
        (None, None) => None,
        (Some("drop"), near) => Some(dedup::Config { mode: dedup::Mode::Drop, near }),
        (_, near) => Some(dedup::Config { mode: dedup::Mode::Mark, near }),
    };
    let page_types =
        (!cli.page_type.is_empty()).then(|| cli.page_type.iter().filter_map(|k| PageType::from_name(k)).collect());
    let terminal = std::io::stderr().is_terminal();
    Ok(Plan::Run(Box::new(RunPlan {
        opts,
        mode,
        jobs,
        source,
        output: cli.output,
        errors: common.errors,
        stats: cli.stats,
        dedup,
        page_types,
        progress: !common.quiet && !common.stream && terminal,
        summary: !common.quiet && terminal,
        exit_zero: common.exit_zero,
    })))
}

/// The inputs of a run: the document stream, or the paths given and listed.
fn run_source(common: &Common, mut paths: Vec<OsString>) -> anyhow::Result<Source> {
    if common.stream && paths.iter().any(|p| p.as_os_str() != "-") {
        bail!("--stream reads the document stream from stdin; it takes no PATH");
    }
    paths.extend(files_from(common, &paths)?);
    Ok(if common.stream { Source::Stream } else { Source::Paths { paths, listed: common.files_from.is_some() } })
}

/// `outlets learn`: its inputs (an error when there are none) and options.
fn plan_learn(
    common: &Common,
    formats: &'static Formats,
    mut paths: Vec<OsString>,
    output: Option<PathBuf>,
    min_share: f64,
) -> anyhow::Result<Plan> {
    paths.extend(files_from(common, &paths)?);
    if paths.is_empty() {
        bail!("outlets learn needs inputs: PATH... or --files-from");
    }
    let inputs = if common.files_from.is_some() { Inputs::listed(paths) } else { Inputs::new(paths) };
    Ok(Plan::Learn(Box::new(LearnPlan {
        inputs: inputs.with_max_size(common.max_size),
        opts: learn::Options { min_share, max_size: common.max_size, formats },
        output,
        quiet: common.quiet,
    })))
}

/// The paths of the environment variable `var` (`:`-separated), then those given.
fn env_paths(var: &str, cli: &[PathBuf]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::env::var_os(var)
        .map(|v| std::env::split_paths(&v).filter(|p| !p.as_os_str().is_empty()).collect())
        .unwrap_or_default();
    paths.extend(cli.iter().cloned());
    paths
}

/// The paths of the `--files-from` list, if any (an empty list is no input, not stdin).
fn files_from(common: &Common, paths: &[OsString]) -> anyhow::Result<Vec<OsString>> {
    let Some(list) = &common.files_from else { return Ok(Vec::new()) };
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
    Ok(input::split_list(&bytes, common.null))
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    fn plan_of(args: &[&str]) -> anyhow::Result<Plan> {
        plan(Cli::try_parse_from(std::iter::once("newsnorm").chain(args.iter().copied()))?)
    }

    fn error_of(args: &[&str]) -> String {
        match plan_of(args) {
            Ok(_) => panic!("{args:?} planned"),
            Err(e) => format!("{e:#}"),
        }
    }

    #[test]
    fn a_run_takes_its_settings_from_the_flags() {
        let args = ["-j", "3", "-q", "--dedup", "drop", "--near-dup", "0.8", "--page-type", "article", "a", "b"];
        let Ok(Plan::Run(p)) = plan_of(&args) else { panic!("not a run") };
        assert_eq!((p.jobs, p.mode, p.progress, p.summary, p.exit_zero), (3, Mode::Records, false, false, false));
        assert_eq!(p.dedup, Some(dedup::Config { mode: dedup::Mode::Drop, near: Some(0.8) }));
        let kinds = p.page_types.expect("--page-type");
        assert!(kinds.contains(PageType::Article) && !kinds.contains(PageType::Listing));
        assert!(matches!(&p.source, Source::Paths { paths, listed: false } if paths == &["a", "b"]));
        assert!(p.opts.format.is_none() && p.opts.encoding.is_none());
    }

    #[test]
    fn format_and_encoding_are_resolved_for_a_run_only() {
        let Ok(Plan::Run(p)) = plan_of(&["detect", "--format", "html", "--encoding", "big5", "x"]) else {
            panic!("not a run")
        };
        assert_eq!(p.mode, Mode::Detect);
        assert_eq!(p.opts.format.map(|f| f.name()), Some("html"));
        assert_eq!(p.opts.encoding.map(|e| e.name()), Some("Big5"));
        assert!(error_of(&["--format", "nosuch", "x"]).starts_with("unknown format nosuch (one of: "));
        assert!(error_of(&["--encoding", "klingon", "x"]).starts_with("unknown encoding label \"klingon\""));
        // The schema and the outlets need no input options.
        assert!(matches!(plan_of(&["schema", "--format", "nosuch"]), Ok(Plan::Schema)));
        assert!(matches!(plan_of(&["outlets", "--encoding", "klingon"]), Ok(Plan::Outlets { .. })));
    }

    #[test]
    fn usage_errors_come_in_order_before_any_input() {
        // --stream takes no PATH: said before the unknown format is.
        assert_eq!(
            error_of(&["--stream", "--format", "nosuch", "a.html"]),
            "--stream reads the document stream from stdin; it takes no PATH"
        );
        assert_eq!(error_of(&["outlets", "learn"]), "outlets learn needs inputs: PATH... or --files-from");
        let Ok(Plan::Run(p)) = plan_of(&["--stream", "-"]) else { panic!("not a run") };
        assert!(matches!(p.source, Source::Stream) && !p.progress);
    }
}
