#!/usr/bin/env bash
# Builds pooled's libFuzzer targets with clang-14 into build-fuzz/ and runs each one in turn
# on its seed corpus (fuzz/corpus/<target>/), one after the other (never in parallel).
# Usage: scripts/fuzz.sh [TARGET|all] [SECONDS]      (defaults: all, 60 s per target)
#        scripts/fuzz.sh --build                     build only
#        scripts/fuzz.sh --reproduce TARGET FILE...  run inputs once (e.g. a saved crash)
# Crashes, leaks, timeouts and out-of-memory inputs land in build-fuzz/crashes/<target>/;
# new interesting inputs in build-fuzz/corpus/<target>/ (the seeds in fuzz/ are never written).
# Dictionaries (tokens the mutator splices in): fuzz/dict/<target>.dict when present.
# Logs: build-fuzz/logs/<target>.log; build-fuzz/logs/runs.tsv keeps one line per run (UTC time,
# target, seconds, executions, exit status, findings). Exit status 1 if any target found something.
set -euo pipefail
# All in one block: bash reads it whole before running, so editing this file during a long
# run cannot change what the run does.
{
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build-fuzz"
cxx="${POOLED_FUZZ_CXX:-clang++-14}"
cc="${POOLED_FUZZ_CC:-clang-14}"

if [ -z "${POOLED_FUZZ_CXX:-}" ]; then
  "$root/scripts/deps.sh" --fuzz
fi

build_targets() {
  local launcher=()
  if command -v ccache >/dev/null 2>&1; then
    export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root}"
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  local generator=()
  if command -v ninja >/dev/null 2>&1 && [ ! -f "$build/Makefile" ]; then
    generator=(-G Ninja)
  fi
  if [ ! -f "$build/CMakeCache.txt" ]; then
    # Static library: one instrumented binary per target, nothing to find at run time.
    cmake -S "$root" -B "$build" "${generator[@]}" "${launcher[@]}" \
      -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DPOOLED_FUZZ=ON -DBUILD_SHARED_LIBS=OFF -DPOOLED_BUILD_TESTS=OFF -DPOOLED_BUILD_CLI=OFF \
      -DPOOLED_BUILD_EXAMPLES=OFF >/dev/null
  fi
  nice -n 10 cmake --build "$build" --parallel "$(nproc)"
}

# ASan: leaks are findings too, except those inside GDAL/PROJ's process-lifetime caches.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$root/fuzz/ubsan.supp}"
if [ -f "$root/scripts/lsan.supp" ]; then
  export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/scripts/lsan.supp:print_suppressions=0}"
fi
export OSMIUM_POOL_THREADS="${OSMIUM_POOL_THREADS:-1}" # one decoding thread: the machine is shared

max_len_of() { awk -v t="$1" '$1 == t { print $2 }' "$build/fuzz/targets.txt"; }

if [ "${1:-}" = "--build" ]; then
  build_targets
  exit 0
fi
if [ "${1:-}" = "--reproduce" ]; then
  [ $# -ge 3 ] || { echo "usage: scripts/fuzz.sh --reproduce TARGET FILE..." >&2; exit 2; }
  target="$2"
  shift 2
  build_targets >/dev/null
  exec "$build/bin/fuzz_$target" -runs=1 "$@"
fi

which="${1:-all}"
seconds="${2:-60}"
build_targets
targets=()
if [ "$which" = "all" ]; then
  mapfile -t targets < <(awk '{ print $1 }' "$build/fuzz/targets.txt")
else
  [ -n "$(max_len_of "$which")" ] || { echo "fuzz.sh: no target '$which'; the targets are:" \
    "$(awk '{ printf "%s ", $1 }' "$build/fuzz/targets.txt")" >&2; exit 2; }
  targets=("$which")
fi

status=0
mkdir -p "$build/logs"
# The targets' input files: on /dev/shm (no disk writes per execution), gone after the run even
# when a crash stopped a target before it could clean up.
POOLED_FUZZ_SCRATCH="$(mktemp -d /dev/shm/pooled-fuzz.XXXXXX 2>/dev/null || mktemp -d)"
export POOLED_FUZZ_SCRATCH
trap 'rm -rf "$POOLED_FUZZ_SCRATCH"' EXIT
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  crashes="$build/crashes/$target"
  mkdir -p "$corpus" "$crashes"
  log="$build/logs/$target.log"
  echo "fuzz_$target: ${seconds} s, -max_len=$(max_len_of "$target"), log $log"
  dict=()
  if [ -f "$root/fuzz/dict/$target.dict" ]; then dict=(-dict="$root/fuzz/dict/$target.dict"); fi
  # Run from the crash folder: libFuzzer's -artifact_prefix puts crash-*, leak-*, timeout-*
  # and oom-* files there. -timeout: an input taking 10 s is a finding (a hang).
  set +e
  (cd "$crashes" && nice -n 10 "$build/bin/fuzz_$target" "$corpus" "$root/fuzz/corpus/$target" \
      -max_total_time="$seconds" -max_len="$(max_len_of "$target")" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$crashes/" -print_final_stats=1 "${dict[@]}" >"$log" 2>&1)
  rc=$?
  set -e
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ +DONE' "$log" | sed 's/^/  /' || true
  # One line per run, kept across runs, for fuzz/README.md's "What was run".
  executions="$(awk '/^stat::number_of_executed_units/ { n = $2 } END { print n + 0 }' "$log")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$seconds" "$executions" "$rc" \
    "$(ls "$crashes" | tr '\n' ' ')" >>"$build/logs/runs.tsv"
  if [ $rc -ne 0 ] || [ -n "$(ls -A "$crashes")" ]; then
    echo "  FINDING (exit $rc): $(ls "$crashes" | tr '\n' ' ')"
    grep -m1 -E 'ERROR: |runtime error:|pooled fuzz finding|terminate called' "$log" | sed 's/^/  /' || true
    status=1
  fi
done
exit $status
}
