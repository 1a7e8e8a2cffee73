# Sourced by the benchmark scripts: builds pooled Release in build-bench/ (tests and examples
# off), installs it into "$work/prefix" and builds the benchmark project in directory `here`
# against that install with find_package(Pooled), as tests/postinstall does.
#
#   bench_build ROOT HERE WORK   leaves the benchmark programs in WORK/bench and puts the
#                                installed library on LD_LIBRARY_PATH

bench_build() {
  local root="$1" here="$2" work="$3"
  local generator=() launcher=()
  if command -v ninja >/dev/null 2>&1 && [ ! -f "$root/build-bench/Makefile" ]; then generator=(-G Ninja); fi
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  echo "building pooled (Release) in build-bench ..." >&2
  cmake -S "$root" -B "$root/build-bench" "${generator[@]}" "${launcher[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DPOOLED_BUILD_TESTS=OFF -DPOOLED_BUILD_EXAMPLES=OFF >/dev/null
  cmake --build "$root/build-bench" --parallel "$(nproc)" >/dev/null
  cmake --install "$root/build-bench" --prefix "$work/prefix" >/dev/null
  cmake -S "$here" -B "$work/bench" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
  cmake --build "$work/bench" >/dev/null
  export LD_LIBRARY_PATH="$work/prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
}

# bench_measure WORK RESULTS TASK TOOL RUN COMMAND...: runs COMMAND as one process under
# /usr/bin/time -v (scratch files in WORK); appends {"task", "tool", "run", "maxrss_kib" (its
# "Maximum resident set size"), "result" (the last `RESULT {json}` line it printed)} to the
# JSON-lines file RESULTS and prints the time_s to stderr. Exits the script if COMMAND fails.
bench_measure() {
  local work="$1" results="$2" task="$3" tool="$4" run="$5"
  shift 5
  if ! /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt"; then
    echo "FAILED: $task $tool: $*" >&2
    cat "$work/stderr.txt" >&2
    exit 1
  fi
  local rss result
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")"
  result="$(sed -n 's/^RESULT //p' "$work/stdout.txt" | tail -1)"
  echo "{\"task\": \"$task\", \"tool\": \"$tool\", \"run\": $run, \"maxrss_kib\": $rss, \"result\": $result}" >>"$results"
  printf '  %-14s %-16s run %d: %s s\n' "$task" "$tool" "$run" \
    "$(sed -n 's/.*"time_s": \([0-9.e-]*\).*/\1/p' <<<"$result")" >&2
}

# bench_install PACKAGE...: installs the Debian packages among them that are missing (as root).
bench_install() {
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
