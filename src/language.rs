//! The `language` of a record's body: a BCP 47 tag.
//!
//! Chinese is told from the characters, not from the outlet: a body written mostly in Han
//! characters is `zh-Hant` when it has more traditional-only than simplified-only
//! characters, `zh-Hans` in the opposite case (OpenCC's character tables, embedded from
//! `data/opencc/`, Apache-2.0). Other text goes to whichlang (16 languages: ar, de, en, es,
//! fr, hi, it, ja, ko, nl, pt, ru, sv, tr, vi, zh), when it is written in their scripts
//! (Latin, Cyrillic, Arabic, Devanagari, kana, Hangul); text in another script (Thai,
//! Greek, Hebrew, Tibetan, …) is null rather than a wrong guess. whichlang was chosen over
//! whatlang (69 languages) for cost: about 50,000 instructions per call against 600,000
//! (measured with callgrind on the corpus' non-Chinese bodies, 300 bytes each), with the
//! same answers on them. The page's own declaration (`<html lang>`,
//! `og:locale`, passed on as [`crate::record::Article::declared_language`]) is used only
//! when it agrees with the text. Only a bounded prefix of the body is looked at.

use std::sync::LazyLock;

/// How many bytes of the body are looked at (cut back to a character boundary): about
/// 600 Chinese characters or 1,800 Latin letters. The scripts' counts of whole bodies
/// of the corpus never disagree with those of this prefix.
pub const PREFIX_BYTES: usize = 1800;

/// How many bytes of the prefix whichlang reads (about 150 instructions a byte): a few
/// sentences, plenty to tell its 16 languages apart.
pub const CLASSIFIER_BYTES: usize = 600;

/// Fewer Han characters than this (in Chinese text) is too short to tell.
const MIN_HAN: usize = 8;

/// Fewer letters than this (in other text) is too short to tell.
const MIN_LETTERS: usize = 40;

const ST: &str = include_str!("../data/opencc/STCharacters.txt");
const TS: &str = include_str!("../data/opencc/TSCharacters.txt");

const HANT: u8 = 1;
const HANS: u8 = 2;

/// Script class of every BMP code point (0 = neither), and the few outside the BMP.
struct Scripts {
    bmp: Box<[u8]>,
    astral: Vec<(char, u8)>,
}

impl Scripts {
    fn class(&self, c: char) -> u8 {
        let u = c as usize;
        if u < 0x10000 {
            self.bmp.get(u).copied().unwrap_or(0)
        } else {
            self.astral.binary_search_by_key(&c, |&(k, _)| k).ok().and_then(|i| self.astral.get(i)).map_or(0, |e| e.1)
        }
    }
}

/// What [`count`] adds a character to: one of its counters.
const NOTHING: u8 = 0;
const LETTER: u8 = 1;
const HAN: u8 = 2;
const HAN_T: u8 = 3;
const HAN_S: u8 = 4;
const KANA: u8 = 5;
const HANGUL: u8 = 6;
const OTHER: u8 = 7;

/// The kind of a character, by the script tests (the definition [`KINDS`] tabulates).
fn kind(c: char, scripts: &Scripts) -> u8 {
    if c.is_ascii() {
        if c.is_ascii_alphabetic() { LETTER } else { NOTHING }
    } else if is_han(c) {
        match scripts.class(c) {
            HANT => HAN_T,
            HANS => HAN_S,
            _ => HAN,
        }
    } else if is_kana(c) {
        KANA
    } else if is_hangul(c) {
        HANGUL
    } else if matches!(c, '\u{2000}'..='\u{2BFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}') {
        // Punctuation, symbols, full-width forms.
        NOTHING
    } else if matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{0400}'..='\u{052F}' | '\u{0600}'..='\u{06FF}' | '\u{0900}'..='\u{097F}')
    {
        if c.is_alphabetic() { LETTER } else { NOTHING }
    } else if c.is_alphabetic() {
        OTHER
    } else {
        NOTHING
    }
}

/// Not tabulated: [`count`] asks [`kind`] (scripts other than Han, kana, hangul, Latin,
/// Cyrillic, Arabic and Devanagari, whose letters need the Unicode tables).
const ASK: u8 = 8;

