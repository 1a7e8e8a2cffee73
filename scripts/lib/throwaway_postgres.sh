# Sourced by tests/postgis/run.sh and the benchmarks: a throwaway PostgreSQL server on a Unix
# socket in a temporary directory of its own (as root, the server runs as the postgres system
# user, since initdb refuses root; that user cannot enter the caller's own temporary folders).
#
#   pg_start   sets pg_dir (socket directory, use as host=), pg_port, pg_bin and the array
#              pg_psql (psql as the superuser "pooled", stopping at the first error)
#   pg_stop    stops the server and removes its directory; safe to call twice (e.g. from a trap)

pg_start() {
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "PostgreSQL server binaries not found (run scripts/deps.sh --tests)" >&2
    return 1
  fi
  pg_dir="$(mktemp -d)"
  pg_as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$pg_dir"
    pg_as=(runuser -u postgres --)
  fi
  pg_port=$((50000 + RANDOM % 10000))
  "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U pooled >/dev/null
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=''" start >/dev/null
  pg_running=1
  pg_psql=("$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -p "$pg_port" -U pooled)
}

pg_stop() {
  if [ "${pg_running:-0}" = 1 ]; then
    "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
    pg_running=0
  fi
  if [ -n "${pg_dir:-}" ]; then
    rm -rf "$pg_dir"
    pg_dir=""
  fi
}
