#!/usr/bin/env bash
# Installs the Debian 12 packages pooled needs to build (and with --tests, to run every test;
# with --fuzz, to build and seed the fuzzers), when they are missing. As root it runs apt-get;
# otherwise it prints the exact command and
# exits 1.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config ccache
  libgdal-dev libgeos-dev libproj-dev libboost-dev
  catch2 libcli11-dev nlohmann-json3-dev libtomlplusplus-dev
  libosmium2-dev libprotozero-dev libexpat1-dev libbz2-dev zlib1g-dev liblz4-dev
  coinor-libcbc-dev libssl-dev
  libcairo2-dev fonts-dejavu-core
  help2man
)
if [ "${1:-}" = "--tests" ]; then
  # The PostGIS source test runs its own throwaway PostgreSQL server.
  packages+=(postgresql postgresql-15-postgis-3)
  # Report checks: page counts of the PDF (pdfinfo), the HTML loaded in headless Chromium.
  packages+=(poppler-utils chromium)
elif [ "${1:-}" = "--fuzz" ]; then
  # scripts/fuzz.sh: clang 14 with libFuzzer; fuzz/make_corpus.sh: ogr2ogr and sqlite3.
  packages+=(clang-14 libclang-rt-14-dev gdal-bin sqlite3)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

command="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "pooled needs these Debian packages; run as root:" >&2
  echo "  apt-get update && $command" >&2
  exit 1
fi

echo "Installing missing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; then
  apt-get update -qq
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi
