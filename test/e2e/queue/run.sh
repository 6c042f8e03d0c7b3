#!/usr/bin/env bash
# Queue-mode end-to-end suite (`npm run test:queue`): n8n 2.x as a main and workers on Postgres and
# Redis, executions through production webhooks, the packed package installed in every process.
#   QUEUE_KEEP=1        keep the scratch folder (databases, n8n user folders and logs)
#   QUEUE_ONLY=regex    only the tests whose names match (node --test-name-pattern)
#   QUEUE_BURST_ROUNDS (10), QUEUE_SOAK_SECONDS (120): how long the burst and soak cases run
#   test/e2e/queue/run.sh [files...]   only these test files (default: test/e2e/queue/*.e2e.mjs)
# Installs Debian's postgresql and redis-server when missing (root, apt-get; no systemd needed):
# both run as plain processes on free loopback ports in a scratch folder, and everything this
# script started is stopped on exit, failures and Ctrl-C included.
# Last line: "N passed, M failed"; exit status non-zero when anything failed.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
NODE20="${E2E_NODE20:-$(command -v node)}"
started_at=$SECONDS

log() { printf '[queue] %s\n' "$*" >&2; }
die() { log "$*"; echo "0 passed, 1 failed"; exit 1; }

scratch="$(mktemp -d "${TMPDIR:-/tmp}/n8n-nodes-cyberfile-queue.XXXXXX")"
chmod 755 "$scratch"
export QUEUE_SCRATCH="$scratch"

pgbin() { # the newest installed PostgreSQL's bin folder
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && echo "$dir"
}

cleanup() {
  local code=$?
  # n8n processes the tests started (process groups), should a test runner die before its after().
  if [ -f "$scratch/n8n.pids" ]; then
    while read -r pid; do kill -TERM -- "-$pid" 2>/dev/null || true; done <"$scratch/n8n.pids"
    sleep 1
    while read -r pid; do kill -KILL -- "-$pid" 2>/dev/null || true; done <"$scratch/n8n.pids"
  fi
  if [ -n "${REDIS_PORT:-}" ]; then
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  fi
  if [ -f "$scratch/redis.pid" ]; then kill "$(cat "$scratch/redis.pid")" 2>/dev/null || true; fi
  if [ -f "$scratch/pg/postmaster.pid" ]; then
    su postgres -s /bin/sh -c "'$(pgbin)/pg_ctl' -D '$scratch/pg' -m immediate stop" >/dev/null 2>&1 || true
  fi
  if [ "${QUEUE_KEEP:-}" = 1 ]; then log "kept $scratch"; else rm -rf "$scratch"; fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Postgres and Redis ------------------------------------------------------------------------
missing=()
[ -n "$(pgbin)" ] || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}: install them (apt-get install -y ${missing[*]}) or run as root"
  log "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"; } >"$scratch/apt.log" 2>&1 ||
    { tail -n 30 "$scratch/apt.log" >&2; die "apt-get install ${missing[*]} failed"; }
fi
id postgres >/dev/null 2>&1 || die "no postgres user (Debian's postgresql package creates it)"

free_port() { "$NODE20" -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
export PG_PORT REDIS_PORT
PG_PORT="$(free_port)"
REDIS_PORT="$(free_port)"

log "postgres on 127.0.0.1:$PG_PORT, redis on 127.0.0.1:$REDIS_PORT (scratch $scratch)"
mkdir -p "$scratch/pg" "$scratch/pgsock" "$scratch/pglog" "$scratch/redis"
chown postgres "$scratch/pg" "$scratch/pgsock" "$scratch/pglog"
su postgres -s /bin/sh -c "'$(pgbin)/initdb' -D '$scratch/pg' -U postgres -A trust --no-sync" >"$scratch/initdb.log" 2>&1 ||
  { cat "$scratch/initdb.log" >&2; die "initdb failed"; }
su postgres -s /bin/sh -c "'$(pgbin)/pg_ctl' -D '$scratch/pg' -l '$scratch/pglog/pg.log' -w -t 60 -o \"-p $PG_PORT -k $scratch/pgsock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null 2>&1 ||
  { cat "$scratch/pglog/pg.log" >&2; die "postgres did not start"; }
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$scratch/redis" --daemonize yes \
  --pidfile "$scratch/redis.pid" --logfile "$scratch/redis.log" --save '' --appendonly no >/dev/null ||
  die "redis-server did not start"
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.2; done

# --- n8n and the package -----------------------------------------------------------------------
bash "$ROOT/test/e2e/install-n8n.sh" v2 || die "install-n8n.sh v2 failed"
log "building and packing"
E2E_TARBALL="$(bash "$ROOT/test/e2e/build-pack.sh" "$scratch")" || die "building or packing failed"
export E2E_TARBALL

if [ "$#" -gt 0 ]; then files=("$@"); else files=("$HERE"/*.e2e.mjs); fi
only=()
[ -n "${QUEUE_ONLY:-}" ] && only=(--test-name-pattern="$QUEUE_ONLY")
"$NODE20" --test --test-concurrency=1 "${only[@]}" \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$scratch/queue.tap" \
  "${files[@]}" 2>&1
status=$?
p="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$scratch/queue.tap" 2>/dev/null | tail -n 1)"
f="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$scratch/queue.tap" 2>/dev/null | tail -n 1)"
p="${p:-0}"; f="${f:-0}"
if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
log "queue suite took $((SECONDS - started_at)) s"
[ "$f" -eq 0 ] || [ "${QUEUE_KEEP:-}" = 1 ] || log "set QUEUE_KEEP=1 to keep databases, user folders and logs"
echo "$p passed, $f failed"
[ "$f" -eq 0 ]
