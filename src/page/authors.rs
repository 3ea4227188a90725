//! Authors: bylines as pages write them (`By Anna Muster and Ben Beispiel`, `Von Anna
//! Muster`, `Anna Muster, Staff Writer`) to names, and the page's author chosen from
//! what it declares (JSON-LD, meta) and shows (byline blocks, a byline line at the top of
//! the text).

use std::sync::LazyLock;

use regex::Regex;

use super::content::Hints;
use super::jsonld::Ld;
use super::meta::{self, Meta};
use crate::lexicon;
use crate::normalize::text;

/// Words that open a byline and are not part of the name.
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:{})\s*[:：]?\s+", lexicon::BYLINE_OPENERS.alternation())).expect("lexicon pattern")
});

/// Separators between names: punctuation, or a joining word between spaces.
static SEPARATORS: LazyLock<Regex> = LazyLock::new(|| {
    let words: String = lexicon::NAME_JOINERS.words().iter().map(|w| format!(r"|\s+{}\s+", regex::escape(w))).collect();
    Regex::new(&format!(r"(?i)\s*(?:,|;|&|\||/|、|•|·{words})\s*")).expect("lexicon pattern")
});

fn is_role(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.').to_lowercase();
    lexicon::ROLES.contains(&s)
}

/// One part of a byline as a name, or `None` when it is not one (a URL, a date, an
/// e-mail address, a role, a sentence).
fn name_of(part: &str) -> Option<String> {
    let mut p =
        part.trim().trim_matches(|c: char| matches!(c, '-' | '–' | '—' | ':' | '(' | ')' | '"' | '“' | '”' | '@'));
    p = p.trim();
    if p.is_empty() || p.contains("://") || p.starts_with("www.") || p.contains('@') {
        return None;
    }
    if p.chars().any(|c| c.is_ascii_digit()) || is_role(p) {
        return None;
    }
    // "Anna Muster, Staff Writer" is split already; "Anna Muster Staff Writer" is not.
    for role in lexicon::ROLES.words() {
        let lower = p.to_lowercase();
        if lower.len() > role.len() + 1
            && lower.ends_with(role)
            && lower.get(..lower.len() - role.len()).is_some_and(|h| h.ends_with(' '))
        {
            p = p.get(..p.len() - role.len()).unwrap_or(p).trim();
        }
    }
    let words = p.split_whitespace().count();
    let cjk = p.chars().any(text::is_wide);
    if words == 0 || words > 6 || (!cjk && p.chars().count() < 2) || p.chars().count() > 60 {
        return None;
    }
    Some(text::clean_inline(p))
}

/// The names of a byline or an author field, joined with `、`; `None` when it names
/// nobody.
pub fn clean_author(raw: &str) -> Option<String> {
    let raw = text::decode_entities(raw);
    let mut s = text::clean_inline(&raw);
    // A profile link is not a name.
    if !s.contains(' ') && (s.contains("://") || s.starts_with("www.")) {
        return None;
    }
    // Twice: `Text: von Anna`.
    for _ in 0..2 {
        if let Some(m) = LEAD.find(&s) {
            s = s.get(m.end()..).unwrap_or_default().to_owned();
        }
    }
    // What follows a date or a middle dot is not names: `Anna Muster | 12. Mai 2020`.
    let mut names = Vec::new();
    for part in SEPARATORS.split(&s) {
        if part.chars().any(|c| c.is_ascii_digit()) && !names.is_empty() {
            break;
        }
        // A byline part that opens with "by" again (`Photos by …`).
        let part = LEAD.find(part).map_or(part, |m| part.get(m.end()..).unwrap_or(part));
        if let Some(n) = name_of(part) {
            names.push(n);
        }
        if names.len() >= 8 {
            break;
        }
    }
    crate::sites::join_names(&names)
}

/// A line that is a byline: opens with `By`, `Von`, … and is short.
pub fn is_byline_line(p: &str) -> bool {
    p.chars().count() <= 120 && LEAD.is_match(p) && !p.ends_with(['.', '!', '?'])
        || p.ends_with(" Uhr") && p.chars().count() < 40
}
/// The page's author(s): the JSON-LD authors, else the first meta author, else the first
/// byline block, else a byline line among the first paragraphs of the scored text.
pub fn choose(ld: &Ld, m: &Meta, hints: &Hints, paragraphs: &[String]) -> Option<String> {
    // An organisation credited in the JSON-LD (the site itself) is the author only when
    // no person is named elsewhere (SPEC: the organisation when no person is named).
    let from_ld = ld.authors.iter().filter_map(|a| clean_author(a)).collect::<Vec<_>>();
    let (mut author, organisations) =
        if ld.authors_are_organisations { (Vec::new(), from_ld) } else { (from_ld, Vec::new()) };
    if author.is_empty() {
        author.extend(
            meta::AUTHOR_KEYS
                .iter()
                .flat_map(|k| m.all(k))
                .filter(|a| !a.starts_with('@'))
                .filter_map(clean_author)
                .take(1),
        );
    }
    if author.is_empty() {
        author.extend(hints.bylines.iter().filter_map(|b| clean_author(b)).take(1));
    }
    if author.is_empty() {
        author.extend(paragraphs.iter().take(4).filter(|p| is_byline_line(p)).filter_map(|p| clean_author(p)).take(1));
    }
    if author.is_empty() {
        author = organisations;
    }
    crate::sites::join_names(&author)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_to_names() {
        assert_eq!(clean_author("By Anna Muster and Ben Beispiel").as_deref(), Some("Anna Muster、Ben Beispiel"));
        assert_eq!(clean_author("Von Anna Muster | 12. Mai 2020").as_deref(), Some("Anna Muster"));
        assert_eq!(clean_author("Anna Muster, Staff Writer").as_deref(), Some("Anna Muster"));
        assert_eq!(clean_author("Staff").as_deref(), None);
        assert_eq!(clean_author("https://www.facebook.com/someone").as_deref(), None);
        assert_eq!(clean_author("Text: Max Mustermann").as_deref(), Some("Max Mustermann"));
        assert_eq!(clean_author("王小明、李大同").as_deref(), Some("王小明、李大同"));
        assert_eq!(clean_author("By JOHN DOE, Associated Press").as_deref(), Some("JOHN DOE、Associated Press"));
        assert!(is_byline_line("By Anna Muster"));
        assert!(!is_byline_line("By the end of the year the town had grown a lot."));
    }
}
