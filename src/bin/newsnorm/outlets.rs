//! `newsnorm outlets`: the outlets of the run; `outlets check FILE...`, `outlets show KEY`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use newsnorm::Outlets;
use newsnorm::sites::{Source, read_rule_files};

use crate::cli::OutletsCommand;

/// `newsnorm outlets`, `outlets check FILE...`, `outlets show KEY`.
pub fn run(outlets: &Outlets, rule_paths: &[PathBuf], action: Option<OutletsCommand>) -> anyhow::Result<ExitCode> {
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
        Some(OutletsCommand::Learn { .. }) => bail!("outlets learn is handled before"),
        Some(OutletsCommand::Check { files }) => {
            let mut all = rule_paths.to_vec();
            all.extend(files.iter().cloned());
            let checked = Outlets::from_files(read_rule_files(&all)?)?;
            let (mut run, mut failed) = (0, 0);
            let shown = |o: &&newsnorm::sites::Outlet| {
                files.is_empty()
                    || matches!(o.source(), Source::File(p) if files.iter().any(|f| p == f || p.starts_with(f)))
            };
            for o in checked.iter().filter(shown) {
                let what = match o.source() {
                    Source::Builtin(_) => "built-in",
                    Source::File(_)
                        if newsnorm::sites::BUILTIN_FILES.iter().any(|(n, _)| *n == format!("{}.toml", o.key())) =>
                    {
                        "replaces the built-in rule"
                    }
                    Source::File(_) => "new outlet",
                };
                let failures = o.check_examples();
                let r = o.rule();
                writeln!(
                    out,
                    "{}: {}: {} ({what}): publisher {:?}, names [{}], hosts [{}], {} byline rule(s), actions [{}], {} of {} example(s) pass",
                    o.file_name(),
                    if failures.is_empty() { "ok" } else { "FAILED" },
                    o.key(),
                    o.publisher(),
                    o.names().join(", "),
                    o.hosts().join(", "),
                    r.byline.len(),
                    r.actions.iter().map(|a| a.get_ref().as_str()).collect::<Vec<_>>().join(", "),
                    o.example_count() - failures.len(),
                    o.example_count(),
                )?;
                for f in &failures {
                    eprintln!("{f}");
                }
                run += o.example_count();
                failed += failures.len();
            }
            if failed > 0 {
                out.flush()?;
                eprintln!("newsnorm: {failed} of {run} example(s) failed");
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
