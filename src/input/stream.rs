//! The document stream (`--stream`): JSON Lines in, one input per line.
//!
//! Each line is one JSON object: `content` (the document as text) or `content_base64`
//! (its bytes, standard base64), an optional `path` (its `source_path`; `-:LINE`
//! without it), an optional `url` (the record's `url` when the document names none) and
//! an optional `format` (read as that format instead of detecting it). Other keys are
//! ignored. This is what Spark's `RDD.pipe`, Hadoop streaming and subprocess steps of
//! Ray or datatrove write to a process.
//!
//! Lines are read one at a time into one reused buffer, so memory does not grow with
//! the stream; a line longer than any document under `--max-size` could make is skipped
//! to its end without being kept. A line that cannot be read as a document gives an
//! input whose result is an `invalid_stream_line` error naming the line and what is
//! wrong: every line gives exactly one input, and the stream goes on.

use std::borrow::Cow;
use std::io::{self, BufRead};

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde::Deserialize;

use super::{Input, Source};
use crate::error::Error;
use crate::formats;
use crate::pipeline::Hint;

/// Standard base64 alphabet; the trailing `=` padding may be there or not.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The keys of a stream line that newsnorm reads.
#[derive(Deserialize)]
struct Line<'a> {
    #[serde(default, borrow)]
    content: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    content_base64: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    path: Option<Cow<'a, str>>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default, borrow)]
    format: Option<Cow<'a, str>>,
}

/// Lazily yields one [`Input`] per line of a JSON Lines document stream.
pub struct Stream<R> {
    reader: R,
    max_size: u64,
    /// The formats a line's `format` may name.
    formats: &'static formats::Formats,
    /// The number of the last line read (1-based).
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Stream<R> {
    /// A stream read from `reader`; documents over `max_size` bytes are refused.
    pub fn new(reader: R, max_size: u64) -> Self {
        Stream { reader, max_size, formats: formats::Formats::builtin(), line: 0, buf: Vec::new(), done: false }
    }

    /// A line's `format` may name these formats (the user's too), not only the built-in.
    pub fn with_formats(mut self, formats: &'static formats::Formats) -> Self {
        self.formats = formats;
        self
    }

    /// The longest line a document of `max_size` bytes can make: JSON escapes take at
    /// most 6 bytes per byte of text (`\u0001`), base64 4 per 3; plus room for the
    /// other keys.
    fn line_limit(&self) -> u64 {
        self.max_size.saturating_mul(6).saturating_add(1 << 20)
    }
}

/// Read one line (without its `\n`) into `buf`, keeping at most `limit` bytes; the
/// rest of a longer line is read and dropped. Returns the line's full length, or
/// `None` at the end of the stream.
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>, limit: u64) -> io::Result<Option<u64>> {
    buf.clear();
    let mut total: u64 = 0;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any.then_some(total));
        }
        any = true;
        let (part, used, end) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (chunk.get(..i).unwrap_or(chunk), i + 1, true),
            None => (chunk, chunk.len(), false),
        };
        let room = usize::try_from(limit.saturating_sub(buf.len() as u64)).unwrap_or(usize::MAX);
        buf.extend_from_slice(part.get(..room).unwrap_or(part));
        total += part.len() as u64;
        reader.consume(used);
        if end {
            return Ok(Some(total));
        }
    }
}

impl<R: BufRead> Iterator for Stream<R> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        if self.done {
            return None;
        }
        let limit = self.line_limit();
        let read = read_line(&mut self.reader, &mut self.buf, limit);
        self.line += 1;
        let n = self.line;
        let len = match read {
            Ok(Some(len)) => len,
            Ok(None) => {
                self.done = true;
                return None;
            }
            Err(e) => {
                // The stream itself failed: report it once, on the line it stopped at.
                self.done = true;
                return Some(Input::new(format!("-:{n}"), Err(Error::from_io(e))));
            }
        };
        if len > limit {
            let reason = format!(
                "the line is {len} bytes, longer than any document under the --max-size limit of {} bytes can make",
                self.max_size
            );
            return Some(invalid(format!("-:{n}"), n, reason));
        }
        let mut line = self.buf.strip_suffix(b"\r").unwrap_or(&self.buf);
        if n == 1 {
            // A UTF-8 byte order mark, as some Windows tools write.
            line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        }
        Some(parse_line(line, n, self.max_size, self.formats))
    }
}

