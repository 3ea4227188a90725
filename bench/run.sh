#!/usr/bin/env bash
# newsnorm throughput benchmark.
#
#   bench/run.sh [--generate N]... [--reps R] [--jobs N] [CORPUS_DIR...]
#
# Builds --release, then for each corpus runs, R times each and interleaved:
#   cat    find DIRS -type f -print0 | xargs -0 cat > /dev/null   (the I/O floor)
#   -j1    newsnorm -q -j 1 DIRS > /dev/null 2> /dev/null
#   -jN    newsnorm -q -j N DIRS (N = cores, or --jobs)
# after one warm-up pass of each, so everything runs from the page cache (the warm-up
# also checks that -j1 and -jN write the same bytes, and stops if not). Prints the
# median wall time, files/s, MB/s, the median peak RSS (/usr/bin/time) and the ratio
# to the cat floor.
#
# Corpora: the CORPUS_DIR arguments form one corpus (default: ../shared/corpus plus
# samples/); each `--generate N` adds a generated corpus of N files
# (bench/gen-corpus, written once under bench/out/gen-N and reused).
set -euo pipefail
cd "$(dirname "$0")/.."

reps=5
jobs=$(nproc)
gens=()
dirs=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --generate) gens+=("$2"); shift 2 ;;
        --reps) reps="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) dirs+=("$1"); shift ;;
    esac
done
if [[ ${#dirs[@]} -eq 0 && ${#gens[@]} -eq 0 ]]; then
    [[ -d ../shared/corpus ]] && dirs+=(../shared/corpus)
    dirs+=(samples)
fi

cargo build --release --quiet
bin=target/release/newsnorm

echo "# newsnorm benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "# $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, $(uname -sr)"
echo "# commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock || echo '+dirty'); reps $reps; -j$jobs"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
busy=$(pgrep -fa 'fuzz_|cargo fuzz|cargo test|rustc' | grep -v pgrep | cut -c1-80 || true)
[[ -n "$busy" ]] && { echo "# WARNING: other work running:"; sed 's/^/#   /' <<<"$busy"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "${BASH_SOURCE[0]}")/timing.sh"

catfloor() { find "$@" -type f -not -path '*/.*' -print0 | xargs -0 cat; }
export -f catfloor

bench_corpus() {
    local label=$1; shift
    local files bytes
    files=$(find "$@" -type f -not -path '*/.*' | wc -l)
    bytes=$(find "$@" -type f -not -path '*/.*' -printf '%s\n' | awk '{s+=$1} END {print s}')
    rm -f "$tmp"/*.t "$tmp"/*.m
    # Warm-up: page cache, binary; and the check that -j1 and -jN write the same bytes
    # (records and error objects) on this corpus.
    bash -c 'catfloor "$@"' _ "$@" > /dev/null
    local sum1 sumN
    sum1=$({ "$bin" -q -j 1 "$@" 2>&1 || true; } | sha256sum)
    sumN=$({ "$bin" -q -j "$jobs" "$@" 2>&1 || true; } | sha256sum)
    if [[ "$sum1" != "$sumN" ]]; then
        echo "error: $label: -j1 and -j$jobs outputs differ" >&2
        exit 1
    fi
    # Interleaved repetitions, so a burst of load hits every variant alike.
    for ((r = 0; r < reps; r++)); do
        run cat bash -c 'catfloor "$@"' _ "$@"
        run j1 "$bin" -q -j 1 "$@"
        run jN "$bin" -q -j "$jobs" "$@"
    done
    local catt
    catt=$(median < "$tmp/cat.t")
    for v in cat j1 jN; do
        local t m name
        t=$(median < "$tmp/$v.t")
        m=$(median < "$tmp/$v.m")
        case $v in cat) name="cat" ;; j1) name="-j1" ;; jN) name="-j$jobs" ;; esac
        awk -v l="$label" -v n="$name" -v f="$files" -v b="$bytes" -v t="$t" -v m="$m" -v c="$catt" \
            -v lo="$(sort -g "$tmp/$v.t" | head -1)" -v hi="$(sort -g "$tmp/$v.t" | tail -1)" 'BEGIN {
            printf "| %-14s | %-4s | %7d | %6.1f | %7.3f (%.3f-%.3f) | %8.0f | %6.1f | %7.1f | %5.2f |\n",
                l, n, f, b / 1e6, t, lo, hi, f / t, b / 1e6 / t, m / 1024, t / c }'
    done
}

echo
echo "| corpus         | run  |   files |     MB | median s (min-max)    |  files/s |   MB/s | RSS MiB | x cat |"
echo "|----------------|------|---------|--------|-----------------------|----------|--------|---------|-------|"
if [[ ${#dirs[@]} -gt 0 ]]; then
    label=$(for d in "${dirs[@]}"; do basename "$d"; done | paste -sd+)
    bench_corpus "$label" "${dirs[@]}"
fi
for n in "${gens[@]}"; do
    out=$(bench/gen-corpus "$n")
    bench_corpus "gen-$n" "$out"
done
echo
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
busy=$(pgrep -fa 'fuzz_|cargo fuzz|cargo test|rustc' | grep -v pgrep | cut -c1-80 || true)
[[ -n "$busy" ]] && { echo "# WARNING: other work running at the end:"; sed 's/^/#   /' <<<"$busy"; }
exit 0
