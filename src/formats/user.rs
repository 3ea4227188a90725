//! The formats of a run: the built-in ones and the user's, declared in format files
//! (`--formats PATH`, `NEWSNORM_FORMATS`; see [`super::spec`] for the file). A user
//! format reads JSON (an object, an array, JSON Lines), a front matter document (YAML or
//! TOML) or plain text, whichever the input is, with the field sources its file gives.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use serde_json::Value;

use super::spec::{FormatError, MAX_FILE, Origin, Spec};
use super::{Context, FORMATS, Format, Next, Read, front_matter_head, has_key, json};
use crate::error::Error;
use crate::frontmatter;

/// A format declared in a user's format file.
pub struct UserFormat {
    spec: &'static Spec,
    name: &'static str,
}

impl UserFormat {
    /// The compiled file.
    pub fn spec(&self) -> &Spec {
        self.spec
    }

    fn score(&self, text: &str, name: Option<&str>) -> u8 {
        let s = self.spec;
        if !s.extensions.is_empty() && !name.is_some_and(|n| s.name_matches(n)) {
            return 0;
        }
        if !s.json_keys.is_empty() && !json::first_object(text).is_some_and(|v| s.keys_match(&v)) {
            return 0;
        }
        if let Some(k) = &s.front_matter_key {
            let yaml = front_matter_head(text).is_some_and(|f| has_key(f, k));
            let toml = frontmatter::split_toml(text)
                .and_then(Result::ok)
                .is_some_and(|(f, _)| f.lines().any(|l| l.split_once('=').is_some_and(|(key, _)| key.trim() == k)));
            if !yaml && !toml {
                return 0;
            }
        }
        if let Some(re) = &s.first_line {
            let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
            if !re.is_match(first) {
                return 0;
            }
        }
        // A user's declaration wins over the built-in guesses.
        97
    }
}

impl Format for UserFormat {
    fn name(&self) -> &'static str {
        self.name
    }

    fn detect(&self, text: &str) -> u8 {
        self.score(text, None)
    }

    fn detect_named(&self, text: &str, name: &str) -> u8 {
        self.score(text, Some(name))
    }

    fn about(&self) -> String {
        self.spec.description.clone()
    }

    fn read<'a>(&self, text: &'a str, cx: &Context<'a>) -> Result<Read<'a>, Error> {
        let spec = self.spec;
        if json::looks_like_json(text) {
            return json::read_with(text, cx, move |v, cx| json::draft(spec, v, None, cx));
        }
        if let Some(split) = frontmatter::split_any(text) {
            let (fm, rest) = split?;
            let doc = fm.to_json();
            return Ok(Read::One(json::draft(spec, &doc, Some(rest.into()), cx)?));
        }
        Ok(Read::One(json::draft(spec, &Value::Null, Some(text.into()), cx)?))
    }

    fn next_document(&self, text: &str) -> Next {
        frontmatter::next_document(text).map_or(Next::None, Next::At)
    }
}

/// The formats of a run, built-in first, then the user's in the order given.
pub struct Formats {
    list: Vec<&'static dyn Format>,
    user: Vec<&'static UserFormat>,
}

static BUILTIN: LazyLock<Formats> = LazyLock::new(|| Formats { list: FORMATS.to_vec(), user: Vec::new() });

/// A user format file read from disk.
pub struct UserFile {
    pub path: PathBuf,
    pub text: String,
}

impl Formats {
    /// The built-in formats.
    pub fn builtin() -> &'static Formats {
        &BUILTIN
    }

    /// The built-in formats and those of the format files or folders `paths`.
    pub fn load(paths: &[PathBuf]) -> Result<Formats, FormatError> {
        Formats::from_files(read_format_files(paths)?)
    }

    /// As [`Formats::load`], leaked for the life of the process (a cheap `&'static`
    /// handle for [`crate::Options`]).
    pub fn load_static(paths: &[PathBuf]) -> Result<&'static Formats, FormatError> {
        if paths.is_empty() {
            return Ok(Formats::builtin());
        }
        Ok(Box::leak(Box::new(Formats::load(paths)?)))
    }

    /// The built-in formats and these user format files. A user format may not take a
    /// built-in format's name, nor another user format's.
    pub fn from_files(files: Vec<UserFile>) -> Result<Formats, FormatError> {
        let mut list: Vec<&'static dyn Format> = FORMATS.to_vec();
        let mut user: Vec<&'static UserFormat> = Vec::new();
        for f in files {
            let shown = f.path.display().to_string();
            let spec = Spec::compile(&shown, &f.text, Origin::File(f.path.clone()))?;
            let clash = if FORMATS.iter().any(|b| b.name() == spec.name) {
                Some("a built-in format".to_owned())
            } else {
                user.iter().find(|u| u.spec.name == spec.name).map(|u| format!("already declared by {}", u.spec.origin))
            };
            if let Some(what) = clash {
                let line = f.text.lines().position(|l| l.trim_start().starts_with("name")).map_or(1, |i| i + 1);
                return Err(FormatError { file: shown, line, problem: format!("name {:?} is {what}", spec.name) });
            }
            let spec: &'static Spec = Box::leak(Box::new(spec));
            let format: &'static UserFormat = Box::leak(Box::new(UserFormat { spec, name: spec.name.as_str() }));
            user.push(format);
            list.push(format);
        }
        Ok(Formats { list, user })
    }

    /// Every format, built-in first.
    pub fn iter(&self) -> impl Iterator<Item = &'static dyn Format> + '_ {
        self.list.iter().copied()
    }

    /// The user formats.
    pub fn user(&self) -> &[&'static UserFormat] {
        &self.user
    }

    /// The format called `name`.
    pub fn by_name(&self, name: &str) -> Option<&'static dyn Format> {
        self.iter().find(|f| f.name() == name)
    }

    /// The names of all formats, comma-separated.
    pub fn names(&self) -> String {
        self.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
    }

    /// The format that recognises `text` (named `name`, when it has a name) most
    /// confidently.
    ///
    /// When none does, or two tie, a broken front matter is the better explanation: the
    /// error says that (`front_matter_unclosed`, `front_matter_invalid`) rather than that
    /// the format is unknown or ambiguous.
    pub fn detect(&self, text: &str, name: Option<&str>) -> Result<&'static dyn Format, Error> {
        let mut best: Option<(u8, &'static dyn Format)> = None;
        let mut tie: Option<&'static dyn Format> = None;
        for f in self.iter() {
            let score = match name {
                Some(n) => f.detect_named(text, n),
                None => f.detect(text),
            };
            match best {
                Some((b, _)) if score < b => {}
                Some((b, _)) if score == b => tie = Some(f),
                _ => {
                    best = Some((score, f));
                    tie = None;
                }
            }
        }
        let err = match (best, tie) {
            (Some((score, f)), Some(g)) if score > 0 => Error::AmbiguousFormat(f.name(), g.name()),
            (Some((score, f)), None) if score > 0 => return Ok(f),
            _ => Error::UnrecognizedFormat { tried: self.names() },
        };
        if let Some(split) = frontmatter::split(text) {
            let (yaml, _) = split?;
            frontmatter::parse(yaml)?;
        }
        Err(err)
    }
}

