#!/usr/bin/env bash
# Screenshot of the labelling page on REAL items, for the README (docs/label-page.png): copies the repository's
# seed labels to a temporary directory, trains the default model on them with a pool of unlabelled items as its
# unlabelled set (with the run report, whose figures the page shows as "before"), serves `label` on that copy,
# and drives headless Chromium through chromedriver's WebDriver HTTP API (curl, no client library): label two
# items as the model suggests, press R (Retrain), wait for the new model, and save a screenshot. Nothing is
# written to the repository but OUT.png; the pool's texts stay in the temporary directory.
#
# Usage: src/scripts/screenshot-label-page.sh [POOL.jsonl|seeds:N] [OUT.png]
#   POOL defaults to ../shared/pool/unlabelled.jsonl (relative to the repository root), OUT to docs/label-page.png.
#   seeds:N holds the last N seed items back from the label set and offers them, unlabelled, as the pool: the
#   committed docs/label-page.png is made that way, so it shows only text the repository already holds.
#   RUBRIQUE_JAR=JAR runs another build; RUBRIQUE_SHOT_WORK=DIR reuses (or keeps) a working directory: a model already trained there is reused.
# Takes about as long as `train` plus one cross-validation (10-20 minutes on 2 busy cores).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HOLD=""
case "${1:-}" in
  seeds:*) HOLD="${1#seeds:}"; POOL="" ;;
  *) POOL="$(cd "$(dirname "${1:-$ROOT/../shared/pool/unlabelled.jsonl}")" && pwd)/$(basename "${1:-unlabelled.jsonl}")" ;;
esac
OUT="${2:-$ROOT/docs/label-page.png}"
JAR="${RUBRIQUE_JAR:-$ROOT/target/rubrique.jar}"
[ -n "$HOLD" ] || [ -f "$POOL" ] || { echo "no pool file $POOL" >&2; exit 2; }
[ -f "$JAR" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 2; }
WORK="${RUBRIQUE_SHOT_WORK:-$(mktemp -d)}"
mkdir -p "$WORK/labels"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${RUBRIQUE_SHOT_WORK:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"
cp "$ROOT/labels/topics.json" "$ROOT/labels/snippets.jsonl" labels/
if [ -n "$HOLD" ]; then   # the last HOLD seeds become an unlabelled pool
  POOL="$WORK/seed-pool.jsonl"
  python3 - "$HOLD" labels/snippets.jsonl "$POOL" <<'PY'
import json, sys
n, labels, pool = int(sys.argv[1]), sys.argv[2], sys.argv[3]
lines = [l for l in open(labels, encoding="utf-8").read().splitlines() if l.strip()]
keep, held = lines[:-n], lines[-n:]
open(labels, "w", encoding="utf-8").write("\n".join(keep) + "\n")
with open(pool, "w", encoding="utf-8") as f:
    for l in held:
        r = json.loads(l)
        f.write(json.dumps({k: r[k] for k in ("id", "kind", "source", "title", "text") if k in r}, ensure_ascii=False) + "\n")
PY
fi
cp "$JAR" rubrique.jar   # a rebuild of target/ during the run must not pull the classes from under the server
JAR="$WORK/rubrique.jar"
if [ ! -f models/default/CURRENT ]; then
  echo "training the default model on the seeds, with the pool as unlabelled items..." >&2
  java -jar "$JAR" train --labels labels --config "$ROOT/experiments/default.json" --unlabelled "$POOL" \
      --model models/default --runs-dir runs >train.log 2>&1 || { tail -5 train.log >&2; exit 1; }
fi

java -jar "$JAR" label --labels labels --pool "$POOL" --config "$ROOT/experiments/default.json" \
    --model models/default --runs-dir runs --port 0 --name reader >label.log 2>&1 &
pids+=($!)
for _ in $(seq 120); do grep -q 'open http' label.log && break; sleep 1; done
URL=$(sed -n 's/.*open \(http[^ ]*\).*/\1/p' label.log)
[ -n "$URL" ] || { cat label.log >&2; exit 1; }

DPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/chromedriver --port="$DPORT" >driver.log 2>&1 &
pids+=($!)
WD="http://127.0.0.1:$DPORT"
rm -rf "$WORK/chrome"   # a profile left by a killed run is locked
for _ in $(seq 30); do curl -sf "$WD/status" >/dev/null && break; sleep 1; done
wd() { curl -sf -X "$1" -H 'Content-Type: application/json' "$WD$2" ${3:+-d "$3"}; }
SESSION=$(wd POST /session "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\",\"goog:chromeOptions\":{
  \"binary\":\"/usr/bin/chromium\",\"args\":[\"--headless=new\",\"--no-sandbox\",\"--disable-gpu\",
  \"--disable-dev-shm-usage\",\"--no-first-run\",\"--window-size=1300,1040\",\"--user-data-dir=$WORK/chrome\"]}}}}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"]["sessionId"])')
S="/session/$SESSION"
js() { wd POST "$S/execute/sync" "{\"script\":$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$1"),\"args\":[]}" \
  | python3 -c 'import json,sys; v=json.load(sys.stdin)["value"]; print("" if v is None else json.dumps(v) if isinstance(v, bool) else v)' 2>/dev/null || true; }
key() { wd POST "$S/actions" "{\"actions\":[{\"type\":\"key\",\"id\":\"kb\",\"actions\":[{\"type\":\"keyDown\",\"value\":\"$1\"},{\"type\":\"keyUp\",\"value\":\"$1\"}]}]}" >/dev/null; }
wait_for() { for _ in $(seq "$2"); do [ "$(js "$1")" = "true" ] && return 0; sleep 1; done; echo "timed out: $1" >&2; return 1; }

wd POST "$S/url" "{\"url\":\"$URL\"}" >/dev/null
wait_for 'return document.body.dataset.ready === "1"' 180
for _ in 1 2; do
  item=$(js 'return document.body.dataset.item')
  key '\uE007'   # Enter: save as suggested
  wait_for "return document.body.dataset.item !== \"$item\"" 30
done
key 'r'
wait_for 'return document.getElementById("message").textContent.startsWith("Retrained")' 1800
wd GET "$S/screenshot" | python3 -c 'import base64,json,sys; open(sys.argv[1],"wb").write(base64.b64decode(json.load(sys.stdin)["value"]))' "$OUT"
wd DELETE "$S" >/dev/null || true
echo "$OUT"
