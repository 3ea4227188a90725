#!/usr/bin/env bash
# The Python module against the command line and trafilatura, on the same pages in the
# same run.
#
#   PYTHON=VENV/bin/python [TRAFILATURA_PYTHON=...] bench/python.sh [--reps R] [--jobs N] [PAGES_DIR]
#
# PAGES_DIR defaults to ../shared/html-dev/pages (gzipped pages, decompressed once into a
# temporary directory). Each tool is one process that reads the plain files itself, run R
# times (default 3), interleaved, after one warm-up:
#   newsnorm -q -j N PAGES > /dev/null                    (N = --jobs, default 2)
#   $PYTHON: newsnorm.Normalizer().normalize_many(files read lazily, jobs=N), every dict taken
#   $TRAFILATURA_PYTHON: trafilatura 2.x bare_extraction(with_metadata=True) on each page
# and prints the median wall time (interpreter start-up included), pages/s, peak RSS, the
# module's share of the command line's pages/s and its speed-up over trafilatura.
# PYTHON is a Python with the module installed (`pip install ./python`), default python3;
# trafilatura runs when `$TRAFILATURA_PYTHON -c 'import trafilatura'` works (default
# python3; `pip install trafilatura==2.3.1 lxml_html_clean`). NEWSNORM_BIN=PATH times that
# binary instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."

reps=3
jobs=2
src=../shared/html-dev/pages
while [[ $# -gt 0 ]]; do
    case "$1" in
        --reps) reps="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        *) src="$1"; shift ;;
    esac
done
[[ -d "$src" ]] || { echo "no pages at $src" >&2; exit 2; }
py=${PYTHON:-python3}
traf_py=${TRAFILATURA_PYTHON:-python3}
"$py" -c 'import newsnorm' 2> /dev/null || { echo "$py cannot import newsnorm: pip install ./python" >&2; exit 2; }

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

cat > "$tmp/nn.py" <<'EOF'
import os, sys
import newsnorm
d, jobs = sys.argv[1], int(sys.argv[2])
def items():
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), 'rb') as f:
            yield f.read(), name
n = sum(1 for _ in newsnorm.Normalizer().normalize_many(items(), jobs=jobs))
assert n == len(os.listdir(d)), n
EOF
echo "# newsnorm CLI vs the Python module vs trafilatura on $pages pages ($((bytes / 1024 / 1024)) MiB), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "# $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; commit $(git rev-parse --short HEAD); reps $reps; $("$py" --version)"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"

cli="cli-j$jobs"
mod="python-j$jobs"
names=("$cli" "$mod")
have_traf=0
if "$traf_py" -c 'import trafilatura' 2> /dev/null; then
    have_traf=1
    names+=(trafilatura)
else
    echo "# NOTE: trafilatura is not importable by $traf_py: its runs are skipped"
fi

# Warm-up (page cache, binaries, Python imports).
"$bin" -q -j "$jobs" "$tmp/pages" > /dev/null 2>&1 || true
"$py" "$tmp/nn.py" "$tmp/pages" "$jobs"
[[ $have_traf == 1 ]] && "$traf_py" "$tmp/traf.py" "$tmp/pages" > /dev/null 2>&1
for _ in $(seq "$reps"); do
    run "$cli" "$bin" -q -j "$jobs" "$tmp/pages"
    run "$mod" "$py" "$tmp/nn.py" "$tmp/pages" "$jobs"
    [[ $have_traf == 1 ]] && run trafilatura "$traf_py" "$tmp/traf.py" "$tmp/pages"
done

printf '%-14s %9s %10s %10s\n' tool seconds pages/s 'RSS MiB'
for n in "${names[@]}"; do
    t=$(median < "$tmp/$n.t")
    m=$(median < "$tmp/$n.m")
    awk -v n="$n" -v t="$t" -v m="$m" -v p="$pages" \
        'BEGIN {printf "%-14s %9.3f %10.1f %10.1f\n", n, t, p / t, m / 1024}'
done
awk -v a="$(median < "$tmp/$mod.t")" -v b="$(median < "$tmp/$cli.t")" -v j="$jobs" \
    'BEGIN {printf "the module (jobs=%s) ran at %.0f%% of the command line'"'"'s -j%s pages/s\n", j, 100 * b / a, j}'
if [[ $have_traf == 1 ]]; then
    awk -v a="$(median < "$tmp/$mod.t")" -v b="$(median < "$tmp/trafilatura.t")" -v j="$jobs" \
        'BEGIN {printf "speed-up of the module (jobs=%s) over trafilatura: %.1fx\n", j, b / a}'
fi
