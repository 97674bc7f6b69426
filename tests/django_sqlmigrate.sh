#!/usr/bin/env bash
# fkaudit's SQL for Django migrations against Django's own sqlmigrate, on a
# throwaway PostgreSQL 15 server (tests/pg_server.sh) with Debian's
# python3-django and python3-psycopg2 (scripts/setup installs them).
# Usage: tests/django_sqlmigrate.sh FKAUDIT   (TAP on standard output)
set -euo pipefail
fkaudit=$(realpath "$1")
py=/usr/bin/python3
if ! "$py" -c 'import django, psycopg2' 2>/dev/null; then
  echo "Bail out! python3-django and python3-psycopg2 are not installed: run scripts/setup"
  exit 1
fi
. tests/pg_server.sh
pg_start
"$py" tests/django_sqlmigrate.py "$fkaudit" "$pg_tmp" testdata/django/*/