/// [`kind`] of the BMP code points most text is made of, so counting is one look-up a
/// character; built from the ranges [`kind`] tests, in well under a millisecond.
static KINDS: LazyLock<Box<[u8]>> = LazyLock::new(|| {
    let scripts = &*SCRIPTS;
    let mut t = vec![ASK; 0x10000].into_boxed_slice();
    let mut fill = |from: u32, to: u32, f: &dyn Fn(char) -> u8| {
        for u in from..=to {
            if let (Some(c), Some(slot)) = (char::from_u32(u), t.get_mut(u as usize)) {
                *slot = f(c);
            }
        }
    };
    let by_kind = |c: char| kind(c, scripts);
    for (from, to) in [
        (0x0000, 0x007F),
        (0x00C0, 0x024F),
        (0x0400, 0x052F),
        (0x0600, 0x06FF),
        (0x0900, 0x097F),
        (0x1100, 0x11FF),
        (0x1E00, 0x1EFF),
        (0x2000, 0x2BFF),
        (0x3000, 0x303F),
        (0x3040, 0x30FF),
        (0x3130, 0x318F),
        (0x31F0, 0x31FF),
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0xAC00, 0xD7AF),
        (0xF900, 0xFAFF),
        (0xFF00, 0xFFEF),
    ] {
        fill(from, to, &by_kind);
    }
    t
});

/// Keys of an OpenCC table whose values never include the key itself: characters that
/// exist in only one of the two scripts.
fn one_script_keys(table: &'static str) -> impl Iterator<Item = char> {
    table.lines().filter(|l| !l.starts_with('#')).filter_map(|line| {
        let (key, values) = line.split_once('\t')?;
        let mut chars = key.chars();
        let c = chars.next()?;
        if chars.next().is_some() || values.split(' ').any(|v| v == key) {
            return None;
        }
        Some(c)
    })
}

static SCRIPTS: LazyLock<Scripts> = LazyLock::new(|| {
    let mut bmp = vec![0u8; 0x10000].into_boxed_slice();
    let mut astral = Vec::new();
    for (table, class) in [(TS, HANT), (ST, HANS)] {
        for c in one_script_keys(table) {
            match bmp.get_mut(c as usize) {
                Some(slot) => *slot = class,
                None => astral.push((c, class)),
            }
        }
    }
    astral.sort_unstable();
    astral.dedup_by_key(|e| e.0);
    Scripts { bmp, astral }
});

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}')
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// What the prefix is made of.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub han: usize,
    pub traditional: usize,
    pub simplified: usize,
    pub kana: usize,
    pub hangul: usize,
    /// Letters of the scripts whichlang's languages are written in (Latin, Cyrillic,
    /// Arabic, Devanagari).
    pub letters: usize,
    /// Letters of other scripts (Greek, Hebrew, Thai, Tibetan, …).
    pub other: usize,
}

/// `text` cut to at most `max` bytes, at a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or(text)
}

/// Count the scripts of the first [`PREFIX_BYTES`] of `text`; also returns that prefix.
pub fn count(text: &str) -> (Counts, &str) {
    let kinds = &*KINDS;
    let text = prefix(text, PREFIX_BYTES);
    let mut k = [0usize; 8];
    for c in text.chars() {
        let class = match kinds.get(c as usize) {
            Some(&class) if class != ASK => class,
            _ => kind(c, &SCRIPTS),
        };
        if let Some(slot) = k.get_mut(usize::from(class)) {
            *slot += 1;
        }
    }
    let [_, letters, han, traditional, simplified, kana, hangul, other] = k;
    let n = Counts { han: han + traditional + simplified, traditional, simplified, kana, hangul, letters, other };
    (n, text)
}

/// The Chinese tag the characters show: `zh-Hant`, `zh-Hans`, or `zh` when they do not
/// tell (as many of each, or none of either).
fn chinese(n: &Counts) -> &'static str {
    match n.traditional.cmp(&n.simplified) {
        std::cmp::Ordering::Greater => "zh-Hant",
        std::cmp::Ordering::Less => "zh-Hans",
        std::cmp::Ordering::Equal => "zh",
    }
}

