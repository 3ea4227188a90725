//! Text cleaning shared by every format: whitespace folding, invisible characters,
//! HTML entities.

use std::borrow::Cow;

/// Characters that carry no text: zero-width spaces and joiners, BOM, word joiner,
/// soft hyphen. (The definition; the scans use [`classify`], checked against it.)
#[cfg(test)]
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Whitespace that is folded: ASCII whitespace, plus NBSP (a layout artefact).
#[cfg(test)]
fn is_foldable_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\x0b' | '\u{00A0}')
}

/// The first place of an ASCII `needle` in `haystack`, ignoring ASCII case (no
/// lower-cased copy).
pub fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    haystack.as_bytes().windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

/// Does `s` start with the ASCII `prefix`, ignoring ASCII case?
pub fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len()).is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

/// Wide (CJK) characters, between which a source line break is not a space
/// (CSS Text 3, segment break transformation).
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF |
        0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// What a byte of UTF-8 text starts, for the cleaning scans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Part of a character that is kept as it is (ASCII graphic, or any byte of a
    /// multi-byte character other than the ones below).
    Kept,
    /// A foldable space of `len` bytes; `newline` for `\n` and `\r`.
    Space { len: usize, newline: bool },
    /// An invisible or control character of `len` bytes, removed.
    Dropped { len: usize },
}

/// Bytes that may start a space or a dropped character (see [`classify`]); every other
/// byte is part of a kept character.
static MAY_START_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b <= 0x20 {
        table[b] = true;
        b += 1;
    }
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xE2] = true;
    table[0xEF] = true;
    table
};

/// The first index from `i` on where a space or a dropped character may start.
#[inline]
fn skip_kept(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        if MAY_START_SPECIAL[usize::from(b)] {
            break;
        }
        i += 1;
    }
    i
}

/// Classify the character starting at `bytes[i]` (or a continuation byte, `Kept`).
/// The same sets as `is_foldable_space`, `is_invisible` (in the tests) and `char::is_control`,
/// decided on the UTF-8 bytes: U+0080..U+00BF start with `C2`, U+2000..U+207F with
/// `E2 80`/`E2 81`, U+FEFF is `EF BB BF`.
#[inline]
fn classify(bytes: &[u8], i: usize) -> Class {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match at(0) {
        0x21..=0x7E => Class::Kept,
        b' ' | b'\t' | 0x0B | 0x0C => Class::Space { len: 1, newline: false },
        b'\n' | b'\r' => Class::Space { len: 1, newline: true },
        0x00..=0x1F | 0x7F => Class::Dropped { len: 1 },
        0xC2 => match at(1) {
            0xA0 => Class::Space { len: 2, newline: false },
            0x80..=0x9F | 0xAD => Class::Dropped { len: 2 },
            _ => Class::Kept,
        },
        0xE2 => match (at(1), at(2)) {
            (0x80, 0x8B..=0x8D) | (0x81, 0xA0) => Class::Dropped { len: 3 },
            _ => Class::Kept,
        },
        0xEF if at(1) == 0xBB && at(2) == 0xBF => Class::Dropped { len: 3 },
        _ => Class::Kept,
    }
}

/// One line of text, cleaned: invisible and control characters removed, runs of
/// whitespace folded to one space (or to nothing where a line break joins two CJK
/// characters), leading and trailing whitespace trimmed. U+3000 inside the text is kept.
pub fn clean_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    clean_inline_into(s, &mut out);
    out
}

/// [`clean_inline`], appended to `out` (empty on entry). Runs of kept characters are
/// copied whole; only the bytes around spaces and dropped characters are looked at.
fn clean_inline_into(s: &str, out: &mut String) {
    /// Append a run of kept characters, after the space pending before it.
    fn flush(run: &str, out: &mut String, pending_space: &mut bool, pending_newline: &mut bool) {
        if run.is_empty() {
            return;
        }
        if *pending_space && !out.is_empty() {
            let joins_cjk = *pending_newline
                && out.chars().next_back().is_some_and(is_wide)
                && run.chars().next().is_some_and(is_wide);
            if !joins_cjk {
                out.push(' ');
            }
        }
        *pending_space = false;
        *pending_newline = false;
        out.push_str(run);
    }

    let bytes = s.as_bytes();
    let mut pending_space = false;
    let mut pending_newline = false;
    let mut run_start = 0;
    let mut i = 0;
    loop {
        i = skip_kept(bytes, i);
        if i >= bytes.len() {
            break;
        }
        let (len, space) = match classify(bytes, i) {
            Class::Kept => {
                i += 1;
                continue;
            }
            Class::Space { len, newline } => (len, Some(newline)),
            Class::Dropped { len } => (len, None),
        };
        flush(s.get(run_start..i).unwrap_or_default(), out, &mut pending_space, &mut pending_newline);
        if let Some(newline) = space {
            pending_space = true;
            pending_newline |= newline;
        }
        i += len;
        run_start = i;
    }
    flush(s.get(run_start..).unwrap_or_default(), out, &mut pending_space, &mut pending_newline);
}

