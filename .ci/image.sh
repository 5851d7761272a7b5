#!/usr/bin/env bash
# The shipped container recipe, built and run for real: the image from the tarball's Dockerfile on a base made
# here from Debian's packages (no image registry is reachable), then the checks of the install guide: the
# container becomes healthy, `check all` runs on a mounted configuration and prints only findings, a new
# container on the same volume keeps the history, the bot runs as a non-root uid, no build tools are inside.
# Also `systemd-analyze verify` of the unit file. Needs root; runs after `mvn verify` made the tarball.
# Everything it makes lives under target/ of the clone, and its containers, images and volume are removed.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

tarball=$(ls bot/target/caretaker-*.tar.gz)
version=$(basename "$tarball" .tar.gz)
version=${version#caretaker-}
work=$PWD/target/ci-image
rm -rf "$work"
mkdir -p "$work"

export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends docker.io debootstrap systemd curl >/dev/null

echo "== systemd-analyze verify deploy/systemd/caretaker.service"
# Without systemd as PID 1: verify the unit inside a root holding the system's units and the installed launcher.
unitroot=$work/unit-root
mkdir -p "$unitroot/etc/systemd/system" "$unitroot/usr/lib/systemd" "$unitroot/opt"
cp -a /usr/lib/systemd/system "$unitroot/usr/lib/systemd/"
tar -xzf "$tarball" -C "$unitroot/opt"
mv "$unitroot/opt/caretaker-$version" "$unitroot/opt/caretaker"
cp bot/src/deploy/systemd/caretaker.service "$unitroot/etc/systemd/system/"
verify=$(systemd-analyze verify --root="$unitroot" "$unitroot/etc/systemd/system/caretaker.service" 2>&1) || {
  echo "$verify" >&2; exit 1; }
# Unknown keys and bad values are only warnings to systemd-analyze: any word from it is a failure here.
if [ -n "$verify" ]; then echo "$verify" >&2; exit 1; fi
echo "unit file: clean"

if ! docker info >/dev/null 2>&1; then
  echo "== starting dockerd"
  (dockerd >"$work/dockerd.log" 2>&1 &)
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { cat "$work/dockerd.log" >&2; exit 1; }
fi

base=caretaker-ci-base:bookworm
image=caretaker-ci:$version
name=caretaker-ci
volume=caretaker-ci-data
cleanup() {
  docker rm -f "$name" "$name-2" >/dev/null 2>&1 || true
  docker volume rm "$volume" >/dev/null 2>&1 || true
  docker rmi "$image" "$base" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup

echo "== base image: Debian bookworm minbase with openjdk-17-jre-headless and curl, from Debian's packages"
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
debootstrap --variant=minbase --include=openjdk-17-jre-headless,curl bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
tar -C "$work/rootfs" -c . | docker import - "$base" >/dev/null
echo "base built after $((SECONDS - started))s"

echo "== image from the tarball's Dockerfile"
tar -xzf "$tarball" -C "$work"
docker build -q --build-arg BASE="$base" -t "$image" -f "$work/caretaker-$version/deploy/container/Dockerfile" \
  "$work/caretaker-$version" >/dev/null

echo "== no build tools in the image"
docker run --rm --entrypoint /bin/sh "$image" -c \
  'for t in javac jar jlink mvn gcc cc make; do if command -v "$t"; then echo "build tool in the image: $t"; exit 1; fi; done'

# The configuration the guide describes: /etc/caretaker read-only with the key (0600, owned by the image's uid),
# the data in a volume. One host is this container itself; the other is an SSH port nobody listens on.
config=$work/etc
mkdir -p "$config/keys"
ssh-keygen -q -t ed25519 -N '' -f "$config/keys/caretaker_ed25519"
: >"$config/keys/known_hosts"
cat >"$config/caretaker.yaml" <<'YAML'
hosts:
  - name: box
    local: true
  - name: gone
    address: 127.0.0.1
    port: 1
    user: caretaker
    key: /etc/caretaker/keys/caretaker_ed25519
    known-hosts: /etc/caretaker/keys/known_hosts
store:
  data-dir: /data
chat:
  console: false
alerts:
  channels: []
http:
  listen: 0.0.0.0:8484
site: {}
YAML
chown -R 10001:10001 "$config"
chmod 0600 "$config/keys/caretaker_ed25519"

echo "== check all on the mounted configuration"
set +e
docker run --rm -v "$config:/etc/caretaker:ro" -v "$volume:/data" "$image" check all >"$work/check.out" 2>"$work/check.err"
status=$?
set -e
cat "$work/check.out"
[ "$status" -eq 2 ] || { echo "check all exited $status, expected 2 (a host unreachable)" >&2; cat "$work/check.err" >&2; exit 1; }
grep -q 'UNREACHABLE reachability .*127.0.0.1:1' "$work/check.out" || { echo "no finding for the unreachable host" >&2; exit 1; }
[ ! -s "$work/check.err" ] || { echo "check all wrote to stderr:" >&2; cat "$work/check.err" >&2; exit 1; }

healthy() {
  for _ in $(seq 1 60); do
    state=$(docker inspect -f '{{.State.Health.Status}}' "$1")
    [ "$state" = healthy ] && return 0
    [ "$state" = unhealthy ] && break
    sleep 2
  done
  echo "$1 is $state" >&2
  docker logs "$1" >&2
  return 1
}

echo "== the bot: healthy, non-root, site on the published loopback port"
# Only the health check's interval is shortened, to keep CI fast; its command is the image's.
docker run -d --name "$name" --health-interval=3s -p 127.0.0.1::8484 -v "$config:/etc/caretaker:ro" -v "$volume:/data" \
  "$image" run --now daily-sanity >/dev/null
healthy "$name"
port=$(docker port "$name" 8484/tcp | head -1 | sed 's/.*://')
uid=$(docker exec "$name" sh -c 'stat -c %u /proc/1')
[ "$uid" != 0 ] || { echo "the bot runs as root" >&2; exit 1; }
echo "bot uid: $uid"
curl -fsS "http://127.0.0.1:$port/" | grep -q '<a href="runbook.html"' || { echo "no runbook at /" >&2; exit 1; }
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/metrics" | grep -q 'caretaker_last_run_timestamp_seconds{job="daily-sanity"}' && break
  sleep 2
done
curl -fsS "http://127.0.0.1:$port/metrics" | grep 'caretaker_last_run_timestamp_seconds{job="daily-sanity"}' >"$work/before"
docker stop -t 60 "$name" >/dev/null
docker logs "$name" 2>&1 | grep -q 'caretaker stopped' || { echo "the bot did not stop cleanly" >&2; docker logs "$name" >&2; exit 1; }

echo "== a new container on the same volume keeps the history"
docker run -d --name "$name-2" --health-interval=3s -p 127.0.0.1::8484 -v "$config:/etc/caretaker:ro" -v "$volume:/data" \
  "$image" >/dev/null
healthy "$name-2"
port=$(docker port "$name-2" 8484/tcp | head -1 | sed 's/.*://')
curl -fsS "http://127.0.0.1:$port/metrics" | grep 'caretaker_last_run_timestamp_seconds{job="daily-sanity"}' >"$work/after" \
  || { echo "the history of the first container is gone" >&2; exit 1; }
cmp -s "$work/before" "$work/after" || { echo "history differs: $(cat "$work/before") / $(cat "$work/after")" >&2; exit 1; }

echo "image checks passed in $((SECONDS - started))s"
