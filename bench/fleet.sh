#!/usr/bin/env bash
# fleet.sh start N BASEPORT DIR | fleet.sh stop DIR
#
# N throwaway OpenSSH servers on 127.0.0.1:BASEPORT.., for benchmarks. As root; logs in as the
# unprivileged user "fleet" (created if missing), because a root login whose shell start-up runs heavy
# init scripts would distort the comparison. Writes into DIR: the client key, known_hosts, a
# parallel-ssh hosts file, an Ansible inventory, and one sshd config, pid file and log per port.
set -euo pipefail
SSHD=/usr/sbin/sshd
USER_NAME=${FLEET_USER:-fleet}

start() {
  local n=$1 base=$2 dir=$3
  [ "$(id -u)" -eq 0 ] || { echo "fleet.sh: must run as root (sshd switches users)" >&2; exit 2; }
  [ -x "$SSHD" ] || { echo "fleet.sh: $SSHD missing: apt-get install openssh-server" >&2; exit 2; }
  mkdir -p "$dir" /run/sshd; dir=$(cd "$dir" && pwd)
  chmod 755 "$dir"      # sshd reads authorized_keys as the login user
  if ! id "$USER_NAME" >/dev/null 2>&1; then
    useradd -m -s /bin/sh "$USER_NAME"
    usermod -p '*' "$USER_NAME"      # no password, but not locked: key login works with UsePAM no
  fi
  [ -f "$dir/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C fleet-client -f "$dir/client_ed25519"
  [ -f "$dir/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C fleet-host -f "$dir/host_ed25519"
  cp "$dir/client_ed25519.pub" "$dir/authorized_keys"; chmod 644 "$dir/authorized_keys"
  : > "$dir/known_hosts"; : > "$dir/hosts"
  echo "[fleet]" > "$dir/inventory.ini"
  local hostkey; hostkey=$(cut -d' ' -f1-2 "$dir/host_ed25519.pub")
  for ((i = 0; i < n; i++)); do
    local p=$((base + i))
    cat > "$dir/sshd_$p.conf" <<CONF
Port $p
ListenAddress 127.0.0.1
HostKey $dir/host_ed25519
PidFile $dir/sshd_$p.pid
AuthorizedKeysFile $dir/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
UsePAM no
StrictModes no
PrintMotd no
MaxStartups 200:30:400
CONF
    "$SSHD" -f "$dir/sshd_$p.conf" -E "$dir/sshd_$p.log"
    echo "[127.0.0.1]:$p $hostkey" >> "$dir/known_hosts"
    echo "$USER_NAME@127.0.0.1:$p" >> "$dir/hosts"
    echo "h$p ansible_host=127.0.0.1 ansible_port=$p ansible_user=$USER_NAME" >> "$dir/inventory.ini"
  done
  # sshd daemonises before it binds: wait until every port answers.
  for ((i = 0; i < n; i++)); do
    local p=$((base + i)) tries=0
    until (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do
      tries=$((tries + 1)); [ $tries -lt 100 ] || { echo "fleet.sh: port $p did not open" >&2; exit 1; }
      sleep 0.05
    done
  done
}

stop() {
  local dir=$1
  for pf in "$dir"/sshd_*.pid; do
    [ -s "$pf" ] || continue
    kill "$(cat "$pf")" 2>/dev/null || true
    rm -f "$pf"
  done
}

case "${1:-}" in
  start) [ $# -eq 4 ] || { echo "usage: $0 start N BASEPORT DIR" >&2; exit 2; }; start "$2" "$3" "$4" ;;
  stop) [ $# -eq 2 ] || { echo "usage: $0 stop DIR" >&2; exit 2; }; stop "$2" ;;
  *) echo "usage: $0 start N BASEPORT DIR | $0 stop DIR" >&2; exit 2 ;;
esac
