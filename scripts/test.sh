#!/usr/bin/env bash
# Builds pooled and runs every test (unit, integration, CLI, post-install) except those
# labelled slow. Usage: scripts/test.sh [--sanitize] [extra ctest arguments]
#   --sanitize: the same suite built with AddressSanitizer + UBSan (build-sanitize/); any report
#   fails its test. The post-install test is left out there: it checks packaging, and a
#   consumer built without the sanitizer cannot load an instrumented library.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_args=()
build="$root/build"
exclude="slow"
if [ "${1:-}" = "--sanitize" ]; then
  shift
  build_args=(--sanitize)
  build="$root/build-sanitize"
  exclude="slow|postinstall"
  # Leaks inside GDAL/PROJ's process-lifetime caches are theirs, listed in lsan.supp.
  export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1"
  export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
fi
"$root/scripts/deps.sh" --tests
"$root/scripts/build.sh" "${build_args[@]}"
cd "$build"
ctest --output-on-failure --parallel "$(nproc)" --label-exclude "$exclude" "$@"
