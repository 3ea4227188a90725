//! Bytes to text: BOM sniffing, UTF-8, a declared charset, chardetng's guess, or an
//! encoding forced with `--encoding`.
//!
//! The evidence decides, strongest first:
//!
//! 1. a BOM (it wins even over `--encoding`, as in the WHATWG `decode` algorithm);
//! 2. `--encoding`, the user's choice;
//! 3. NUL bytes: UTF-16 without a BOM, else binary;
//! 4. valid UTF-8 is UTF-8, whatever a declaration says: text in another encoding with
//!    characters outside ASCII is practically never valid UTF-8 by chance;
//! 5. the declarations, the container's (`charset` of a WARC record's `Content-Type`)
//!    before the page's own (`<meta charset>`), each if the bytes decode cleanly with it;
//!    a declared UTF-8 with some damaged bytes is kept when the valid multi-byte
//!    sequences are at least as many as the damaged bytes (they are replaced);
//! 6. UTF-8 with a few damaged bytes (replaced: warning `invalid_bytes_replaced`);
//! 7. chardetng's guess, checked against the other CJK candidates on short or
//!    mostly-ASCII text (warning `encoding_guessed`).
//!
//! When the text has characters outside ASCII (so the choice matters) and a declaration
//! names another encoding than the one used, the record gets warning
//! `encoding_conflict`.

use std::borrow::Cow;
use std::sync::LazyLock;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{BIG5, EUC_JP, Encoding, GB18030, GBK, SHIFT_JIS, UTF_8, UTF_16BE, UTF_16LE};
use regex::bytes::Regex;

use crate::error::Error;
use crate::record::warn;

/// Text decoded from an input, with what had to be guessed or repaired.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
    pub warnings: Vec<&'static str>,
}

/// `<meta charset="x">`, `<meta http-equiv=... content="text/html; charset=x">`, or an
/// XML declaration's `<?xml version="1.0" encoding="x"?>` (feeds).
static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)(?:<meta\s[^>]{0,200}?charset\s*=\s*["']?|<\?xml\s[^>]{0,100}?encoding\s*=\s*["'])\s*([a-z0-9_:.\-]{1,40})"#,
    )
    .expect("static regex")
});

/// How far into the file a `<meta charset>` is looked for.
const META_SCAN: usize = 64 * 1024;

/// Look up an encoding by any WHATWG label (`big5`, `gbk`, `utf-16le`, `shift_jis`, ...).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decode one input. `forced` is the `--encoding` choice.
pub fn decode<'a>(bytes: &'a [u8], forced: Option<&'static Encoding>) -> Result<Decoded<'a>, Error> {
    decode_declared(bytes, forced, None)
}

/// Decode one input, with the encoding its container declares (`declared`: the charset
/// of a WARC record's HTTP `Content-Type`), weighed with the other evidence (see the
/// module documentation).
pub fn decode_declared<'a>(
    bytes: &'a [u8],
    forced: Option<&'static Encoding>,
    declared: Option<&'static Encoding>,
) -> Result<Decoded<'a>, Error> {
    if bytes.is_empty() {
        return Err(Error::Empty("file is empty (0 bytes)"));
    }
    let mut warnings = Vec::new();
    let mut declarations: Vec<&'static Encoding> = Vec::new();
    let (text, encoding) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, errors) = enc.decode_without_bom_handling(bytes.get(bom_len..).unwrap_or_default());
        if errors {
            warnings.push(warn::INVALID_BYTES_REPLACED);
        }
        (text, enc)
    } else if let Some(enc) = forced {
        let (text, errors) = enc.decode_without_bom_handling(bytes);
        if errors {
            warnings.push(warn::INVALID_BYTES_REPLACED);
        }
        (text, enc)
    } else if let Some(nul) = memchr_nul(bytes) {
        let Some(enc) = utf16_without_bom(bytes) else {
            return text_with_nul_bytes(bytes, nul, forced, declared);
        };
        warnings.push(warn::ENCODING_GUESSED);
        let (text, errors) = enc.decode_without_bom_handling(bytes);
        if errors {
            warnings.push(warn::INVALID_BYTES_REPLACED);
        }
        (text, enc)
    } else {
        declarations.extend(declared);
        declarations.extend(meta_charset(bytes));
        if let Some(text) = UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
            // Valid UTF-8: validated once (SIMD), borrowed as it is.
            (text, UTF_8)
        } else if let Some((text, enc, errors)) = declarations.iter().find_map(|&enc| decode_as_declared(bytes, enc)) {
            if errors {
                warnings.push(warn::INVALID_BYTES_REPLACED);
            }
            (text, enc)
        } else if mostly_utf8(bytes) {
            warnings.push(warn::INVALID_BYTES_REPLACED);
            (UTF_8.decode_without_bom_handling(bytes).0, UTF_8)
        } else {
            let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let enc = settle_cjk(bytes, detector.guess(None, Utf8Detection::Allow));
            warnings.push(warn::ENCODING_GUESSED);
            let (text, errors) = enc.decode_without_bom_handling(bytes);
            if errors {
                warnings.push(warn::INVALID_BYTES_REPLACED);
            }
            (text, enc)
        }
    };
    if text.trim().is_empty() {
        return Err(Error::Empty("file holds only whitespace"));
    }
    if declarations.iter().any(|&d| !same_encoding(d, encoding)) && !bytes.is_ascii() {
        warnings.push(warn::ENCODING_CONFLICT);
    }
    Ok(Decoded { text, encoding, warnings })
}

/// GBK and GB18030 decode alike (GB18030 is the superset); the rest by identity.
fn same_encoding(a: &'static Encoding, b: &'static Encoding) -> bool {
    let gb = |e: &'static Encoding| e == GBK || e == GB18030;
    a == b || (gb(a) && gb(b))
}

/// The text in a declared encoding, when the bytes agree with it: they decode cleanly,
/// or, for a declared UTF-8, its valid multi-byte sequences are at least as many bytes
/// as the damaged ones (which are replaced: `errors`).
fn decode_as_declared<'a>(bytes: &'a [u8], enc: &'static Encoding) -> Option<(Cow<'a, str>, &'static Encoding, bool)> {
    if enc == UTF_8 {
        let (valid_multibyte, invalid) = utf8_evidence(bytes);
        return (valid_multibyte >= invalid).then(|| (UTF_8.decode_without_bom_handling(bytes).0, UTF_8, true));
    }
    let (text, errors) = enc.decode_without_bom_handling(bytes);
    (!errors).then_some((text, enc, false))
}

/// A NUL byte this close to the start makes a file binary (as git and grep judge).
const BINARY_SNIFF: usize = 8000;

/// Text with NUL bytes that is not UTF-16: binary when a NUL comes early (images,
/// archives, executables all have one in their header); otherwise damaged text, as a
/// crash leaves it (a zero-filled tail) or a scraper (a stray NUL): the NUL bytes are
/// removed, with the warning `invalid_bytes_replaced`.
fn text_with_nul_bytes(
    bytes: &[u8],
    first_nul: usize,
    forced: Option<&'static Encoding>,
    declared: Option<&'static Encoding>,
) -> Result<Decoded<'static>, Error> {
    let text_end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    let head = bytes.get(..text_end).unwrap_or_default();
    if head.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty("file holds only NUL bytes and whitespace (zero-filled)"));
    }
    if first_nul < BINARY_SNIFF && first_nul < text_end {
        return Err(Error::Binary { offset: first_nul });
    }
    let cleaned: Vec<u8> = head.iter().copied().filter(|&b| b != 0).collect();
    let d = decode_declared(&cleaned, forced, declared)?;
    let mut warnings = vec![warn::INVALID_BYTES_REPLACED];
    warnings.extend(d.warnings.into_iter().filter(|w| *w != warn::INVALID_BYTES_REPLACED));
    Ok(Decoded { text: Cow::Owned(d.text.into_owned()), encoding: d.encoding, warnings })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// UTF-16 without a BOM shows as NUL bytes on one parity only (ASCII and Latin text)
