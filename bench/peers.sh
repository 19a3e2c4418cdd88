#!/usr/bin/env bash
# Gatehouse next to its peers (Portkey, ...) in the shared peer benchmark harness.
#
#   bash bench/peers.sh                                   # direct, portkey, gatehouse; the harness's defaults
#   BENCH_ROUNDS=1 BENCH_DURATION=5 bash bench/peers.sh   # quick look
#   BENCH_ONLY=direct,portkey,portkey+guardrail,nullplatform,gatehouse bash bench/peers.sh
#
# The harness is not part of this repo: it is looked for at <repo>/../shared/bench (override with
# SHARED_BENCH=/path/to/bench). This script generates, at run time, a target file describing
# Gatehouse (this checkout, a fresh data dir inside the harness's run dir, a throwaway admin key) and
# runs the harness with BENCH_TARGETS=targets/peers.json,<that file>, BENCH_NAME=gatehouse and
# BENCH_ONLY=${BENCH_ONLY:-direct,portkey,gatehouse}. Every other BENCH_* variable is passed through
# (see the harness's README.md), plus BENCH_DURABILITY=fsync|os for Gatehouse's audit durability.
#
# Where things go:
#   results  BENCH_RESULTS_DIR, default <repo>/bench/results (git-ignored)
#   peers    BENCH_DEPS: the harness's own .deps when it is writable or already installed there,
#            else ${XDG_CACHE_HOME:-~/.cache}/gatehouse-bench/peer-deps (npm ci, once)
#   harness  the harness writes its logs to .run/ inside its own directory; when that directory is
#            read-only the harness is run from a fresh copy in <repo>/bench/.run/peer-harness
#            (git-ignored), so its logs land there. SHARED_BENCH_COPY=0|1 forces either way.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null || (cd "$HERE/.." && pwd))"
SHARED="${SHARED_BENCH:-$REPO/../shared/bench}"
if [ ! -f "$SHARED/run-peers.sh" ] || [ ! -f "$SHARED/run-peers.mjs" ]; then
  echo "peers.sh: no peer benchmark harness at $SHARED (expected run-peers.sh there); set SHARED_BENCH=/path/to/bench" >&2
  exit 2
fi
SHARED="$(cd "$SHARED" && pwd)"

case "$REPO" in
*"'"*)
  echo "peers.sh: the repository path contains a single quote, which the harness's start command cannot carry: $REPO" >&2
  exit 2
  ;;
esac

DURABILITY="${BENCH_DURABILITY:-fsync}"
case "$DURABILITY" in fsync | os) ;; *)
  echo "peers.sh: BENCH_DURABILITY: expected fsync or os, got \"$DURABILITY\"" >&2
  exit 2
  ;;
esac

if [ ! -f "$REPO/dist/src/cli/main.js" ] || [ ! -f "$REPO/dist/src/identity/keys.js" ]; then
  echo "== building dist (npx tsc -p tsconfig.json)" >&2
  (cd "$REPO" && npx tsc -p tsconfig.json)
fi

# Writable for real? (root passes `test -w` on a directory whose mode says read-only.)
writable() { [ -w "$1" ] && [ -n "$(find "$1" -maxdepth 0 -perm -u=w 2>/dev/null)" ]; }

HARNESS="$SHARED"
COPY="${SHARED_BENCH_COPY:-}"
if [ -z "$COPY" ]; then
  if writable "$SHARED"; then COPY=0; else COPY=1; fi
fi
if [ "$COPY" = 1 ]; then
  HARNESS="$REPO/bench/.run/peer-harness"
  mkdir -p "$HARNESS"
  # refresh the copy, keep its .run/ (logs of earlier runs)
  find "$HARNESS" -mindepth 1 -maxdepth 1 ! -name .run -exec rm -rf {} +
  tar -C "$SHARED" --exclude=./.deps --exclude=./.run --exclude=./results -cf - . | tar -C "$HARNESS" -xf -
  chmod -R u+w "$HARNESS"
  echo "== $SHARED is read-only: running a copy of it from $HARNESS" >&2
fi

if [ -z "${BENCH_DEPS:-}" ]; then
  if writable "$SHARED"; then
    BENCH_DEPS="$SHARED/.deps"
  elif [ -d "$SHARED/.deps/node_modules" ] && cmp -s "$SHARED/deps/package-lock.json" "$SHARED/.deps/.installed-lock.json" 2>/dev/null; then
    BENCH_DEPS="$SHARED/.deps" # installed and current: the harness will not write there
  else
    BENCH_DEPS="${XDG_CACHE_HOME:-$HOME/.cache}/gatehouse-bench/peer-deps"
  fi
fi
export BENCH_DEPS
export BENCH_RESULTS_DIR="${BENCH_RESULTS_DIR:-$REPO/bench/results}"
mkdir -p "$BENCH_RESULTS_DIR"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-peers-XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
TARGET="$TMP/gatehouse-target.json"

# The target file: a throwaway admin key generated now, absolute paths to this checkout.
REPO="$REPO" DURABILITY="$DURABILITY" TARGET="$TARGET" node --input-type=module -e '
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
const { REPO, DURABILITY, TARGET } = process.env;
const keys = await import(pathToFileURL(`${REPO}/dist/src/identity/keys.js`).href);
const key = keys.newSecret(keys.newKeyId());
let commit = "?";
try {
  commit = execFileSync("git", ["-C", REPO, "rev-parse", "--short", "HEAD"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
} catch {}
const yaml = [
  "providers:",
  "  up:",
  "    type: openai",
  "    baseUrl: {upstream}/v1",
  "    connections: 256",
  "models:",
  "  - name: gpt-4o-mini",
  "    provider: up",
  "logging:",
  "  level: warn",
  "",
].join("\n");
const target = {
  name: "gatehouse",
  description: `Gatehouse (${REPO} at ${commit}), openai provider with baseUrl = mock upstream, audit durability ${DURABILITY}, fresh data dir per run`,
  start: `exec {node} '"'"'${REPO}/bin/gatehouse.js'"'"' serve --config {run}/gatehouse.yaml --data-dir {run}/gh-data --port {port}`,
  base_url: "http://127.0.0.1:{port}",
  ready_url: "http://127.0.0.1:{port}/healthz",
  files: { "gatehouse.yaml": yaml },
  env: { GATEHOUSE_BOOTSTRAP_KEY: key, GATEHOUSE_LOG_LEVEL: "warn", GATEHOUSE_AUDIT_DURABILITY: DURABILITY },
  headers: { Authorization: `Bearer ${key}` },
};
fs.writeFileSync(TARGET, JSON.stringify({ targets: [target] }, null, 2) + "\n");
'

# Gatehouse settings the caller may have in the environment must not leak into the benchmarked server.
while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep '^GATEHOUSE_' || true)

export BENCH_TARGETS="targets/peers.json,$TARGET"
export BENCH_ONLY="${BENCH_ONLY:-direct,portkey,gatehouse}"
export BENCH_NAME="${BENCH_NAME:-gatehouse}"
echo "== peer harness $HARNESS; targets $BENCH_ONLY; peers in $BENCH_DEPS; results in $BENCH_RESULTS_DIR" >&2
bash "$HARNESS/run-peers.sh" "$@"
