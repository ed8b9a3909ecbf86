#!/usr/bin/python3
"""Chaos test of rubrique's writers: kill -9 at random moments and concurrent writers, then check the files.

    /usr/bin/python3 src/bench/chaos/chaos.py [--kills 50] [--concurrent 20] [--jar target/rubrique.jar]
                                              [--out experiments/bench/chaos.md]

Experiments (each in a fresh temporary directory):
  train-kill     `train --no-eval` killed with SIGKILL after a random delay; then the model must load
                 (`classify`), and the next train must leave no temporary directory behind.
  ingest-kill    `ingest` of the seed pages killed after a random delay; the inbox must validate and hold either
                 the old records or the old plus all new ones.
  save-kill      `label` server saving records in a loop, killed after a random delay; the label file must
                 validate, and every save the server acknowledged must be in it.
  ingest-pair    two `ingest` runs at once (different pages) into one inbox: both sets of records kept.
  save-pair      two `label` servers at once saving different items into one label file: every acknowledged
                 save kept, none twice.
Prints a table (tried / intact / lost) and writes it as Markdown. Standard library only.
"""

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
PAGES = sorted(os.path.join(REPO, "src/test/resources/data/seeds", f)
               for f in os.listdir(os.path.join(REPO, "src/test/resources/data/seeds")))
FAST_CONFIG = os.path.join(REPO, "src/test/resources/core/fixed-liblinear.json")


def java(jar, *args, cwd=None, **kw):
    return ["java", "-jar", jar, *args]


def run(cmd, cwd, timeout=300):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def label_set(d):
    """d/labels with the repository's topics.json and seed labels."""
    os.makedirs(os.path.join(d, "labels"))
    for f in ("topics.json", "snippets.jsonl"):
        shutil.copy(os.path.join(REPO, "labels", f), os.path.join(d, "labels", f))


def valid_labels(jar, d):
    r = run(java(jar, "validate", "labels"), d)
    return r.returncode == 0, r.stderr.strip()[-300:]