/// The language of `body` (see the module docs), `declared` being the page's own.
pub fn detect(body: &str, declared: Option<&str>) -> Option<String> {
    let (n, text) = count(body);
    let declared = declared.and_then(normalize_tag);
    // A Han character is about a word, an English word about five letters: text with at
    // least a third as many Han characters as other letters is mostly Chinese (Solidot's
    // tech news with product names, hkcnews' articles quoting English lyrics).
    let chinese_text = n.han > 0 && n.han * 3 >= n.letters && n.kana * 5 < n.han && n.hangul * 5 < n.han;
    let detected: &str = if chinese_text {
        if n.han < MIN_HAN {
            return None;
        }
        chinese(&n)
    } else {
        let known = n.letters + n.han + n.kana + n.hangul;
        if known < MIN_LETTERS || n.other >= known {
            return None;
        }
        match bcp47(whichlang::detect_language(self::prefix(text, CLASSIFIER_BYTES))) {
            "zh" => chinese(&n),
            code => code,
        }
    };
    Some(match declared {
        Some(d) if agrees(&d, detected) => {
            if detected == "zh" {
                // The characters did not tell the script: the page's region or script does.
                chinese_script_of(&d).unwrap_or("zh").to_owned()
            } else if detected.starts_with("zh-") {
                detected.to_owned()
            } else {
                d
            }
        }
        _ => detected.to_owned(),
    })
}

