# Sourced by the benchmark scripts: bench_build builds pooled Release in build-bench/ (tests and examples
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
