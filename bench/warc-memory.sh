#!/usr/bin/env bash
# Peak memory of newsnorm on a 1 GiB WARC file (plain and per-record gzip).
#
#   bench/warc-memory.sh [SIZE_MIB]        (default 1024)
#
# Generates (python3 stdlib, once, under bench/out/) a WARC of SIZE_MIB MiB: cycles of a
# request, a 2xx text/html response (a sample article, numbered), a 1 MiB image
# response, a 404 and a metadata record; and the same written as per-record gzip
# (level 1). Then runs `newsnorm -q -j 2` over each under /usr/bin/time and prints the
# peak RSS, the wall time, and the records and errors (the generator prints how many
# records of each kind it wrote).
#
# The binary: $NEWSNORM if set, else an optimised build without LTO in target/fast
# (quicker to build than the release profile's fat LTO; the same code).
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib="${1:-1024}"
out=bench/out
mkdir -p "$out"
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (GNU time)" >&2; exit 2; }

bin="${NEWSNORM:-}"
if [[ -z "$bin" ]]; then
    CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
        cargo build --release --quiet --target-dir target/fast
    bin=target/fast/release/newsnorm
fi

plain="$out/big-${size_mib}m.warc"
zipped="$out/big-${size_mib}m.warc.gz"
if [[ ! -s "$plain" || ! -s "$zipped" ]]; then
    python3 - "$size_mib" "$plain" "$zipped" samples/002_4144df8498471dcd.txt <<'PY'
import gzip, sys
size = int(sys.argv[1]) << 20
plain_path, gz_path, sample = sys.argv[2], sys.argv[3], sys.argv[4]
article = open(sample, "rb").read()

def record(kind, uri, block):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"

def http(status, ctype, body):
    return f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body

image = bytes(range(256)) * 4096  # 1 MiB
written = 0
with open(plain_path, "wb") as plain, open(gz_path, "wb") as zipped:
    n = 0
    while written < size:
        uri = f"https://www.rti.org.tw/news/view/id/{n}"
        body = article.replace(b"\n\n", f"\n\n第{n}號。\n\n".encode(), 1)
        for rec in (
            record("request", uri, f"GET /news/view/id/{n} HTTP/1.1\r\nHost: www.rti.org.tw\r\n\r\n".encode()),
            record("response", uri, http("200 OK", "text/html; charset=utf-8", body)),
            record("response", uri + ".jpg", http("200 OK", "image/jpeg", image)),
            record("response", uri + "/gone", http("404 Not Found", "text/html", b"<html>gone</html>")),
            record("metadata", uri, b"via: bench\r\n"),
        ):
            plain.write(rec)
            zipped.write(gzip.compress(rec, compresslevel=1))
            written += len(rec)
        n += 1
print(f"generated {n} cycles: {n} HTML responses, {4 * n} other records", file=sys.stderr)
PY
fi

for f in "$plain" "$zipped"; do
    mib=$(( $(stat -c %s "$f") >> 20 ))
    /usr/bin/time -f '%M %e' -o "$out/time.txt" "$bin" -q -j 2 "$f" --errors "$out/errors.jsonl" > "$out/records.jsonl" || true
    read -r rss_kb secs < "$out/time.txt"
    records=$(wc -l < "$out/records.jsonl")
    errors=$(wc -l < "$out/errors.jsonl")
    printf '%-28s %6d MiB on disk  peak RSS %4d MiB  %6.1f s  %d records, %d errors\n' \
        "$(basename "$f")" "$mib" $(( rss_kb / 1024 )) "$secs" "$records" "$errors"
done
