#!/usr/bin/env bash
# CI-only suite: the weekly and monthly SnapRAID procedures on a real array of loop devices.
# Runs as root (loop devices, mounts); expects the site generator already installed (.ci/run does that first).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "snapraid-array suite: needs root (loop devices and mounts)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! command -v snapraid >/dev/null || [ ! -x /usr/sbin/sshd ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends snapraid e2fsprogs util-linux mount openssh-server openssh-client >/dev/null
fi

echo "== CI-only suite: SnapRAID weekly and monthly jobs on a real array"
mvn -B -pl bot -Psnapraid-array test

# A suite that skipped here would pass while testing nothing: CI runs as root with snapraid installed, so
# every test in it must have run.
python3 - bot/target/surefire-reports <<'PY'
import sys, glob, xml.etree.ElementTree as ET
tests = skipped = failed = 0
for f in glob.glob(sys.argv[1] + "/TEST-*SnapraidArray*.xml"):
    r = ET.parse(f).getroot()
    tests += int(r.get("tests")); skipped += int(r.get("skipped")); failed += int(r.get("failures")) + int(r.get("errors"))
if tests == 0 or skipped:
    print(f"snapraid-array suite: {tests} tests, {skipped} skipped: it must run in CI", file=sys.stderr)
    sys.exit(1)
print(f"snapraid-array suite: {tests} tests ran, {failed} failed, none skipped")
PY
