#!/usr/bin/env bash
# A real Temporal cluster on this machine, the production path of docker-compose.yml: PostgreSQL
# (its own data directory, loopback port) and the Temporal server built from the Go module proxy
# at the version docker-compose.yml pins, schemas set up with Temporal's SQL tool, the namespace
# and rackbridge's search attributes registered.
#
#   scripts/cluster.sh up                 build (once, cached in .cluster/bin), start, set up; prints TEMPORAL_ADDRESS
#   scripts/cluster.sh down               stop both (data kept; CLUSTER_WIPE=1 deletes it)
#   scripts/cluster.sh status
#   scripts/cluster.sh restart-temporal   stop and start the Temporal server (tests use it)
#   scripts/cluster.sh restart-postgres   stop and start PostgreSQL
#
# Settings: CLUSTER_DIR (.cluster), CLUSTER_PG_PORT (55432), CLUSTER_TEMPORAL_PORT (17233, the
# frontend; the other services use the next ports), TEMPORAL_NAMESPACE (default).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

dir="${CLUSTER_DIR:-$root/.cluster}"
bin="$dir/bin"
pg_port="${CLUSTER_PG_PORT:-55432}"
port="${CLUSTER_TEMPORAL_PORT:-17233}"
namespace="${TEMPORAL_NAMESPACE:-default}"
address="127.0.0.1:$port"
# The server version is docker-compose.yml's, so the harness and the compose file cannot drift.
version="$(sed -n 's/.*image: temporalio\/server:\([0-9.]*\).*/\1/p' docker-compose.yml | head -1)"
[ -n "$version" ] || { echo "no temporalio/server:<version> image in docker-compose.yml" >&2; exit 1; }

log() { echo "cluster: $*" >&2; }

pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return; }
  echo "PostgreSQL is not installed (Debian: apt-get install postgresql)" >&2
  exit 1
}

# PostgreSQL refuses to run as root: as root, its files belong to the postgres user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
# Its data directory, password file and log, in the cache folder when the postgres user can reach
# it; as root in a checkout that user cannot enter (a mktemp folder, a home directory), in a
# folder of its own under /var/tmp, named after the checkout.
pgdir="$dir/pg"; pgpass="$dir/pgpass"; pglog="$dir/postgres.log"
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$root" 2>/dev/null; then
  pg_home="/var/tmp/rackbridge-cluster-$(printf '%s' "$dir" | cksum | cut -d' ' -f1)"
  mkdir -p "$pg_home" && chown postgres "$pg_home"
  pgdir="$pg_home/pg"; pgpass="$pg_home/pgpass"; pglog="$pg_home/postgres.log"
fi

temporal_cli() {
  local c
  for c in "${TEMPORAL_CLI_PATH:-}" "$(command -v temporal 2>/dev/null || true)" "$root/.temporal/venv/bin/temporal" "$root/.temporal/bin/temporal"; do
    [ -n "$c" ] && [ -x "$c" ] && { echo "$c"; return; }
  done
  echo "no Temporal CLI: run scripts/install-temporal.sh" >&2
  exit 1
}

build() {
  if [ -x "$bin/server" ] && [ -x "$bin/sql" ] && [ "$(cat "$bin/VERSION" 2>/dev/null)" = "$version" ]; then return; fi
  command -v go >/dev/null 2>&1 || { echo "Go is needed to build the Temporal server (https://go.dev/dl/)" >&2; exit 1; }
  log "building Temporal server $version and its SQL tool from the Go module proxy (minutes, once)"
  local started=$SECONDS
  mkdir -p "$bin"
  GOBIN="$bin" GOFLAGS="${GOFLAGS:--buildvcs=false}" go install "go.temporal.io/server/cmd/server@v$version" "go.temporal.io/server/cmd/tools/sql@v$version"
  echo "$version" > "$bin/VERSION"
  log "built in $((SECONDS - started)) s"
}

