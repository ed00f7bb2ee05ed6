#!/usr/bin/env bash
# The lsp suite: mocha over test/lsp with --exit. Twice in this session's runs (once in 1 of
# 3 full runs) the suite printed "N passing", its reporter wrote the counts, and the mocha
# process then stayed alive with no child process left, holding CI for good; run alone it exits
# in a second, and the handle was not caught in the act. --exit ends the process once mocha's
# run is over: every test still runs and counts (a failure inside a test still fails the
# suite), only a handle left open after the last test no longer keeps the process alive.
# Called by test/run-all.sh.
set -uo pipefail
cd "$(dirname "$0")/../.."
npx mocha --config test/.mocharc.json --exit 'test/lsp/**/*.test.ts' "$@"
