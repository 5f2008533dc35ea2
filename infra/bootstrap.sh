#!/usr/bin/env bash
# Makes a fresh clone runnable: npm dependencies (installed only when missing or when package-lock.json changed) and,
# with --chromium, Debian's chromium for the browser crawler and report tests. Redis, Maven and the Elasticsearch zip
# are handled by `pulse services up` itself. Safe to run repeatedly: what is already there is reused.
set -euo pipefail
cd "$(dirname "$0")/.."

# nodejieba builds from source (its prebuilt download needs the internet) and its install script runs npx;
# browsers are never downloaded: Debian's chromium is used instead.
export npm_config_yes=true PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

note() { printf '[bootstrap] %s\n' "$*" >&2; }

if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  note "Node.js 20+ is required (found: $(node --version 2>/dev/null || echo none))"; exit 1
fi

stamp=node_modules/.pulse-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  note "installing npm dependencies (npm ci)…"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

if [ "${1:-}" = "--chromium" ] && ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    note "installing Debian's chromium (for browser sources and the report test)…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
  else
    note "chromium is missing: install it (sudo apt-get install -y chromium) or set PULSE_CHROMIUM_PATH"; exit 1
  fi
fi
