#!/bin/sh
# Whole-process costs of the encoder config beside the n-gram-only config (experiments/bench/encoder-speed.md), timed
# with /usr/bin/time (user + system = CPU seconds, as the OS accounts the finished process):
#   1. batch classify of 10k distinct real-length texts (vary_pool.py) on a fresh embedding cache, encoder model;
#   2. the same batch with the n-gram model, this jar and a baseline jar in turn (paired), outputs compared;
#   3. 10x5 CV of experiments/default.json at 249 items (seeds + ../shared/pool/labelled.jsonl), fresh cache;
#   4. one-off classify of a text not in the cache (the cache's unpacked weights kept, as on a user's machine).
# Usage: JAR=target/rubrique.jar BASE_JAR=<jar of the baseline revision> MODELS=<dir with default/ and fast/, e.g.
#        `train --labels labels/snippets.jsonl --config experiments/{default,fast}.json --no-eval --model DIR/...`>
#        POOL=../shared/pool src/bench/encoder/speed.sh [RUNS]
# The pool is third-party text: everything derived from it stays in a temporary directory.
set -eu
RUNS=${1:-5}
T="/usr/bin/time -f %e_wall_%U_user_%S_sys"
TEXT="Le Vietnam et Singapour renforcent leur coopération en cybersécurité"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
run() { i=0; while [ "$i" -lt "$RUNS" ]; do "$@"; i=$((i + 1)); done; }
python3 "$(dirname "$0")/vary_pool.py" --n 10000 --pool "$POOL" --out "$W/10k.jsonl"
mkdir -p "$W/l250"
cp labels/snippets.jsonl labels/topics.json "$W/l250/" && cp "$POOL/labelled.jsonl" "$W/l250/pool.jsonl"

echo "1. 10k batch, encoder model, fresh cache, all cores"
rm -rf "$W/c1"; RUBRIQUE_CACHE=$W/c1 $T java -jar "$JAR" classify --model "$MODELS/default" --in "$W/10k.jsonl" \
    --out "$W/e.jsonl"
echo "2. 10k batch, n-gram model: this jar, then the baseline, in turn"
run sh -c "$T java -jar $JAR classify --model $MODELS/fast --in $W/10k.jsonl --out $W/n.jsonl; \
    $T java -jar $BASE_JAR classify --model $MODELS/fast --in $W/10k.jsonl --out $W/b.jsonl"
cmp "$W/n.jsonl" "$W/b.jsonl" && echo "n-gram outputs identical"
echo "3. 10x5 CV, default config, 249 items, fresh cache"
RUBRIQUE_CACHE=$W/c3 $T java -jar "$JAR" evaluate --labels "$W/l250" --config experiments/default.json \
    --curve-repeats 0 --runs-dir "$W/runs" >/dev/null
echo "4. one-off classify, encoder model, text not cached (weights unpacked by the run before): java -jar, bin/rubrique"
RUBRIQUE_CACHE=$W/c4 java -jar "$JAR" classify --model "$MODELS/default" "warm-up" >/dev/null
run sh -c "rm -rf $W/c4/embeddings; RUBRIQUE_CACHE=$W/c4 $T java -jar $JAR classify --model $MODELS/default '$TEXT' >/dev/null"
run sh -c "rm -rf $W/c4/embeddings; RUBRIQUE_CACHE=$W/c4 RUBRIQUE_JAR=$JAR $T bin/rubrique classify --model $MODELS/default '$TEXT' >/dev/null"
