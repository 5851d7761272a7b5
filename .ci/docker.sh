#!/usr/bin/env bash
# CI-only suite: the containers check against a real Docker daemon — containers that crash-loop, turn
# unhealthy, are OOM-killed, exit non-zero, restart again and again, are paused, and one healthy — judged
# through the local executor and over SSH to OpenSSH on loopback, and diag containers' log tail.
# Installs Debian's docker.io and busybox-static (the test image is made from it with docker import, no
# registry), starts dockerd when none runs. Expects the site generator already installed (.ci/run does that).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "docker suite: needs root (dockerd, sshd)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! command -v dockerd >/dev/null || [ ! -x /bin/busybox ] || [ ! -x /usr/sbin/sshd ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker.io busybox-static openssh-server openssh-client >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  # No init system to ask on a bare CI machine: run the daemon directly and wait until it answers.
  log=$(mktemp)
  nohup dockerd >"$log" 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  if ! docker info >/dev/null 2>&1; then
    echo "docker suite: dockerd did not start; its log:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
fi

echo "== CI-only suite: containers against a real Docker"
rm -f bot/target/surefire-reports/TEST-*DockerSuite*.xml
mvn -B -pl bot -Pdocker test

# A suite that skipped here would pass while testing nothing: CI has root, dockerd, busybox and sshd, so
# every test in it must have run.
python3 - bot/target/surefire-reports <<'PY'
import sys, glob, xml.etree.ElementTree as ET
tests = skipped = failed = 0
for f in glob.glob(sys.argv[1] + "/TEST-*DockerSuite*.xml"):
    r = ET.parse(f).getroot()
    tests += int(r.get("tests")); skipped += int(r.get("skipped")); failed += int(r.get("failures")) + int(r.get("errors"))
if tests == 0 or skipped:
    print(f"docker suite: {tests} tests, {skipped} skipped: it must run in CI", file=sys.stderr)
    sys.exit(1)
print(f"docker suite: {tests} tests ran, {failed} failed, none skipped")
PY
