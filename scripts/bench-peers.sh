#!/usr/bin/env bash
# Times starlint and its peers on the same generated corpora and prints the
# table in docs/performance.md. Peers run only where installed:
#   npm i ajv-cli@5 @stoplight/spectral-cli   (in $PEERS_DIR, default ./peers)
#   apt-get install yamllint
# Usage: scripts/bench-peers.sh [SIZES...]   (default: 1 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("${@:-1 1000 10000}")
read -r -a sizes <<<"${sizes[*]}"
work=${BENCH_DIR:-$(mktemp -d)}
peers=${PEERS_DIR:-peers}
runs=${RUNS:-3}

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

# best of $runs: wall seconds and peak resident memory
measure() {
  local best="" mem=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/time.out" -f '%e %M' "$@" >/dev/null 2>&1 || true # findings exit 1
    local out t m
    out=$(tail -1 "$work/time.out")
    t=${out% *} m=${out#* }
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; mem=$m; fi
  done
  printf '%s s / %s MB' "$best" "$((mem / 1024))"
}

declare -A row
tools=(bare starlint starlint-cached)
have_ajv= have_spectral= have_yamllint=
if [ -x "$peers/node_modules/.bin/ajv" ]; then have_ajv=1; tools+=(ajv); fi
if [ -x "$peers/node_modules/.bin/spectral" ]; then have_spectral=1; tools+=(spectral); fi
if command -v yamllint >/dev/null; then have_yamllint=1; tools+=(yamllint); fi

for n in "${sizes[@]}"; do
  dir="$work/corpus-$n"
  [ -d "$dir" ] || go run ./tools/gencorpus -n "$n" -seed 1 -out "$dir"
  target="$dir"
  if [ "$n" = 1 ]; then target=$(find "$dir" -name '*.yaml' -print -quit); fi
  row[bare,$n]=$(measure "$work/bareparse" "$dir")
  row[starlint,$n]=$(measure "$work/starlint" lint "$target")
  rm -f "$work/cache-$n"
  "$work/starlint" lint --cache-file "$work/cache-$n" "$target" >/dev/null 2>&1 || true
  sleep 3 # past the cache's racy window, as a later run would be
  row[starlint-cached,$n]=$(measure "$work/starlint" lint --cache-file "$work/cache-$n" "$target")
  if [ -n "$have_ajv" ]; then
    row[ajv,$n]=$(measure "$peers/node_modules/.bin/ajv" validate --spec=draft7 --strict=false -s "$work/pack.schema.draft7.json" -d "$dir/*.yaml")
  fi
  if [ -n "$have_spectral" ]; then
    row[spectral,$n]=$(measure "$peers/node_modules/.bin/spectral" lint -r "$work/spectral.yaml" "$dir/*.yaml")
  fi
  if [ -n "$have_yamllint" ]; then
    row[yamllint,$n]=$(measure yamllint -d relaxed "$target")
  fi
done

printf '| tool |'; for n in "${sizes[@]}"; do printf ' %s packs |' "$n"; done; printf '\n|---|'; for _ in "${sizes[@]}"; do printf -- '---|'; done; printf '\n'
for t in "${tools[@]}"; do
  printf '| %s |' "$t"
  for n in "${sizes[@]}"; do printf ' %s |' "${row[$t,$n]:-n/a}"; done
  printf '\n'
done
echo
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3); best of $runs runs; corpora in $work"