/// or at least far more on one parity than the other.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = bytes.get(..bytes.len().min(8192))?;
    let pairs = sample.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if let [a, b] = pair {
            even += usize::from(*a == 0);
            odd += usize::from(*b == 0);
        }
    }
    if odd * 5 >= pairs * 2 && even * 20 <= pairs {
        Some(UTF_16LE)
    } else if even * 5 >= pairs * 2 && odd * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// UTF-8 with a few damaged bytes (a truncated tail, one corrupt block) rather than
/// another encoding: valid multi-byte sequences outnumber invalid bytes ten to one.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (valid_multibyte, invalid) = utf8_evidence(bytes);
    invalid * 10 <= valid_multibyte
}

/// Bytes of valid multi-byte UTF-8 sequences, and bytes that are not valid UTF-8.
fn utf8_evidence(bytes: &[u8]) -> (usize, usize) {
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().bytes().filter(|b| !b.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    (valid_multibyte, invalid)
}

/// Ideographs in the frequently used sets of both Chinese standards: GB2312 level 1
/// (rows 0xB0-0xD7, 3,755 characters) and Big5 level 1 (0xA440-0xC67E, 5,401
/// characters), as a bitset over the CJK Unified Ideographs block, built once by
/// decoding those byte ranges with encoding_rs.
static COMMON_HANZI: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; HANZI.len().div_ceil(64)];
    let mut gb = Vec::with_capacity(2 * 40 * 94);
    for lead in 0xB0..=0xD7u8 {
        for trail in 0xA1..=0xFEu8 {
            gb.extend_from_slice(&[lead, trail]);
        }
    }
    let mut big5 = Vec::with_capacity(2 * 35 * 157);
    for lead in 0xA4..=0xC6u8 {
        for trail in (0x40..=0x7Eu8).chain(0xA1..=0xFE) {
            if lead < 0xC6 || trail <= 0x7E {
                big5.extend_from_slice(&[lead, trail]);
            }
        }
    }
    let gb = GBK.decode_without_bom_handling(&gb).0;
    let big5 = BIG5.decode_without_bom_handling(&big5).0;
    for c in gb.chars().chain(big5.chars()) {
        let cp = u32::from(c);
        if HANZI.contains(&cp) {
            let i = (cp - HANZI.start) as usize;
            if let Some(word) = bits.get_mut(i / 64) {
                *word |= 1 << (i % 64);
            }
        }
    }
    bits
});

/// The CJK Unified Ideographs block.
const HANZI: std::ops::Range<u32> = 0x4E00..0xA000;

/// How far into a text ideographs are looked at for [`plausibility`].
const PLAUSIBILITY_SAMPLE: usize = 20_000;

/// The share of a decoding's non-ASCII characters that are plausible Chinese text:
/// common ideographs and CJK punctuation. A wrong Big5/GBK decoding is full of rare
/// characters, symbols and kana.
fn plausibility(text: &str) -> f64 {
    let (mut plausible, mut total) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()).take(PLAUSIBILITY_SAMPLE) {
        total += 1;
        let cp = u32::from(c);
        let common = if HANZI.contains(&cp) {
            let i = (cp - HANZI.start) as usize;
            COMMON_HANZI.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
        } else {
            matches!(cp, 0x3000..=0x303F | 0xFF01..=0xFF5E)
        };
        plausible += usize::from(common);
    }
    if total == 0 { 0.0 } else { plausible as f64 / total as f64 }
}

/// Kana make up at least a tenth of the non-ASCII characters of Japanese text; a
/// "Japanese" decoding without them is Chinese taken for Japanese.
fn looks_japanese(text: &str) -> bool {
    let (mut kana, mut total) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()).take(PLAUSIBILITY_SAMPLE) {
        total += 1;
        kana += usize::from(matches!(u32::from(c), 0x3041..=0x30FA | 0x30FC..=0x30FF | 0xFF66..=0xFF9D));
    }
    kana * 10 >= total && kana > 0
}

