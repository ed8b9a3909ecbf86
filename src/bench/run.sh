#!/usr/bin/env bash
# The benchmark suite: rubrique vs fastText vs scikit-learn (quality on the same folds, classification speed,
# training cost and growth, learning curves). One command from a clean clone:
#
#   src/bench/run.sh [--quick] [--only quality|speed|growth|curve|speedup] [--labels FILE] [--config FILE]
#                     [--growth-config FILE (default experiments/liblinear-words.json)] [--limit SECONDS]
#                     [--pool FILE (default ../shared/pool/labelled.jsonl)] [--curve-config FILE]... [--curve-jobs N]
#                     [--curve-budget MINUTES (no curve run starts after it; cached runs are kept and reused)]
#                     [--ref-jar JAR (the speedup part: this build beside JAR, e.g. the branch point's; off without)]
#
# Installs its peers from Debian when missing (fasttext, python3-sklearn, python3-matplotlib, hyperfine, time),
# builds target/rubrique.jar when missing, runs the parts, and writes experiments/bench/results.json,
# experiments/bench/growth.png, experiments/bench/curve.{json,md,png} and experiments/BENCHMARKS.md (raw outputs
# and the curve's run cache under experiments/bench/raw/, git-ignored).
# Full run: about 27 min on 2 cores for quality, speed and growth (55 min budget) plus the learning curve (about
# 1 h 50 min one run at a time, an estimated 1 h 10 with --curve-jobs 2; cached runs are reused); --quick: about 12 +
# 23 min. The curve is skipped with a
# message when the labelled pool is absent. A tool that fails is recorded as failed and the suite goes on;
# rubrique's parts are skipped with a message when `java -jar target/rubrique.jar train --help` does not work.
# See src/bench/README.md.
set -euo pipefail

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; }

QUICK=0
ONLY=""
LABELS=""
CONFIG=""
GROWTH_CONFIG=""
LIMIT_ARG=""
POOL=""
CURVE_CONFIGS=()
CURVE_JOBS=1
CURVE_BUDGET=""
REF_JAR=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --only) ONLY="${2:?--only needs quality, speed, growth or curve}"; shift ;;
    --labels) LABELS="${2:?--labels needs a file}"; shift ;;
    --config) CONFIG="${2:?--config needs a file}"; shift ;;
    --growth-config) GROWTH_CONFIG="${2:?--growth-config needs a file}"; shift ;;
    --limit) LIMIT_ARG="${2:?--limit needs seconds}"; shift ;;
    --pool) POOL="${2:?--pool needs a file}"; shift ;;
    --curve-config) CURVE_CONFIGS+=("${2:?--curve-config needs a file}"); shift ;;
    --curve-jobs) CURVE_JOBS="${2:?--curve-jobs needs a number}"; shift ;;
    --curve-budget) CURVE_BUDGET="${2:?--curve-budget needs minutes}"; shift ;;
    --ref-jar) REF_JAR="${2:?--ref-jar needs a jar}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
case "$ONLY" in ""|quality|speed|growth|curve|speedup) ;; *) echo "run.sh: --only takes quality, speed, growth, curve or speedup, not '$ONLY'" >&2; exit 2 ;; esac

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
LABELS="${LABELS:-labels/snippets.jsonl}"
# The n-gram-only config: the default adds a sentence encoder (≈ 40 ms per new item on one core, issue 27), which
# would turn the 100k-item throughput runs into hours; experiments/ENCODER.md measures the encoder config apart.
CONFIG="${CONFIG:-experiments/fast.json}"
# Growth trains on up to 1M items: it uses LibLINEAR on word n-grams, the config recommended for large corpora
# (SMO's training time grows far faster than linearly, and character n-grams multiply the non-zeros per item by
# ~8, which is what exhausts a 4 GiB heap at 100k items; see src/bench/README.md).
GROWTH_CONFIG="${GROWTH_CONFIG:-experiments/liblinear-words.json}"
PY=/usr/bin/python3            # Debian's python (python3-sklearn), never the pyenv one on PATH
RAW=experiments/bench/raw
START=$(date +%s)
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

if [[ ! -f "$LABELS" ]]; then
  echo "run.sh: no labels file at $LABELS (give one with --labels FILE)" >&2
  exit 2
fi

