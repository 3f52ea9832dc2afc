#!/usr/bin/env bash
# Dumps the distinct versions of a Rails application's db/schema.rb from a git directory, oldest
# first, as OUT_DIR/NNN-<shortsha>.rb, plus OUT_DIR/versions.tsv (file, commit, date, subject).
#
#   corpus/extract-rails-history.sh GIT_DIR OUT_DIR [MAX] [SCHEMA_PATH]
#
# GIT_DIR may be a bare repository. History is read along first parents (the mainline), so
# versions are in deploy order. A version whose text differs from the previous kept one only in
# the `define(version: ...)` line is skipped (no structural change). With more than MAX versions
# (default 40) MAX are sampled evenly, always keeping the oldest and the newest.
# The output is data taken from a third-party repository: keep it outside this repository.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,12p' "$0" >&2
  exit 2
fi
git_dir=$1
out=$2
max=${3:-40}
path=${4:-db/schema.rb}
git=(git --git-dir="$git_dir")

mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Commits on the mainline that touched the file, oldest first.
"${git[@]}" log --first-parent --reverse --format=%H -- "$path" > "$tmp/commits"

# Keep commits where the file exists and its structure (all but the version line) changed.
: > "$tmp/kept"
previous=""
while read -r sha; do
  if ! "${git[@]}" cat-file -e "$sha:$path" 2>/dev/null; then
    continue
  fi
  digest=$("${git[@]}" show "$sha:$path" | grep -v 'Schema.*define' | sha1sum | cut -d' ' -f1)
  if [[ "$digest" != "$previous" ]]; then
    echo "$sha" >> "$tmp/kept"
    previous=$digest
  fi
done < "$tmp/commits"

total=$(wc -l < "$tmp/kept")
if (( total == 0 )); then
  echo "no versions of $path in $git_dir" >&2
  exit 1
fi

# Evenly spaced indices 0..total-1 (all of them when total <= max).
if (( total <= max )); then
  seq 0 $((total - 1)) > "$tmp/picked"
else
  awk -v n="$total" -v m="$max" 'BEGIN { for (i = 0; i < m; i++) printf "%d\n", int(i * (n - 1) / (m - 1) + 0.5) }' \
    | uniq > "$tmp/picked"
fi

rm -f "$out"/[0-9][0-9][0-9]-*.rb
printf 'file\tcommit\tdate\tsubject\n' > "$out/versions.tsv"
number=0
while read -r index; do
  sha=$(sed -n "$((index + 1))p" "$tmp/kept")
  number=$((number + 1))
  file=$(printf '%03d-%s.rb' "$number" "${sha:0:10}")
  "${git[@]}" show "$sha:$path" > "$out/$file"
  printf '%s\t%s\t%s\t%s\n' "$file" "$sha" "$("${git[@]}" log -1 --format=%cs "$sha")" \
    "$("${git[@]}" log -1 --format=%s "$sha" | tr '\t' ' ')" >> "$out/versions.tsv"
done < "$tmp/picked"

echo "$out: $number of $total distinct versions of $path" >&2
