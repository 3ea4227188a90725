#!/usr/bin/env bash
# Run one fuzz target: ./run.sh TARGET [SECONDS] [extra libFuzzer flags...]
#
# Builds with the stable toolchain (RUSTC_BOOTSTRAP=1 lets it accept the -Z flags
# cargo-fuzz passes), without a sanitizer (safe Rust: a panic is the crash we look for)
# and with debug assertions and overflow checks on (-a). New inputs go to the first
# corpus directory, fuzz/corpus/TARGET (gitignored); the samples and the read-only
# real data in ../shared/corpus are extra seed directories, never copied here.
# One fuzzing process per call (no -jobs/-fork): run at most two at once on 2 cores.
set -euo pipefail
cd "$(dirname "$0")"
target="${1:?usage: ./run.sh TARGET [SECONDS] [libFuzzer flags...]}"
secs="${2:-600}"
shift $(( $# >= 2 ? 2 : 1 ))

shared="${NEWSNORM_SHARED_CORPUS:-../../shared/corpus}"
jekyll=()
[ -d "$shared/jekyll" ] && jekyll=("$shared"/jekyll/*/)
wayback=()
[ -d "$shared/wayback-md" ] && wayback=("$shared/wayback-md/")

case "$target" in
  fuzz_jekyll | fuzz_html)          seeds=("${jekyll[@]}") ;;
  fuzz_wayback_markdown | fuzz_markdown) seeds=("${wayback[@]}") ;;
  fuzz_portal_text)                 seeds=() ;;
  fuzz_html_page)                   seeds=() ;;
  fuzz_feed | fuzz_json | fuzz_mhtml) seeds=() ;;
  fuzz_markdown_post)               seeds=("${wayback[@]}") ;;
  *)                                seeds=("${jekyll[@]}" "${wayback[@]}") ;;
esac

# The html-dev pages (gzipped, read-only) seed the page target, decompressed (up to 4 MiB)
# to a temporary directory, never into the project.
if [ "$target" = fuzz_html_page ] && [ -d "$shared/../html-dev/pages" ]; then
  pages=$(mktemp -d)
  for f in "$shared"/../html-dev/pages/*.html.gz; do
    { gzip -dc "$f" 2> /dev/null || true; } | head -c 4194304 > "$pages/$(basename "$f" .gz)"
  done
  seeds=("$pages/")
fi

mkdir -p "corpus/$target" artifacts
# The samples seed every target's own corpus (copies into the gitignored corpus dir).
cp -n ../samples/* "corpus/$target/"

# Inputs up to 4 MiB for the targets that read HTML or Markdown, so that the cases driven
# by size (deep nesting, long lines, many repeats) are reached; 64 KiB for the portal
# text, feed and JSON targets, 128 KiB for the others.
case "$target" in
  fuzz_jekyll | fuzz_wayback_markdown | fuzz_html | fuzz_markdown | fuzz_html_page) max_len=4194304 ;;
  fuzz_markdown_post | fuzz_mhtml) max_len=4194304 ;;
  fuzz_portal_text | fuzz_feed | fuzz_json) max_len=65536 ;;
  *) max_len=131072 ;;
esac

# fuzz_warc: a few small WARC files as seeds (the first byte selects the layout:
# 0 as is, 1 whole-file gzip, 2 per-record gzip, 3 the bytes are a response's block).
warc_record() { # TYPE BLOCK (printf escapes)
  local block; block="$(printf "$2"; printf x)"; block="${block%x}"
  printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: https://example.org/a\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n' \
    "$1" "${#block}" "$block"
}
if [ "$target" = fuzz_warc ]; then
  page='HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><title>t</title><p>body</p></html>'
  chunked='HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n<html>\r\n0\r\n\r\n'
  for sel in 0 1 2; do
    { printf "\\x0$sel"; warc_record warcinfo 'software: x\r\n'; warc_record request 'GET / HTTP/1.1\r\n\r\n'
      warc_record response "$page"; warc_record response "$chunked"
      warc_record response 'HTTP/1.1 404 Not Found\r\n\r\n'; } > "corpus/$target/seed-$sel.warc"
  done
  { printf '\x03'; printf "$chunked"; } > "corpus/$target/seed-3.http"
fi

dict=dict/newsnorm.dict
[ "$target" = fuzz_warc ] && dict=dict/warc.dict

exec env RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none -a "$target" \
  "corpus/$target" "${seeds[@]}" -- \
  -dict="$dict" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
  -max_len="$max_len" -print_final_stats=1 "$@"
