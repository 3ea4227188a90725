//! Gzip-compressed inputs (`page.html.gz`, a gzip stream on stdin), read decompressed.
//!
//! Whether an input is gzip is decided by its first two bytes (the magic `1f 8b`), not
//! its name: a page saved gzipped under a plain name (`wget` without
//! `--compression=auto` keeps the server's `Content-Encoding: gzip` bytes) is read too.
//! A file whose name ends in `.gz` but that does not start with the magic is a `decode`
//! error: the name promises gzip, so the header is damaged or the file is not what it says.
//!
//! `--max-size` limits the decompressed size: decompression stops one byte past the
//! limit, so a compression bomb costs at most the limit in memory and the time to
//! inflate that much. Every member of a multi-member file is read (as `gzip -d` does),
//! and zero bytes after the last member (padding, as tape and block devices leave it,
//! which `gzip -d` ignores too) are ignored; other bytes after it are damage.

use std::io::{self, Read};

use flate2::bufread::GzDecoder;

use crate::error::Error;

/// The first two bytes of every gzip member.
pub const MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The bytes start with the gzip magic.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// The path's name ends in `.gz` (any case).
pub fn has_gz_name(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Decompress `compressed` (all its members) into `out` (cleared first), at most
/// `max_size` bytes: more is `too_large`; damaged or truncated data is `decode`.
pub fn decompress(compressed: &[u8], max_size: u64, out: &mut Vec<u8>) -> Result<(), Error> {
    out.clear();
    let mut rest = compressed;
    loop {
        // One member at a time: the bufread decoder consumes exactly its member.
        let mut decoder = GzDecoder::new(rest);
        let room = max_size.saturating_add(1).saturating_sub(out.len() as u64);
        (&mut decoder).take(room).read_to_end(out).map_err(|e| damaged(e, "gzip data"))?;
        if out.len() as u64 > max_size {
            return Err(Error::TooLarge { size: None, limit: max_size });
        }
        rest = decoder.into_inner();
        if rest.iter().all(|&b| b == 0) {
            return Ok(());
        }
        if !is_gzip(rest) {
            let at = compressed.len() - rest.len();
            return Err(Error::Decode(format!(
                "gzip data is damaged: {} bytes after its end at byte {at} are not gzip",
                rest.len()
            )));
        }
    }
}

/// The error for a gzip (or deflate) stream that fails to inflate. `what` names the
/// data (`gzip data`, `the Content-Encoding: gzip payload`).
pub fn damaged(err: io::Error, what: &str) -> Error {
    if err.raw_os_error().is_some() {
        return Error::from_io(err);
    }
    match err.kind() {
        io::ErrorKind::UnexpectedEof => Error::Decode(format!("{what} is cut short (truncated)")),
        _ => Error::Decode(format!("{what} is damaged ({err})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn round_trip_and_members() {
        let mut out = Vec::new();
        decompress(&gz(b"hello"), 100, &mut out).unwrap();
        assert_eq!(out, b"hello");
        let mut two = gz(b"hello ");
        two.extend(gz(b"world"));
        decompress(&two, 100, &mut out).unwrap();
        assert_eq!(out, b"hello world");
    }

    #[test]
    fn zero_padding_after_the_last_member_is_ignored() {
        let mut out = Vec::new();
        let mut padded = gz(b"hello");
        padded.extend_from_slice(&[0; 512]);
        decompress(&padded, 100, &mut out).unwrap();
        assert_eq!(out, b"hello");
        let mut two = gz(b"a");
        two.extend(gz(b"b"));
        two.extend_from_slice(&[0; 3]);
        decompress(&two, 100, &mut out).unwrap();
        assert_eq!(out, b"ab");
        // Other bytes after the end are damage, named.
        let mut junk = gz(b"hello");
        junk.extend_from_slice(b"junk");
        let e = decompress(&junk, 100, &mut out).unwrap_err();
        assert_eq!(e.kind(), "decode");
        assert!(e.to_string().contains("4 bytes after its end"), "{e}");
    }

    #[test]
    fn limit_is_on_the_decompressed_size() {
        let mut out = Vec::new();
        let data = gz(&[b'a'; 1000]);
        assert!(data.len() < 100);
        assert_eq!(decompress(&data, 999, &mut out).unwrap_err().kind(), "too_large");
        decompress(&data, 1000, &mut out).unwrap();
        assert_eq!(out.len(), 1000);
    }

    #[test]
    fn damage_is_a_decode_error() {
        let mut out = Vec::new();
        let data = gz("新聞稿 ".repeat(200).as_bytes());
        let cut = &data[..data.len() / 2];
        let e = decompress(cut, 1 << 20, &mut out).unwrap_err();
        assert_eq!(e.kind(), "decode");
        assert!(e.to_string().contains("cut short"), "{e}");
        let mut flipped = data.clone();
        let last = flipped.len() - 6;
        flipped[last] ^= 0xff; // the CRC
        let e = decompress(&flipped, 1 << 20, &mut out).unwrap_err();
        assert_eq!(e.kind(), "decode");
        assert!(e.to_string().contains("damaged"), "{e}");
    }
}
