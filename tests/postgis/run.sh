#!/usr/bin/env bash
# PostGIS as a source: start a throwaway PostgreSQL server on a Unix socket in a temporary
# directory, load fixture.sql, and read it with `pooled info` through a GDAL "PG:" connection
# string. Needs PostgreSQL and PostGIS (scripts/deps.sh --tests installs them).
# Usage: run.sh POOLED_CLI
set -euo pipefail
pooled="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/lib/throwaway_postgres.sh
source "$here/../../scripts/lib/throwaway_postgres.sh"
trap pg_stop EXIT
pg_start
psql=("${pg_psql[@]}")
"${psql[@]}" -d postgres -c "CREATE DATABASE estate"
"${psql[@]}" -d estate -f "$here/fixture.sql" >/dev/null

connection="PG:host=$pg_dir port=$pg_port user=pooled dbname=estate"

# 1. A PostGIS table reads like any other layer: 3 sites, EPSG:27700, fields name and gia_m2.
out="$("$pooled" info "$connection tables=sites" --as assets --json)"
echo "$out" | grep -q '"driver": "PostgreSQL"'
echo "$out" | grep -q '"code": "EPSG:27700"'
echo "$out" | grep -q '"feature_count": 3'
echo "$out" | grep -q '"floor_area": "gia_m2"'
echo "$out" | grep -q '"total": 22705.5'   # 795 + 410.5 + 21500, by hand

# 2. A bad record in PostGIS is named like one in a file: feature 2, the bow-tie.
set +e
err="$("$pooled" info "$connection tables=zones" 2>&1 >/dev/null)"
status=$?
set -e
echo "$err"
[ "$status" -eq 1 ]
grep -q "Self-intersection at (430500 360500)" <<<"$err"
grep -q "layer 'zones'" <<<"$err"
grep -q "feature 2" <<<"$err"
grep -q "PG:host=" <<<"$err"

# 3. --on-invalid repair mends it with MakeValid.
"$pooled" info "$connection tables=zones" --on-invalid repair | grep -q "loaded:    2 (0 skipped, 1 repaired)"
echo "PostGIS source: ok"
