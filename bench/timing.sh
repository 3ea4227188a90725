# Helpers of the benchmark scripts (sourced, after `tmp` is set to a scratch directory).

now() { echo "$EPOCHREALTIME"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# run NAME CMD...: one timed run, appends seconds to $tmp/NAME.t and peak KiB to $tmp/NAME.m
run() {
    local name=$1; shift
    local t0 t1
    t0=$(now)
    /usr/bin/time -f '%M' -o "$tmp/rss" "$@" > /dev/null 2> /dev/null || true
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f\n", b - a}' >> "$tmp/$name.t"
    cat "$tmp/rss" >> "$tmp/$name.m"
}

# unpack_pages SRC: the pages of SRC into $tmp/pages (gzipped ones decompressed); sets
# `pages` (their count) and `bytes` (their size).
unpack_pages() {
    mkdir -p "$tmp/pages"
    local f
    for f in "$1"/*; do
        case "$f" in
            *.gz) gzip -dc "$f" > "$tmp/pages/$(basename "$f" .gz)" ;;
            *) cp "$f" "$tmp/pages/" ;;
        esac
    done
    pages=$(find "$tmp/pages" -type f | wc -l)
    bytes=$(find "$tmp/pages" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
}

# $tmp/traf.py DIR: trafilatura 2.x, one process, bare_extraction(with_metadata=True) on
# each page of DIR.
write_traf_py() {
    cat > "$tmp/traf.py" <<'EOF'
import os, sys
import trafilatura
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    with open(os.path.join(d, name), 'rb') as f:
        html = f.read()
    try:
        trafilatura.bare_extraction(html, with_metadata=True)
    except Exception:
        pass
EOF
}
