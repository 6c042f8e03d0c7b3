#!/usr/bin/env bash
# `npm run bench`: builds and packs the package, then test/bench/transfer.mjs uploads and downloads a
# 1 GiB file through a real n8n 2.x and with curl and node:http against the same emulator, and
# test/bench/many.mjs runs many small operations (lookups, uploads, downloads, a tree listing).
# Needs the n8n 2.x of the end-to-end suite (installed on first use by test/e2e/install-n8n.sh).
#   BENCH_BYTES, BENCH_REPS, BENCH_KEEP=1: see test/bench/transfer.mjs; BENCH_MANY_*: see many.mjs
# test/bench/first-transfer.mjs downloads 1 GiB as the first big transfer of fresh `n8n execute`
# processes, in the suite's n8n 2.x and in an older 2.x (BENCH_FIRST_N8N_OLD, default 2.40.7,
# installed alongside on first use).
#   BENCH_PARTS=transfer,many,first (default all three): which of them to run
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-cyberfile-e2e}"
N8N_V2="$(node -e "import('$ROOT/test/e2e/n8n.mjs').then((m) => console.log(m.VERSIONS.v2.n8n))")"

parts=",${BENCH_PARTS:-transfer,many,first},"
if [ ! -f "$CACHE/n8n-$N8N_V2/.installed" ]; then
  bash "$ROOT/test/e2e/install-n8n.sh" v2
fi
N8N_FIRST_OLD="${BENCH_FIRST_N8N_OLD:-2.40.7}"
if [[ "$parts" == *,first,* ]] && [ ! -f "$CACHE/n8n-$N8N_FIRST_OLD/.installed" ]; then
  N8N_V2_VERSION="$N8N_FIRST_OLD" bash "$ROOT/test/e2e/install-n8n.sh" v2
fi

pack_dir="$(mktemp -d "${TMPDIR:-/tmp}/cyberfile-bench-pack.XXXXXX")"
trap 'rm -rf "$pack_dir"' EXIT
(cd "$ROOT" && npm run build --silent >"$pack_dir/build.log" 2>&1) || { cat "$pack_dir/build.log" >&2; exit 1; }
pack="$(cd "$ROOT" && npm pack --silent --pack-destination "$pack_dir" 2>>"$pack_dir/build.log" | tail -n 1)"

if [[ "$parts" == *,transfer,* ]]; then BENCH_TARBALL="$pack_dir/$pack" node "$HERE/transfer.mjs"; fi
if [[ "$parts" == *,many,* ]]; then BENCH_TARBALL="$pack_dir/$pack" node "$HERE/many.mjs"; fi
if [[ "$parts" == *,first,* ]]; then BENCH_TARBALL="$pack_dir/$pack" BENCH_FIRST_N8N_OLD="$N8N_FIRST_OLD" node "$HERE/first-transfer.mjs"; fi
