#!/usr/bin/env bash
# Configures and builds pooled into build/ (Ninja and ccache when present).
# Usage: scripts/build.sh [--sanitize] [cmake --build arguments, e.g. --target pooled_cli]
#   --sanitize: AddressSanitizer + UBSan build in build-sanitize/ (cmake -DPOOLED_SANITIZE=ON)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build"
options=()
if [ "${1:-}" = "--sanitize" ]; then
  shift
  build="$root/build-sanitize"
  options=(-DPOOLED_SANITIZE=ON)
fi

generator=()
if command -v ninja >/dev/null 2>&1 && [ ! -f "$build/Makefile" ]; then
  generator=(-G Ninja)
fi
launcher=()
if command -v ccache >/dev/null 2>&1; then
  # Relative paths in the cache key, and not the build directory (which -g would otherwise add):
  # clones and worktrees elsewhere share one cache. The price: an object taken from the cache
  # keeps the debug-info compilation directory of the checkout that first built it.
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root}"
  export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" "${generator[@]}" "${launcher[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${options[@]}" >/dev/null
fi
cmake --build "$build" --parallel "$(nproc)" "$@"