/// `en_US` (og:locale), `EN-us`, `zh-hant-tw` in BCP 47 case: `en-US`, `zh-Hant-TW`.
/// None for what is not a language tag.
pub fn normalize_tag(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let mut out = String::with_capacity(raw.len());
    for (i, part) in raw.split(['-', '_']).enumerate() {
        if part.is_empty() || part.len() > 8 || !part.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        if i == 0 {
            if !(2..=3).contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_alphabetic()) {
                return None;
            }
            out.push_str(&part.to_ascii_lowercase());
            continue;
        }
        out.push('-');
        match part.len() {
            4 if part.bytes().all(|b| b.is_ascii_alphabetic()) => {
                let lower = part.to_ascii_lowercase();
                let mut cs = lower.chars();
                if let Some(first) = cs.next() {
                    out.push(first.to_ascii_uppercase());
                    out.push_str(cs.as_str());
                }
            }
            2 | 3 => out.push_str(&part.to_ascii_uppercase()),
            _ => out.push_str(&part.to_ascii_lowercase()),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The Chinese script a tag states or implies by its region: `zh-TW` → `zh-Hant`.
fn chinese_script_of(tag: &str) -> Option<&'static str> {
    let mut parts = tag.split('-');
    if parts.next() != Some("zh") {
        return None;
    }
    for p in parts {
        match p {
            "Hant" | "TW" | "HK" | "MO" => return Some("zh-Hant"),
            "Hans" | "CN" | "SG" | "MY" => return Some("zh-Hans"),
            _ => {}
        }
    }
    None
}

/// The declaration agrees with the text: same language, and for Chinese no other script.
fn agrees(declared: &str, detected: &str) -> bool {
    let lang = |t: &str| t.split('-').next().unwrap_or("").to_owned();
    if lang(declared) != lang(detected) {
        return false;
    }
    match (chinese_script_of(declared), detected) {
        (Some(d), "zh-Hant" | "zh-Hans") => d == detected,
        _ => true,
    }
}

/// whichlang's languages as BCP 47 tags.
fn bcp47(lang: whichlang::Lang) -> &'static str {
    use whichlang::Lang::*;
    match lang {
        Ara => "ar",
        Cmn => "zh",
        Deu => "de",
        Eng => "en",
        Fra => "fr",
        Hin => "hi",
        Ita => "it",
        Jpn => "ja",
        Kor => "ko",
        Nld => "nl",
        Por => "pt",
        Rus => "ru",
        Spa => "es",
        Swe => "sv",
        Tur => "tr",
        Vie => "vi",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counting by the script tests, character by character: the table must agree.
    fn reference_count(text: &str) -> Counts {
        let mut n = Counts::default();
        for c in prefix(text, PREFIX_BYTES).chars() {
            match kind(c, &SCRIPTS) {
                LETTER => n.letters += 1,
                HAN => n.han += 1,
                HAN_T => {
                    n.han += 1;
                    n.traditional += 1;
                }
                HAN_S => {
                    n.han += 1;
                    n.simplified += 1;
                }
                KANA => n.kana += 1,
                HANGUL => n.hangul += 1,
                OTHER => n.other += 1,
                _ => {}
            }
        }
        n
    }

    #[test]
    fn counting_by_table_is_counting_by_the_script_tests() {
        for text in [
            "中華民國臺灣，简体中文的国家。English words, Ünïcödé, Кириллица, العربية, हिन्दी.",
            "ひらがなカタカナ한국어 Ελληνικάעבריתไทยབོད་ 𠀋𡈽𤭢 ①②③ ，。「」 ｱｲｳ",
            "\u{0}\u{7f}\u{ffff}\u{10ffff}\u{e000}",
        ] {
            assert_eq!(count(text).0, reference_count(text), "{text}");
        }
        // Every BMP code point once, in order.
        let all: String = (0..0x10000u32).filter_map(char::from_u32).collect();
        for chunk in all.as_bytes().chunks(PREFIX_BYTES) {
            let s = String::from_utf8_lossy(chunk);
            assert_eq!(count(&s).0, reference_count(&s));
        }
        let n = count("中華民國简体中文").0;
        assert_eq!((n.han, n.traditional, n.simplified), (8, 2, 2), "華國 | 简体");
    }

    #[test]
    fn scripts_from_the_opencc_tables() {
        let s = &*SCRIPTS;
        assert_eq!(s.class('臺'), HANT);
        assert_eq!(s.class('國'), HANT);
        assert_eq!(s.class('国'), HANS);
        assert_eq!(s.class('们'), HANS);
        // Kept as is by the conversion: both scripts.
        assert_eq!(s.class('台'), 0);
        assert_eq!(s.class('后'), 0);
        assert_eq!(s.class('中'), 0);
    }

    #[test]
    fn chinese_by_characters() {
        assert_eq!(
            detect("中華民國總統今天在臺北會見美國議員，雙方討論經濟與國防議題。", None).as_deref(),
            Some("zh-Hant")
        );
        assert_eq!(
            detect("中华人民共和国国务院今天在北京举行会议，讨论经济发展问题。", None).as_deref(),
            Some("zh-Hans")
        );
        // The declaration does not override the characters.
        assert_eq!(
            detect("中华人民共和国国务院今天在北京举行会议，讨论经济发展问题。", Some("zh-TW")).as_deref(),
            Some("zh-Hans")
        );
        // Too short to tell.
        assert_eq!(detect("中國", None), None);
        // No telling characters: the region of the declaration decides.
        assert_eq!(detect("中文中文中文中文中文中文", Some("zh_TW")).as_deref(), Some("zh-Hant"));
        assert_eq!(detect("中文中文中文中文中文中文", None).as_deref(), Some("zh"));
    }

    #[test]
    fn other_languages_by_whichlang() {
        let en = "The government announced on Tuesday that it would raise interest rates again, \
                  citing inflation that has stayed above its target for more than a year.";
        assert_eq!(detect(en, None).as_deref(), Some("en"));
        assert_eq!(detect(en, Some("en_GB")).as_deref(), Some("en-GB"));
        assert_eq!(detect(en, Some("fr-FR")).as_deref(), Some("en"));
        let fr = "Le gouvernement a annoncé mardi qu'il allait de nouveau relever les taux d'intérêt, \
                  en invoquant une inflation restée au-dessus de son objectif depuis plus d'un an.";
        assert_eq!(detect(fr, None).as_deref(), Some("fr"));
        let ja =
            "政府は火曜日、インフレが一年以上にわたって目標を上回っていることを理由に、再び利上げを行うと発表した。";
        assert_eq!(detect(ja, None).as_deref(), Some("ja"));
        assert_eq!(detect("Hello world", None), None);
        let de = "Die Regierung kündigte am Dienstag an, die Zinsen erneut anzuheben, und verwies auf die Inflation.";
        assert_eq!(detect(de, None).as_deref(), Some("de"));
        let ru = "Правительство объявило во вторник, что снова повысит процентные ставки из-за инфляции.";
        assert_eq!(detect(ru, None).as_deref(), Some("ru"));
        // A script none of the classifier's languages is written in: no guess.
        let el = "Η κυβέρνηση ανακοίνωσε την Τρίτη ότι θα αυξήσει ξανά τα επιτόκια λόγω του πληθωρισμού.";
        assert_eq!(detect(el, None), None);
    }

    #[test]
    fn mostly_chinese_with_english_words() {
        let t = "微软正式发布了基于 Chromium 的 Edge for Linux 预览版本，感兴趣的 Linux 开发者可以直接到 Edge Insider 网站下载 .deb 或 .rpm 包。";
        assert_eq!(detect(t, None).as_deref(), Some("zh-Hans"));
    }

    #[test]
    fn tags_are_normalised() {
        assert_eq!(normalize_tag("en_US").as_deref(), Some("en-US"));
        assert_eq!(normalize_tag("ZH-hant-tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(normalize_tag(""), None);
        assert_eq!(normalize_tag("not a tag"), None);
    }
}
