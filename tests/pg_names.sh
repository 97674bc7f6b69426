#!/usr/bin/env bash
# The default names fkaudit gives indexes, keys and foreign keys against
# the names a real PostgreSQL 15 server gives them: testdata/pg/*.sql run
# on a throwaway server (tests/pg_server.sh), the server's catalog against
# tests/names_dump.
# Usage: tests/pg_names.sh NAMES_DUMP   (TAP on standard output)
set -euo pipefail
dump=$1
sqls=(testdata/pg/*.sql)
echo "1..${#sqls[@]}"
. tests/pg_server.sh
pg_start
tmp=$pg_tmp
bin=$pg_bin
psql=("$bin/psql" -h "$tmp" -U postgres -X -q -v ON_ERROR_STOP=1)
n=0
for sql in "${sqls[@]}"; do
  n=$((n + 1))
  db=t$n
  "${pg_as[@]}" "$bin/createdb" -h "$tmp" -U postgres "$db"
  if ! "${pg_as[@]}" "${psql[@]}" -d "$db" -f "$sql" >"$tmp/run.log" 2>&1; then
    echo "not ok $n - $sql: PostgreSQL refused it: $(tail -3 "$tmp/run.log")"
    continue
  fi
  "${pg_as[@]}" "${psql[@]}" -d "$db" -At -c "
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
