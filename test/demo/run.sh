#!/usr/bin/env bash
# `npm run demo`: a real n8n 2.x executes an example workflow with this package installed as a
# community package, against the bundled Cyberfile emulator, or against a real site when
# CYBERFILE_USERNAME/CYBERFILE_PASSWORD (or CYBERFILE_KEY1/CYBERFILE_KEY2) are set.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
[ -d "$ROOT/node_modules" ] || (cd "$ROOT" && npm ci --no-audit --no-fund)
bash "$ROOT/test/e2e/install-n8n.sh" v2
tmp="$(mktemp -d "${TMPDIR:-/tmp}/n8n-nodes-cyberfile-demo.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
echo "[demo] building and packing the package" >&2
(cd "$ROOT" && npm run build --silent >"$tmp/build.log" 2>&1) || { cat "$tmp/build.log" >&2; exit 1; }
pack="$(cd "$ROOT" && npm pack --silent --pack-destination "$tmp" 2>>"$tmp/build.log" | tail -n 1)"
E2E_TARBALL="$tmp/$pack" DEMO_WORKDIR="$tmp/n8n" node "$HERE/demo.mjs"