# --- peers from Debian, only when missing ---------------------------------------------------------------------
missing=()
command -v fasttext >/dev/null || missing+=(fasttext)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[[ -x /usr/bin/time ]] || missing+=(time)
[[ -x $PY ]] || missing+=(python3)
[[ -x $PY ]] && $PY -c 'import sklearn, scipy' 2>/dev/null || missing+=(python3-sklearn)
[[ -x $PY ]] && $PY -c 'import matplotlib' 2>/dev/null || missing+=(python3-matplotlib)
if [[ ${#missing[@]} -gt 0 ]]; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  log "installing from Debian: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- the jar and the JMH benchmark classes ------------------------------------------------------------------------
if [[ ! -f target/rubrique.jar ]]; then
  log "building target/rubrique.jar (mvn -q -B -DskipTests package)"
  mvn -q -B -DskipTests package || log "build failed: rubrique's parts will be skipped"
fi
if [[ -f target/rubrique.jar && ! -f target/test-classes/META-INF/BenchmarkList ]]; then
  log "compiling the JMH benchmark (mvn -q -B -DskipTests test-compile)"
  mvn -q -B -DskipTests test-compile || log "test-compile failed: the JMH latency will be skipped"
fi

mkdir -p "$RAW" experiments/bench
if [[ $QUICK -eq 1 ]]; then
  REPEATS=1; ITEMS=20000; RUNS=1; SIZES=1000,10000,100000; LIMIT=360; BUDGET=$((12 * 60)); SPEED_QUICK=--quick
else
  REPEATS=3; ITEMS=100000; RUNS=3; SIZES=1000,10000,100000,1000000; LIMIT=900; BUDGET=$((55 * 60)); SPEED_QUICK=""
fi
LIMIT="${LIMIT_ARG:-$LIMIT}"

RUBRIQUE_SKIP=""
if ! java -jar "${RUBRIQUE_JAR:-target/rubrique.jar}" train --help >/dev/null 2>&1; then
  RUBRIQUE_SKIP="\`java -jar target/rubrique.jar train --help\` failed (jar missing or train not implemented)"
  log "rubrique: SKIPPED: $RUBRIQUE_SKIP"
fi

want() { [[ -z "$ONLY" || "$ONLY" == "$1" ]]; }

RAN=""
if want quality; then
  RAN+="quality,"
  log "part 1/4: quality ($REPEATS × 5 folds)"
  rm -rf "$RAW/quality"
  $PY src/bench/quality.py --labels "$LABELS" --config "$CONFIG" --raw "$RAW" --repeats "$REPEATS" \
      ${RUBRIQUE_SKIP:+--skip-rubrique "$RUBRIQUE_SKIP"} || log "quality part failed (see above)"
fi
if want speed; then
  RAN+="speed,"
  log "part 2/4: classification speed ($ITEMS items × $RUNS runs, JMH)"
  $PY src/bench/speed.py --labels "$LABELS" --config "$CONFIG" --raw "$RAW" --items "$ITEMS" --runs "$RUNS" $SPEED_QUICK \
      || log "speed part failed (see above)"
fi
if want growth; then
  RAN+="growth,"
  log "part 3/4: training cost and growth (sizes $SIZES, limit ${LIMIT}s per run)"
  $PY src/bench/growth.py --labels "$LABELS" --config "$GROWTH_CONFIG" --raw "$RAW" --sizes "$SIZES" --limit "$LIMIT" \
      --deadline $((START + BUDGET)) || log "growth part failed (see above)"
fi
if want speedup && [[ -n "$REF_JAR" ]]; then
  RAN+="speedup,"
  log "speedup: start-up, one-core batch and HTTP beside $REF_JAR (src/bench/speedup.py)"
  SU_ARGS=(--ref-jar "$REF_JAR" --raw "$RAW" --labels "$LABELS")
  [[ $QUICK -eq 1 ]] && SU_ARGS+=(--quick --items 20000)
  $PY src/bench/speedup.py "${SU_ARGS[@]}" || log "speedup part failed (see above)"
elif [[ "$ONLY" == speedup ]]; then
  log "speedup: needs --ref-jar JAR (the jar to compare this build with)"
fi
if want curve; then
  # the curve's runs are cached under $RAW/curve/runs (keyed by setup and file contents): a rerun only does what
  # is missing. Without the pool it logs why, keeps experiments/bench/curve.json as it was and exits 0.
  log "part 4/4: learning curve"
  CURVE_ARGS=(--raw "$RAW" --labels "$LABELS" --jobs "$CURVE_JOBS")
  [[ $QUICK -eq 1 ]] && CURVE_ARGS+=(--quick)
  [[ -n "$POOL" ]] && CURVE_ARGS+=(--pool "$POOL")
  [[ -n "$CURVE_BUDGET" ]] && CURVE_ARGS+=(--budget "$CURVE_BUDGET")
  if [[ ${#CURVE_CONFIGS[@]} -eq 0 ]]; then CURVE_CONFIGS=("$CONFIG"); fi
  for c in "${CURVE_CONFIGS[@]}"; do CURVE_ARGS+=(--config "$c"); done
  [[ -n "$RUBRIQUE_SKIP" ]] && CURVE_ARGS+=(--skip-rubrique "$RUBRIQUE_SKIP")
  $PY src/bench/curve.py "${CURVE_ARGS[@]}" || log "curve part failed (see above)"
fi

ARGS=""
[[ $QUICK -eq 1 ]] && ARGS+=" --quick"
[[ -n "$ONLY" ]] && ARGS+=" --only $ONLY"
[[ "$LABELS" != labels/snippets.jsonl ]] && ARGS+=" --labels $LABELS"
[[ "$CONFIG" != experiments/default.json ]] && ARGS+=" --config $CONFIG"
[[ "$GROWTH_CONFIG" != experiments/liblinear-words.json ]] && ARGS+=" --growth-config $GROWTH_CONFIG"
[[ -n "$LIMIT_ARG" ]] && ARGS+=" --limit $LIMIT_ARG"
[[ -n "$POOL" ]] && ARGS+=" --pool $POOL"
for c in "${CURVE_CONFIGS[@]}"; do [[ "$c" != "$CONFIG" || ${#CURVE_CONFIGS[@]} -gt 1 ]] && ARGS+=" --curve-config $c"; done
[[ "$CURVE_JOBS" != 1 ]] && ARGS+=" --curve-jobs $CURVE_JOBS"
[[ -n "$CURVE_BUDGET" ]] && ARGS+=" --curve-budget $CURVE_BUDGET"
[[ -n "$REF_JAR" ]] && ARGS+=" --ref-jar $REF_JAR"
PREFIX=""
[[ -n "${RUBRIQUE_JAR:-}" ]] && PREFIX="RUBRIQUE_JAR=$RUBRIQUE_JAR "
$PY src/bench/report.py --raw "$RAW" --invocation "${PREFIX}src/bench/run.sh$ARGS" --elapsed $(( $(date +%s) - START )) \
    --ran "${RAN%,}"
log "done in $(( ($(date +%s) - START) / 60 )) min: experiments/BENCHMARKS.md, experiments/bench/results.json"
