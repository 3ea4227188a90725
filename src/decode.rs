//! Bytes to text: BOM sniffing, UTF-8, a declared charset, chardetng's guess, or an
//! encoding forced with `--encoding`.
//!
//! Order: forced encoding (a BOM still wins, as in the WHATWG `decode` algorithm) ->
//! BOM -> NUL bytes (UTF-16 without BOM, else binary) -> valid UTF-8 -> UTF-8 with a few
//! damaged bytes (replaced, with a warning) -> `<meta charset>` declared in the text ->
//! chardetng's guess (warning `encoding_guessed`).

use std::borrow::Cow;
use std::sync::LazyLock;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
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

/// `<meta charset="x">` or `<meta http-equiv=... content="text/html; charset=x">`.
static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta\s[^>]{0,200}?charset\s*=\s*["']?\s*([a-z0-9_:.\-]{1,40})"#).expect("static regex")
});

/// How far into the file a `<meta charset>` is looked for.
const META_SCAN: usize = 64 * 1024;

/// Look up an encoding by any WHATWG label (`big5`, `gbk`, `utf-16le`, `shift_jis`, ...).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decode one input. `forced` is the `--encoding` choice.
pub fn decode<'a>(bytes: &'a [u8], forced: Option<&'static Encoding>) -> Result<Decoded<'a>, Error> {
    if bytes.is_empty() {
        return Err(Error::Empty("file is empty (0 bytes)"));
    }
    let mut warnings = Vec::new();
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
            return Err(Error::Binary { offset: nul });
        };
        warnings.push(warn::ENCODING_GUESSED);
        let (text, errors) = enc.decode_without_bom_handling(bytes);
        if errors {
            warnings.push(warn::INVALID_BYTES_REPLACED);
        }
        (text, enc)
    } else if let Some(text) = UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        // Valid UTF-8: validated once (SIMD), borrowed as it is.
        (text, UTF_8)
    } else if mostly_utf8(bytes) {
        warnings.push(warn::INVALID_BYTES_REPLACED);
        (UTF_8.decode_without_bom_handling(bytes).0, UTF_8)
    } else if let Some((text, enc)) = declared(bytes) {
        (text, enc)
    } else {
        let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        let enc = detector.guess(None, Utf8Detection::Allow);
        warnings.push(warn::ENCODING_GUESSED);
        let (text, errors) = enc.decode_without_bom_handling(bytes);
        if errors {
            warnings.push(warn::INVALID_BYTES_REPLACED);
        }
        (text, enc)
    };
    if text.trim().is_empty() {
        return Err(Error::Empty("file holds only whitespace"));
    }
    Ok(Decoded { text, encoding, warnings })
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
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().bytes().filter(|b| !b.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    invalid * 10 <= valid_multibyte
}

/// The encoding a `<meta>` tag declares, when the bytes decode cleanly with it.
fn declared(bytes: &[u8]) -> Option<(Cow<'_, str>, &'static Encoding)> {
    let head = bytes.get(..bytes.len().min(META_SCAN))?;
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    let enc = Encoding::for_label(label)?;
    if enc == UTF_8 {
        return None;
    }
    let (text, errors) = enc.decode_without_bom_handling(bytes);
    (!errors).then_some((text, enc))
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
    fn declared_charset_is_honoured() {
        let mut bytes = b"<meta charset=\"big5\"><p>".to_vec();
        bytes.extend_from_slice(&encoding_rs::BIG5.encode("中央社").0);
        let d = decode(&bytes, None).unwrap();
        assert!(d.text.ends_with("中央社"));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn forced_encoding() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("日本語のテキスト");
        let d = decode(&bytes, encoding_for_label("shift_jis")).unwrap();
        assert_eq!(d.text, "日本語のテキスト");
    }
}
