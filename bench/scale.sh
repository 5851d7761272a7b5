#!/usr/bin/env bash
# scale.sh ["SIZES"] [RUNS]
#
# The daily sweep over N loopback SSH hosts for each N in SIZES (default "50 200"): times, in the same run,
# on the same hosts and alternating (the order rotates every run), `caretaker check all`, `parallel-ssh -p N`
# and `ansible all -m raw -f N`, the last two running the same commands chained in one shell per host. Prints
# wall time and client CPU time (user + system of the tool and all its children, from bash's `time`; not the
# sshd servers') for each run and the median of RUNS runs (default 3) by wall time, then checks that every
# tool reached every host. As root; installs openssh-server, pssh and ansible-core if missing.
#   sudo bash bench/scale.sh "50 200" 3
# BASE_PORT (default 23000) is the first port; KEEP=1 keeps the work directory; NO_BUILD=1 uses bot/target as it is.
set -euo pipefail
SIZES=${1:-"50 200"}
RUNS=${2:-3}
BASE=${BASE_PORT:-23000}
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "scale.sh: must run as root (it starts sshd servers)" >&2; exit 2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/caretaker-scale.XXXXXX")
chmod 755 "$WORK"
FLEET=""
cleanup() {
  [ -z "$FLEET" ] || bench/fleet.sh stop "$FLEET"
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

need=()
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v parallel-ssh >/dev/null || need+=(pssh)
command -v ansible >/dev/null || need+=(ansible-core)
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
# Always the jar of this checkout (NO_BUILD=1 skips the build when it is known to be current).
[ -n "${NO_BUILD:-}" ] || mvn -q -B package -DskipTests > "$WORK/mvn.log" 2>&1 || { cat "$WORK/mvn.log" >&2; exit 1; }

# 200 clients at once: one ssh process (parallel-ssh) or one forked worker plus its ssh (Ansible) per host,
# each with a few pipes, and 200 sockets in the JVM: room above Debian's default of 1024 open files for
# the Ansible parent. The fleet's sshd_config already raises MaxStartups (200:30:400); every server gets
# one connection per tool, and Caretaker opens at most runner.per-host (4) channels on it, below
# OpenSSH's MaxSessions 10, so neither needs more.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# The same commands `check all` runs on an untagged host, chained for the shell-based tools.
LINE='df -PT; df -PiT; cat /proc/meminfo; cat /proc/loadavg; getconf _NPROCESSORS_ONLN; systemctl --failed --no-legend --plain --no-pager; journalctl -k --since "-24h" --no-pager -o short-iso 2>/dev/null || dmesg'

# Ansible: no fact gathering (ad hoc), `raw` needs no Python on the host, and its SSH ControlPersist is
# turned off so that every run starts cold, as a daily sweep does. Host keys are checked against the
# fleet's known_hosts.
export ANSIBLE_HOME="$WORK/ansible" ANSIBLE_LOCAL_TEMP="$WORK/ansible/tmp" ANSIBLE_HOST_KEY_CHECKING=True
export ANSIBLE_SSH_ARGS='-o ControlMaster=no -o ControlPath=none' ANSIBLE_TIMEOUT=120 ANSIBLE_DEPRECATION_WARNINGS=False
export ANSIBLE_INVENTORY_UNPARSED_WARNING=False ANSIBLE_LOCALHOST_WARNING=False

TIMEFORMAT='%R %U %S'
measure() { # measure OUTFILE CMD... -> "wall user sys"
  local out=$1; shift
  { time "$@" >"$out" 2>&1 || true; } 2>&1 | tail -1
}
cpu() { awk '{printf "%.2f", $2 + $3}'; }
median() { sort -n -k1,1 | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }
row() { printf '%-28s %8s %8s %8s %8s\n' "$1" "$2" "$3" "$4" "$(echo "$2 $3 $4" | cpu)"; }

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $(java -version 2>&1 | head -1); $(parallel-ssh --version 2>&1 | head -1 | sed 's/^/parallel-ssh /'); $(ansible --version | head -1)"
echo "== shell line for parallel-ssh and ansible: $LINE"

for N in $SIZES; do
  FLEET="$WORK/fleet-$N"
  bench/fleet.sh start "$N" "$BASE" "$FLEET"
  chmod 600 "$FLEET/client_ed25519"
  {
    echo "hosts:"
    for ((i = 0; i < N; i++)); do
      cat <<HOST
  - name: h$((BASE + i))
    address: 127.0.0.1
    port: $((BASE + i))
    user: fleet
    key: $FLEET/client_ed25519
    known-hosts: $FLEET/known_hosts
HOST
    done
    cat <<RUNNER
runner:
  concurrency: $N
  per-host: 4
  deadline: 10m
  connect-timeout: 60s
RUNNER
  } > "$FLEET/caretaker.yaml"

  caretaker=(java -jar bot/target/caretaker.jar check all --config "$FLEET/caretaker.yaml")
  pssh=(parallel-ssh -h "$FLEET/hosts" -p "$N" -t 300 -o "$FLEET/pssh-out"
        -x "-i $FLEET/client_ed25519 -o UserKnownHostsFile=$FLEET/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes -o ConnectTimeout=60"
        "$LINE")
  ansible=(ansible all -i "$FLEET/inventory.ini" -m raw -a "$LINE" -f "$N" --private-key "$FLEET/client_ed25519"
           "--ssh-common-args=-o UserKnownHostsFile=$FLEET/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes")
  tools=(caretaker pssh ansible)
  declare -A label=([caretaker]="caretaker check all" [pssh]="parallel-ssh -p $N" [ansible]="ansible -m raw -f $N")
  declare -A all=([caretaker]="" [pssh]="" [ansible]="")

  echo
  echo "== N=$N hosts on 127.0.0.1:$BASE.., $RUNS runs each, load before $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-28s %8s %8s %8s %8s\n' tool wall_s user_s sys_s cpu_s
  for ((r = 0; r < RUNS; r++)); do
    for ((k = 0; k < 3; k++)); do
      t=${tools[$(((r + k) % 3))]}
      unset -n cmd 2>/dev/null || true
      declare -n cmd=$t
      m=$(measure "$FLEET/$t.out" "${cmd[@]}")
      row "${label[$t]} #$((r + 1))" $m
      all[$t]+="$m"$'\n'
    done
  done
  echo "-- median of $RUNS by wall time (N=$N), load after $(cut -d' ' -f1-3 /proc/loadavg)"
  for t in "${tools[@]}"; do
    row "${label[$t]}" $(printf '%s' "${all[$t]}" | median)
  done

  # Every tool must have reached every host in its last run, or its time means nothing.
  java -jar bot/target/caretaker.jar check all --config "$FLEET/caretaker.yaml" --json > "$FLEET/last.json" || true
  python3 - "$FLEET/last.json" "$N" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))["findings"]
reach = [x for x in f if x["check"] == "reachability"]
ok = sum(1 for x in reach if x["severity"] == "OK")
print(f"-- caretaker: {len(f)} findings, {ok}/{sys.argv[2]} hosts reached")
PY
  echo "-- parallel-ssh: $(grep -c '\[SUCCESS\]' "$FLEET/pssh.out" || true)/$N hosts succeeded in its last run"
  echo "-- ansible: $(grep -cE '\| (CHANGED|SUCCESS) ' "$FLEET/ansible.out" || true)/$N hosts succeeded in its last run"
  bench/fleet.sh stop "$FLEET"
  FLEET=""
done
