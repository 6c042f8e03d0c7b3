#!/usr/bin/env bash
# End-to-end suite (`npm run test:e2e`): builds and packs the package, then runs test/e2e/*.e2e.mjs
# against real n8n processes, once per version, with one n8n user folder per version.
#   E2E_VERSIONS="v2 v1" (default)   which n8n versions to run against
#   E2E_KEEP=1                       keep the temp dir (user folders, logs, TAP files)
#   E2E_PARALLEL=1                   run the versions at the same time (reports printed afterwards)
#   test/e2e/run.sh [files...]       only these test files
# Last line: "N passed, M failed"; exit status non-zero when anything failed.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VERSIONS="${E2E_VERSIONS:-v2 v1}"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-cyberfile-e2e}"
NODE20="${E2E_NODE20:-$(command -v node)}"

log() { printf '[e2e] %s\n' "$*" >&2; }
die() { log "$*"; echo "0 passed, 1 failed"; exit 1; }

installed_version() { # v2|v1 -> n8n version the harness uses
  "$NODE20" -e "import('$HERE/n8n.mjs').then((m) => console.log(m.VERSIONS['$1'].n8n))"
}

tmp="$(mktemp -d "${TMPDIR:-/tmp}/n8n-nodes-cyberfile-e2e.XXXXXX")"
if [ "${E2E_KEEP:-}" = 1 ]; then log "keeping $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi

for v in $VERSIONS; do
  n8nv="$(installed_version "$v")" || die "unknown version $v"
  if [ ! -f "$CACHE/n8n-$n8nv/.installed" ]; then
    log "n8n $n8nv missing: installing (first time only, several minutes)"
    bash "$HERE/install-n8n.sh" "$v" || die "install-n8n.sh $v failed"
  fi
done

log "building and packing"
E2E_TARBALL="$(bash "$HERE/build-pack.sh" "$tmp")" || die "building or packing failed"
export E2E_TARBALL

if [ "$#" -gt 0 ]; then files=("$@"); else files=("$HERE"/*.e2e.mjs); fi

# One version: its own n8n user folder; spec report to $tmp/$v.out, TAP to $tmp/$v.tap.
run_version() { # $1 version, $2 "show" to stream the report as it runs
  local v="$1" started=$SECONDS
  E2E_VERSION="$v" E2E_WORKDIR="$tmp/n8n-$v" "$NODE20" --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tmp/$v.tap" \
    "${files[@]}" 2>&1 | if [ "${2:-}" = show ]; then tee "$tmp/$v.out"; else cat >"$tmp/$v.out"; fi
  echo "${PIPESTATUS[0]} $((SECONDS - started))" >"$tmp/$v.status"
}

if [ "${E2E_PARALLEL:-}" = 1 ]; then
  log "versions in parallel: $VERSIONS"
  for v in $VERSIONS; do run_version "$v" & done
  wait
fi

passed=0
failed=0
for v in $VERSIONS; do
  log "n8n $v ($(installed_version "$v")): ${#files[@]} file(s)"
  if [ "${E2E_PARALLEL:-}" = 1 ]; then cat "$tmp/$v.out"; else run_version "$v" show; fi
  read -r status secs <"$tmp/$v.status"
  p="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tmp/$v.tap" 2>/dev/null | tail -n 1)"
  f="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tmp/$v.tap" 2>/dev/null | tail -n 1)"
  p="${p:-0}"; f="${f:-0}"
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi # the runner itself failed
  log "n8n $v: $p passed, $f failed in $secs s"
  passed=$((passed + p))
  failed=$((failed + f))
done

[ "$failed" -eq 0 ] || [ "${E2E_KEEP:-}" = 1 ] || log "set E2E_KEEP=1 to keep n8n user folders and logs"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
