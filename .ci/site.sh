#!/usr/bin/env bash
# CI-only site suite: the sample site in headless Chromium (Debian's chromium package) driven over the
# DevTools protocol: no sideways scroll at 360-414 and 1280 px, section search, no console errors, an
# axe-core pass (from npm), screenshots at 390 and 1280 px in site-generator/target/screenshots/.
# Also installs hugo for bench/site/run.sh.
# Called by .ci/run after the main test command; runs as root on a fresh Debian machine.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium hugo fonts-dejavu-core >/dev/null
  # npm fetches axe-core. These machines come with a Node.js whose package conflicts with Debian's npm: take
  # Debian's only where there is none.
  command -v npm >/dev/null || apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
command -v chromium >/dev/null || { echo "site suite: chromium is not installed" >&2; exit 1; }
# axe-core for the accessibility pass, where the test looks for it (site-generator/pom.xml: axe.script).
mkdir -p site-generator/target/axe
npm install --silent --no-save --no-audit --no-fund --prefix site-generator/target/axe axe-core@4.14.1
test -f site-generator/target/axe/node_modules/axe-core/axe.min.js || { echo "site suite: axe-core did not install" >&2; exit 1; }

echo "== CI-only suite: the site in headless Chromium"
mvn -B -pl site-generator -am install -DskipTests -q
mvn -B -pl site-generator -Pchromium test

# A suite that skipped here would pass while testing nothing: chromium is installed, so every test ran.
python3 - site-generator/target/surefire-reports <<'PY'
import sys, glob, xml.etree.ElementTree as ET
tests = skipped = failed = 0
for f in glob.glob(sys.argv[1] + "/TEST-*Chromium*.xml"):
    r = ET.parse(f).getroot()
    tests += int(r.get("tests")); skipped += int(r.get("skipped")); failed += int(r.get("failures")) + int(r.get("errors"))
if tests == 0 or skipped or failed:
    print(f"chromium suite: {tests} tests, {skipped} skipped, {failed} failed: it must run and pass in CI", file=sys.stderr)
    sys.exit(1)
print(f"chromium suite: {tests} tests ran, none skipped")
PY
