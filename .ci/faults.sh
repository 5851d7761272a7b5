#!/usr/bin/env bash
# CI-only suite: faults that need root, OpenSSH's sshd, sshfs and /dev/fuse, or minutes of real time —
# a hung command and a killed sshd over a real server, a stale sshfs mount, the chat platform down for
# two minutes. Expects the site generator already installed (.ci/run does that first).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "faults suite: needs root (sshd, FUSE mounts)" >&2
  exit 1
fi
if [ ! -e /dev/fuse ]; then
  echo "faults suite: needs /dev/fuse for the stale-mount fault" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! command -v sshfs >/dev/null || [ ! -x /usr/sbin/sshd ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends sshfs fuse3 openssh-server openssh-client >/dev/null
fi

echo "== CI-only suite: fault injection"
# The fault tests of mvn verify left their reports here (.ci/run has kept them): drop them, so what is
# left under this name afterwards is this suite's alone.
rm -f bot/target/surefire-reports/TEST-*FaultTest.xml
mvn -B -pl bot -Pfaults test

# A suite that skipped here would pass while testing nothing: CI has root, sshd, sshfs and FUSE, so
# every test in it must have run.
python3 - bot/target/surefire-reports <<'PY'
import sys, glob, xml.etree.ElementTree as ET
tests = skipped = failed = 0
for f in glob.glob(sys.argv[1] + "/TEST-*FaultTest.xml"):
    r = ET.parse(f).getroot()
    tests += int(r.get("tests")); skipped += int(r.get("skipped")); failed += int(r.get("failures")) + int(r.get("errors"))
if tests == 0 or skipped:
    print(f"faults suite: {tests} tests, {skipped} skipped: it must run in CI", file=sys.stderr)
    sys.exit(1)
print(f"faults suite: {tests} tests ran, {failed} failed, none skipped")
PY
