# Sourced by the benchmark scripts: bench_build builds pooled Release in build-bench/ (tests and examples
# off), installs it into "$work/prefix" and builds the benchmark project in directory `here`
# against that install with find_package(Pooled), as tests/postinstall does.
#
#   bench_build ROOT HERE WORK   leaves the benchmark programs in WORK/bench and puts the
#                                installed library on LD_LIBRARY_PATH
#   POOLED_BENCH_BUILD=DIR       install pooled from that existing build tree instead (e.g. build/,
#                                RelWithDebInfo: -O2 against Release's -O3), when a Release
#                                build would take too long on a loaded machine
#   POOLED_BENCH_PREFIX=DIR      use the pooled already installed in DIR (by bench_install_pooled)
#                                instead of building and installing it again: bench/compare.sh
#                                builds it once for every benchmark it runs

# bench_cmake_generator ROOT: sets bench_generator and bench_launcher (Ninja and ccache when there).
bench_cmake_generator() {
  bench_generator=() bench_launcher=()
  if command -v ninja >/dev/null 2>&1 && [ ! -f "$1/build-bench/Makefile" ]; then bench_generator=(-G Ninja); fi
  if command -v ccache >/dev/null 2>&1; then
    bench_launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
}

# bench_install_pooled ROOT PREFIX: builds pooled Release in ROOT/build-bench (or takes the tree
# POOLED_BENCH_BUILD names) and installs it into PREFIX.
bench_install_pooled() {
  local root="$1" prefix="$2"
  local tree="${POOLED_BENCH_BUILD:-$root/build-bench}"
  bench_cmake_generator "$root"
  if [ -z "${POOLED_BENCH_BUILD:-}" ]; then
    echo "building pooled (Release) in build-bench ..." >&2
    cmake -S "$root" -B "$tree" "${bench_generator[@]}" "${bench_launcher[@]}" -DCMAKE_BUILD_TYPE=Release \
      -DPOOLED_BUILD_TESTS=OFF -DPOOLED_BUILD_EXAMPLES=OFF >/dev/null
    cmake --build "$tree" --parallel "$(nproc)" >/dev/null
  else
    echo "using the pooled already built in $tree ($(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$tree/CMakeCache.txt"))" >&2
  fi
  cmake --install "$tree" --prefix "$prefix" >/dev/null
}

# Sets bench_prefix: where pooled is installed (its CLI is "$bench_prefix/bin/pooled").
bench_build() {
  local root="$1" here="$2" work="$3"
  local prefix="${POOLED_BENCH_PREFIX:-$work/prefix}"
  bench_prefix="$prefix"
  if [ -z "${POOLED_BENCH_PREFIX:-}" ]; then
    bench_install_pooled "$root" "$prefix"
  fi
  bench_cmake_generator "$root"
  cmake -S "$here" -B "$work/bench" "${bench_generator[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
  cmake --build "$work/bench" >/dev/null
  export LD_LIBRARY_PATH="$prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
}

# bench_process WORK COMMAND...: runs one measured process under /usr/bin/time -v, its stdout and
# stderr into WORK/stdout.txt and WORK/stderr.txt; sets BENCH_RSS_KIB (peak resident memory) and
# BENCH_RESULT (the JSON after the last "RESULT " line of stdout). Returns the command's status.
bench_process() {
  local work="$1"
  shift
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" || return
  BENCH_RSS_KIB="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")"
  BENCH_RESULT="$(sed -n 's/^RESULT //p' "$work/stdout.txt" | tail -1)"
}

# bench_measure WORK RESULTS TASK TOOL RUN COMMAND...: bench_process, then appends {"task", "tool",
# "run", "maxrss_kib", "result"} to the JSON-lines file RESULTS and prints the time_s to stderr.
# Exits the script if COMMAND fails.
bench_measure() {
  local work="$1" results="$2" task="$3" tool="$4" run="$5"
  shift 5
  if ! bench_process "$work" "$@"; then
    echo "FAILED: $task $tool: $*" >&2
    cat "$work/stderr.txt" >&2
    exit 1
  fi
  echo "{\"task\": \"$task\", \"tool\": \"$tool\", \"run\": $run, \"maxrss_kib\": $BENCH_RSS_KIB, \"result\": $BENCH_RESULT}" >>"$results"
  printf '  %-14s %-16s run %d: %s s\n' "$task" "$tool" "$run" \
    "$(sed -n 's/.*"time_s": \([0-9.e-]*\).*/\1/p' <<<"$BENCH_RESULT")" >&2
}

# bench_install_peers PACKAGE...   installs the Debian packages that are missing (as root)
bench_install_peers() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}
