//! WARC files written in tests: records, HTTP responses.

/// A WARC record (with its closing CRLFs).
pub fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nWARC-Date: 2024-04-26T02:45:00Z\r\n\
         WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// An HTTP response with its status line and headers (each ending in CRLF).
pub fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut h = format!("HTTP/1.1 {status}\r\nServer: test\r\n{headers}\r\n").into_bytes();
    h.extend_from_slice(body);
    h
}

/// A WARC `response` record of a 200 response.
pub fn response(uri: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    record("response", uri, &http("200 OK", headers, body))
}
