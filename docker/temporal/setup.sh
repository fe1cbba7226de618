#!/bin/sh
# The compose set-up job, in temporalio/admin-tools: schemas with Temporal's SQL tool (what
# auto-setup did), then — once the server answers — the namespace and rackbridge's search
# attributes (src/temporal/search-attributes.ts). Every step is safe to run again.
set -eu
SCHEMA=/etc/temporal/schema/postgresql/v12
sql() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "${DB_PORT:-5432}" -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" "$@"; }
for db in temporal temporal_visibility; do
  sql --db "$db" create-database 2>/dev/null || true
  sql --db "$db" setup-schema -v 0.0 2>/dev/null || true
done
sql --db temporal update-schema -d "$SCHEMA/temporal/versioned"
sql --db temporal_visibility update-schema -d "$SCHEMA/visibility/versioned"
[ "${SCHEMA_ONLY:-0}" = 1 ] && exit 0

until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do sleep 1; done
ns="${TEMPORAL_NAMESPACE:-default}"
temporal operator namespace describe --address "$TEMPORAL_ADDRESS" -n "$ns" >/dev/null 2>&1 ||
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" -n "$ns" --retention 72h
until temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" -n "$ns" >/dev/null 2>&1; do sleep 1; done
for pair in ConnectionId=Keyword Flow=Keyword TransferStage=Keyword SourceRef=Keyword TargetRefs=KeywordList HeldReason=Keyword RackbridgePaused=Bool; do
  temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" -n "$ns" | grep -qw "${pair%%=*}" ||
    temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" -n "$ns" --name "${pair%%=*}" --type "${pair#*=}"
done
echo "namespace $ns ready"
