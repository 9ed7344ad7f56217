#!/usr/bin/env bash
# Times starlint and its peers on the same generated corpora and prints the
# table in docs/performance.md. Peers run only where installed:
#   npm i ajv-cli@5 @stoplight/spectral-cli   (in $PEERS_DIR, default ./peers)
#   apt-get install yamllint
# Usage: scripts/bench-peers.sh [SIZES...]   (default: 1 1000 10000)
# STYLE=block|flow|quoted|single|literal|folded|crlf|mixed (default block):
# how the generated packs are written (go run ./tools/gencorpus -style).
# RUNS=N rounds (default 3): each round runs every tool once, one after the
# other, so that all of them meet the same machine load; each figure is the
# median over the rounds of wall seconds, CPU seconds (user + system) and
# peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("${@:-1 1000 10000}")
read -r -a sizes <<<"${sizes[*]}"
work=${BENCH_DIR:-$(mktemp -d)}
peers=${PEERS_DIR:-peers}
runs=${RUNS:-3}
style=${STYLE:-block}

go build -o "$work/starlint" ./cmd/starlint
go build -o "$work/bareparse" ./tools/bareparse
# ajv and spectral read JSON Schema draft 7 more readily: the pack schema
# only uses keywords that mean the same there.
sed 's#https://json-schema.org/draft/2020-12/schema#http://json-schema.org/draft-07/schema\##; s#"\$defs"#"definitions"#; s#\#/\$defs/#\#/definitions/#g' \
  schemas/pack.schema.json > "$work/pack.schema.draft7.json"
cat > "$work/spectral.yaml" <<YAML
rules:
  pack-schema:
    given: "$"
    severity: error
    then:
      function: schema
      functionOptions:
        schema:
          \$ref: "pack.schema.draft7.json"
YAML

# one run: "wall cpu peakKB"
once() {
  /usr/bin/time -o "$work/time.out" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true # findings exit 1
  tail -1 "$work/time.out" | awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}'
}

. scripts/bench-lib.sh # median, corpus

# summarize FILE: the medians of its "wall cpu peakKB" lines
summarize() {
  local w c m
  w=$(cut -d' ' -f1 "$1" | median) c=$(cut -d' ' -f2 "$1" | median) m=$(cut -d' ' -f3 "$1" | median)
  printf '%s s / %s s CPU / %s MB' "$w" "$c" "$(awk "BEGIN{print int($m / 1024)}")"
}

declare -A row
tools=(bare starlint starlint-cached)
have_ajv= have_spectral= have_yamllint=
if [ -x "$peers/node_modules/.bin/ajv" ]; then have_ajv=1; tools+=(ajv); fi
if [ -x "$peers/node_modules/.bin/spectral" ]; then have_spectral=1; tools+=(spectral); fi
if command -v yamllint >/dev/null; then have_yamllint=1; tools+=(yamllint); fi

for n in "${sizes[@]}"; do
  dir=$(corpus "$n" "$style" "$work")
  target="$dir"
  if [ "$n" = 1 ]; then target=$(find "$dir" -name '*.yaml' -print -quit); fi
  rm -f "$work/cache-$n"
  "$work/starlint" lint --cache-file "$work/cache-$n" "$target" >/dev/null 2>&1 || true
  sleep 3 # past the cache's racy window, as a later run would be
  for t in "${tools[@]}"; do : >"$work/runs-$t-$n"; done
  for _ in $(seq "$runs"); do
    once "$work/bareparse" "$dir" >>"$work/runs-bare-$n"
    once "$work/starlint" lint "$target" >>"$work/runs-starlint-$n"
    once "$work/starlint" lint --cache-file "$work/cache-$n" "$target" >>"$work/runs-starlint-cached-$n"
    if [ -n "$have_ajv" ]; then
      once "$peers/node_modules/.bin/ajv" validate --spec=draft7 --strict=false -s "$work/pack.schema.draft7.json" -d "$dir/*.yaml" >>"$work/runs-ajv-$n"
    fi
    if [ -n "$have_spectral" ]; then
      once "$peers/node_modules/.bin/spectral" lint -r "$work/spectral.yaml" "$dir/*.yaml" >>"$work/runs-spectral-$n"
    fi
    if [ -n "$have_yamllint" ]; then
      once yamllint -d relaxed "$target" >>"$work/runs-yamllint-$n"
    fi
  done
  for t in "${tools[@]}"; do row[$t,$n]=$(summarize "$work/runs-$t-$n"); done
done

printf '| tool |'; for n in "${sizes[@]}"; do printf ' %s packs |' "$n"; done; printf '\n|---|'; for _ in "${sizes[@]}"; do printf -- '---|'; done; printf '\n'
for t in "${tools[@]}"; do
  printf '| %s |' "$t"
  for n in "${sizes[@]}"; do printf ' %s |' "${row[$t,$n]:-n/a}"; done
  printf '\n'
done
echo
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3); $style packs; medians of $runs paired rounds (wall / CPU / peak memory); corpora in $work"
# The target compares starlint with ajv-cli round by round: both ran under
# the same load, so the ratio of a round is steadier than either median.
if [ -n "$have_ajv" ]; then
  for n in "${sizes[@]}"; do
    paste -d' ' "$work/runs-starlint-$n" "$work/runs-ajv-$n" | awk -v n="$n" '
      { w[NR] = $1 / $4; c[NR] = $2 / $5 }
      function med(a, k,  i, j, t) {
        for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
      }
      END {
        k = NR; mw = med(w, k); mc = med(c, k)
        printf "starlint / ajv-cli at %s packs, round by round: wall %.2f-%.2fx (median %.2fx), CPU %.2f-%.2fx (median %.2fx)\n", n, w[1], w[k], mw, c[1], c[k], mc
      }'
  done
fi
