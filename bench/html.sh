#!/usr/bin/env bash
# newsnorm against trafilatura on saved HTML pages, in the same run.
#
#   bench/html.sh [--reps R] [--jobs N] [PAGES_DIR]
#
# PAGES_DIR defaults to ../shared/html-dev/pages (gzipped pages: they are decompressed
# once into a temporary directory, and both tools read the same plain files). Builds
# --release, then runs R times each, interleaved, after one warm-up:
#   newsnorm -q -j N PAGES > /dev/null       (N = --jobs, default 2)
#   newsnorm -q -j 1 PAGES > /dev/null
#   trafilatura 2.x, one process: bare_extraction(with_metadata=True) on each page
# and prints the median wall time, pages/s, MB/s and the median peak RSS (/usr/bin/time)
# of each, and newsnorm's speed-up over trafilatura. trafilatura runs only when
# `python3 -c 'import trafilatura'` works (`pip install trafilatura==2.3.1
# lxml_html_clean`); otherwise it is skipped with a note. NEWSNORM_BIN=PATH times that
# binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."

reps=3
jobs=2
src=../shared/html-dev/pages
while [[ $# -gt 0 ]]; do
    case "$1" in
        --reps) reps="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) src="$1"; shift ;;
    esac
done
[[ -d "$src" ]] || { echo "no pages at $src" >&2; exit 2; }

# NEWSNORM_BIN=path skips the build and times that binary instead.
if [[ -n "${NEWSNORM_BIN:-}" ]]; then
    bin=$NEWSNORM_BIN
else
    cargo build --release --quiet
    bin=target/release/newsnorm
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. bench/timing.sh
unpack_pages "$src"
write_traf_py

echo "# newsnorm vs trafilatura on $pages pages ($((bytes / 1024 / 1024)) MiB), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "# $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; commit $(git rev-parse --short HEAD); reps $reps"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"

names=("newsnorm-j$jobs" "newsnorm-j1")
cmds_jN=("$bin" -q -j "$jobs" "$tmp/pages")
cmds_j1=("$bin" -q -j 1 "$tmp/pages")
have_traf=0
if python3 -c 'import trafilatura' 2> /dev/null; then
    have_traf=1
    names+=(trafilatura)
else
    echo "# NOTE: trafilatura is not importable here: its runs are skipped"
fi

# Warm-up (page cache, binary, Python imports).
"${cmds_jN[@]}" > /dev/null 2>&1 || true
[[ $have_traf == 1 ]] && python3 "$tmp/traf.py" "$tmp/pages" > /dev/null 2>&1
for _ in $(seq "$reps"); do
    run "newsnorm-j$jobs" "${cmds_jN[@]}"
    run newsnorm-j1 "${cmds_j1[@]}"
    [[ $have_traf == 1 ]] && run trafilatura python3 "$tmp/traf.py" "$tmp/pages"
done

printf '%-14s %9s %10s %8s %10s\n' tool seconds pages/s MB/s 'RSS MiB'
for n in "${names[@]}"; do
    t=$(median < "$tmp/$n.t")
    m=$(median < "$tmp/$n.m")
    awk -v n="$n" -v t="$t" -v m="$m" -v p="$pages" -v b="$bytes" \
        'BEGIN {printf "%-14s %9.3f %10.1f %8.1f %10.1f\n", n, t, p / t, b / t / 1e6, m / 1024}'
done
if [[ $have_traf == 1 ]]; then
    awk -v a="$(median < "$tmp/newsnorm-j$jobs.t")" -v b="$(median < "$tmp/trafilatura.t")" -v j="$jobs" \
        'BEGIN {printf "speed-up of newsnorm -j%s over trafilatura: %.1fx\n", j, b / a}'
fi