module_dir() {
  (cd "$bin" && GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' "go.temporal.io/server@v$version" 2>/dev/null) || echo "$(go env GOMODCACHE)/go.temporal.io/server@v$version"
}

pg_running() { as_pg "$(pg_bin)/pg_ctl" -D "$pgdir" status >/dev/null 2>&1; }

pg_start() {
  local pgb; pgb="$(pg_bin)"
  mkdir -p "$dir"
  if [ ! -s "$pgdir/PG_VERSION" ]; then
    log "initialising PostgreSQL in $pgdir"
    mkdir -p "$pgdir"
    printf 'temporal\n' > "$pgpass"
    if [ "$(id -u)" = 0 ]; then chown postgres "$pgdir" "$pgpass"; fi
    chmod 700 "$pgdir"
    as_pg "$pgb/initdb" -D "$pgdir" -U temporal --pwfile="$pgpass" --auth=scram-sha-256 -E UTF8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  if pg_running; then return; fi
  touch "$pglog"; [ "$(id -u)" = 0 ] && chown postgres "$pglog"
  as_pg "$pgb/pg_ctl" -D "$pgdir" -l "$pglog" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories='' -c max_connections=200 -c fsync=on" start >/dev/null
  log "PostgreSQL on 127.0.0.1:$pg_port"
}

pg_stop() {
  if [ -s "$pgdir/PG_VERSION" ] && pg_running; then as_pg "$(pg_bin)/pg_ctl" -D "$pgdir" -m fast -w stop >/dev/null; log "PostgreSQL stopped"; fi
}

schemas() {
  local schema; schema="$(module_dir)/schema/postgresql/v12"
  [ -d "$schema" ] || { echo "no schema files at $schema" >&2; exit 1; }
  local sql=("$bin/sql" --plugin postgres12 --ep 127.0.0.1 -p "$pg_port" -u temporal --pw temporal)
  # create-database fails when it exists; setup-schema -v 0.0 is a no-op on a set-up database; update-schema applies what is missing.
  "${sql[@]}" --db temporal create-database >/dev/null 2>&1 || true
  "${sql[@]}" --db temporal setup-schema -v 0.0 >/dev/null 2>&1 || true
  "${sql[@]}" --db temporal update-schema -d "$schema/temporal/versioned" >"$dir/schema.log" 2>&1 || { cat "$dir/schema.log" >&2; exit 1; }
  "${sql[@]}" --db temporal_visibility create-database >/dev/null 2>&1 || true
  "${sql[@]}" --db temporal_visibility setup-schema -v 0.0 >/dev/null 2>&1 || true
  "${sql[@]}" --db temporal_visibility update-schema -d "$schema/visibility/versioned" >>"$dir/schema.log" 2>&1 || { cat "$dir/schema.log" >&2; exit 1; }
}

write_config() {
  mkdir -p "$dir/config/dynamicconfig"
  # The module's development-postgres12.yaml, with this harness's ports and no metrics/pprof listeners.
  cat > "$dir/config/cluster.yaml" <<YAML
log:
  stdout: true
  level: warn
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default:
      sql:
        pluginName: "postgres12"
        databaseName: "temporal"
        connectAddr: "127.0.0.1:$pg_port"
        connectProtocol: "tcp"
        user: "temporal"
        password: "temporal"
        maxConns: 20
        maxIdleConns: 20
        maxConnLifetime: "1h"
    postgres-visibility:
      sql:
        pluginName: "postgres12"
        databaseName: "temporal_visibility"
        connectAddr: "127.0.0.1:$pg_port"
        connectProtocol: "tcp"
        user: "temporal"
        password: "temporal"
        maxConns: 4
        maxIdleConns: 4
        maxConnLifetime: "1h"
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
services:
  frontend:
    rpc: { grpcPort: $port, membershipPort: $((port + 100)), bindOnLocalHost: true, httpPort: $((port + 10)) }
  history:
    rpc: { grpcPort: $((port + 1)), membershipPort: $((port + 101)), bindOnLocalHost: true }
  matching:
    rpc: { grpcPort: $((port + 2)), membershipPort: $((port + 102)), bindOnLocalHost: true }
  worker:
    rpc: { grpcPort: $((port + 6)), membershipPort: $((port + 106)), bindOnLocalHost: true }
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:$port"
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: "$dir/config/dynamicconfig/cluster.yaml"
  pollInterval: "10s"
YAML
  cat > "$dir/config/dynamicconfig/cluster.yaml" <<'YAML'
# What docker-compose's dynamic config sets too (docker/temporal/dynamicconfig.yaml).
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
    constraints: {}
frontend.enableUpdateWorkflowExecution:
  - value: true
    constraints: {}
YAML
}

temporal_running() { [ -s "$dir/temporal.pid" ] && kill -0 "$(cat "$dir/temporal.pid")" 2>/dev/null; }

temporal_start() {
  if temporal_running; then return; fi
  write_config
  setsid "$bin/server" --root "$dir" --config config --env cluster --allow-no-auth start >>"$dir/temporal.log" 2>&1 < /dev/null &
  echo $! > "$dir/temporal.pid"
  local cli; cli="$(temporal_cli)"
  for _ in $(seq 1 120); do
    if "$cli" operator cluster health --address "$address" >/dev/null 2>&1; then log "Temporal server $version on $address"; return; fi
    temporal_running || { tail -30 "$dir/temporal.log" >&2; echo "Temporal server exited" >&2; exit 1; }
    sleep 0.5
  done
  tail -30 "$dir/temporal.log" >&2; echo "Temporal server did not become healthy" >&2; exit 1
}

temporal_stop() {
  if temporal_running; then
    local pid; pid="$(cat "$dir/temporal.pid")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    log "Temporal server stopped"
  fi
  rm -f "$dir/temporal.pid"
}

namespace_and_attributes() {
  local cli; cli="$(temporal_cli)"
  "$cli" operator namespace describe --address "$address" -n "$namespace" >/dev/null 2>&1 \
    || "$cli" operator namespace create --address "$address" -n "$namespace" --retention 72h >/dev/null
  # The attributes src/temporal/search-attributes.ts defines (the dev server gets the same).
  # A new namespace reaches the frontend's cache within seconds; until then listing fails.
  local existing=""
  for _ in $(seq 1 60); do
    existing="$("$cli" operator search-attribute list --address "$address" -n "$namespace" 2>/dev/null)" && break
    sleep 0.5
  done
  local name type
  for pair in ConnectionId=Keyword Flow=Keyword TransferStage=Keyword SourceRef=Keyword TargetRefs=KeywordList HeldReason=Keyword RackbridgePaused=Bool; do
    name="${pair%%=*}"; type="${pair#*=}"
    grep -qw "$name" <<<"$existing" || "$cli" operator search-attribute create --address "$address" -n "$namespace" --name "$name" --type "$type" >/dev/null
  done
  # Visibility is read by the frontend's cache: wait until a query on them is accepted.
  for _ in $(seq 1 60); do
    "$cli" workflow count --address "$address" -n "$namespace" --query "Flow = 'x' AND TargetRefs = 'x'" >/dev/null 2>&1 && return
    sleep 0.5
  done
  echo "search attributes not queryable" >&2; exit 1
}

case "${1:-}" in
  up)
    started=$SECONDS
    build
    pg_start
    schemas
    temporal_start
    namespace_and_attributes
    log "up in $((SECONDS - started)) s"
    echo "TEMPORAL_ADDRESS=$address"
    ;;
  down)
    temporal_stop
    pg_stop
    if [ "${CLUSTER_WIPE:-0}" = 1 ]; then rm -rf "$pgdir" "$dir/temporal.log" "$pglog"; log "data deleted"; fi
    ;;
  status)
    pg_running && echo "postgres: running on 127.0.0.1:$pg_port" || echo "postgres: stopped"
    temporal_running && echo "temporal: running on $address (pid $(cat "$dir/temporal.pid"))" || echo "temporal: stopped"
    ;;
  restart-temporal) temporal_stop; temporal_start ;;
  restart-postgres) pg_stop; pg_start ;;
  stop-temporal) temporal_stop ;;
  start-temporal) temporal_start ;;
  stop-postgres) pg_stop ;;
  start-postgres) pg_start ;;
  *) echo "usage: $0 up|down|status|restart-temporal|restart-postgres" >&2; exit 2 ;;
esac
