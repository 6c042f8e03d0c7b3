#!/usr/bin/env bash
# `npm run dev`: the bundled Cyberfile emulator and a real n8n editor on http://localhost:5678 with
# this package loaded, an owner account, a ready credential and the example workflows. Ctrl-C stops it.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/n8n-nodes-cyberfile-dev.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
LABEL=dev source "$HERE/prepare.sh"
E2E_TARBALL="$TARBALL" node "$HERE/dev.mjs" &
pid=$!
# Ctrl-C or a kill of this script reaches dev.mjs, which stops what it started.
trap 'kill -TERM "$pid" 2>/dev/null || true' INT TERM
while kill -0 "$pid" 2>/dev/null; do wait "$pid" || true; done
wait "$pid" 2>/dev/null || exit $?
