//! `newsnorm formats`: the formats of the run; `formats check FILE...`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use newsnorm::Formats;
use newsnorm::formats;

use crate::cli::FormatsCommand;

/// `newsnorm formats`, `formats check FILE...`.
pub fn run(known: &Formats, format_paths: &[PathBuf], action: Option<FormatsCommand>) -> anyhow::Result<ExitCode> {
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
