//! `mhtml`: a page saved as one file by a browser ("Web page, single file": Chrome's
//! and Edge's `.mhtml`, Firefox add-ons', IE's `.mht`). A MIME message of type
//! `multipart/related`: its first `text/html` part (quoted-printable or base64, in its
//! declared charset, else as any input is decoded) is read as the `html` format reads a
//! page; the message's `Snapshot-Content-Location` (or the part's `Content-Location`) is
//! the `url` when the page names none. The MIME parsing is mailparse's.

use super::{Context, Format, Read, html_page};
use crate::decode;
use crate::error::Error;

pub struct Mhtml;

/// How far the message's headers are looked at for detection.
const HEAD: usize = 8 * 1024;

/// The header block at the start of the text (up to the first blank line), when every
/// line of it is a header or a folded continuation. Read line by line, so that a text
/// whose first line is no header costs nothing more (this runs on every input).
fn header_block(text: &str) -> Option<&str> {
    let head = text.get(..text.len().min(HEAD)).unwrap_or(text);
    let mut end = 0;
    for line in head.split('\n') {
        let l = line.strip_suffix('\r').unwrap_or(line);
        if l.is_empty() {
            return (end > 0).then(|| head.get(..end)).flatten();
        }
        let is_header = l.starts_with([' ', '\t']) && end > 0
            || l.split_once(':').is_some_and(|(name, _)| {
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        if !is_header {
            return None;
        }
        end += line.len() + 1;
    }
    None
}

fn header<'h>(block: &'h str, name: &str) -> Option<&'h str> {
    block.lines().find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

impl Format for Mhtml {
    fn name(&self) -> &'static str {
        "mhtml"
    }

    fn about(&self) -> String {
        "a page saved as one file (.mhtml, .mht): its HTML part, read as a page".to_owned()
    }

    fn detect(&self, text: &str) -> u8 {
        let Some(block) = header_block(text) else { return 0 };
        let multipart = block.to_ascii_lowercase().contains("multipart/related");
        match (header(block, "Snapshot-Content-Location").is_some(), multipart) {
            (true, true) => 95,
            (false, true) if header(block, "MIME-Version").is_some() => 80,
            (true, false) => 60,
            _ => 0,
        }
    }

    fn read<'a>(&self, text: &'a str, cx: &Context<'a>) -> Result<Read<'a>, Error> {
        let mail = mailparse::parse_mail(text.as_bytes()).map_err(|_| Error::MissingPart("a readable MIME message"))?;
        let snapshot = header(header_block(text).unwrap_or_default(), "Snapshot-Content-Location").map(str::to_owned);
        let part = mail
            .parts()
            .find(|p| p.ctype.mimetype.eq_ignore_ascii_case("text/html"))
            .ok_or(Error::MissingPart("the HTML part of the MHTML page (no text/html part)"))?;
        let location = part.headers.iter().find(|h| h.get_key_ref().eq_ignore_ascii_case("Content-Location"));
        let location = location.map(|h| h.get_value()).filter(|l| l.starts_with("http"));
        let raw = part.get_body_raw().map_err(|_| Error::MissingPart("a decodable HTML part"))?;
        let declared = match part.ctype.charset.as_str() {
            "us-ascii" => None,
            label => decode::encoding_for_label(label),
        };
        let html = decode::decode(&raw, declared)?;
        let url = snapshot.or(location);
        let mut draft = html_page::read_page(&html.text, cx, url.as_deref());
        if draft.article.url.is_none() {
            draft.article.url = url;
        }
        for w in html.warnings {
            draft.article.warn(w);
        }
        Ok(Read::One(draft))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_saved_pages_by_their_headers() {
        let chrome = "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://x.org/a\r\nSubject: T\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----B\"\r\n\r\n------B\r\n";
        assert_eq!(Mhtml.detect(chrome), 95);
        let ie = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"b\"\n\n--b\n";
        assert_eq!(Mhtml.detect(ie), 80);
        assert_eq!(Mhtml.detect("Title line\n\nbody"), 0);
        assert_eq!(Mhtml.detect("---\ntitle: x\n---\n\nbody"), 0);
    }
}
