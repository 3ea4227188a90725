//! Command-line interface (clap derive).

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  newsnorm samples/                      every file under samples/, one JSON line each
  newsnorm post.md > post.jsonl          one file
  cat dump.txt | newsnorm                one document from stdin
  newsnorm -o out.jsonl --errors err.jsonl corpus/
  find corpus -name '*.md' -print0 | newsnorm --files-from - -0
  newsnorm corpus/ | jq -r 'select(.publisher == \"中央社\") | .title'
  newsnorm detect corpus/cna/*           path<TAB>format per file
  newsnorm --stream --errors - --exit-zero < docs.jsonl
                                         a JSON Lines document stream, errors in place
  newsnorm --rules my.toml folder/       with your own outlet rules
  newsnorm outlets                       the outlets and where their rules come from
  newsnorm feed.xml items.jsonl          a feed, JSON Lines: one line per item (FILE#N)
  newsnorm --formats acme.toml export/   with a format of your own (newsnorm formats)
  newsnorm page.html.gz crawl.warc.gz    gzip read transparently; each HTML
                                         response of a WARC is one input
  newsnorm --dedup drop --near-dup 0.9 --stats stats.json corpus/ > unique.jsonl
  newsnorm --page-type article crawl.warc.gz > articles.jsonl
                                         articles only; the other pages are
                                         named on the error stream
  newsnorm schema > record.schema.json   the JSON Schema of records and error lines

Exit status: 0 every input gave a record; 1 some inputs failed (see the error
stream; 0 with --exit-zero); 2 usage error or nothing could run; 130 interrupted
(SIGINT, SIGTERM: the lines finished in input order are written, files left as they
were). A closed pipe on either stream ends the run quietly with 0.";

/// Turn scraped news-article files into one canonical JSON record per article.
#[derive(Debug, Parser)]
#[command(name = "newsnorm", version, about, after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files or directories (walked recursively, sorted); `-` or nothing reads stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<OsString>,

    /// Write records to FILE instead of stdout. A regular file (or a new path) is replaced
    /// atomically when the run ends, keeping its mode; a symlink's target is replaced and
    /// the link kept; a FIFO or device is written through; `-` is stdout. A directory, a
    /// missing folder or a file that may not be written is a usage error before any input
    /// is read. An interrupted run leaves the file as it was.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Find records whose body repeats an earlier one's (whitespace folded; the first in
    /// input order wins): `mark` sets their `duplicate_of`, `drop` writes no record but a
    /// `{"source_path", "duplicate_of"}` line on the error stream (not a failure).
    #[arg(long, value_name = "MODE", value_parser = ["mark", "drop"])]
    pub dedup: Option<String>,

    /// Also near duplicates: the same URL, or bodies at least this similar (0-1, e.g. 0.9;
    /// MinHash estimate of shared 5-character shingles); they get warning
    /// `near_duplicate`. Implies `--dedup mark` unless `--dedup` is given.
    #[arg(long, value_name = "THRESHOLD", value_parser = parse_threshold)]
    pub near_dup: Option<f64>,

    /// Write a JSON summary of the run to FILE: records and errors by kind, warnings,
    /// publishers, languages, page types, duplicates, bytes, seconds. Written as `-o` is.
    #[arg(long, value_name = "FILE")]
    pub stats: Option<PathBuf>,

    /// Keep only pages of these kinds (comma-separated, repeatable): article, forum,
    /// listing, collection, product, documentation, service. A page of another kind
    /// gives no record but a `{"source_path", "page_type"}` line on the error stream (not
    /// a failure). Feed posts, portal dumps and archive articles are articles.
    #[arg(long, value_name = "KINDS", value_delimiter = ',', value_parser = page_type_names())]
    pub page_type: Vec<String>,

    #[command(flatten)]
    pub common: Common,
}

/// Options shared by the main command and `detect`.
#[derive(Debug, Args)]
pub struct Common {
    /// Input format; `auto` detects it per file. Built in: jekyll, portal-text,
    /// wayback-markdown, html, feed, json, markdown, mhtml; or the name of a user format
    /// (--formats).
    #[arg(short, long, default_value = "auto", value_parser = parse_format_name, global = true)]
    pub format: String,

    /// Force an input encoding (a WHATWG label: utf-8, big5, gb18030, gbk, shift_jis,
    /// utf-16le, ...). By default: BOM, UTF-8, declared charset, else a guess.
    #[arg(long, value_name = "LABEL", global = true)]
    pub encoding: Option<String>,

    /// Write error objects (JSON Lines) to FILE instead of stderr; `-` is stdout, in
    /// input order among the records (for engines that collect stdout only). A FILE is
    /// written as `-o` is (and may not be the `-o` file).
    #[arg(long, value_name = "FILE", global = true)]
    pub errors: Option<PathBuf>,

    /// Inputs that fail do not make the exit status 1 (usage errors still give 2).
    #[arg(long, global = true)]
    pub exit_zero: bool,

    /// Read a document stream from stdin: one JSON object per line (`content` or
    /// `content_base64`, optional `path`, `url`, `format`), one output line per line.
    #[arg(long, global = true, conflicts_with = "files_from")]
    pub stream: bool,

    /// Refuse inputs larger than this (bytes; K, M, G suffixes are powers of 1024). For
    /// gzip inputs and WARC payloads it is the decompressed size. It also bounds the HTML
    /// tree: an input of more than one element per 128 bytes of SIZE (at least 65,536) is
    /// refused too.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size, global = true)]
    pub max_size: u64,

    /// Worker threads (default: available cores).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..), global = true)]
    pub jobs: Option<u16>,

    /// Read input paths from FILE (`-` for stdin), one per line.
    #[arg(long, value_name = "FILE", global = true)]
    pub files_from: Option<OsString>,

    /// With --files-from: paths are separated by NUL bytes (find -print0).
    #[arg(short = '0', long, requires = "files_from", global = true)]
    pub null: bool,

    /// No progress bar and no summary line (both appear only when stderr is a terminal).
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Outlet rules: a rule file or a folder of `*.toml` rule files (repeatable; after
    /// those of $NEWSNORM_RULES, `:`-separated). A rule with a built-in key replaces it.
    #[arg(long, value_name = "PATH", global = true)]
    pub rules: Vec<PathBuf>,

    /// Format files: a TOML file declaring a format (how to recognise it, where each
    /// field comes from) or a folder of `*.toml` format files (repeatable; after those of
    /// $NEWSNORM_FORMATS, `:`-separated). Check one with `newsnorm formats check FILE`.
    #[arg(long, value_name = "PATH", global = true)]
    pub formats: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the JSON Schema (draft 2020-12) of the output lines: records, error objects,
    /// dropped-duplicate and page-type lines (the same as schema/record.schema.json).
    Schema,
    /// Print `path<TAB>format<TAB>page_type` for each input (`path<TAB>unrecognized`
    /// when no format fits, `path<TAB>error:KIND` when it cannot be read as text).
    Detect {
        /// Files or directories; `-` or nothing reads stdin.
        #[arg(value_name = "PATH")]
        paths: Vec<OsString>,
    },
    /// Print a shell completion script (e.g. `newsnorm completions bash > /etc/bash_completion.d/newsnorm`).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `newsnorm man > newsnorm.1; man -l newsnorm.1`.
    Man {
        /// Instead, write the pages of newsnorm and of each subcommand (newsnorm.1,
        /// newsnorm-detect.1, ...) into DIR, e.g. /usr/local/share/man/man1.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// List the outlets (key, publisher, hosts, where the rule came from).
    Outlets {
        #[command(subcommand)]
        action: Option<OutletsCommand>,
    },
    /// List the formats (name, where it comes from, what recognises it, what it reads).
    Formats {
        #[command(subcommand)]
        action: Option<FormatsCommand>,
    },
}

#[derive(Debug, Subcommand)]
pub enum FormatsCommand {
    /// Validate format files and print what each declares (exit 2 on the first bad one,
    /// named FILE:LINE).
    Check {
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum OutletsCommand {
    /// Validate rule files, print what each defines and run their `[[example]]` cases
    /// (without FILE: every outlet of the run, built-in ones included). Exit 2 on the
    /// first bad rule file, 1 when an example fails (each named `FILE:LINE`).
    Check {
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print the effective rule of an outlet as TOML.
    Show {
        #[arg(value_name = "KEY")]
        key: String,
    },
    /// Propose a rule file from a folder of an outlet's files (a mixed folder: one per
    /// outlet or host), for review: lines repeated in many distinct articles, lines of one
    /// shape, labels, link-dense HTML blocks, title affixes, credit lines seen, with their
    /// counts and examples in comments. Nothing is applied: pass the reviewed file with
    /// `--rules`.
    Learn {
        /// Files or directories (also `--files-from`).
        #[arg(value_name = "PATH")]
        paths: Vec<OsString>,
        /// Write the proposal to FILE; with several outlets, FILE is a folder and each
        /// proposal is `KEY.toml` in it. Default: stdout, each proposal after a
        /// `# ==== KEY.toml` line.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The share of an outlet's distinct articles a line must be repeated in to be
        /// proposed (never fewer than three articles).
        #[arg(long, value_name = "SHARE", default_value = "0.01", value_parser = parse_share)]
        min_share: f64,
    },
}

/// `auto`, or a format name (built-in or user: checked once the format files are read).
fn parse_format_name(s: &str) -> Result<String, String> {
    if s == "auto" || newsnorm::formats::spec::valid_name(s) {
        Ok(s.to_owned())
    } else {
        Err(format!("not a format name: {s:?} (e.g. {})", newsnorm::formats::names()))
    }
}

fn page_type_names() -> PossibleValuesParser {
    PossibleValuesParser::new(newsnorm::PageType::ALL.map(|k| k.as_str()))
}

/// A similarity threshold in (0, 1].
pub fn parse_threshold(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(t) if t > 0.0 && t <= 1.0 => Ok(t),
        _ => Err(format!("not a similarity between 0 and 1: {s:?} (e.g. 0.9)")),
    }
}

/// A share in (0, 1).
pub fn parse_share(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(t) if t > 0.0 && t < 1.0 => Ok(t),
        _ => Err(format!("not a share between 0 and 1: {s:?} (e.g. 0.01)")),
    }
}

/// `65536`, `64K`, `64M`, `1G`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, mult) = match s.char_indices().last() {
        Some((i, 'K' | 'k')) => (&s[..i], 1u64 << 10),
        Some((i, 'M' | 'm')) => (&s[..i], 1 << 20),
        Some((i, 'G' | 'g')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    let n: u64 = digits.trim().parse().map_err(|_| format!("not a size: {s:?} (use e.g. 65536, 64K, 64M)"))?;
    n.checked_mul(mult).ok_or_else(|| format!("size too large: {s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("10"), Ok(10));
        assert_eq!(parse_size("2k"), Ok(2048));
        assert!(parse_size("x").is_err());
        assert!(parse_size("99999999999G").is_err());
    }

    #[test]
    fn thresholds() {
        assert_eq!(parse_threshold("0.9"), Ok(0.9));
        assert_eq!(parse_threshold("1"), Ok(1.0));
        assert!(parse_threshold("0").is_err());
        assert!(parse_threshold("1.5").is_err());
        assert!(parse_threshold("x").is_err());
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