/// chardetng can take short or mostly-ASCII Chinese for the other Chinese encoding
/// (Big5 and GBK share most of their byte space) or for EUC-JP/Shift_JIS (whose kanji
/// rows overlap GB2312's). A Japanese guess without kana is dropped; then the clean
/// Chinese decodings compete on [`plausibility`], chardetng's Chinese guess winning
/// unless another is clearly better. A Chinese decoding replacing a Japanese guess
/// must be plausible on its own (nine characters in ten).
fn settle_cjk(bytes: &[u8], guess: &'static Encoding) -> &'static Encoding {
    let chinese_guess = guess == BIG5 || guess == GBK || guess == GB18030;
    if !chinese_guess && guess != EUC_JP && guess != SHIFT_JIS {
        return guess;
    }
    if !chinese_guess {
        let (text, errors) = guess.decode_without_bom_handling(bytes);
        if !errors && looks_japanese(&text) {
            return guess;
        }
    }
    let candidates: &[&'static Encoding] = if guess == BIG5 { &[BIG5, GBK] } else { &[GBK, BIG5] };
    let mut best: Option<(&'static Encoding, f64)> = None;
    for &enc in candidates {
        let (text, errors) = enc.decode_without_bom_handling(bytes);
        if errors {
            continue;
        }
        let p = plausibility(&text);
        if best.is_none_or(|(_, b)| p > b + 0.05) {
            best = Some((enc, p));
        }
    }
    match best {
        // GB18030 and GBK decode alike; keep the name chardetng gave.
        Some((enc, _)) if chinese_guess => {
            if enc == GBK && guess == GB18030 {
                guess
            } else {
                enc
            }
        }
        Some((enc, p)) if p >= 0.9 => enc,
        _ => guess,
    }
}

/// The encoding a `<meta>` tag or an XML declaration near the start declares, if any (a
/// label `encoding_rs` knows).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(META_SCAN))?;
    // Most inputs have no `<meta` (in any case) and no `<?xml` at all: look for the first
    // one before running the regex, and run it from there.
    let opens = |at: usize| {
        let tag = head.get(at + 1..).unwrap_or_default();
        tag.get(..4).is_some_and(|t| t.eq_ignore_ascii_case(b"meta")) || tag.starts_with(b"?xml")
    };
    let first = memchr::memchr_iter(b'<', head).find(|&at| opens(at))?;
    let label = META_CHARSET.captures(head.get(first..)?)?.get(1)?.as_bytes();
    Encoding::for_label(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_borrowed_without_warnings() {
        let d = decode("標題".as_bytes(), None).unwrap();
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn bom_is_stripped() {
        let d = decode(b"\xEF\xBB\xBFhello", None).unwrap();
        assert_eq!(d.text, "hello");
        let (bytes, _, _) = UTF_16LE.encode("x");
        assert!(!bytes.is_empty());
        let d = decode(&[0xFF, 0xFE, b'h', 0, b'i', 0], None).unwrap();
        assert_eq!(d.text, "hi");
        assert_eq!(d.encoding, UTF_16LE);
    }

    #[test]
    fn empty_whitespace_binary() {
        assert_eq!(decode(b"", None).unwrap_err().kind(), "empty");
        assert_eq!(decode(b" \n\t ", None).unwrap_err().kind(), "empty");
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None).unwrap_err().kind(), "binary");
    }

    #[test]
    fn nul_bytes_in_text() {
        let text = "標題\n\n中央社 2024-01-02 03:04\n\n正文。\n".repeat(300);
        // A zero-filled tail (a crash), even early: the text is kept.
        let mut bytes = text.clone().into_bytes();
        bytes.extend_from_slice(&[0; 4096]);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.warnings, vec![warn::INVALID_BYTES_REPLACED]);
        let short = b"short text\n\0\0\0\0";
        assert_eq!(decode(short, None).unwrap().text, "short text\n");
        // A stray NUL far from the start: removed.
        let mut bytes = text.clone().into_bytes();
        bytes.insert(9000, 0);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.warnings, vec![warn::INVALID_BYTES_REPLACED]);
        // Early NULs followed by more data: binary. Only NULs: empty.
        assert_eq!(decode(b"ab\0cd", None).unwrap_err().kind(), "binary");
        assert_eq!(decode(&[0; 4096], None).unwrap_err().kind(), "empty");
        assert_eq!(decode(b"\n\0\0", None).unwrap_err().kind(), "empty");
    }

    #[test]
    fn utf16_without_bom_is_guessed() {
        let d = decode(b"h\0e\0l\0l\0o\0", None).unwrap();
        assert_eq!(d.text, "hello");
        assert_eq!(d.warnings, vec![warn::ENCODING_GUESSED]);
    }

    #[test]
    fn damaged_utf8_is_replaced_not_dropped() {
        let mut bytes = "中央社記者江今葉華盛頓專電".repeat(4).into_bytes();
        bytes.insert(10, 0xFF);
        bytes.truncate(bytes.len() - 1);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, UTF_8);
        assert!(d.text.contains('\u{FFFD}'));
        assert_eq!(d.warnings, vec![warn::INVALID_BYTES_REPLACED]);
    }

    #[test]
    fn big5_and_gbk_are_guessed() {
        let text = "美國總統拜登今天在白宮歡迎日本首相岸田文雄來訪，表示美國仍堅定承諾與日本間的盟友關係。".repeat(3);
        for enc in [encoding_rs::BIG5, encoding_rs::GB18030] {
            let (bytes, _, unmappable) = enc.encode(&text);
            assert!(!unmappable);
            let d = decode(&bytes, None).unwrap();
            assert_eq!(d.text, text, "{}", enc.name());
            assert_eq!(d.warnings, vec![warn::ENCODING_GUESSED]);
        }
    }

    #[test]
    fn short_and_mostly_ascii_chinese_is_not_confused() {
        let cases = [
            (encoding_rs::GBK, "Apple 發布 iPhone 蘋果今天"),
            (encoding_rs::GBK, "Apple 发布 iPhone 苹果今天"),
            (encoding_rs::GBK, "他說好"),
            (encoding_rs::GBK, "他说好"),
            (encoding_rs::GBK, "台湾"),
            (encoding_rs::BIG5, "Apple 發布 iPhone 蘋果今天"),
            (encoding_rs::BIG5, "他說好"),
            (encoding_rs::BIG5, "臺灣"),
            // Japanese stays Japanese, mostly ASCII or not.
            (encoding_rs::EUC_JP, "Apple が iPhone を発表した"),
            (encoding_rs::SHIFT_JIS, "Apple が iPhone を発表した"),
            (encoding_rs::EUC_JP, "東京都は今日、新しい計画を発表しました。"),
            (encoding_rs::SHIFT_JIS, "東京都は今日、新しい計画を発表しました。"),
        ];
        for (enc, text) in cases {
            let (bytes, _, unmappable) = enc.encode(text);
            assert!(!unmappable);
            let d = decode(&bytes, None).unwrap();
            assert_eq!(d.text, text, "{} {text}", enc.name());
            assert_eq!(d.warnings, vec![warn::ENCODING_GUESSED]);
        }
    }

    #[test]
    fn common_hanzi_table() {
        assert!(plausibility("的是臺灣台湾國国") > 0.99);
        assert!(plausibility("ㄛ︶ぁ") < 0.01);
        let set: u32 = COMMON_HANZI.iter().map(|w| w.count_ones()).sum();
        // GB2312 level 1 and Big5 level 1 overlap in about 2,000 characters.
        assert!((6_000..8_000).contains(&set), "{set}");
    }

    #[test]
    fn declared_charset_is_honoured() {
        let mut bytes = b"<meta charset=\"big5\"><p>".to_vec();
        bytes.extend_from_slice(&encoding_rs::BIG5.encode("中央社").0);
        let d = decode(&bytes, None).unwrap();
        assert!(d.text.ends_with("中央社"));
        assert!(d.warnings.is_empty());
    }

    /// A valid UTF-8 page is UTF-8 whatever its container declares (a WARC record's
    /// `charset=GBK` made mojibake of it, without a warning); the disagreement is a warning.
    #[test]
    fn valid_utf8_wins_over_a_contrary_declaration() {
        let page = "<html><head><meta charset=\"utf-8\"></head><body><p>白宮今天宣布拜登出訪。</p></body></html>";
        let d = decode_declared(page.as_bytes(), None, Some(GBK)).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), (page, UTF_8));
        assert_eq!(d.warnings, vec![warn::ENCODING_CONFLICT]);
        let d = decode_declared(page.as_bytes(), None, Some(UTF_8)).unwrap();
        assert!(d.warnings.is_empty());
        // The page's own `<meta>` naming another encoding disagrees just the same.
        let meta_big5 = page.replace("utf-8", "big5");
        assert_eq!(decode(meta_big5.as_bytes(), None).unwrap().warnings, vec![warn::ENCODING_CONFLICT]);
        // ASCII reads alike in every such encoding: nothing to disagree on.
        assert!(decode_declared(b"<p>plain text</p>", None, Some(GBK)).unwrap().warnings.is_empty());
    }

    /// A page that declares UTF-8, with a few valid multi-byte characters and one damaged
    /// byte, was guessed to be windows-1252 (mojibake of every character); the declaration
    /// and the valid sequences agree: UTF-8, the damaged byte replaced.
    #[test]
    fn a_declared_utf8_page_with_a_damaged_byte_stays_utf8() {
        let mut bytes = "<meta charset=\"utf-8\"><p>It’s a café. Price: 5".as_bytes().to_vec();
        bytes.push(0x80);
        bytes.extend_from_slice(b" only.</p>");
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, UTF_8);
        assert!(d.text.contains("It’s a café. Price: 5\u{FFFD} only."), "{}", d.text);
        assert_eq!(d.warnings, vec![warn::INVALID_BYTES_REPLACED]);
        // A page that says UTF-8 but whose bytes are Latin-1 throughout: the bytes win,
        // the guess reads them, and the disagreement is a warning.
        let latin = b"<meta charset=\"utf-8\"><p>Caf\xe9 cr\xe8me, na\xefve r\xe9sum\xe9 of the d\xe9j\xe0 vu.</p>";
        let d = decode(latin, None).unwrap();
        assert!(d.text.contains("Café crème"), "{}", d.text);
        assert_eq!(d.warnings, vec![warn::ENCODING_GUESSED, warn::ENCODING_CONFLICT]);
    }

    /// The container's declaration comes before the page's: both are tried, the first
    /// that reads the bytes cleanly wins, and a declaration it overrules is a warning.
    #[test]
    fn the_container_declaration_comes_before_the_page_one() {
        let text = "美國總統拜登今天在白宮歡迎日本首相岸田文雄來訪。";
        let (gbk, _, _) = GBK.encode(text);
        let mut page = b"<meta charset=\"big5\"><p>".to_vec();
        page.extend_from_slice(&gbk);
        let d = decode_declared(&page, None, Some(GBK)).unwrap();
        assert!(d.text.ends_with(text), "{}", d.text);
        assert_eq!(d.warnings, vec![warn::ENCODING_CONFLICT]);
        // A forced encoding is the user's choice: no conflict is reported against it.
        let d = decode_declared(&page, Some(GBK), Some(BIG5)).unwrap();
        assert!(d.text.ends_with(text) && d.warnings.is_empty());
    }

    #[test]
    fn an_xml_declaration_names_the_encoding() {
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"GB2312\"?><rss><title>".to_vec();
        bytes.extend_from_slice(&encoding_rs::GBK.encode("中央社新闻").0);
        let d = decode(&bytes, None).unwrap();
        assert!(d.text.ends_with("中央社新闻"), "{}", d.text);
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn forced_encoding() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("日本語のテキスト");
        let d = decode(&bytes, encoding_for_label("shift_jis")).unwrap();
        assert_eq!(d.text, "日本語のテキスト");
    }
}