/// A one-line value (author, publisher, category, tag, caption): [`clean_inline`] with
/// spaces of any kind trimmed at both ends (an ideographic space left before a name once
/// the control characters around it are dropped).
pub fn clean_value(s: &str) -> String {
    clean_paragraph(s)
}

/// A body paragraph: [`clean_inline`] plus leading/trailing spaces of any kind removed
/// (ideographic spaces of paragraph indentation, an em space, a narrow no-break space
/// left alone on a line), so a paragraph is never only a space.
pub fn clean_paragraph(s: &str) -> String {
    let cleaned = clean_inline(s);
    let trimmed = cleaned.trim_matches(char::is_whitespace);
    if trimmed.len() == cleaned.len() { cleaned } else { trimmed.to_owned() }
}

/// A body paragraph that may hold line breaks (hard breaks in the source, SPEC v1.1):
/// each line cleaned with [`clean_paragraph`], empty lines dropped, the rest joined
/// with a single `\n`.
pub fn clean_block(s: &str) -> String {
    if !s.contains('\n') {
        return clean_paragraph(s);
    }
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n') {
        let line = clean_paragraph(line);
        if !line.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&line);
        }
    }
    out
}

/// A line of a cleaned paragraph that is not text: only a URL (a bare link, a feed or
/// donation address), or only asterisks (a separator, `***`).
pub fn is_residue_line(line: &str) -> bool {
    let url = (line.starts_with("http://") || line.starts_with("https://") || line.starts_with("www."))
        && !line.contains(char::is_whitespace);
    url || (line.len() >= 2 && line.bytes().all(|b| b == b'*'))
}

/// A cleaned paragraph without its lines that are only a URL or only asterisks
/// ([`is_residue_line`]); empty when nothing else is left.
pub fn drop_residue_lines(p: String) -> String {
    // Only a line's first byte is looked at first (`h`, `w`, `*`): cheap on every paragraph.
    let may_start = |l: &str| matches!(l.as_bytes().first(), Some(b'h' | b'w' | b'*'));
    if !p.split('\n').any(|l| may_start(l) && is_residue_line(l)) {
        return p;
    }
    p.split('\n').filter(|l| !is_residue_line(l)).collect::<Vec<_>>().join("\n")
}

/// Is `s` unchanged by [`clean_paragraph`]? (A cheap scan, so that text cleaned once
/// is not cleaned and copied again.)
pub fn is_clean_paragraph(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        i = skip_kept(bytes, i);
        if i >= bytes.len() {
            break;
        }
        match classify(bytes, i) {
            Class::Kept => i += 1,
            // One plain space between two kept characters stays as it is.
            Class::Space { len: 1, newline: false }
                if bytes.get(i) == Some(&b' ')
                    && i > 0
                    && i + 1 < bytes.len()
                    && classify(bytes, i + 1) == Class::Kept =>
            {
                i += 1
            }
            _ => return false,
        }
    }
    !s.starts_with(char::is_whitespace) && !s.ends_with(char::is_whitespace)
}

/// What a media marker in a headline's brackets says: the story has a video, pictures or
/// sound (`…[影]`, `【视频】…`, `[Video] …`). It tells the page's furniture, not the news.
const MEDIA_MARKERS: &str = "视频|視頻|微视频|微視頻|短视频|短視頻|影片|影音|影|直播|多片|图集|圖集|组图|組圖|图辑|圖輯|\
                             多图|多圖|音频|音頻|[Vv]ideos?|VIDEOS?|[Pp]hotos?|PHOTOS?|[Gg]allery|GALLERY|[Aa]udio|AUDIO|\
                             [Ww]atch|WATCH|[Pp]odcasts?|PODCASTS?";

/// A headline as it is written out: numeric character references left by a double
/// encoding (`&amp;#22338;`, decoded once to `&#22338;`) decoded, emphasis markers (`**`)
/// that a feed left in the text removed (`5**`, a grade, stays), and a media marker in
/// brackets that opens or ends it removed (`雙北三級警戒[影]`, `【视频】缅甸…`).
pub fn clean_title(s: &str) -> Cow<'_, str> {
    use std::sync::LazyLock;
    static MEDIA: LazyLock<regex::Regex> = LazyLock::new(|| {
        let open = "[\\[【［〔(（]";
        let close = "[\\]】］〕)）]";
        let marker = format!("{open}\\s*(?:{MEDIA_MARKERS})\\s*{close}");
        regex::Regex::new(&format!("^\\s*{marker}\\s*|\\s*{marker}\\s*$")).expect("static regex")
    });
    static NUMERIC: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});").expect("static regex"));
    static EMPHASIS: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"(^|[^0-9*])\*{2,}").expect("static regex"));
    let mut out = Cow::Borrowed(s);
    if out.contains("&#") {
        out = Cow::Owned(
            NUMERIC.replace_all(&out, |c: &regex::Captures| decode_entities(&c[0]).into_owned()).into_owned(),
        );
    }
    if out.contains("**") {
        out = Cow::Owned(EMPHASIS.replace_all(&out, "$1").into_owned());
    }
    let bracketed =
        |c: char| matches!(c, ']' | '】' | '］' | '〕' | ')' | '）' | '[' | '【' | '［' | '〔' | '(' | '（');
    let t = out.trim();
    if (t.starts_with(bracketed) || t.ends_with(bracketed)) && MEDIA.is_match(t) {
        let stripped = MEDIA.replace_all(t, "");
        if !stripped.trim().is_empty() {
            out = Cow::Owned(stripped.into_owned());
        }
    }
    out
}

