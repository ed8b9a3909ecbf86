#!/usr/bin/env bash
# HTTP load test of `rubrique serve` on loopback: wrk against GET /health (the ceiling) and POST /v1/classify
# (a teaser-sized French body), then an open-loop fixed-rate run. Prints a Markdown table, writes
# experiments/bench/http.json, and always stops the server it started. See src/bench/http/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
HERE="$ROOT/src/bench/http"
MODEL="models/default"
THREADS=2
CONNECTIONS=16
DURATION=10
WARMUP=5
RATE=1000
URL=""
JAR="target/rubrique.jar"
SERVER_CPUS=""
CLIENT_CPUS=""
BATCH_ITEMS=100
OUT="experiments/bench/http.json"

usage() {
  cat <<USAGE
usage: src/bench/http/load.sh [--model DIR] [--threads N] [--connections N] [--duration SECONDS]
                          [--warmup SECONDS] [--rate REQ_PER_S] [--url http://127.0.0.1:PORT] [--jar JAR]
                          [--server-cpus LIST --client-cpus LIST] [--batch-items N] [--out FILE]
  --model DIR    trained model to serve (default: models/default); nothing is trained here
  --url URL      benchmark an already-running loopback server instead of starting one
  --jar JAR      the rubrique jar to serve with (default: target/rubrique.jar)
  --server-cpus, --client-cpus   pin the server, and wrk and the open-loop client, to these CPUs
                 (taskset -c LIST, e.g. 0 and 1), so the load generator does not take the server's core
  --batch-items N   items per POST /v1/classify/batch request in the batch run (default 100; 0 skips it)
  --out FILE     where the JSON results go (default: experiments/bench/http.json)
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --model) MODEL="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --url) URL="${2%/}"; shift 2 ;;
    --jar) JAR="$2"; shift 2 ;;
    --server-cpus) SERVER_CPUS="$2"; shift 2 ;;
    --client-cpus) CLIENT_CPUS="$2"; shift 2 ;;
    --batch-items) BATCH_ITEMS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "load.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

