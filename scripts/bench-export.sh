#!/usr/bin/env bash
# Paired export timings: starlint built from the working tree against
# starlint built from another revision, on the same generated corpus.
# Usage: scripts/bench-export.sh FORMAT [PACKS]   (PACKS default 10000)
# BASE=REV the revision to compare with (default HEAD); RUNS=N rounds
# (default 5); STYLE= the corpus style (see bench-peers.sh).
# Each round exports with both binaries, one after the other, after a
# sync and a pause: without them the writeback of the run before moved
# system time by seconds between identical runs. It prints the medians of
# wall seconds, CPU seconds and peak memory, and each round's wall time.
set -euo pipefail
cd "$(dirname "$0")/.."

format=${1:?usage: scripts/bench-export.sh json|html|anki|anki-text [PACKS]}
n=${2:-10000}
base=${BASE:-HEAD}
runs=${RUNS:-5}
style=${STYLE:-block}
work=${BENCH_DIR:-$(mktemp -d)}

. scripts/bench-lib.sh
build_pair "$base" "$work"
dir=$(corpus "$n" "$style" "$work")

: >"$work/export-old" && : >"$work/export-new"
for _ in $(seq "$runs"); do
  for b in old new; do
    rm -rf "$work/out-$b"
    sync
    sleep 1
    # --force: the corpus plants defects, which would stop the export
    /usr/bin/time -o "$work/time.out" -f '%e %U %S %M' "$work/starlint-$b" export --force --to "$format" --out "$work/out-$b" "$dir" >/dev/null 2>&1 || true
    tail -1 "$work/time.out" | awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' >>"$work/export-$b"
  done
done

for b in old new; do
  f="$work/export-$b"
  printf '%s: %s s / %s s CPU / %s MB; rounds %s\n' "$([ $b = old ] && echo "$base" || echo "working tree")" \
    "$(cut -d' ' -f1 "$f" | median)" "$(cut -d' ' -f2 "$f" | median)" \
    "$(cut -d' ' -f3 "$f" | median | awk '{print int($1 / 1024)}')" "$(cut -d' ' -f1 "$f" | tr '\n' ' ')"
done
if diff -rq "$work/out-old" "$work/out-new" >/dev/null; then
  echo "outputs identical"
else
  echo "outputs differ (diff -r $work/out-old $work/out-new)"
fi
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3); --to $format, $n $style packs, medians of $runs paired rounds; files in $work"