/// A tag in square brackets (`[…]` or `［…］`) opening a title, trimmed, and the rest,
/// trimmed: `[國際] 標題` -> (`國際`, `標題`). `None` when either is empty.
pub fn bracket_prefix(title: &str) -> Option<(&str, &str)> {
    let t = title.trim_start();
    let inner = t.strip_prefix('[').or_else(|| t.strip_prefix('［'))?;
    let end = inner.find([']', '］'])?;
    let tag = inner.get(..end)?.trim();
    let mut after = inner.get(end..)?.chars();
    after.next();
    let rest = after.as_str().trim();
    (!tag.is_empty() && !rest.is_empty()).then_some((tag, rest))
}

/// A section tag in Latin letters opening a title, and the rest: `[Institutional] 标题`
/// -> (`Institutional`, `标题`). One to three ASCII words, the first capitalised.
pub fn section_tag(title: &str) -> Option<(&str, &str)> {
    let (tag, rest) = bracket_prefix(title)?;
    let is_word = |w: &str| !w.is_empty() && w.len() <= 20 && w.bytes().all(|b| b.is_ascii_alphabetic());
    let capital = tag.bytes().next().is_some_and(|b| b.is_ascii_uppercase());
    (capital && tag.split(' ').count() <= 3 && tag.split(' ').all(is_word)).then_some((tag, rest))
}

/// Decode HTML character references (`&amp;`, `&#25308;`, `&quot;` ...).
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if s.contains('&') { html_escape::decode_html_entities(s) } else { Cow::Borrowed(s) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The char-by-char definition the byte scans must agree with.
    fn reference_clean_inline(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut pending_space = false;
        let mut pending_newline = false;
        for c in s.chars() {
            if is_foldable_space(c) {
                pending_space = true;
                pending_newline |= c == '\n' || c == '\r';
                continue;
            }
            if is_invisible(c) || c.is_control() {
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

    #[test]
    fn byte_classes_agree_with_the_char_definitions_for_every_char() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let want = if is_foldable_space(c) {
                Class::Space { len: c.len_utf8(), newline: c == '\n' || c == '\r' }
            } else if is_invisible(c) || c.is_control() {
                Class::Dropped { len: c.len_utf8() }
            } else {
                Class::Kept
            };
            assert_eq!(classify(bytes, 0), want, "U+{:04X}", c as u32);
            // A continuation byte never looks like the start of something dropped.
            for i in 1..bytes.len() {
                assert_eq!(classify(bytes, i), Class::Kept, "U+{:04X} byte {i}", c as u32);
            }
        }
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            " ", "  ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\u{00A0}", "\u{3000}", "\u{200B}", "\u{200D}", "\u{2060}",
            "\u{FEFF}", "\u{00AD}", "\u{0003}", "\u{007F}", "\u{0085}", "\u{00A9}", "\u{2028}", "\u{2014}", "\u{FFFD}",
            "\u{202F}", "\u{2003}", "a", "Word", "中", "文字", "，", "。", "１", "한", "ｱ", "😀", "é",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn byte_scan_cleans_like_the_definition(s in text_strategy()) {
            let cleaned = clean_inline(&s);
            prop_assert_eq!(&cleaned, &reference_clean_inline(&s));
            let para = clean_paragraph(&s);
            prop_assert!(is_clean_paragraph(&para), "{:?}", para);
            prop_assert_eq!(is_clean_paragraph(&s), clean_paragraph(&s) == s, "{:?}", s);
        }
    }

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
        // Any space at the ends: a narrow no-break space alone on a line (a VOA post of
        // the archive sample had one as a paragraph) leaves nothing.
        assert_eq!(clean_paragraph("\u{2003}正文\u{202F}"), "正文");
        assert_eq!(clean_paragraph("\u{202F}"), "");
        assert!(!is_clean_paragraph("\u{202F}"));
        assert_eq!(clean_block("一\n\u{202F}\n二"), "一\n二");
    }

    #[test]
    fn entities() {
        assert_eq!(decode_entities("A &amp; B &#25308;&#30331; &quot;x&quot;"), "A & B 拜登 \"x\"");
        assert_eq!(decode_entities("plain"), "plain");
    }
}