/// The format files named by `paths`: files as given, folders' `*.toml` files sorted.
/// Each must be a regular file of at most [`MAX_FILE`] bytes (a format file is a few
/// lines: a device, a FIFO or a huge file is refused, not read).
pub fn read_format_files(paths: &[PathBuf]) -> Result<Vec<UserFile>, FormatError> {
    let problem = |p: &Path, what: String| FormatError { file: p.display().to_string(), line: 0, problem: what };
    let mut out = Vec::new();
    let mut read_one = |p: &Path| -> Result<(), FormatError> {
        let meta = std::fs::metadata(p).map_err(|e| problem(p, format!("cannot read the format file: {e}")))?;
        if !meta.is_file() {
            return Err(problem(p, "not a regular file (a format file is a small TOML file)".to_owned()));
        }
        if meta.len() > MAX_FILE {
            return Err(problem(
                p,
                format!("{} bytes: too large for a format file (at most {MAX_FILE} bytes)", meta.len()),
            ));
        }
        let mut text = String::new();
        std::fs::File::open(p)
            .and_then(|f| f.take(MAX_FILE + 1).read_to_string(&mut text))
            .map_err(|e| problem(p, format!("cannot read the format file: {e}")))?;
        if text.len() as u64 > MAX_FILE {
            return Err(problem(p, format!("too large for a format file (at most {MAX_FILE} bytes)")));
        }
        out.push(UserFile { path: p.to_path_buf(), text });
        Ok(())
    };
    for path in paths {
        if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| problem(path, format!("cannot read the folder: {e}")))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            for f in files {
                read_one(&f)?;
            }
        } else {
            read_one(path)?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(text: &str) -> Result<Formats, FormatError> {
        Formats::from_files(vec![UserFile { path: "u.toml".into(), text: text.to_owned() }])
    }

    #[test]
    fn a_user_format_is_detected_by_its_conditions_and_wins() {
        let f = user(
            "name = \"cms-export\"\n[recognise]\nextension = \"json\"\njson_keys = [\"headline\"]\n\
             [fields]\ntitle = \"headline\"\n[body]\nfrom = \"story\"\n",
        )
        .unwrap();
        let doc = "{\"headline\": \"H\", \"story\": \"S\", \"url\": \"https://x.org/a\", \"text\": \"t\"}";
        assert_eq!(f.detect(doc, Some("a/b.json")).map(|f| f.name()).ok(), Some("cms-export"));
        // The extension is a condition: another name, or none, is not this format's.
        assert_eq!(f.detect(doc, Some("b.txt")).map(|f| f.name()).ok(), Some("json"));
        assert_eq!(f.detect(doc, None).map(|f| f.name()).ok(), Some("json"));
        assert!(f.by_name("cms-export").is_some());
    }

    #[test]
    fn names_of_built_in_formats_and_repeats_are_refused() {
        let e = user("\n\nname = \"feed\"\n[recognise]\nextension = \"x\"\n").err().unwrap();
        assert_eq!(e.to_string(), "u.toml:3: name \"feed\" is a built-in format");
        let one = UserFile { path: "a.toml".into(), text: "name = \"x\"\n[recognise]\nextension = \"x\"\n".into() };
        let two = UserFile { path: "b.toml".into(), text: one.text.clone() };
        let e = Formats::from_files(vec![one, two]).err().unwrap();
        assert_eq!(e.to_string(), "b.toml:1: name \"x\" is already declared by a.toml");
    }

    #[cfg(unix)]
    #[test]
    fn huge_and_special_files_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; (MAX_FILE + 1) as usize]).unwrap();
        let e = read_format_files(&[big]).err().unwrap();
        assert!(e.problem.contains("too large"), "{e}");
        let e = read_format_files(&[PathBuf::from("/dev/zero")]).err().unwrap();
        assert!(e.problem.contains("not a regular file"), "{e}");
    }
}
