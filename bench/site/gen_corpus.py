#!/usr/bin/env python3
"""Generates the site benchmark's input: N Markdown pages with front matter, headings, tables, code, lists
and cross-page links (all of which resolve), a snapshot of H hosts, and a second snapshot in which some
findings changed, for the status-only re-render.

    python3 bench/site/gen_corpus.py OUT_DIR [pages=1000] [hosts=100]
"""
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

out = sys.argv[1]
pages = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
hosts = int(sys.argv[3]) if len(sys.argv) > 3 else 100
rnd = random.Random(42)
SECTIONS = ["storage", "zfs", "snapraid", "mounts", "smart", "k8s", "containers", "proxmox", "network", "monitoring"]
CHECKS = ["disk-usage", "inode-usage", "memory", "load", "failed-units", "kernel-errors", "zfs-pools", "smart",
          "mounts", "containers", "k8s-pods", "proxmox", "http-endpoints", "prometheus-targets", "freeze-hardening",
          "snapraid-status", "snapraid-diff", "backups", "certificates", "ups"]
HEADINGS = ["Degraded state", "Replacing a disk", "Capacity", "Scrubs", "After a reboot", "Thresholds",
            "What to check first", "Recovery", "Hardening", "Validation"]
WORDS = ("pool disk parity sync scrub mount share container pod node volume snapshot backup restore kernel "
         "journal unit service timer threshold capacity latency certificate exporter target alert runbook host "
         "array cache special vdev resilver checksum error sector temperature wear cable power").split()


def slug(text):
    keep = "".join(c for c in text.lower() if c.isalnum() or c in " _-")
    return "-".join(keep.strip().replace("_", " ").split())


def sentence():
    words = [rnd.choice(WORDS) for _ in range(rnd.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def page_name(i):
    return f"{SECTIONS[i % len(SECTIONS)]}/p{i:04d}"


content = os.path.join(out, "content")
os.makedirs(content, exist_ok=True)
anchors = []
for i in range(pages):
    name = page_name(i)
    path = os.path.join(content, "runbook", name + ".md")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    heads = rnd.sample(HEADINGS, 6)
    checks = sorted(rnd.sample(CHECKS, 2))
    lines = ["---", f"title: Page {i:04d} {SECTIONS[i % len(SECTIONS)]}",
             f"summary: {sentence()}", f"tags: [{SECTIONS[i % len(SECTIONS)]}, bench]",
             f"checks: [{', '.join(checks)}]", f"order: {i}", "---", "", f"# Page {i:04d}", "", sentence() + " " + sentence(), ""]
    if i % 3 == 0:
        lines += ['!!! warning "Before you start"', "    " + sentence(), ""]
    for h in heads:
        anchors.append((name, slug(h), checks))
        lines += [f"## {h}", "", sentence() + " " + sentence() + " " + sentence(), "",
                  "1. " + sentence(), "2. " + sentence(), "3. " + sentence(), "",
                  "```bash", f"zpool status -v tank{i}", f"journalctl -u unit{i} --since today | tail -50", "```", "",
                  "| Field | Value | Meaning |", "| --- | --- | --- |",
                  f"| `{rnd.choice(WORDS)}` | {rnd.randint(1, 99)}% | {sentence()} |",
                  f"| `{rnd.choice(WORDS)}` | {rnd.randint(1, 99)}% | {sentence()} |", ""]
        target = page_name(rnd.randrange(pages))
        rel = os.path.relpath(os.path.join("runbook", target + ".md"), os.path.dirname(os.path.join("runbook", name)))
        lines += [f"See [{target}]({rel}) and [this section](#{slug(h)}), or https://openzfs.github.io/openzfs-docs/.", "",
                  f"### {h} in detail", "", "- [x] " + sentence(), "- [ ] " + sentence(), "- ~~" + sentence() + "~~", ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))

with open(os.path.join(content, "index.md"), "w") as f:
    f.write("---\ntitle: Runbook\norder: 0\n---\n\n# Runbook\n\n")
    for i in range(0, pages, 10):
        f.write(f"- [{page_name(i)}](runbook/{page_name(i)}.md)\n")

t0 = datetime(2026, 12, 3, 6, 0, tzinfo=timezone.utc)
iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")


def snapshot(at, changed):
    hs, fs, hist = [], [], []
    for h in range(hosts):
        name = f"host-{h:03d}"
        hs.append({"name": name, "address": f"10.0.{h // 250}.{h % 250 + 1}", "tags": ["bench"], "reachable": True, "lastSeen": iso(at)})
        for k, check in enumerate(CHECKS[(h % 4) * 4:(h % 4) * 4 + 8]):
            page, anchor, _ = anchors[(h * 8 + k) % len(anchors)]
            sev = "OK"
            if (h + k) % 17 == 0:
                sev = "CRIT"
            elif (h + k) % 7 == 0:
                sev = "WARN"
            if changed and (h + k) % 23 == 0:
                sev = "WARN" if sev == "OK" else "OK"
            fs.append({"check": check, "host": name, "subject": f"/dev/sd{chr(97 + k)}", "severity": sev,
                       "message": f"{check} on {name}: value {(h * 7 + k) % 100}%", "runbook": f"runbook/{page}#{anchor}",
                       "checkedAt": iso(at)})
        hist.append({"check": CHECKS[h % len(CHECKS)], "host": name, "subject": "/", "metric": "used_percent",
                     "points": [{"at": iso(at - timedelta(days=30 - d)), "value": (h + d * 3) % 100, "severity": "OK"} for d in range(30)]})
    return {"schemaVersion": 1, "generatedAt": iso(at), "lab": "bench", "hosts": hs,
            "checks": [{"id": c, "title": f"the {c} check"} for c in CHECKS], "findings": fs,
            "runs": [{"id": f"r-{n}", "job": "daily-sanity", "trigger": "schedule", "startedAt": iso(at - timedelta(days=n)),
                      "finishedAt": iso(at - timedelta(days=n) + timedelta(minutes=2)), "worst": "CRIT", "findings": len(fs)} for n in range(20)],
            "schedules": [{"id": "daily-sanity", "cron": "0 0 6 * * ?", "timeZone": "UTC", "checks": CHECKS[:6],
                           "lastRun": iso(at), "lastWorst": "CRIT", "nextFires": [iso(at + timedelta(days=d)) for d in range(1, 8)]}],
            "history": hist, "commands": [{"name": "status", "usage": "/status", "description": "Overall state", "role": "user"}]}


with open(os.path.join(out, "status.json"), "w") as f:
    json.dump(snapshot(t0, False), f)
with open(os.path.join(out, "status-changed.json"), "w") as f:
    json.dump(snapshot(t0 + timedelta(hours=1), True), f)
print(f"corpus: {pages} pages, {hosts} hosts, {len(anchors)} sections in {out}")
