//! Text cleaning shared by every format: whitespace folding, invisible characters,
//! HTML entities.

use std::borrow::Cow;

/// Characters that carry no text: zero-width spaces and joiners, BOM, word joiner,
/// soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Whitespace that is folded: ASCII whitespace, plus NBSP (a layout artefact).
fn is_foldable_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\x0b' | '\u{00A0}')
}

/// Wide (CJK) characters, between which a source line break is not a space
/// (CSS Text 3, segment break transformation).
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF |
        0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// One line of text, cleaned: invisible and control characters removed, runs of
/// whitespace folded to one space (or to nothing where a line break joins two CJK
/// characters), leading and trailing whitespace trimmed. U+3000 inside the text is kept.
pub fn clean_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut pending_newline = false;
    for c in s.chars() {
        if is_foldable_space(c) {
            pending_space = true;
            pending_newline |= c == '\n' || c == '\r';
            continue;
        }
        if is_invisible(c) || (c.is_control() && c != '\u{3000}') {
            continue;
        }
        if pending_space && !out.is_empty() {
            let joins_cjk = pending_newline && out.chars().next_back().is_some_and(is_wide) && is_wide(c);
            if !joins_cjk {
                out.push(' ');
            }
        }
        pending_space = false;
        pending_newline = false;
        out.push(c);
    }
    out
}

/// A body paragraph: [`clean_inline`] plus leading/trailing ideographic spaces
/// (paragraph indentation) removed.
pub fn clean_paragraph(s: &str) -> String {
    let cleaned = clean_inline(s);
    let trimmed = cleaned.trim_matches(|c: char| c == '\u{3000}' || c == ' ');
    if trimmed.len() == cleaned.len() { cleaned } else { trimmed.to_owned() }
}

/// Decode HTML character references (`&amp;`, `&#25308;`, `&quot;` ...).
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if s.contains('&') { html_escape::decode_html_entities(s) } else { Cow::Borrowed(s) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_ascii_whitespace_and_trims() {
        assert_eq!(clean_inline("  a \t\n b  "), "a b");
        assert_eq!(clean_inline("a\u{00A0}\u{00A0}b"), "a b");
    }

    #[test]
    fn keeps_ideographic_space_inside() {
        assert_eq!(clean_inline("中美元首視像會晤　拜登"), "中美元首視像會晤　拜登");
    }

    #[test]
    fn joins_cjk_across_source_line_breaks() {
        assert_eq!(clean_inline("中文\n  字"), "中文字");
        assert_eq!(clean_inline("中文 字"), "中文 字");
        assert_eq!(clean_inline("word\nword"), "word word");
    }

    #[test]
    fn removes_invisible_and_control() {
        assert_eq!(clean_inline("a\u{200B}b\u{0003}c\u{FEFF}"), "abc");
    }

    #[test]
    fn paragraph_drops_indentation() {
        assert_eq!(clean_paragraph("\u{3000}\u{3000}正文"), "正文");
    }

    #[test]
    fn entities() {
        assert_eq!(decode_entities("A &amp; B &#25308;&#30331; &quot;x&quot;"), "A & B 拜登 \"x\"");
        assert_eq!(decode_entities("plain"), "plain");
    }
}
