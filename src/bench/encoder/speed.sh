#!/bin/sh
# Costs of the encoder config beside the n-gram-only config (experiments/ENCODER.md), as whole-process
# timings with /usr/bin/time: one-off classify (cold embedding cache), batch classify on one core (cold cache),
# the n-gram batch against the code before the feature seam (OLD_CP), and a 10x5 CV at ~250 items.
# Usage: CP=<new classpath> OLD_CP=<classpath of 41faea6> MODELS=<dir with fast/, encoder/, old-default/>
#        CORPUS=<jsonl, e.g. gen_corpus.py --n 10000 --seed 1> LABELS250=<dir: seeds + ../shared/pool/labelled.jsonl>
#        src/bench/encoder/speed.sh [RUNS]
set -eu
RUNS=${1:-5}
T="/usr/bin/time -f %e_wall_%U_user_%S_sys"
TEXT="Le Vietnam et Singapour renforcent leur coopération en cybersécurité"
run() { i=0; while [ "$i" -lt "$RUNS" ]; do "$@"; i=$((i + 1)); done; }
CACHE=$(mktemp -d)
echo "one-off, encoder model, cold cache"
run sh -c "rm -rf $CACHE/e; RUBRIQUE_CACHE=$CACHE/e $T java -cp $CP io.rubrique.cli.Main classify --model $MODELS/encoder '$TEXT' >/dev/null"
echo "one-off, n-gram model"
run sh -c "$T java -cp $CP io.rubrique.cli.Main classify --model $MODELS/fast '$TEXT' >/dev/null"
head -500 "$CORPUS" > "$CACHE/500.jsonl"
echo "batch of 500 on one core, encoder model, cold cache"
run sh -c "rm -rf $CACHE/b; RUBRIQUE_CACHE=$CACHE/b taskset -c 0 $T java -cp $CP io.rubrique.cli.Main classify --model $MODELS/encoder --in $CACHE/500.jsonl --out $CACHE/o.jsonl --threads 1"
echo "batch of 10k on one core, n-gram model: this code, then 41faea6"
run sh -c "taskset -c 0 $T java -cp $CP io.rubrique.cli.Main classify --model $MODELS/fast --in $CORPUS --out $CACHE/n.jsonl --threads 1"
run sh -c "taskset -c 0 $T java -cp $OLD_CP io.rubrique.cli.Main classify --model $MODELS/old-default --in $CORPUS --out $CACHE/m.jsonl --threads 1"
cmp "$CACHE/n.jsonl" "$CACHE/m.jsonl" && echo "n-gram outputs identical"
for c in fast encoder; do
  echo "10x5 CV on $LABELS250, $c, cold cache"
  RUBRIQUE_CACHE=$CACHE/cv-$c $T java -cp $CP io.rubrique.cli.Main evaluate --labels "$LABELS250" \
      --config experiments/$c.json --curve-repeats 0 --runs-dir "$CACHE/runs" >/dev/null
done
rm -rf "$CACHE"
