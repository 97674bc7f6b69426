#!/usr/bin/env bash
# Writes fkaudit's SARIF and JUnit reports for all of testdata, for a clean input and for a file whose
# path needs percent-encoding, and checks each pair with scripts/validate-reports. Prints TAP.
#
# Environment:
#   FKAUDIT                        the binary (default build/fkaudit, relative to the source root)
#   FKAUDIT_ALLOW_SKIP_VALIDATION  1: when a validator cannot be set up (no network for npm), print
#                                  "1..0 # SKIP" and pass. Otherwise that fails: CI must really validate.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
root=$PWD

FKAUDIT=${FKAUDIT:-build/fkaudit}
case "$FKAUDIT" in
  /*) ;;
  *) FKAUDIT=$root/$FKAUDIT ;;
esac
validate=$root/scripts/validate-reports

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fkaudit-validate-testdata.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

diag() { sed 's/^/# /'; }

# The validators first: without them there is nothing to test.
if ! "$validate" --setup >"$tmp/setup.out" 2>&1; then
  if [ "${FKAUDIT_ALLOW_SKIP_VALIDATION:-}" = 1 ]; then
    diag <"$tmp/setup.out"
    echo "1..0 # SKIP validators unavailable"
    exit 0
  fi
  echo "1..1"
  echo "not ok 1 - validators set up (scripts/validate-reports --setup)"
  diag <"$tmp/setup.out"
  echo "# set FKAUDIT_ALLOW_SKIP_VALIDATION=1 to skip when they cannot be installed (no network)"
  exit 1
fi

echo "1..19"
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  [ -s "$tmp/out" ] && diag <"$tmp/out"
  return 0
}
# run DESCRIPTION COMMAND...: one test, ok when the command exits 0; its output is shown otherwise.
run() {
  local what=$1
  shift
  if "$@" >"$tmp/out" 2>&1; then ok "$what"; else not_ok "$what (exit $?)"; fi
}
# sarif_facts FILE MIN_RESULTS [URI]: the run has at least MIN_RESULTS results and, when URI is
# given, the first result's location is exactly URI (a validator accepts an empty report too).
sarif_facts() {
  python3 - "$@" <<'PY'
import json, sys
path, want_min = sys.argv[1], int(sys.argv[2])
want_uri = sys.argv[3] if len(sys.argv) > 3 else None
results = json.load(open(path, encoding="utf-8"))["runs"][0]["results"]
print(f"{len(results)} results")
if len(results) < want_min:
    sys.exit(f"expected at least {want_min} results")
if want_uri is not None:
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    if uri != want_uri:
        sys.exit(f"uri {uri!r}, expected {want_uri!r}")
PY
}

# 1-3. Everything in testdata, from the source root (paths in the reports: testdata/...).
run "fkaudit check --sarif --junit over testdata/rules and testdata/examples" \
  "$FKAUDIT" check --sarif "$tmp/all.sarif" --junit "$tmp/all.xml" --fail-level none \
  testdata/rules testdata/examples
run "testdata: SARIF has results" sarif_facts "$tmp/all.sarif" 1
run "testdata: SARIF and JUnit reports are valid" "$validate" "$tmp/all.sarif" "$tmp/all.xml"

# Django migrations: findings located in .py files, from the SQL inside their strings.
run "fkaudit check --sarif --junit over the Django fixture" \
  "$FKAUDIT" check --sarif "$tmp/django.sarif" --junit "$tmp/django.xml" --fail-level none \
  testdata/frameworks/django
run "Django: SARIF results located in the .py files, and valid with its JUnit" sh -c \
  "python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[\"runs\"][0][\"results\"]; \
assert r and all(x[\"locations\"][0][\"physicalLocation\"][\"artifactLocation\"][\"uri\"].endswith(\".py\") for x in r), r' \
  '$tmp/django.sarif' && '$validate' '$tmp/django.sarif' '$tmp/django.xml'"

# 4-5. A clean input on standard input: no results, yet valid reports (results: [], one passing test).
clean() { printf 'SELECT 1;\n' | "$FKAUDIT" check --sarif "$tmp/clean.sarif" --junit "$tmp/clean.xml" -; }
run "fkaudit check - (clean input from standard input)" clean
run "clean input: SARIF and JUnit reports are valid" "$validate" "$tmp/clean.sarif" "$tmp/clean.xml"

# 6-9. A path with a space, non-ASCII letters and a '%', in a folder that is not in a git repository.
odd="dir with space/ünï%code.sql"
mkdir -p "$tmp/nogit/dir with space"
printf 'ALTER TABLE a ADD FOREIGN KEY (b) REFERENCES c (id);\n' >"$tmp/nogit/$odd"
odd_check() (
  cd "$tmp/nogit" &&
    GIT_CEILING_DIRECTORIES=$tmp "$FKAUDIT" check --sarif "$tmp/odd.sarif" --junit "$tmp/odd.xml" \
      --fail-level none "$odd"
)
run "fkaudit check '$odd'" odd_check
run "odd path: SARIF and JUnit reports are valid" "$validate" "$tmp/odd.sarif" "$tmp/odd.xml"
# RFC 3986: UTF-8 bytes and '%' percent-encoded, '/' kept.
run "odd path: SARIF uri is percent-encoded UTF-8" \
  sarif_facts "$tmp/odd.sarif" 1 "dir%20with%20space/%C3%BCn%C3%AF%25code.sql"
odd_junit() {
  python3 - "$tmp/odd.xml" "$odd" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
names = {s.get("name") for s in root.iter("testsuite")} | {c.get("file") for c in root.iter("testcase")}
print("testsuite names and testcase files:", sorted(n for n in names if n))
sys.exit(0 if sys.argv[2] in names else 1)
PY
}
run "odd path: JUnit names the file by its plain path" odd_junit

# 10-11. The report fixture: suppressed findings kept (--include-suppressed), an unused
# suppression, a statement PostgreSQL 15 rejects, and a binary file (exit 3), so that the
# suppressions arrays and the tool execution notifications are validated too.
fixture() (
  cd testdata/reports/input &&
    GIT_CEILING_DIRECTORIES=$root/testdata/reports "$FKAUDIT" check --include-suppressed \
      --sarif "$tmp/fixture.sarif" --junit "$tmp/fixture.xml" . >/dev/null
  [ $? -eq 3 ]
)
run "fkaudit check --include-suppressed testdata/reports/input (exit 3: a binary file)" fixture
run "fixture: SARIF and JUnit reports are valid" "$validate" "$tmp/fixture.sarif" "$tmp/fixture.xml"

# 12-15. fkaudit history on the demo's sample repository: results naming their commits, a
# deleted file's findings (JUnit only), fixed ones left out of SARIF, then with --sarif-fixed.
scripts/make-demo-repo "$tmp/demo" >/dev/null 2>&1
history() (
  cd "$tmp/demo" && "$FKAUDIT" history --quiet --sarif "$tmp/h.sarif" --junit "$tmp/h.xml" >/dev/null
  [ $? -le 1 ]
)
run "fkaudit history on the demo repository" history
run "history: SARIF and JUnit reports are valid" "$validate" "$tmp/h.sarif" "$tmp/h.xml"
history_facts() {
  python3 - "$tmp/h.sarif" "$tmp/h.xml" <<'PY'
import json, sys, xml.etree.ElementTree as ET
results = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]["results"]
for r in results:
    p = r["properties"]
    assert len(p["fkaudit/introducedInCommit"]) == 40, p
    assert p["fkaudit/state"] == "present", p
    assert "Introduced in commit " in r["message"]["text"], r["message"]
    assert "invoices" not in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
print(len(results), "results, all present, all naming their commit")
suites = [s.get("name") for s in ET.parse(sys.argv[2]).getroot().iter("testsuite")]
assert "history: migrations/20240201162000_invoices.sql" in suites, suites
PY
}
run "history: SARIF names commits and leaves out what GitHub cannot place" history_facts
fixed() (
  cd "$tmp/demo" && "$FKAUDIT" history --quiet --sarif-fixed --sarif "$tmp/f.sarif" >/dev/null
  [ $? -le 1 ]
)
run "fkaudit history --sarif-fixed" fixed
run "history --sarif-fixed: SARIF is valid" "$validate" "$tmp/f.sarif"

# 17. fkaudit diff on the demo repository, against its first commit.
diff_run() (
  cd "$tmp/demo" && "$FKAUDIT" diff --quiet --sarif "$tmp/d.sarif" --junit "$tmp/d.xml" HEAD~6 >/dev/null
  [ $? -le 1 ] && "$validate" "$tmp/d.sarif" "$tmp/d.xml"
)
run "fkaudit diff on the demo repository: SARIF and JUnit reports are valid" diff_run

echo "# $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
