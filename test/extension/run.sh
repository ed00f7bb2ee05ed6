#!/usr/bin/env bash
# The extension suite, in a real VS Code: code-server (installed and cached by
# .ci/install-code-server.sh) driven headless by Debian's chromium. Packages the .vsix, bundles
# the in-VS Code tests, then runs both parts (see harness.ts). Called by test/run-all.sh.
set -uo pipefail
cd "$(dirname "$0")/../.."

fail() {
  echo "extension suite: $1"
  [ -n "${JM_RESULTS:-}" ] && echo '{"suite":"extension","passed":0,"failed":1,"skipped":0}' >> "$JM_RESULTS"
  exit 1
}

JM_CODE_SERVER_DIR="$(bash .ci/install-code-server.sh | tail -n 1)" || fail "code-server install failed"
export JM_CODE_SERVER_DIR

# The .vsix is what part B installs; packaging also leaves dist/ as it ships, which part A runs.
log="$(mktemp)"
npm run --silent package >"$log" 2>&1 || { cat "$log"; rm -f "$log"; fail "npm run package failed"; }
rm -f "$log"
node test/extension/build.mjs || fail "bundling the suite failed"

npx tsx test/extension/harness.ts "$@"
