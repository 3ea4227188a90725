//! `newsnorm outlets learn`: proposed rule files from a folder of an outlet's files.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::plan::LearnPlan;

/// `newsnorm outlets learn`: the proposals on stdout, in a file or in a folder.
pub fn run(plan: LearnPlan) -> anyhow::Result<ExitCode> {
    let LearnPlan { inputs, opts, output, quiet } = plan;
    let (proposals, skipped) = newsnorm::learn::learn(inputs, &opts)?;
    for s in &skipped {
        if !quiet {
            eprintln!("newsnorm: {}: not read: {}", s.source_path, s.error);
        }
    }
    if proposals.is_empty() {
        bail!("no article could be read from the inputs ({} skipped)", skipped.len());
    }
    let summary = |p: &newsnorm::learn::Proposal| {
        format!("{}: {} ({} files, {} articles)", p.key, p.publisher, p.files, p.articles)
    };
    match output {
        None => {
            let mut out = std::io::stdout().lock();
            for p in &proposals {
                if proposals.len() > 1 {
                    writeln!(out, "# ==== {}.toml", p.key)?;
                }
                write!(out, "{}", p.toml)?;
                if proposals.len() > 1 {
                    writeln!(out)?;
                }
            }
        }
        Some(path) if proposals.len() == 1 && !path.is_dir() && !path.to_string_lossy().ends_with('/') => {
            let p = proposals.first().context("one proposal")?;
            std::fs::write(&path, &p.toml).with_context(|| format!("cannot write {}", path.display()))?;
            if !quiet {
                eprintln!("newsnorm: {} -> {}", summary(p), path.display());
            }
        }
        Some(dir) => {
            std::fs::create_dir_all(&dir).with_context(|| format!("cannot create the folder {}", dir.display()))?;
            for p in &proposals {
                let file = dir.join(format!("{}.toml", p.key));
                std::fs::write(&file, &p.toml).with_context(|| format!("cannot write {}", file.display()))?;
                if !quiet {
                    eprintln!("newsnorm: {} -> {}", summary(p), file.display());
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
