#!/usr/bin/env bash
# Runs every test suite and ends with one line that sums them: "N passed, N failed".
# Usage: bash test/run-all.sh [suite...]   (suites: unit lsp webview extension web fuzz hostile security; default all)
# Env: JM_RESULTS (the counts file), JM_TEST_DIR (where the suites live, default test; the
# unit suite points it at a fixture suite), JM_NO_BUILD=1 (skip the build).
set -u
cd "$(dirname "$0")/.."
export JM_RESULTS="${JM_RESULTS:-$PWD/test-results/counts.jsonl}"
mkdir -p test-results
rm -f "$JM_RESULTS"

suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(unit lsp webview extension web fuzz hostile security)

tests="${JM_TEST_DIR:-test}"
[ "${JM_NO_BUILD:-}" = 1 ] || npm run --silent build || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

status=0
for s in "${suites[@]}"; do
  echo
  echo "=== suite: $s ==="
  if [ -x "$tests/$s/run.sh" ]; then
    JM_SUITE=$s bash "$tests/$s/run.sh"
  else
    JM_SUITE=$s npx mocha --config test/.mocharc.json "$tests/$s/**/*.test.ts"
  fi
  rc=$?
  [ $rc -eq 0 ] || status=1
  # A suite that died before its reporter wrote counts must still count as a failure, and so
  # must one whose process failed after its reporter wrote "0 failed" (an error thrown after
  # mocha's run ended exits 7 with every test passed): the exit code wins over the counts.
  if ! grep -q "\"suite\":\"$s\"" "$JM_RESULTS" 2>/dev/null; then
    echo "suite $s reported no results (exit code $rc)"
    echo "{\"suite\":\"$s\",\"passed\":0,\"failed\":1,\"skipped\":0}" >> "$JM_RESULTS"
    status=1
  elif [ $rc -ne 0 ] && ! grep "\"suite\":\"$s\"" "$JM_RESULTS" | grep -qv '"failed":0,'; then
    echo "suite $s exited with code $rc but reported no failure: counted as one"
    echo "{\"suite\":\"$s\",\"passed\":0,\"failed\":1,\"skipped\":0}" >> "$JM_RESULTS"
  fi
done

node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
let p = 0, f = 0, k = 0;
for (const l of lines) { p += l.passed; f += l.failed; k += l.skipped; console.log(`${l.suite}: ${l.passed} passed, ${l.failed} failed, ${l.skipped} skipped`); }
if (k) console.log(`${k} skipped (see above)`);
console.log(`${p} passed, ${f} failed`);
process.exit(f > 0 ? 1 : 0);
' "$JM_RESULTS" || status=1
exit $status
