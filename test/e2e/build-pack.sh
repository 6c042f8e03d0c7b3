#!/usr/bin/env bash
# Builds the package and packs it into $1 (log: $1/build.log); prints the tarball's path.
# Shared by the end-to-end runners (test/e2e/run.sh, test/e2e/queue/run.sh).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dest="$1"
(cd "$ROOT" && npm run build --silent >"$dest/build.log" 2>&1) || { cat "$dest/build.log" >&2; echo "npm run build failed" >&2; exit 1; }
pack="$(cd "$ROOT" && npm pack --silent --pack-destination "$dest" 2>>"$dest/build.log" | tail -n 1)"
[ -f "$dest/$pack" ] || { cat "$dest/build.log" >&2; echo "npm pack failed" >&2; exit 1; }
echo "$dest/$pack"