def lines(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [l for l in f.read().split("\n") if l.strip()]


def leftovers(d):
    out = []
    for root, dirs, files in os.walk(d):
        for n in dirs + files:
            if ".tmp-" in n:
                out.append(os.path.join(root, n))
    return out


def train_kill(jar, trial):
    d = tempfile.mkdtemp(prefix="chaos-train-")
    try:
        label_set(d)
        base = run(java(jar, "train", "--no-eval", "--labels", "labels", "--config", FAST_CONFIG, "--model", "m"), d)
        if base.returncode != 0:
            return "lost", "first train failed: " + base.stderr[-200:]
        p = subprocess.Popen(java(jar, "train", "--no-eval", "--labels", "labels", "--config", FAST_CONFIG,
                                  "--model", "m", "--seed", str(trial)), cwd=d, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(random.uniform(0.3, 3.0))
        p.send_signal(signal.SIGKILL)
        p.wait()
        c = run(java(jar, "classify", "--model", "m", "La cybersécurité au Vietnam"), d)
        if c.returncode != 0:
            return "lost", "model unreadable after the kill: " + c.stderr.strip()[-200:]
        again = run(java(jar, "train", "--no-eval", "--labels", "labels", "--config", FAST_CONFIG, "--model", "m"), d)
        left = leftovers(os.path.join(d, "m"))
        if again.returncode != 0 or left:
            return "lost", "after the next train: code %d, leftovers %s" % (again.returncode, left)
        return "intact", ""
    finally:
        shutil.rmtree(d, ignore_errors=True)


def ingest_kill(jar, trial):
    d = tempfile.mkdtemp(prefix="chaos-ingest-")
    try:
        label_set(d)
        os.remove(os.path.join(d, "labels", "snippets.jsonl"))  # let every seed item be new
        inbox = os.path.join(d, "labels", "inbox.jsonl")
        first = run(java(jar, "ingest", PAGES[0], "--into", inbox), d)
        if first.returncode != 0:
            return "lost", first.stderr[-200:]
        before = lines(inbox)
        full = run(java(jar, "ingest", *PAGES[1:], "--into", os.path.join(d, "expected.jsonl")), d)
        expected_new = len(lines(os.path.join(d, "expected.jsonl")))
        p = subprocess.Popen(java(jar, "ingest", *PAGES[1:], "--into", inbox), cwd=d, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(random.uniform(0.2, 1.5))
        p.send_signal(signal.SIGKILL)
        p.wait()
        after = lines(inbox)
        ok, msg = valid_labels(jar, d)
        if not ok:
            return "lost", "inbox invalid: " + msg
        if after[:len(before)] != before or len(after) not in (len(before), len(before) + expected_new):
            return "lost", "inbox has %d lines, expected %d or %d" % (len(after), len(before),
                                                                     len(before) + expected_new)
        again = run(java(jar, "ingest", PAGES[0], "--into", inbox), d)
        if again.returncode != 0 or leftovers(os.path.join(d, "labels")):
            return "lost", "leftovers after the next ingest: %s" % leftovers(os.path.join(d, "labels"))
        return "intact", ""
    finally:
        shutil.rmtree(d, ignore_errors=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def pool_file(d, n, prefix):
    path = os.path.join(d, prefix + "-pool.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": "%s%d" % (prefix, i), "kind": "teaser", "title": "Dépêche %s %d" % (prefix, i),
                                "text": "Article %s numéro %d sur un sujet inventé pour le test." % (prefix, i)},
                               ensure_ascii=False) + "\n")
    return path


def start_label_server(jar, d, pool, name):
    port = free_port()
    p = subprocess.Popen(java(jar, "label", "--pool", pool, "--labels", "labels", "--model", "no-model",
                              "--name", name, "--port", str(port), "--strategy", "random"), cwd=d,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen("http://127.0.0.1:%d/api/state" % port, timeout=1).read()
            return p, port
        except Exception:
            time.sleep(0.2)
    p.kill()
    raise RuntimeError("label server did not start")


def post(port, path, body):
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def saver(port, ids, acked, stop):
    for i in ids:
        if stop.is_set():
            return
        try:
            post(port, "/api/save", {"id": i, "topics": ["digital"] if hash(i) % 2 else []})
            acked.append(i)
        except Exception:
            return


def save_kill(jar, trial):
    d = tempfile.mkdtemp(prefix="chaos-save-")
    try:
        label_set(d)
        pool = pool_file(d, 400, "k")
        p, port = start_label_server(jar, d, pool, "chaos")
        acked, stop = [], threading.Event()
        t = threading.Thread(target=saver, args=(port, ["k%d" % i for i in range(400)], acked, stop))
        t.start()
        time.sleep(random.uniform(0.3, 2.0))
        p.send_signal(signal.SIGKILL)
        p.wait()
        stop.set()
        t.join()
        ok, msg = valid_labels(jar, d)
        if not ok:
            return "lost", "label file invalid: " + msg
        saved = {json.loads(l)["id"] for l in lines(os.path.join(d, "labels", "snippets.jsonl"))}
        missing = [i for i in acked if i not in saved]
        if missing:
            return "lost", "%d acknowledged saves missing, e.g. %s" % (len(missing), missing[0])
        return "intact", "%d saves acknowledged" % len(acked)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def ingest_pair(jar, trial):
    d = tempfile.mkdtemp(prefix="chaos-ipair-")
    try:
        label_set(d)
        os.remove(os.path.join(d, "labels", "snippets.jsonl"))
        inbox = os.path.join(d, "labels", "inbox.jsonl")
        a = subprocess.Popen(java(jar, "ingest", PAGES[0], PAGES[1], "--into", inbox), cwd=d,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        b = subprocess.Popen(java(jar, "ingest", PAGES[2], PAGES[3], "--into", inbox), cwd=d,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        a.wait()
        b.wait()
        os.makedirs(os.path.join(d, "empty"))
        expected = run(java(jar, "ingest", *PAGES[:4], "--into", os.path.join(d, "expected.jsonl"), "--labels",
                            "empty"), d)
        want = {json.loads(l)["id"] for l in lines(os.path.join(d, "expected.jsonl"))}
        got = [json.loads(l)["id"] for l in lines(inbox)]
        ok, msg = valid_labels(jar, d)
        if a.returncode or b.returncode or not ok or set(got) != want or len(got) != len(set(got)):
            return "lost", "codes %s/%s, %d of %d records, %d duplicates %s" % (a.returncode, b.returncode,
                                                                             len(set(got) & want), len(want),
                                                                             len(got) - len(set(got)), msg)
        return "intact", ""
    finally:
        shutil.rmtree(d, ignore_errors=True)


def save_pair(jar, trial):
    d = tempfile.mkdtemp(prefix="chaos-spair-")
    try:
        label_set(d)
        pa, pb = pool_file(d, 30, "a"), pool_file(d, 30, "b")
        sa, porta = start_label_server(jar, d, pa, "one")
        sb, portb = start_label_server(jar, d, pb, "two")
        acked_a, acked_b, stop = [], [], threading.Event()
        ta = threading.Thread(target=saver, args=(porta, ["a%d" % i for i in range(30)], acked_a, stop))
        tb = threading.Thread(target=saver, args=(portb, ["b%d" % i for i in range(30)], acked_b, stop))
        ta.start()
        tb.start()
        ta.join()
        tb.join()
        for s in (sa, sb):
            s.terminate()
            s.wait()
        ok, msg = valid_labels(jar, d)
        ids = [json.loads(l)["id"] for l in lines(os.path.join(d, "labels", "snippets.jsonl"))]
        missing = [i for i in acked_a + acked_b if i not in ids]
        if not ok or missing or len(ids) != len(set(ids)) or len(acked_a) + len(acked_b) != 60:
            return "lost", "valid %s, %d acked, %d missing, %d duplicated" % (ok, len(acked_a) + len(acked_b),
                                                                           len(missing), len(ids) - len(set(ids)))
        return "intact", ""
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kills", type=int, default=50)
    ap.add_argument("--concurrent", type=int, default=20)
    ap.add_argument("--jar", default=os.environ.get("RUBRIQUE_JAR") or os.path.join(REPO, "target", "rubrique.jar"))
    ap.add_argument("--out", default=os.path.join(REPO, "experiments", "bench", "chaos.md"))
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    random.seed(a.seed)
    jar = os.path.abspath(a.jar)
    experiments = [("train-kill", train_kill, a.kills), ("ingest-kill", ingest_kill, a.kills),
                   ("save-kill", save_kill, a.kills), ("ingest-pair", ingest_pair, a.concurrent),
                   ("save-pair", save_pair, a.concurrent)]
    rows = []
    t0 = time.time()
    for name, fn, n in experiments:
        intact, lost, notes = 0, 0, []
        for k in range(n):
            status, note = fn(jar, k)
            if status == "intact":
                intact += 1
            else:
                lost += 1
                notes.append(note)
                print("%s trial %d: %s" % (name, k, note), file=sys.stderr)
        rows.append((name, n, intact, lost, notes[:3]))
        print("%-12s tried %3d  intact %3d  lost %3d" % (name, n, intact, lost), flush=True)
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    md = ["## Chaos: kill -9 and concurrent writers", "",
          "Generated by `/usr/bin/python3 src/bench/chaos/chaos.py --kills %d --concurrent %d` at revision %s on %s "
          "(%.0f min, %d cores). *intact*: every file validates and nothing acknowledged or expected is missing."
          % (a.kills, a.concurrent, rev, time.strftime("%Y-%m-%d"), (time.time() - t0) / 60, os.cpu_count()), "",
          "| experiment | tried | intact | lost | notes |", "|---|---|---|---|---|"]
    for name, n, intact, lost, notes in rows:
        md.append("| %s | %d | %d | %d | %s |" % (name, n, intact, lost, "; ".join(notes) or ""))
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(md) + "\n")
    os.replace(a.out + ".tmp", a.out)
    print("wrote " + a.out)
    return 1 if any(r[3] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
