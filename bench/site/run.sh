#!/usr/bin/env bash
# Site benchmark: a generated corpus of PAGES Markdown pages and a HOSTS-host status snapshot.
#   1. the full build as a whole process (JVM start included), with three JVM settings;
#   2. the in-process status-only re-render the bot does after each run;
#   3. Hugo (Debian package) on the same corpus, in the same run.
#
#   bash bench/site/run.sh [PAGES=1000] [HOSTS=100] [RUNS=5]
#
# Installs hugo and hyperfine with apt-get when run as root and they are missing.
set -euo pipefail
PAGES=${1:-1000}
HOSTS=${2:-100}
RUNS=${3:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${SITE_BENCH_DIR:-$(mktemp -d -t caretaker-site-bench.XXXXXX)}

if [[ $(id -u) == 0 ]]; then
  for pkg in hugo hyperfine; do
    command -v "$pkg" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$pkg" >/dev/null; }
  done
fi

cd "$ROOT"
mvn -q -B -pl site-generator -am install -DskipTests
mvn -q -B -pl site-generator test-compile
mvn -q -B -pl site-generator dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK.cp" >/dev/null
mvn -q -B -pl site-generator dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK.test.cp" >/dev/null
# The standalone generator runs from jars (AppCDS archives only classes from jars).
CP="$ROOT/site-generator/target/caretaker-site-generator-0.1.0-SNAPSHOT.jar:$(cat "$WORK.cp")"
TEST_CP="$ROOT/site-generator/target/classes:$ROOT/site-generator/target/test-classes:$(cat "$WORK.test.cp")"

rm -rf "$WORK" && mkdir -p "$WORK"
python3 bench/site/gen_corpus.py "$WORK" "$PAGES" "$HOSTS"

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"

BUILD="org.caretaker.site.Main build --content $WORK/content --templates $ROOT/templates --status $WORK/status.json --out $WORK/out"
# AppCDS: one training run writes the class archive, later runs map it instead of loading ~2,500 classes.
# C1 only (-XX:TieredStopAtLevel=1): a one-shot build of a few seconds is over before C2 would pay off.
# SerialGC: no parallel GC threads competing with the two parsing threads on a 2-core machine.
FAST="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
rm -rf "$WORK/out"
java -XX:ArchiveClassesAtExit="$WORK/site.jsa" $FAST -cp "$CP" $BUILD >/dev/null 2>&1

# Hugo's input: the same pages; its home page is _index.md.
mkdir -p "$WORK/hugo"
cp -r bench/site/hugo/. "$WORK/hugo/"
cp -r "$WORK/content" "$WORK/hugo/content"
mv "$WORK/hugo/content/index.md" "$WORK/hugo/content/_index.md"

declare -A CMDS=(
  [caretaker-default]="java -cp $CP $BUILD"
  [caretaker-c1-serial]="java $FAST -cp $CP $BUILD"
  [caretaker-c1-serial-appcds]="java $FAST -XX:SharedArchiveFile=$WORK/site.jsa -cp $CP $BUILD"
)
if command -v hugo >/dev/null; then
  CMDS[hugo]="hugo --quiet -s $WORK/hugo -d $WORK/hugo-out"
else
  echo "hugo not installed and not root: Hugo comparison skipped"
fi

if command -v hyperfine >/dev/null; then
  args=()
  for name in $(printf '%s\n' "${!CMDS[@]}" | sort); do args+=(-n "$name" "${CMDS[$name]}"); done
  hyperfine -N --warmup 1 --runs "$RUNS" --prepare "rm -rf $WORK/out $WORK/hugo-out" \
    --export-markdown "$WORK/full-build.md" "${args[@]}"
  cat "$WORK/full-build.md"
else
  for name in $(printf '%s\n' "${!CMDS[@]}" | sort); do
    for i in $(seq "$RUNS"); do
      rm -rf "$WORK/out" "$WORK/hugo-out"
      s=$(date +%s%N); ${CMDS[$name]} >/dev/null; e=$(date +%s%N)
      echo "$name run $i: $(( (e - s) / 1000000 )) ms"
    done
  done
fi

rm -rf "$WORK/out" "$WORK/hugo-out"
java $FAST -cp "$CP" $BUILD
command -v hugo >/dev/null && hugo --quiet -s "$WORK/hugo" -d "$WORK/hugo-out"
echo "== output: caretaker $(find "$WORK/out" -name '*.html' | wc -l) html files, $(du -sh "$WORK/out" | cut -f1);" \
  "hugo $(find "$WORK/hugo-out" -name '*.html' 2>/dev/null | wc -l) html files, $(du -sh "$WORK/hugo-out" 2>/dev/null | cut -f1)"
rm -rf "$WORK/out"
echo "== in-process (a long-lived generator, as in the bot):"
java -cp "$TEST_CP" org.caretaker.site.bench.SiteBench "$WORK" "$ROOT/templates" "$WORK/out" 60
