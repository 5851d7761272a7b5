#!/usr/bin/env bash
# CI-only check: discovery on a host shaped like the storage VM (caretaker init, hosts add, hosts check,
# check all) with its real parts — tmpfs disks, a MergerFS pool, a synced SnapRAID array — in a private
# mount namespace. The suite also runs in mvn verify, where it skips on a machine without root or the tools.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "discover suite: needs root (mounts in a mount namespace)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! command -v mergerfs >/dev/null || ! command -v snapraid >/dev/null || ! command -v nsenter >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends mergerfs snapraid util-linux fuse3 openssh-client >/dev/null
fi

echo "== CI-only suite: discovery on a storage-VM-shaped host"
mvn -B -pl bot test -Dtest='StorageHostTest,KeyFilesTest' -Dsurefire.failIfNoSpecifiedTests=false

python3 - bot/target/surefire-reports <<'PY'
import sys, glob, xml.etree.ElementTree as ET
tests = skipped = failed = 0
for f in glob.glob(sys.argv[1] + "/TEST-*StorageHostTest.xml") + glob.glob(sys.argv[1] + "/TEST-*KeyFilesTest.xml"):
    r = ET.parse(f).getroot()
    tests += int(r.get("tests")); skipped += int(r.get("skipped")); failed += int(r.get("failures")) + int(r.get("errors"))
if tests == 0 or skipped:
    print(f"discover suite: {tests} tests, {skipped} skipped: it must run in CI", file=sys.stderr)
    sys.exit(1)
print(f"discover suite: {tests} tests ran, {failed} failed, none skipped")
PY
