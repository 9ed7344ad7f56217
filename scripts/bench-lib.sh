# Shared by the bench-*.sh scripts: source it from the repository root.

# median prints the median of a column of numbers on standard input.
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

# build_pair BASE WORK builds starlint from the working tree into
# WORK/starlint-new and from revision BASE into WORK/starlint-old.
build_pair() {
  local base=$1 work=$2 tree="$2/base-tree"
  go build -o "$work/starlint-new" ./cmd/starlint
  rm -rf "$tree"
  git worktree add --detach -f "$tree" "$base" >/dev/null 2>&1
  (cd "$tree" && go build -o "$work/starlint-old" ./cmd/starlint)
  git worktree remove --force "$tree"
}

# corpus N STYLE WORK generates (once) the corpus of N packs in STYLE under
# WORK and prints its directory.
corpus() {
  local dir="$3/corpus-$2-$1"
  [ -d "$dir" ] || go run ./tools/gencorpus -n "$1" -seed 1 -style "$2" -out "$dir" >&2
  echo "$dir"
}
