#!/usr/bin/env bash
# The default names fkaudit gives indexes, keys and foreign keys against
# the names a real PostgreSQL 15 server gives them: testdata/pg/*.sql run
# on a throwaway server (Debian's postgresql-15 binaries, as scripts/setup
# --dev installs them), the server's catalog against tests/names_dump.
# Usage: tests/pg_names.sh NAMES_DUMP   (TAP on standard output)
set -euo pipefail
dump=$1
bin=/usr/lib/postgresql/15/bin
sqls=(testdata/pg/*.sql)
echo "1..${#sqls[@]}"
if [ ! -x "$bin/postgres" ]; then
  echo "Bail out! PostgreSQL 15 is not installed ($bin/postgres): run scripts/setup --dev"
  exit 1
fi
tmp=$(mktemp -d)
# initdb refuses root: the server runs as nobody when the tests run as root
as=()
if [ "$(id -u)" -eq 0 ]; then
  as=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
  chown nobody "$tmp"
fi
stop() {
  "${as[@]}" "$bin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap stop EXIT
"${as[@]}" "$bin/initdb" -D "$tmp/data" -U postgres -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 ||
  { echo "Bail out! initdb failed: $(tail -3 "$tmp/initdb.log")"; exit 1; }
"${as[@]}" "$bin/pg_ctl" -D "$tmp/data" -w -l "$tmp/server.log" \
  -o "-k $tmp -c listen_addresses= -c fsync=off" start >/dev/null ||
  { echo "Bail out! the server did not start: $(tail -3 "$tmp/server.log")"; exit 1; }
psql=("$bin/psql" -h "$tmp" -U postgres -X -q -v ON_ERROR_STOP=1)
n=0
for sql in "${sqls[@]}"; do
  n=$((n + 1))
  db=t$n
  "${as[@]}" "$bin/createdb" -h "$tmp" -U postgres "$db"
  if ! "${as[@]}" "${psql[@]}" -d "$db" -f "$sql" >"$tmp/run.log" 2>&1; then
    echo "not ok $n - $sql: PostgreSQL refused it: $(tail -3 "$tmp/run.log")"
    continue
  fi
  "${as[@]}" "${psql[@]}" -d "$db" -At -c "
    SELECT 'index ' || c.relname FROM pg_class c
      JOIN pg_namespace s ON s.oid = c.relnamespace
     WHERE s.nspname = 'public' AND c.relkind = 'i'
    UNION ALL
    SELECT 'fkey ' || conname FROM pg_constraint
     WHERE contype = 'f' AND connamespace = 'public'::regnamespace" |
    LC_ALL=C sort >"$tmp/want"
  "$dump" "$sql" | LC_ALL=C sort >"$tmp/got"
  if diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
    echo "ok $n - $sql: $(wc -l <"$tmp/want") names as PostgreSQL 15 gives them"
  else
    echo "not ok $n - $sql: names differ (- PostgreSQL, + fkaudit)"
    sed 's/^/# /' "$tmp/diff"
  fi
done
