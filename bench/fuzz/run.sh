#!/usr/bin/env bash
# Parser fuzzing: every parser fed mutated real outputs from the test fixtures (seeded, reproducible).
#   bash bench/fuzz/run.sh [rounds-per-parser] [seed]      (default 1000000 rounds, seed 20261203)
# Exits 1 when any parser let anything but a refusal with an excerpt escape.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-1000000}
seed=${2:-20261203}
mvn -q -B install -DskipTests -pl site-generator -am
mvn -q -B -pl bot test-compile
cp=$(mvn -q -B -pl bot dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
exec java -Xss4m -cp "bot/target/test-classes:bot/target/classes:$cp" org.caretaker.fuzz.ParserFuzz \
    bot/src/test/resources/fixtures "$rounds" "$seed"
