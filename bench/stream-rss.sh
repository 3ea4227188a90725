#!/usr/bin/env bash
# Peak memory of the document stream (--stream) against the stream's length.
#
#   bench/stream-rss.sh [--bin BIN] [--jobs N] [LINES]...     (default: 2000 20000 200000)
#
# For each LINES, python3 (stdlib only) writes a stream of that many lines to a pipe:
# the files of samples/ in turn, alternately as `content` text and `content_base64`
# bytes, each with its own `path`, and every tenth line malformed (not JSON, no
# content, bad base64, unknown format). newsnorm reads it with
# `--stream --errors - --exit-zero` under /usr/bin/time; the script checks that the
# output has exactly LINES lines and prints the peak RSS. Flat memory means the peak
# does not grow with LINES. BIN defaults to target/release/newsnorm (built if absent).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=target/release/newsnorm
jobs=$(nproc)
counts=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --bin) bin="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) counts+=("$1"); shift ;;
    esac
done
[[ ${#counts[@]} -eq 0 ]] && counts=(2000 20000 200000)
[[ -x "$bin" ]] || cargo build --release --quiet

gen() {
    python3 - "$1" <<'PY'
import base64, json, os, sys
n = int(sys.argv[1])
docs = [open(os.path.join("samples", f), "rb").read() for f in sorted(os.listdir("samples"))]
text = [json.dumps(d.decode("utf-8", "replace"))[1:-1] for d in docs]
b64 = [base64.b64encode(d).decode() for d in docs]
bad = ['not json', '{"path":"x.md"}', '{"content_base64":"%%"}', '{"content":"x","format":"pdf"}']
out = sys.stdout
for i in range(n):
    k = i % len(docs)
    if i % 10 == 9:
        out.write(bad[(i // 10) % len(bad)])
    elif i % 2:
        out.write('{"path":"doc/%d","content_base64":"%s"}' % (i, b64[k]))
    else:
        out.write('{"path":"doc/%d","content":"%s"}' % (i, text[k]))
    out.write("\n")
PY
}

echo "# newsnorm --stream peak RSS, $(date -u +%Y-%m-%dT%H:%MZ), $bin, -j$jobs"
printf '%10s %10s %12s %10s\n' lines MB "peak RSS MiB" seconds
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in "${counts[@]}"; do
    gen "$n" | tee >(wc -c > "$tmp/bytes") \
        | /usr/bin/time -f '%M %e' -o "$tmp/time" "$bin" -q -j "$jobs" --stream --errors - --exit-zero \
        | wc -l > "$tmp/lines"
    sleep 0.2   # the byte count is written by a process substitution
    read -r kib secs < "$tmp/time"
    lines=$(cat "$tmp/lines")
    [[ "$lines" -eq "$n" ]] || { echo "ERROR: $n input lines gave $lines output lines" >&2; exit 1; }
    awk -v n="$n" -v b="$(cat "$tmp/bytes")" -v k="$kib" -v s="$secs" \
        'BEGIN { printf "%10d %10.1f %12.1f %10s\n", n, b / 1048576, k / 1024, s }'
done
