# Sourced by the tests that need a real PostgreSQL 15 server: pg_start
# starts a throwaway one (Debian's postgresql-15 binaries, as scripts/setup
# installs them) in a temporary folder, on a Unix socket there and no TCP,
# and stops it and removes the folder when the shell exits. After it:
#   $pg_tmp   the folder (the socket's too: psql -h "$pg_tmp")
#   pg_as     the command prefix the server's tools run with (initdb
#             refuses root: as root they run as nobody)
#   $pg_bin   the binaries
# On failure it prints a TAP "Bail out!" line and exits 1.
pg_bin=/usr/lib/postgresql/15/bin

pg_stop() {
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_tmp"
}

pg_start() {
  if [ ! -x "$pg_bin/postgres" ]; then
    echo "Bail out! PostgreSQL 15 is not installed ($pg_bin/postgres): run scripts/setup"
    exit 1
  fi
  pg_tmp=$(mktemp -d)
  pg_as=()
  if [ "$(id -u)" -eq 0 ]; then
    pg_as=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
    chown nobody "$pg_tmp"
  fi
  trap pg_stop EXIT
  "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_tmp/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    >"$pg_tmp/initdb.log" 2>&1 ||
    { echo "Bail out! initdb failed: $(tail -3 "$pg_tmp/initdb.log")"; exit 1; }
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_tmp/data" -w -l "$pg_tmp/server.log" \
    -o "-k $pg_tmp -c listen_addresses= -c fsync=off" start >/dev/null ||
    { echo "Bail out! the server did not start: $(tail -3 "$pg_tmp/server.log")"; exit 1; }
}
