#!/usr/bin/env bash
# The man pages are reproducible (man/generate.sh): two generations give the same bytes, and the
# date help2man stamps is SOURCE_DATE_EPOCH's (when set) or the last commit's, not today's.
# Usage: man_reproducible.sh GENERATE_SH PATH_TO_POOLED VERSION
set -euo pipefail
generate="$1"
cli="$2"
version="$3"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

env -u SOURCE_DATE_EPOCH "$generate" "$cli" "$work/a" "$version"
env -u SOURCE_DATE_EPOCH TZ=Pacific/Kiritimati "$generate" "$cli" "$work/b" "$version"
diff -r "$work/a" "$work/b"
pages="$(ls "$work/a" | wc -l)"
[ "$pages" -gt 1 ] || { echo "only $pages man page(s) generated"; exit 1; }

# The stamp is the last commit's month (or the fixed fallback outside a git checkout).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
epoch="$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 1767225600)"
stamp="$(LC_ALL=C date -u -d "@$epoch" '+%B %Y')"
grep -q "\"$stamp\"" "$work/a/pooled.1" || { echo "pooled.1 is not stamped \"$stamp\":"; grep '^\.TH' "$work/a/pooled.1"; exit 1; }

# An explicit SOURCE_DATE_EPOCH wins: 0 is January 1970 on every page.
SOURCE_DATE_EPOCH=0 "$generate" "$cli" "$work/c" "$version"
for page in "$work"/c/*.1; do
  grep -q '"January 1970"' "$page" || { echo "$(basename "$page") ignores SOURCE_DATE_EPOCH:"; grep '^\.TH' "$page"; exit 1; }
done
echo "$pages man pages, reproducible, stamped \"$stamp\""