/// serde_json's message with the position as a byte column of the stream line (its
/// "line 1" is always the stream line itself).
fn json_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&position) {
        Some(message) if e.line() == 1 => format!("{message} at byte {}", e.column()),
        _ => text,
    }
}

fn invalid(display: String, line: u64, reason: String) -> Input {
    Input::new(display, Err(Error::InvalidStreamLine { line, reason }))
}

/// One line to one input.
fn parse_line(bytes: &[u8], n: u64, max_size: u64, formats: &'static formats::Formats) -> Input {
    let fallback = || format!("-:{n}");
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        None => return invalid(fallback(), n, "empty line (expected a JSON object)".to_owned()),
        Some(b'{') => {}
        Some(_) => {
            let what = match serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
                Ok(_) => "a JSON value that is not an object".to_owned(),
                Err(e) => format!("not valid JSON ({})", json_error(&e)),
            };
            return invalid(fallback(), n, format!("{what}; expected an object with `content` or `content_base64`"));
        }
    }
    let line: Line = match serde_json::from_slice(bytes) {
        Ok(line) => line,
        Err(e) if e.is_data() => return invalid(fallback(), n, format!("not a document ({})", json_error(&e))),
        Err(e) => return invalid(fallback(), n, format!("not valid JSON ({})", json_error(&e))),
    };
    let display = match line.path.as_deref() {
        Some(p) if !p.is_empty() => p.to_owned(),
        _ => fallback(),
    };
    let format = match line.format.as_deref() {
        None => None,
        Some(name) => match formats.by_name(name) {
            Some(f) => Some(f),
            None => {
                let reason = format!("unknown format {name:?} (one of: {})", formats.names());
                return invalid(display, n, reason);
            }
        },
    };
    // The size is known before anything is copied or decoded: a document over the limit
    // costs no second buffer.
    let size = match (&line.content, &line.content_base64) {
        (Some(text), None) => text.len(),
        (None, Some(b64)) => b64.trim_end_matches('=').len() / 4 * 3 + b64.trim_end_matches('=').len() % 4 * 3 / 4,
        _ => 0,
    };
    if size as u64 > max_size {
        let reason = format!("the document is {size} bytes, over the --max-size limit of {max_size} bytes");
        return invalid(display, n, reason);
    }
    let content = match (line.content, line.content_base64) {
        (Some(text), None) => match text {
            Cow::Owned(s) => s.into_bytes(),
            Cow::Borrowed(s) => s.as_bytes().to_vec(),
        },
        (None, Some(b64)) => match BASE64.decode(b64.as_bytes()) {
            Ok(bytes) => bytes,
            Err(e) => return invalid(display, n, format!("`content_base64` is not valid base64 ({e})")),
        },
        (Some(_), Some(_)) => {
            return invalid(display, n, "has both `content` and `content_base64` (give one)".to_owned());
        }
        (None, None) => {
            return invalid(display, n, "has no `content` or `content_base64`".to_owned());
        }
    };
    if content.len() as u64 > max_size {
        let reason = format!("the document is {} bytes, over the --max-size limit of {max_size} bytes", content.len());
        return invalid(display, n, reason);
    }
    Input { display, source: Ok(Source::Bytes(content)), hint: Hint { url: line.url, format, ..Hint::default() } }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(text: &str, max_size: u64) -> Vec<Input> {
        Stream::new(text.as_bytes(), max_size).collect()
    }

    fn reason(input: &Input) -> String {
        match &input.source {
            Err(e @ Error::InvalidStreamLine { .. }) => e.to_string(),
            other => panic!("{}: expected invalid_stream_line, got {other:?}", input.display),
        }
    }

    #[test]
    fn documents_text_and_base64() {
        let text = concat!(
            r#"{"content":"a\nb","path":"x/1.md","url":"https://e.com/1","format":"jekyll"}"#,
            "\n",
            r#"{"content_base64":"aGVsbG8="}"#,
            "\r\n",
            r#"{"content_base64":"aGVsbG8","extra":[1,2]}"#,
        );
        let got = inputs(text, 100);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].display, "x/1.md");
        assert_eq!(got[0].source.as_ref().unwrap(), &Source::Bytes(b"a\nb".to_vec()));
        assert_eq!(got[0].hint.url.as_deref(), Some("https://e.com/1"));
        assert_eq!(got[0].hint.format.map(|f| f.name()), Some("jekyll"));
        assert_eq!(got[1].display, "-:2");
        assert_eq!(got[1].source.as_ref().unwrap(), &Source::Bytes(b"hello".to_vec()));
        assert_eq!(got[2].display, "-:3");
        assert_eq!(got[2].source.as_ref().unwrap(), &Source::Bytes(b"hello".to_vec()));
    }

    #[test]
    fn every_malformed_line_is_one_error_naming_it() {
        let text = [
            "not json",
            "[1,2]",
            "",
            r#"{"path":"p.md"}"#,
            r#"{"content":"x","content_base64":"eA=="}"#,
            r#"{"content_base64":"@@@","path":"b.bin"}"#,
            r#"{"content":"x","format":"pdf"}"#,
            r#"{"content":42}"#,
            r#"{"content":"0123456789abc"}"#,
            r#"{"content":"unterminated"#,
        ]
        .join("\n");
        let got = inputs(&text, 10);
        assert_eq!(got.len(), 10);
        let expect = [
            ("-:1", "not valid JSON (expected ident at byte 2)"),
            ("-:2", "not an object"),
            ("-:3", "empty line"),
            ("p.md", "no `content`"),
            ("-:5", "both"),
            ("b.bin", "not valid base64"),
            ("-:7", "unknown format \"pdf\""),
            ("-:8", "not a document (invalid type: integer `42`, expected a string at byte 13)"),
            ("-:9", "13 bytes, over the --max-size limit of 10 bytes"),
            ("-:10", "not valid JSON"),
        ];
        for (i, (input, (display, what))) in got.iter().zip(expect).enumerate() {
            assert_eq!(input.display, display);
            let r = reason(input);
            assert!(r.starts_with(&format!("stream line {}: ", i + 1)), "{r}");
            assert!(r.contains(what), "line {}: {r:?} should say {what:?}", i + 1);
        }
    }

    #[test]
    fn a_line_too_long_for_any_document_is_skipped_unkept() {
        let huge = format!("{{\"content\":\"{}\"}}", "x".repeat((1 << 20) + 100));
        let text = format!("{huge}\n{{\"content\":\"ok\"}}\n");
        let mut stream = Stream::new(text.as_bytes(), 1);
        let first = stream.next().unwrap();
        assert!(reason(&first).contains("longer than any document"), "{}", reason(&first));
        assert!(stream.buf.capacity() <= (2 << 20), "the long line was not kept whole");
        // A document of 2 bytes under a 1-byte limit: refused, but read as a line.
        assert!(reason(&stream.next().unwrap()).contains("over the --max-size limit"));
        assert!(stream.next().is_none());
    }

    #[test]
    fn a_byte_order_mark_on_the_first_line_is_skipped() {
        let got = inputs("\u{FEFF}{\"content\":\"a\"}\n\u{FEFF}{\"content\":\"b\"}\n", 10);
        assert_eq!(got[0].source.as_ref().unwrap(), &Source::Bytes(b"a".to_vec()));
        assert!(reason(&got[1]).contains("not valid JSON"), "only the stream's own start");
    }

    #[test]
    fn trailing_newline_makes_no_extra_line() {
        assert_eq!(inputs("{\"content\":\"a\"}\n", 10).len(), 1);
        assert_eq!(inputs("", 10).len(), 0);
        assert_eq!(inputs("\n", 10).len(), 1);
    }

    #[test]
    fn a_read_error_ends_the_stream_with_one_error() {
        struct Failing;
        impl io::Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk on fire"))
            }
        }
        let got: Vec<Input> = Stream::new(io::BufReader::new(Failing), 10).collect();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].source.as_ref().unwrap_err().kind(), "io");
    }
}
