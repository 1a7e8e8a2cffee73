#!/usr/bin/env bash
# Post-install test (PROJ's pattern): install pooled into a temporary prefix, build
# examples/01_load_layers.cpp against it with find_package(Pooled), and run it on testdata.
# Usage: run.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$1"
source="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/lib/cmake/Pooled/PooledConfig.cmake"
test -f "$work/prefix/lib/cmake/Pooled/PooledConfigVersion.cmake"
test -f "$work/prefix/include/pooled/io/reader.hpp"
test -f "$work/prefix/include/pooled/version.hpp"
test -x "$work/prefix/bin/pooled"
# No public header may include GDAL, GEOS or PROJ headers.
if grep -rEl '#include *[<"](gdal|ogr|cpl_|geos|proj)[^>"]*[>"]' "$work/prefix/include/pooled"; then
  echo "a public header includes a GDAL, GEOS or PROJ header" >&2
  exit 1
fi

cmake -S "$source/tests/postinstall/cmake_app" -B "$work/app" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DPOOLED_EXAMPLE_SOURCE="$source/examples/01_load_layers.cpp" >/dev/null
cmake --build "$work/app" >/dev/null

out="$("$work/app/load_layers" "$source/testdata/derbyshire/derbyshire_zones.gpkg:lsoa21")"
echo "$out"
# 651 LSOAs in EPSG:27700, as ogrinfo -so reports for that layer.
grep -q "working CRS EPSG:27700" <<<"$out"
grep -q "lsoa21: 651 features, 0 skipped" <<<"$out"
"$work/prefix/bin/pooled" --version | grep -q "pooled 0.1.0"
echo "post-install consumer build: ok"
