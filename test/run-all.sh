#!/usr/bin/env bash
# Runs every test suite and ends with one line that sums them: "N passed, N failed".
# Usage: bash test/run-all.sh [suite...]   (suites: unit lsp webview extension web fuzz hostile security; default all)
set -u
cd "$(dirname "$0")/.."
export JM_RESULTS="${JM_RESULTS:-$PWD/test-results/counts.jsonl}"
mkdir -p test-results
rm -f "$JM_RESULTS"

suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(unit lsp webview extension web fuzz hostile security)

npm run --silent build || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

status=0
for s in "${suites[@]}"; do
  echo
  echo "=== suite: $s ==="
  if [ -x "test/$s/run.sh" ]; then
    JM_SUITE=$s bash "test/$s/run.sh" || status=1
  else
    JM_SUITE=$s npx mocha --config test/.mocharc.json "test/$s/**/*.test.ts" || status=1
  fi
  # A suite that died before its reporter wrote counts must still count as a failure.
  grep -q "\"suite\":\"$s\"" "$JM_RESULTS" 2>/dev/null || { echo "suite $s reported no results"; echo "{\"suite\":\"$s\",\"passed\":0,\"failed\":1,\"skipped\":0}" >> "$JM_RESULTS"; status=1; }
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