cd "$ROOT"
for n in "$THREADS" "$CONNECTIONS" "$DURATION" "$WARMUP" "$RATE" "$BATCH_ITEMS"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "load.sh: '$n' is not a whole number" >&2; exit 2; }
done
command -v python3 >/dev/null || { echo "load.sh: python3 is needed to parse wrk's output" >&2; exit 1; }
command -v java >/dev/null || { echo "load.sh: java (17+) is needed" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
  echo "== installing wrk (apt)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y wrk >/dev/null || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y wrk >/dev/null; }
fi

SPIN=(); CPIN=()
[ -n "$SERVER_CPUS" ] && SPIN=(taskset -c "$SERVER_CPUS")
[ -n "$CLIENT_CPUS" ] && CPIN=(taskset -c "$CLIENT_CPUS")

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

TOKEN=""
if [ -z "$URL" ]; then
  # a model directory is a versioned one (CURRENT + versions/) or a single version (manifest.json)
  [ -f "$MODEL/manifest.json" ] || [ -f "$MODEL/CURRENT" ] || { echo "load.sh: no model in $MODEL (train one first: rubrique train ...)" >&2; exit 1; }
  if [ ! -f "$JAR" ] && [ "$JAR" = target/rubrique.jar ]; then
    echo "== building target/rubrique.jar" >&2
    mvn -q -B -o package -DskipTests
  fi
  # The bench server is loopback-only and token-free, whatever this shell exports.
  env -u RUBRIQUE_TOKEN "${SPIN[@]}" java -jar "$JAR" serve --model "$MODEL" --host 127.0.0.1 --port 0 \
    >"$WORK/server.out" 2>"$WORK/server.err" &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    PORT="$(sed -n 's#.*listening on http://127\.0\.0\.1:\([0-9]*\).*#\1#p' "$WORK/server.out" | head -1)"
    [ -n "$PORT" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "load.sh: server exited:" >&2; cat "$WORK/server.err" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "${PORT:-}" ] || { echo "load.sh: server did not start within 60 s" >&2; cat "$WORK/server.err" >&2; exit 1; }
  URL="http://127.0.0.1:$PORT"
else
  [[ "$URL" =~ ^http://(127\.[0-9.]+|localhost|\[::1\]):[0-9]+$ ]] \
    || { echo "load.sh: --url must be a loopback http://HOST:PORT, got '$URL'" >&2; exit 2; }
  TOKEN="${RUBRIQUE_TOKEN:-}"
fi
export BODY_FILE="$HERE/teaser.json" BENCH_TOKEN="$TOKEN"
AUTH=(); [ -n "$TOKEN" ] && AUTH=(-H "Authorization: Bearer $TOKEN")

echo "== server $URL" >&2
curl -fsS "$URL/health" >"$WORK/health.json"
curl -fsS "${AUTH[@]}" -H 'Content-Type: application/json' --data-binary "@$BODY_FILE" "$URL/v1/classify" \
  >"$WORK/classify.json"

echo "== warm-up ${WARMUP}s" >&2
"${CPIN[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$HERE/classify.lua" "$URL/v1/classify" >/dev/null
echo "== wrk GET /health ${DURATION}s" >&2
"${CPIN[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$URL/health" >"$WORK/wrk-health.txt"
echo "== wrk POST /v1/classify ${DURATION}s" >&2
"${CPIN[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$HERE/classify.lua" "$URL/v1/classify" \
  >"$WORK/wrk-classify.txt"
if [ "$BATCH_ITEMS" -gt 0 ]; then
  # A batch body of BATCH_ITEMS teaser-sized items (the teaser with ids 1..N), sent by wrk like classify's.
  python3 - "$BODY_FILE" "$BATCH_ITEMS" >"$WORK/batch.json" <<'PY'
import json, sys
one = json.load(open(sys.argv[1]))
print(json.dumps({"items": [dict(one, id=str(i + 1)) for i in range(int(sys.argv[2]))]}, ensure_ascii=False))
PY
  echo "== wrk POST /v1/classify/batch ($BATCH_ITEMS items) ${DURATION}s" >&2
  BODY_FILE="$WORK/batch.json" "${CPIN[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s "$HERE/classify.lua" "$URL/v1/classify/batch" >"$WORK/wrk-batch.txt"
fi
echo "== open loop POST /v1/classify at ${RATE} req/s for ${DURATION}s" >&2
"${CPIN[@]}" java "$HERE/OpenLoop.java" "$URL/v1/classify" "$RATE" "$DURATION" "$BODY_FILE" "$TOKEN" \
  >"$WORK/open-loop.json"

mkdir -p "$(dirname "$OUT")"
python3 - "$WORK" "$THREADS" "$CONNECTIONS" "$DURATION" "$RATE" "$URL" "$OUT" "$JAR" "$SERVER_CPUS" "$CLIENT_CPUS" \
    "$BATCH_ITEMS" <<'PY'
import json, os, re, subprocess, sys, datetime
work, threads, conns, duration, rate, url, out, jar, server_cpus, client_cpus, batch_items = sys.argv[1:12]

def ms(v):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", v)
    if not m:
        raise ValueError("unparseable wrk latency: " + v)
    return float(m.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}[m.group(2)]

def wrk(name):
    text = open(os.path.join(work, name)).read()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    total = re.search(r"(\d+) requests in", text)
    if not rps or not total:
        sys.exit("load.sh: cannot parse wrk output:\n" + text)
    pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {"requests": int(total.group(1)), "rps": float(rps.group(1)),
            "p50_ms": ms(pct["50"]), "p99_ms": ms(pct["99"]),
            "non_2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": sum(map(int, sock.groups())) if sock else 0}

health, classify = wrk("wrk-health.txt"), wrk("wrk-classify.txt")
batch = wrk("wrk-batch.txt") if int(batch_items) > 0 else None
if batch:
    batch["items_per_request"] = int(batch_items)
    batch["items_per_s"] = round(batch["rps"] * int(batch_items), 1)
open_loop = json.load(open(os.path.join(work, "open-loop.json")))
model = json.load(open(os.path.join(work, "health.json")))["model"]
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
result = {
    "created_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "url": url, "model": model,
    "machine": {"cpus": os.cpu_count(), "java": java},
    "settings": {"tool": "wrk (closed loop)", "threads": int(threads), "connections": int(conns),
                 "duration_s": int(duration), "open_loop_rate": int(rate), "jar": jar,
                 "server_cpus": server_cpus or None, "client_cpus": client_cpus or None},
    "load_average_after": open("/proc/loadavg").read().split()[:3],
    "health": health, "classify": classify, "batch": batch,
    "classify_over_health": round(classify["rps"] / health["rps"], 4) if health["rps"] else None,
    "open_loop_classify": open_loop,
    "notes": "wrk is closed-loop: its latencies are per-connection service times at saturation. The open-loop "
             "run sends at a fixed rate and measures from each request's scheduled time (no coordinated "
             "omission); its client shares the machine with the server.",
}
tmp = out + ".tmp"
with open(tmp, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
os.replace(tmp, out)

def row(name, r, ratio=""):
    return f"| {name} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['non_2xx'] + r['socket_errors']} | {ratio} |"
ol = open_loop
fmt = lambda v: "n/a" if v is None else f"{v:.2f}"
print(f"\nModel `{model['name']}` ({model['sha256'][:12]}), {os.cpu_count()} CPUs, wrk -t{threads} -c{conns} -d{duration}s\n")
print("| run | req/s | p50 ms | p99 ms | errors | classify/health |")
print("|---|---:|---:|---:|---:|---:|")
print(row("GET /health (wrk)", health))
print(row("POST /v1/classify (wrk)", classify, f"{result['classify_over_health']:.3f}"))
if batch:
    print(row(f"POST /v1/classify/batch, {batch_items} items (wrk; {batch['items_per_s']:.0f} items/s)", batch))
print(f"| POST /v1/classify open loop @ {ol['target_rps']}/s | {ol['ok'] / int(duration):.0f} | {fmt(ol['p50_ms'])} | {fmt(ol['p99_ms'])} | {ol['errors'] + ol['unfinished']} | |")
print("\nwrote " + out)
PY
