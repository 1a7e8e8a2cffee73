#!/usr/bin/env bash
# The dynamic symbols libpooled_c defines are exactly the functions pooled.h declares, and its
# SONAME carries the ABI version. Usage: exported_symbols.sh LIBRARY HEADER ABI_VERSION
set -euo pipefail
library="$1"
header="$2"
abi="$3"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Declarations start with POOLED_C_API; the first "pooled_...(" on the line is the function.
grep '^POOLED_C_API' "$header" | grep -o 'pooled_[a-z0-9_]*(' | tr -d '(' | sort -u >"$work/declared"
nm -D --defined-only "$library" | awk '{print $NF}' | sed 's/@.*//' | sort -u >"$work/exported"
if ! diff -u "$work/declared" "$work/exported"; then
  echo "libpooled_c exports other symbols than pooled.h declares (- declared only, + exported only)" >&2
  exit 1
fi
soname="$(objdump -p "$library" | awk '$1 == "SONAME" {print $2}')"
if [ "$soname" != "libpooled_c.so.$abi" ]; then
  echo "SONAME is '$soname', expected libpooled_c.so.$abi" >&2
  exit 1
fi
echo "$(wc -l <"$work/exported") symbols exported, all declared in pooled.h; SONAME $soname"
