//! The `newsnorm` binary: parse the command line, plan ([`plan`]: from the flags to what
//! will be done, every usage error before any input is read), carry the plan out (one
//! module per subcommand), exit with its status.

mod cli;
mod formats;
mod learn;
mod manual;
mod outlets;
mod plan;
mod run;

use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use plan::Plan;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    newsnorm::run::install_panic_hook();
    match plan::plan(cli).and_then(dispatch) {
        Ok(code) => code,
        Err(e) => {
            // A closed stderr is no reason to panic.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "newsnorm: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Carry out `plan`.
fn dispatch(plan: Plan) -> anyhow::Result<ExitCode> {
    match plan {
        Plan::Schema => print!("{}", newsnorm::schema::SCHEMA),
        Plan::Completions(shell) => {
            manual::print(&manual::completions(shell)).context("writing the completions")?;
        }
        Plan::Man(None) => {
            manual::print(&manual::man().context("rendering the man page")?).context("writing the man page")?;
        }
        Plan::Man(Some(dir)) => {
            manual::man_pages(&dir).with_context(|| format!("writing the man pages to {}", dir.display()))?;
        }
        Plan::Outlets { outlets, rule_paths, action } => return outlets::run(outlets, &rule_paths, action),
        Plan::Learn(plan) => return learn::run(*plan),
        Plan::Formats { formats, format_paths, action } => return formats::run(formats, &format_paths, action),
        Plan::Run(plan) => return run::run(*plan),
    }
    Ok(ExitCode::SUCCESS)
}
