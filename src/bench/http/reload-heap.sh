#!/usr/bin/env bash
# Live heap of `rubrique serve` under classify load, after 0 and after N admin reloads, for one rubrique jar.
# Trains a default model with that jar (in a temporary directory), serves it with a token, drives
# POST /v1/classify with wrk, reloads N times under load, and reads the live heap after a full GC each time
# (jcmd GC.class_histogram total, and GC.heap_info "used" after GC.run). Prints one JSON line; always stops the
# server it started. See src/bench/http/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
JAR=""
ROOT="$(cd "$HERE/../../.." && pwd)"
LABEL=""
RELOADS=20
THREADS=4
CONNECTIONS=8
LOAD_SECONDS=10
XMX=512m
TOKEN=t
KEEP=""

usage() {
  cat <<USAGE
usage: src/bench/http/reload-heap.sh --jar JAR [--root DIR] [--label NAME] [--reloads 20] [--threads 4]
                                     [--connections 8] [--load-seconds 10] [--xmx 512m] [--keep DIR]
  --jar JAR     the rubrique jar to measure
  --root DIR    working directory for train and serve: where that jar's labels/ and experiments/ are
                (default: this repository)
  --keep DIR    also write the two class histograms there (histo-0.txt, histo-N.txt), to see what is retained
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR="$2"; shift 2 ;;
    --root) ROOT="$2"; shift 2 ;;
    --label) LABEL="$2"; shift 2 ;;
    --reloads) RELOADS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --load-seconds) LOAD_SECONDS="$2"; shift 2 ;;
    --xmx) XMX="$2"; shift 2 ;;
    --keep) KEEP="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "reload-heap.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[ -n "$JAR" ] || { usage >&2; exit 2; }
JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")"
[ -f "$JAR" ] || { echo "reload-heap.sh: no jar $JAR" >&2; exit 1; }
for n in "$RELOADS" "$THREADS" "$CONNECTIONS" "$LOAD_SECONDS"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "reload-heap.sh: '$n' is not a whole number" >&2; exit 2; }
done
for tool in wrk curl jcmd python3; do
  command -v "$tool" >/dev/null || { echo "reload-heap.sh: $tool is needed" >&2; exit 1; }
done
LABEL="${LABEL:-$(basename "$JAR")}"

WORK="$(mktemp -d)"
SERVER_PID=""
WRK_PID=""
cleanup() {
  [ -n "$WRK_PID" ] && kill "$WRK_PID" 2>/dev/null || true
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cd "$ROOT"
echo "== [$LABEL] train --no-eval --model $WORK/model" >&2
java -jar "$JAR" train --no-eval --model "$WORK/model" >"$WORK/train.out" 2>&1 \
  || { cat "$WORK/train.out" >&2; exit 1; }

echo "== [$LABEL] serve (-Xmx$XMX)" >&2
RUBRIQUE_TOKEN="$TOKEN" java -Xmx"$XMX" -jar "$JAR" serve --model "$WORK/model" --host 127.0.0.1 --port 0 \
  >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 600); do
  PORT="$(sed -n 's#.*listening on http://127\.0\.0\.1:\([0-9]*\).*#\1#p' "$WORK/server.out" | head -1)"
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "reload-heap.sh: server exited:" >&2; cat "$WORK/server.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$PORT" ] || { echo "reload-heap.sh: server did not start within 60 s" >&2; exit 1; }
URL="http://127.0.0.1:$PORT"
export BODY_FILE="$HERE/teaser.json" BENCH_TOKEN="$TOKEN"

# Live bytes after a full GC: GC.class_histogram collects first and totals what survives.
live_bytes() {
  jcmd "$SERVER_PID" GC.class_histogram >"$WORK/histo-$1.txt"
  [ -z "$KEEP" ] || { mkdir -p "$KEEP" && cp "$WORK/histo-$1.txt" "$KEEP/"; }
  awk '/^Total/ {print $3}' "$WORK/histo-$1.txt"
}
# G1's "used" after an explicit full collection, in KiB.
used_kib() {
  jcmd "$SERVER_PID" GC.run >/dev/null
  jcmd "$SERVER_PID" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1
}
rps() { sed -n 's/^Requests\/sec:[[:space:]]*\([0-9.]*\).*/\1/p' "$1"; }

echo "== [$LABEL] warm-up 5 s, then ${LOAD_SECONDS} s of classify load" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$HERE/classify.lua" "$URL/v1/classify" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${LOAD_SECONDS}s" -s "$HERE/classify.lua" "$URL/v1/classify" >"$WORK/wrk0.txt"
LIVE0="$(live_bytes 0)"; USED0="$(used_kib)"

echo "== [$LABEL] $RELOADS reloads under classify load" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((LOAD_SECONDS + RELOADS * 3))s" -s "$HERE/classify.lua" \
  "$URL/v1/classify" >"$WORK/wrk1.txt" &
WRK_PID=$!
sleep 1
: >"$WORK/reload-ms.txt"
for i in $(seq 1 "$RELOADS"); do
  code="$(curl -sS -o "$WORK/reload.json" -w '%{http_code} %{time_total}' -X POST \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data '{}' "$URL/v1/admin/reload")"
  [ "${code%% *}" = 200 ] || { echo "reload-heap.sh: reload $i answered $code: $(cat "$WORK/reload.json")" >&2; exit 1; }
  echo "${code#* }" >>"$WORK/reload-ms.txt"
  sleep 0.5
done
sleep 1
kill -INT "$WRK_PID" 2>/dev/null || true   # wrk prints its summary on SIGINT
wait "$WRK_PID" 2>/dev/null || true
WRK_PID=""
LIVE1="$(live_bytes "$RELOADS")"; USED1="$(used_kib)"

python3 - "$LABEL" "$JAR" "$RELOADS" "$THREADS" "$CONNECTIONS" "$XMX" "$LIVE0" "$LIVE1" "$USED0" "$USED1" \
  "$(rps "$WORK/wrk0.txt")" "$(rps "$WORK/wrk1.txt")" "$WORK/reload-ms.txt" <<'PY'
import json, statistics, sys
(label, jar, reloads, threads, conns, xmx, live0, live1, used0, used1, rps0, rps1, times) = sys.argv[1:14]
secs = [float(l) for l in open(times) if l.strip()]
mib = lambda b: round(int(b) / 2**20, 1)
print(json.dumps({
    "label": label, "jar": jar, "reloads": int(reloads), "wrk_threads": int(threads),
    "wrk_connections": int(conns), "xmx": xmx,
    "live_mib_after_load": mib(live0), "live_mib_after_reloads": mib(live1),
    "used_mib_after_load": round(int(used0) / 1024, 1), "used_mib_after_reloads": round(int(used1) / 1024, 1),
    "classify_rps_load": float(rps0 or 0), "classify_rps_during_reloads": float(rps1 or 0),
    "reload_ms_median": round(statistics.median(secs) * 1000), "reload_ms_max": round(max(secs) * 1000),
}))
PY
