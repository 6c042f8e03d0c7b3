#!/usr/bin/env bash
# What `npm run demo` and `npm run dev` share: the project's dev dependencies, a real n8n 2.x (first
# run only) and this package built and packed. Usage: source it with TMP set; it sets TARBALL.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
started=$SECONDS
say() { printf '[%s] %s\n' "${LABEL:-demo}" "$*" >&2; }

if [ ! -d "$ROOT/node_modules/n8n-workflow" ]; then
  say "step 1 of 3: installing the project's dev dependencies (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund)
else
  say "step 1 of 3: the project's dev dependencies are installed"
fi

say "step 2 of 3: a real n8n 2.x to run the package in"
bash "$ROOT/test/e2e/install-n8n.sh" v2

say "step 3 of 3: building and packing n8n-nodes-cyberfile"
(cd "$ROOT" && npm run build --silent >"$TMP/build.log" 2>&1) || { cat "$TMP/build.log" >&2; say "the build failed (above)"; exit 1; }
pack="$(cd "$ROOT" && npm pack --silent --pack-destination "$TMP" 2>>"$TMP/build.log" | tail -n 1)"
[ -f "$TMP/$pack" ] || { cat "$TMP/build.log" >&2; say "npm pack failed (above)"; exit 1; }
TARBALL="$TMP/$pack"
say "ready after $((SECONDS - started)) s"
