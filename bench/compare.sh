#!/usr/bin/env bash
# Two builds of newsnorm side by side, in the same run: for a change's cost.
#
#   bench/compare.sh [--reps R] [--jobs N] BIN_A BIN_B DIR...
#
# Runs `BIN -q -j N DIR...` for A and B, R times each, interleaved (A B A B ...) after
# one warm-up pass of each (which also checks that both write the same records and
# error objects, and says so when they differ), and prints the median wall time of
# each, min-max, files/s and the ratio B/A. Use release builds (not the tune profile).
# The Jekyll/Markdown mix: `bench/compare.sh A B "$(bench/gen-corpus 20000)"`.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=11
jobs=$(nproc)
while [[ $# -gt 0 ]]; do
    case "$1" in
        --reps) reps="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) break ;;
    esac
done
a="${1:?BIN_A}"; b="${2:?BIN_B}"; shift 2
[[ $# -gt 0 ]] || { echo "give the corpus folders" >&2; exit 2; }
files=$(find "$@" -type f -not -path '*/.*' | wc -l)
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); -j$jobs; $reps reps; $files files"
sa=$({ "$a" -q -j "$jobs" "$@" 2>&1 || true; } | sha256sum)
sb=$({ "$b" -q -j "$jobs" "$@" 2>&1 || true; } | sha256sum)
[[ "$sa" == "$sb" ]] && echo "# same output" || echo "# outputs differ"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for ((r = 0; r < reps; r++)); do
    for v in a b; do
        bin=$a; [[ $v == b ]] && bin=$b
        t0=$EPOCHREALTIME
        "$bin" -q -j "$jobs" "$@" > /dev/null 2>&1 || true
        t1=$EPOCHREALTIME
        awk -v x="$t0" -v y="$t1" 'BEGIN {printf "%.4f\n", y - x}' >> "$tmp/$v"
    done
done
median() { sort -g "$1" | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
ma=$(median "$tmp/a"); mb=$(median "$tmp/b")
for v in a b; do
    m=$(median "$tmp/$v"); bin=$a; [[ $v == b ]] && bin=$b
    printf '%s  median %.3f s (%.3f-%.3f)  %.0f files/s  %s\n' "$v" "$m" "$(sort -g "$tmp/$v" | head -1)" \
        "$(sort -g "$tmp/$v" | tail -1)" "$(awk -v f="$files" -v t="$m" 'BEGIN {print f / t}')" "$bin"
done
awk -v a="$ma" -v b="$mb" 'BEGIN {printf "B/A = %.3f\n", b / a}'
