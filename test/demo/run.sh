#!/usr/bin/env bash
# `npm run demo`: a real n8n 2.x executes an example workflow with this package installed as a
# community package, against the bundled Cyberfile emulator, or against a real site when
# CYBERFILE_USERNAME/CYBERFILE_PASSWORD (or CYBERFILE_KEY1/CYBERFILE_KEY2) are set.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/n8n-nodes-cyberfile-demo.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
LABEL=demo source "$HERE/prepare.sh"
E2E_TARBALL="$TARBALL" DEMO_WORKDIR="$TMP/n8n" node "$HERE/demo.mjs"
