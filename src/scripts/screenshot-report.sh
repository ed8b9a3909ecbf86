#!/usr/bin/env bash
# Takes a headless-Chromium screenshot of a run's report.html and prints the PNG path.
# Usage: src/scripts/screenshot-report.sh RUN_DIR [OUT.png]
# Installs Debian's chromium when absent (needs root and apt access).
set -euo pipefail

if [ $# -lt 1 ] || [ ! -f "$1/report.html" ]; then
  echo "usage: $0 RUN_DIR [OUT.png]  (RUN_DIR must hold report.html)" >&2
  exit 2
fi
run_dir=$(cd "$1" && pwd)
out=${2:-"$run_dir/report-screenshot.png"}
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

if ! command -v chromium >/dev/null 2>&1; then
  echo "chromium not found, installing it with apt-get" >&2
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >&2
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --screenshot="$out" --window-size=1280,4000 \
  "file://$run_dir/report.html" >&2
echo "$out"
