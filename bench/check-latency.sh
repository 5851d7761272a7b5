#!/usr/bin/env bash
# check-latency.sh [ROUNDS] [CHECK]
#
# The latency of an on-demand `/check CHECK HOST` (default: 100 rounds of `load`) answered the way the bot
# answers it: CheckLatencyBench (test scope) runs the chat command through the real run service, runner,
# SSH executor and history store against one loopback OpenSSH server, alternating a service that connects
# for every command ("cold", keep-alive 0) with one that reuses a kept connection ("warm"). Prints min,
# median, 90th percentile and max in milliseconds, and the connections the warm side opened.
# As root (it starts sshd); installs openssh-server if missing. BASE_PORT (default 23900) is the port.
#   sudo bash bench/check-latency.sh 100 load
set -euo pipefail
ROUNDS=${1:-100}
CHECK=${2:-load}
PORT=${BASE_PORT:-23900}
cd "$(dirname "$0")/.."
ROOT=$(pwd)
[ "$(id -u)" -eq 0 ] || { echo "check-latency.sh: must run as root (it starts an sshd)" >&2; exit 2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/caretaker-latency.XXXXXX")
chmod 755 "$WORK"
trap 'bench/fleet.sh stop "$WORK"; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
[ -x /usr/sbin/sshd ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server >/dev/null

mvn -q -B -pl bot test-compile > "$WORK/mvn.log" 2>&1 || { cat "$WORK/mvn.log" >&2; exit 1; }
mvn -q -B -pl bot dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp" > "$WORK/mvn.log" 2>&1 \
  || { cat "$WORK/mvn.log" >&2; exit 1; }
CP="$ROOT/bot/target/classes:$ROOT/bot/target/test-classes:$(cat "$WORK/cp")"

bench/fleet.sh start 1 "$PORT" "$WORK"
chmod 600 "$WORK/client_ed25519"
cat > "$WORK/caretaker.yaml" <<YAML
hosts:
  - name: h$PORT
    address: 127.0.0.1
    port: $PORT
    user: fleet
    key: $WORK/client_ed25519
    known-hosts: $WORK/known_hosts
runner:
  keep-alive: 10m
YAML
java -cp "$CP" org.caretaker.exec.CheckLatencyBench "$WORK/caretaker.yaml" "h$PORT" "$CHECK" "$ROUNDS" "$WORK/data" \
  2> "$WORK/bench.log" || { tail -20 "$WORK/bench.log" >&2; exit 1; }
