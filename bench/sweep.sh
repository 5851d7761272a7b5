#!/usr/bin/env bash
# sweep.sh [N] [RUNS]
#
# The daily sweep over N loopback SSH hosts (default 50): times `caretaker check all` and, in the same
# run on the same hosts, parallel-ssh running the same commands. Prints wall time and CPU time (user +
# system, this process and its children) for each run and the median of RUNS runs (default 3).
# As root; installs openssh-server and pssh if missing. Rerun: bash bench/sweep.sh 50
set -euo pipefail
N=${1:-50}
RUNS=${2:-3}
BASE=${BASE_PORT:-22000}
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/caretaker-bench.XXXXXX")
trap 'bench/fleet.sh stop "$WORK"; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

need=()
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v parallel-ssh >/dev/null || need+=(pssh)
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -f bot/target/caretaker.jar ] || mvn -q package -DskipTests

bench/fleet.sh start "$N" "$BASE" "$WORK"
chmod 600 "$WORK/client_ed25519"

{
  echo "hosts:"
  for ((i = 0; i < N; i++)); do
    cat <<HOST
  - name: h$((BASE + i))
    address: 127.0.0.1
    port: $((BASE + i))
    user: fleet
    key: $WORK/client_ed25519
    known-hosts: $WORK/known_hosts
HOST
  done
  cat <<RUNNER
runner:
  concurrency: 64
  per-host: 4
  deadline: 5m
RUNNER
} > "$WORK/caretaker.yaml"

# What `check all` runs on an untagged host, as one shell line per host for parallel-ssh.
COMMANDS=$(java -jar bot/target/caretaker.jar hosts --config "$WORK/caretaker.yaml" | sed -n 's/^  checks: //p' | head -1)
PSSH_LINE='df -PT; df -PiT; cat /proc/meminfo; cat /proc/loadavg; getconf _NPROCESSORS_ONLN; systemctl --failed --no-legend --plain --no-pager; journalctl -k --since "-24h" --no-pager -o short-iso 2>/dev/null || dmesg'

TIMEFORMAT='%R %U %S'
measure() { # measure LABEL CMD... -> "wall user sys"
  { time "$@" >/dev/null 2>&1 || true; } 2>&1 | tail -1
}

echo "N=$N hosts on 127.0.0.1:$BASE.., $RUNS runs each, $(nproc) cores"
echo "caretaker checks per host: $COMMANDS"
echo "parallel-ssh line: $PSSH_LINE"
printf '%-26s %8s %8s %8s\n' tool wall_s user_s sys_s
declare -A all
for ((r = 1; r <= RUNS; r++)); do
  c=$(measure java -jar bot/target/caretaker.jar check all --config "$WORK/caretaker.yaml")
  printf '%-26s %8s %8s %8s\n' "caretaker check all #$r" $c
  all[caretaker]+="$c"$'\n'
  p=$(measure parallel-ssh -h "$WORK/hosts" -p "$N" -t 120 -o "$WORK/pssh-out" \
      -x "-i $WORK/client_ed25519 -o UserKnownHostsFile=$WORK/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes" \
      "$PSSH_LINE")
  printf '%-26s %8s %8s %8s\n' "parallel-ssh -p $N #$r" $p
  all[pssh]+="$p"$'\n'
done
median() { sort -n -k1,1 | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }
echo "median (by wall time):"
printf '%-26s %8s %8s %8s\n' "caretaker check all" $(printf '%s' "${all[caretaker]}" | median)
printf '%-26s %8s %8s %8s\n' "parallel-ssh -p $N" $(printf '%s' "${all[pssh]}" | median)
# Sanity: every host answered in the last caretaker run.
java -jar bot/target/caretaker.jar check all --config "$WORK/caretaker.yaml" --json > "$WORK/last.json" || true
python3 - "$WORK/last.json" "$N" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))["findings"]
reach = [x for x in f if x["check"] == "reachability"]
ok = sum(1 for x in reach if x["severity"] == "OK")
print(f"last caretaker run: {len(f)} findings, {ok}/{sys.argv[2]} hosts reached")
PY
