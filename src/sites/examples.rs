//! A rule's own tests: the `[[example]]` cases of a rule file, run through the outlet-rule
//! stages ([`crate::pipeline::apply_rules`]) exactly as an input of that outlet is, by
//! `newsnorm outlets check` and by the tests of the built-in rules.

use std::fmt;

use std::borrow::Cow;

use super::outlet::Outlet;
use super::rule::Example;
use crate::formats::{Body, Draft};
use crate::record::{Article, Image};

/// An example whose result is not the expected one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The rule file (`rules/cna.toml` for a built-in rule).
    pub file: String,
    /// The line of the example in it.
    pub line: usize,
    /// The example's number in the file (from 1) and its name.
    pub number: usize,
    pub name: Option<String>,
    /// What differs: `body: expected [...], got [...]`, one line per field.
    pub problems: Vec<String>,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: example {}", self.file, self.line, self.number)?;
        if let Some(n) = &self.name {
            write!(f, " ({n})")?;
        }
        write!(f, ": {}", self.problems.join("; "))
    }
}

/// The article the stage makes of an example's input.
pub fn run(outlet: &Outlet, ex: &Example) -> Article {
    let art = Article {
        title: ex.title.clone().unwrap_or_default(),
        url: ex.url.clone(),
        author: ex.author.clone(),
        images: ex.images.iter().map(|i| Image { url: i.url.clone(), caption: i.caption.clone() }).collect(),
        ..Default::default()
    };
    let body = match (&ex.html, &ex.markdown) {
        (Some(html), _) => Body::Html { html: Cow::Borrowed(html), drop: None, caption: None },
        (None, Some(md)) => Body::Markdown(Cow::Borrowed(md)),
        (None, None) => Body::Paragraphs(ex.paragraphs.clone()),
    };
    let mut draft = Draft::new(art, body);
    draft.outlet = Some(outlet);
    draft.label = ex.label.clone();
    crate::pipeline::apply_rules(draft)
}

/// What differs between the article and the example's `expect`.
pub fn problems(ex: &Example, art: &Article) -> Vec<String> {
    let e = &ex.expect;
    let mut out = Vec::new();
    let mut check = |what: &str, want: String, got: String| {
        if want != got {
            out.push(format!("{what}: expected {want}, got {got}"));
        }
    };
    if let Some(t) = &e.title {
        check("title", format!("{t:?}"), format!("{:?}", art.title));
    }
    if let Some(b) = &e.body {
        check("body", format!("{b:?}"), format!("{:?}", art.paragraphs));
    }
    if let Some(a) = &e.author {
        check("author", format!("{a:?}"), format!("{:?}", art.author.as_deref().unwrap_or_default()));
    }
    if let Some(c) = &e.category {
        check("category", format!("{c:?}"), format!("{:?}", art.category.as_deref().unwrap_or_default()));
    }
    if let Some(t) = &e.tags {
        check("tags", format!("{t:?}"), format!("{:?}", art.tags));
    }
    if let Some(w) = &e.warnings {
        check("warnings", format!("{w:?}"), format!("{:?}", art.warnings));
    }
    if let Some(i) = &e.images {
        let got: Vec<&str> = art.images.iter().map(|i| i.url.as_str()).collect();
        check("images", format!("{i:?}"), format!("{got:?}"));
    }
    if let Some(c) = &e.captions {
        let got: Vec<&str> = art.images.iter().map(|i| i.caption.as_deref().unwrap_or_default()).collect();
        check("captions", format!("{c:?}"), format!("{got:?}"));
    }
    out
}

impl Outlet {
    /// Run every example of this outlet's rule: the failures (none when all pass).
    pub fn check_examples(&self) -> Vec<Failure> {
        let file = self.file_name();
        self.rule()
            .examples
            .iter()
            .zip(&self.example_lines)
            .enumerate()
            .filter_map(|(i, (ex, &line))| {
                let ex = ex.get_ref();
                let problems = problems(ex, &run(self, ex));
                (!problems.is_empty()).then(|| Failure {
                    file: file.clone(),
                    line,
                    number: i + 1,
                    name: ex.name.clone(),
                    problems,
                })
            })
            .collect()
    }

    /// How many examples the rule has.
    pub fn example_count(&self) -> usize {
        self.rule().examples.len()
    }
}

#[cfg(test)]
mod tests {
    use crate::sites::{Outlets, UserFile};

    /// Every built-in rule carries examples, and they all pass.
    #[test]
    fn every_built_in_rule_s_examples_pass() {
        let mut failures = Vec::new();
        for o in Outlets::builtin().iter() {
            assert!(o.example_count() > 0, "{} has no [[example]]", o.key());
            failures.extend(o.check_examples().into_iter().map(|f| f.to_string()));
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn a_failing_example_names_its_file_and_line() {
        let text = "key = \"ex\"\npublisher = \"Ex\"\n\n[paragraphs]\ndrop_equal = [\"广告\"]\n\n\
                    [[example]]\nparagraphs = [\"正文。\", \"广告\"]\nexpect.body = [\"正文。\"]\n\n\
                    [[example]]\nname = \"a promo\"\nparagraphs = [\"正文。\", \"订阅\"]\n[example.expect]\nbody = [\"正文。\"]\nauthor = \"Ex\"\n";
        let set = Outlets::from_files(vec![UserFile { path: "ex.toml".into(), text: text.into() }]).unwrap();
        let o = set.get("ex").unwrap();
        assert_eq!(o.example_count(), 2);
        let failures = o.check_examples();
        assert_eq!(failures.len(), 1);
        assert_eq!(
            failures[0].to_string(),
            "ex.toml:11: example 2 (a promo): body: expected [\"正文。\"], got [\"正文。\", \"订阅\"]"
        );
    }
}
