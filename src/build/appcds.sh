#!/usr/bin/env bash
# Builds target/rubrique.jsa, the AppCDS archive bin/rubrique starts the JVM with: the classes of a classify run
# (the JDK's, picocli, Jackson, the model, Lucene's French chain, in their parsed and verified forms), stored so the
# next JVM maps them instead of loading, verifying and parsing them from the 50 MB jar again. It is a static
# archive (class list, then -Xshare:dump): Java 17's dynamic archives (-XX:ArchiveClassesAtExit) leave out classes
# compiled for Java 5, which is what picocli's 180 classes are. Run by `mvn package` right
# after the jar is shaded (pom.xml, exec-maven-plugin); by hand:
#
#   src/build/appcds.sh [JAR]        # default target/rubrique.jar; writes JAR's name with .jsa beside it
#
# The training run tags a few items with a model trained here from labels/ (a few seconds, in a temporary
# directory). An archive only works for the JVM that wrote it and the jar at the same path with the same size and
# time, which is why it is made at package time and bin/rubrique uses it only when it is newer than the jar. Any
# failure leaves no archive, prints why, and exits 0: the archive only makes start-up faster.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$(cd "$(dirname "${1:-$ROOT/target/rubrique.jar}")" && pwd)/$(basename "${1:-$ROOT/target/rubrique.jar}")"
JSA="${JAR%.jar}.jsa"
LABELS="$ROOT/labels/snippets.jsonl"
rm -f "$JSA"

skip() { echo "appcds: no archive: $*"; exit 0; }
[ -f "$JAR" ] || skip "$JAR missing"
[ -f "$LABELS" ] || skip "$LABELS missing (the training run needs labelled items)"
command -v java >/dev/null || skip "no java on PATH"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
java -jar "$JAR" train --labels "$LABELS" --config "$ROOT/experiments/default.json" --model model --seed 1 \
    --no-eval >train.log 2>&1 || skip "training the model of the training run failed (see: $(tail -1 train.log))"
head -20 "$LABELS" >items.jsonl
# The classes this run loads are the archive's list; CDS's own warnings (classes it cannot store) go to a log.
java -XX:DumpLoadedClassList=classes.lst -jar "$JAR" classify --model model --in items.jsonl --out out.jsonl \
    >classify.log 2>&1 || skip "the training run failed: $(tail -1 classify.log)"
java -Xshare:dump -XX:SharedClassListFile=classes.lst -XX:SharedArchiveFile="$JSA.tmp" -cp "$JAR" \
    >dump.log 2>&1 || skip "-Xshare:dump failed: $(tail -1 dump.log)"
[ -s "$JSA.tmp" ] || skip "the JVM wrote no archive"
# Check it maps, quietly, before putting it in place.
java -XX:SharedArchiveFile="$JSA.tmp" -Xshare:on -Xlog:disable -jar "$JAR" --version >/dev/null 2>&1 \
    || { rm -f "$JSA.tmp"; skip "the archive does not map with this JVM"; }
mv "$JSA.tmp" "$JSA"
echo "appcds: wrote $JSA ($(du -h "$JSA" | cut -f1))"
