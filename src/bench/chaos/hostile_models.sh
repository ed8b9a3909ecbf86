#!/usr/bin/env bash
# Time and memory of refusing hostile model files, each in a fresh JVM capped at -Xmx200m: the nested-HashMap
# "hash forever" file and the tiny file that claims a 200-million-element array (both built by
# ModelArtifactTest, which keeps a copy when given -Drubrique.hostile.out). Prints a Markdown table.
#
#   src/bench/chaos/hostile_models.sh [--jar target/rubrique.jar]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$ROOT"
JAR=target/rubrique.jar
[ "${1:-}" = "--jar" ] && JAR=$2
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
mvn -B -q -o -Dtest=ModelArtifactTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Drubrique.hostile.out="$out" test > "$out/mvn.log" 2>&1 || { tail -20 "$out/mvn.log" >&2; exit 1; }
echo "| hostile file | size (bytes) | refused | message | wall (s) | peak RSS (MiB), -Xmx200m |"
echo "|---|---|---|---|---|---|"
for name in nested-maps huge-array; do
  dir="$out/$name"
  [ -d "$dir" ] || { echo "| $name | (not written by the test) | | | | |"; continue; }
  size=$(stat -c %s "$dir/model.ser")
  set +e
  /usr/bin/time -f "%e %M" -o "$out/t" java -Xmx200m -jar "$JAR" classify --model "$dir" "la police" > "$out/o" 2> "$out/e"
  rc=$?
  set -e
  read -r wall rss < <(tail -1 "$out/t")
  msg=$(grep -v '^\s*$' "$out/e" | head -1 | cut -c1-120 | tr '|' '/')
  refused=$([ $rc -ne 0 ] && ! grep -q OutOfMemoryError "$out/e" && echo "yes (exit $rc)" || echo "NO (exit $rc)")
  echo "| $name | $size | $refused | $msg | $wall | $((rss / 1024)) |"
done
