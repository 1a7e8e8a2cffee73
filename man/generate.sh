#!/usr/bin/env bash
# Man pages generated from the CLI's own --help with help2man, so they never drift from it:
# pooled(1), and pooled-COMMAND(1) for every command `pooled --help` lists.
# Usage: generate.sh PATH_TO_POOLED OUTPUT_DIR VERSION
set -euo pipefail
cli="$1"
out="$2"
version="$3"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# help2man stamps each page with a month and year: that of SOURCE_DATE_EPOCH when set
# (reproducible builds), else of the last commit, else a fixed date, never the build's, so the
# same sources give the same pages (tests/structure/man_reproducible.sh checks it).
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  SOURCE_DATE_EPOCH="$(git -C "$root" log -1 --format=%ct 2>/dev/null || true)"
  SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1767225600}" # 2026-01-01T00:00:00Z, outside a git checkout
fi
export SOURCE_DATE_EPOCH
# The CLI may be a sanitizer build; a leak report at exit is not what these pages are about.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

mkdir -p "$out"
rm -f "$out"/pooled*.1
help="$("$cli" --help)"
# Commands and their one-line summaries, as the "Subcommands:" section lists them.
commands="$(awk '/^Subcommands:/ {on = 1; next} on && NF {print $1}' <<<"$help")"

printf '[SEE ALSO]\n' >"$work/main.h2m"
for command in $commands; do
  [ "$command" = help ] && continue
  printf '.BR pooled\\-%s (1),\n' "$command" >>"$work/main.h2m"
done
sed -i '$ s/,$//' "$work/main.h2m" # a comma between pages, none after the last
help2man --no-info --no-discard-stderr --version-string="$version" --section=1 \
  --name="public-estate analysis: catchments, access, segments, co-location" \
  --include="$work/main.h2m" --output="$out/pooled.1" "$cli"

printf '[SEE ALSO]\n.BR pooled (1)\n' >"$work/command.h2m"
for command in $commands; do
  [ "$command" = help ] && continue
  summary="$(awk -v c="$command" '/^Subcommands:/ {on = 1; next} on && $1 == c {$1 = ""; sub(/^ +/, ""); print}' <<<"$help")"
  # help2man runs a program: a two-line wrapper named as the page.
  wrapper="$work/pooled-$command"
  printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$cli" "$command" >"$wrapper"
  chmod +x "$wrapper"
  help2man --no-info --no-discard-stderr --version-string="$version" --section=1 --name="$summary" \
    --include="$work/command.h2m" --output="$out/pooled-$command.1" "$wrapper"
done
