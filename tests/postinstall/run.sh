#!/usr/bin/env bash
# Post-install test (PROJ's pattern): install pooled into a temporary prefix, build
# examples/01_load_layers.cpp against it with find_package(Pooled) and examples/c/rutland_access.c
# with `pkg-config pooled`, run both on testdata, and check the man pages are installed.
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
  -DCMAKE_PREFIX_PATH="$work/prefix" -DPOOLED_EXAMPLE_SOURCE="$source/examples/01_load_layers.cpp" \
  -DPOOLED_C_EXAMPLE_SOURCE="$source/examples/c/rutland_access.c" >/dev/null
cmake --build "$work/app" >/dev/null

out="$("$work/app/load_layers" "$source/testdata/derbyshire/derbyshire_zones.gpkg:lsoa21")"
echo "$out"
# 651 LSOAs in EPSG:27700, as ogrinfo -so reports for that layer.
grep -q "working CRS EPSG:27700" <<<"$out"
grep -q "lsoa21: 651 features, 0 skipped" <<<"$out"
"$work/prefix/bin/pooled" --version | grep -q "pooled 0.1.0"

# The C API: libpooled_c with its ABI version, pooled.h, and pooled.pc (relocatable: the prefix
# comes from the .pc file's place).
test -f "$work/prefix/include/pooled/pooled.h"
test -f "$work/prefix/include/pooled/pooled_version.h"
ls "$work/prefix/lib"/libpooled_c.so.* >/dev/null
export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig"
pkg-config --exists pooled
[ "$(pkg-config --modversion pooled)" = "0.1.0" ]
# shellcheck disable=SC2046 # pkg-config's flags are meant to split
cc -std=c99 -pedantic -Wall -Wextra -Werror -o "$work/rutland_access" "$source/examples/c/rutland_access.c" \
  $(pkg-config --cflags --libs pooled) -Wl,-rpath,"$(pkg-config --variable=libdir pooled)"
c_out="$("$work/rutland_access" "$source/testdata/rutland/rutland_zones.gpkg:lsoa21" \
  "$source/testdata/rutland/rutland_facilities.gpkg:gp_practices_2022" \
  "$source/testdata/rutland/rutland-latest.osm.pbf" 2>/dev/null)"
echo "$c_out" | head -5
# ogrinfo -so: 26 LSOAs and 19 GP practices; E01013787 (Rutland 005A) is the first LSOA.
grep -q "26 zones, 19 facilities in EPSG:27700" <<<"$c_out"
grep -q "^E01013787 " <<<"$c_out"

# The same program built by CMake against Pooled::pooled_c gives the same output.
[ "$("$work/app/rutland_access" "$source/testdata/rutland/rutland_zones.gpkg:lsoa21" \
  "$source/testdata/rutland/rutland_facilities.gpkg:gp_practices_2022" \
  "$source/testdata/rutland/rutland-latest.osm.pbf" 2>/dev/null)" = "$c_out" ]

# A man page per command the installed CLI lists, and pooled(1).
man1="$work/prefix/share/man/man1"
test -s "$man1/pooled.1"
for command in $("$work/prefix/bin/pooled" --help | awk '/^Subcommands:/ {on = 1; next} on && NF {print $1}'); do
  [ "$command" = help ] && continue
  grep -q '^\.TH POOLED-'"$(tr a-z A-Z <<<"$command")"' ' "$man1/pooled-$command.1"
done
echo "post-install consumer builds (CMake, pkg-config) and man pages: ok"
