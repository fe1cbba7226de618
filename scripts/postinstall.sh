#!/usr/bin/env bash
# `npm install` runs this (the package's own postinstall): provide the Temporal CLI through
# scripts/install-temporal.sh when none is found (TEMPORAL_CLI_PATH, PATH, .temporal/).
# Quiet when it works; one line when it cannot. Never fails the install: without a CLI,
# `npm start` falls back to the SDK's own download, which needs internet.
set -u
if [ -n "${RACKBRIDGE_SKIP_TEMPORAL_INSTALL:-}" ]; then exit 0; fi

root="$(cd "$(dirname "$0")/.." && pwd)"
log="$(mktemp "${TMPDIR:-/tmp}/rackbridge-temporal-install.XXXXXX")"
if bash "$root/scripts/install-temporal.sh" >"$log" 2>&1; then
  rm -f "$log"
  exit 0
fi
echo "rackbridge: no Temporal CLI installed ($(tail -n 1 "$log")); run 'npm run temporal:install' to see why, or set TEMPORAL_CLI_PATH" >&2
rm -f "$log"
exit 0
