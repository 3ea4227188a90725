#!/usr/bin/env bash
# Time and peak memory of newsnorm on pathological single pages.
#
#   bench/big-page.sh
#
# Generates (python3 stdlib, once, under bench/out/):
#   tiny-60m.html     60 MB of tiny elements (`<i>a</i> `, 6.7 million of them) in one article
#   budget.html       the most elements the default --max-size admits (524,288 of the same)
#   bylines-8m.html   8 MB of byline paragraphs (`<p>By Anna Muster</p>`, 380,000 of them)
# and runs `newsnorm -q` on each under /usr/bin/time: wall seconds, user seconds, peak RSS,
# and the outcome (a record, or the error kind).
#
# The binary: NEWSNORM_BIN=PATH if set, else a --release build.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (GNU time)" >&2; exit 2; }

if [[ -n "${NEWSNORM_BIN:-}" ]]; then
    bin=$NEWSNORM_BIN
else
    cargo build --release --quiet
    bin=target/release/newsnorm
fi

python3 - "$out" <<'PY'
import os, sys
out = sys.argv[1]
head = b"<!doctype html><html lang=en><head><title>t</title></head><body><article>"
tail = b"</article></body></html>"
pages = {
    "tiny-60m.html": (b"<i>a</i> ", (60_000_000 - len(head) - len(tail)) // 9),
    "budget.html": (b"<i>a</i> ", 524_288 - 5),
    "bylines-8m.html": (b"<p>By Anna Muster</p>", (8_000_000 - len(head) - len(tail)) // 21),
}
for name, (unit, n) in pages.items():
    path = os.path.join(out, name)
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(head + unit * n + tail)
PY

echo "# newsnorm on pathological pages, $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores; commit $(git rev-parse --short HEAD)"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %8s %8s %8s %9s  %s\n' page MB wall_s user_s 'RSS MiB' outcome
for page in tiny-60m budget bylines-8m; do
    f="$out/$page.html"
    /usr/bin/time -f '%e %U %M' -o "$out/time" "$bin" -q "$f" > "$out/rec" 2> "$out/err" || true
    read -r wall user rss < <(tail -1 "$out/time")
    if [[ -s "$out/rec" ]]; then outcome=record; else outcome=$(grep -o '"kind":"[a-z_]*"' "$out/err" | head -1); fi
    awk -v p="$page" -v b="$(stat -c %s "$f")" -v w="$wall" -v u="$user" -v m="$rss" -v o="$outcome" \
        'BEGIN {printf "%-16s %8.1f %8.2f %8.2f %9.1f  %s\n", p, b / 1e6, w, u, m / 1024, o}'
done
