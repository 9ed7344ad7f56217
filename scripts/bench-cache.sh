#!/usr/bin/env bash
# Paired warm-cache timings: `starlint lint --cache-file` over unchanged
# packs, built from the working tree against another revision, on one
# generated corpus (target 7 of docs/performance.md).
# Usage: scripts/bench-cache.sh [PACKS]   (PACKS default 50000)
# BASE=REV the revision to compare with (default HEAD); RUNS=N rounds
# (default 15); STYLE= the corpus style (see bench-peers.sh).
# Each binary first fills its own cache file (the key includes the binary,
# so they never share one); each round then runs both, one after the
# other, so that they meet the same load. It prints the medians and the
# fastest of wall and CPU seconds, each round's ratio, and whether the
# two reports are identical.
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-50000}
base=${BASE:-HEAD}
runs=${RUNS:-15}
style=${STYLE:-block}
work=${BENCH_DIR:-$(mktemp -d)}

. scripts/bench-lib.sh
build_pair "$base" "$work"
dir=$(corpus "$n" "$style" "$work")

for b in old new; do
  rm -f "$work/cache-$b"
  # the corpus plants defects: lint exits 1, which is not a failure here
  "$work/starlint-$b" lint --cache-file "$work/cache-$b" -q "$dir" >"$work/report-$b" 2>/dev/null || true
done
: >"$work/cache-old.times" && : >"$work/cache-new.times"
for _ in $(seq "$runs"); do
  for b in old new; do
    /usr/bin/time -o "$work/time.out" -f '%e %U %S' "$work/starlint-$b" lint --cache-file "$work/cache-$b" -q "$dir" >"$work/report-$b" 2>/dev/null || true
    tail -1 "$work/time.out" | awk '{printf "%s %.3f\n", $1, $2 + $3}' >>"$work/cache-$b.times"
  done
done

fastest() { sort -n | head -1; }
for b in old new; do
  f="$work/cache-$b.times"
  printf '%s: wall %s s (fastest %s), CPU %s s (fastest %s)\n' "$([ $b = old ] && echo "$base" || echo "working tree")" \
    "$(cut -d' ' -f1 "$f" | median)" "$(cut -d' ' -f1 "$f" | fastest)" \
    "$(cut -d' ' -f2 "$f" | median)" "$(cut -d' ' -f2 "$f" | fastest)"
done
paste -d' ' "$work/cache-old.times" "$work/cache-new.times" |
  awk '{w = w sprintf(" %.2f", $3 / $1); c = c sprintf(" %.2f", $4 / $2)} END {print "new / old, round by round: wall" w "; CPU" c}'
if cmp -s "$work/report-old" "$work/report-new"; then
  echo "reports identical"
else
  echo "reports differ (diff $work/report-old $work/report-new)"
fi
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3); $n $style packs, medians of $runs paired rounds; files in $work"
