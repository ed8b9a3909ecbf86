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
  two-file       two `label` servers on two files of one label set (`label` and `label --into labels/extra.jsonl`)
                 saving the same 10 items at once: every item labelled once, `validate labels` passes.
  cross-site     requests as another site would send them (foreign Origin, form and text/plain bodies, no CSRF
                 token) to every POST route, and a foreign Host (DNS rebinding): all refused, nothing changed.
  chunked-2g     a 2 GiB chunked body streamed to /api/save: answered 413 after about the 1 MiB limit's worth of
                 reading, and the server keeps answering.
  slow-clients   400 connections trickling their bodies at 1 byte/s: /api/state must still answer under 1 s.
Prints a table (tried / intact / lost) and writes it as Markdown. Standard library only.
"""

import argparse
import json
import os
import random
import re
import statistics
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
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


def start_label_server(jar, d, pool, name, *extra):
    port = free_port()
    p = subprocess.Popen(java(jar, "label", "--pool", pool, "--labels", "labels", "--model", "no-model",
                              "--name", name, "--port", str(port), "--strategy", "random", *extra), cwd=d,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen("http://127.0.0.1:%d/api/state" % port, timeout=1).read()
            return p, port
        except Exception:
            time.sleep(0.2)
    p.kill()
    raise RuntimeError("label server did not start")


TOKENS = {}


def csrf(port):
    """The page's per-server CSRF token (every write needs it), read from the page as a browser would."""
    if port not in TOKENS:
        page = urllib.request.urlopen("http://127.0.0.1:%d/" % port, timeout=10).read().decode()
        TOKENS[port] = re.search(r'name="rubrique-csrf" content="([^"]+)"', page).group(1)
    return TOKENS[port]


def post(port, path, body):
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json", "X-Rubrique-Csrf": csrf(port)},
                                 method="POST")
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def raw(port, request, timeout=10):
    """Sends raw bytes, returns the response's status code (0 when the server answered nothing)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(request)
        data = b""
        try:
            while True:
                got = s.recv(65536)
                if not got:
                    break
                data += got
        except (ConnectionResetError, socket.timeout):
            pass
    m = re.match(rb"HTTP/1\.1 (\d{3})", data)
    return int(m.group(1)) if m else 0


def saver(port, ids, acked, stop, past_conflicts=False):
    for i in ids:
        if stop.is_set():
            return
        try:
            post(port, "/api/save", {"id": i, "topics": ["digital"] if hash(i) % 2 else []})
            acked.append(i)
        except urllib.error.HTTPError as e:
            if not (past_conflicts and e.code == 409):
                return
        except Exception:
            return


def two_savers(jar, d, a, b, past_conflicts):
    """Two label servers, each (pool, name, ids, extra args), saving their ids at once; their acknowledged ids."""
    servers, acked, threads, stop = [], [], [], threading.Event()
    for pool, name, ids, extra in (a, b):
        p, port = start_label_server(jar, d, pool, name, *extra)
        servers.append(p)
        acked.append([])
        threads.append(threading.Thread(target=saver, args=(port, ids, acked[-1], stop, past_conflicts)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for p in servers:
        p.terminate()
        p.wait()
    return acked


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
        acked_a, acked_b = two_savers(jar, d, (pa, "one", ["a%d" % i for i in range(30)], ()),
                                      (pb, "two", ["b%d" % i for i in range(30)], ()), False)
        ok, msg = valid_labels(jar, d)
        ids = [json.loads(l)["id"] for l in lines(os.path.join(d, "labels", "snippets.jsonl"))]
        missing = [i for i in acked_a + acked_b if i not in ids]
        if not ok or missing or len(ids) != len(set(ids)) or len(acked_a) + len(acked_b) != 60:
            return "lost", "valid %s, %d acked, %d missing, %d duplicated" % (ok, len(acked_a) + len(acked_b),
                                                                           len(missing), len(ids) - len(set(ids)))
        return "intact", ""
    finally:
        shutil.rmtree(d, ignore_errors=True)


def two_file(jar, trial):
    d = tempfile.mkdtemp(prefix="chaos-2file-")
    try:
        label_set(d)
        pool = pool_file(d, 10, "s")
        ids = ["s%d" % i for i in range(10)]
        acked_a, acked_b = two_savers(jar, d, (pool, "one", ids, ()),
                                      (pool, "two", ids, ("--into", "labels/extra.jsonl")), True)
        ok, msg = valid_labels(jar, d)
        saved = [json.loads(l)["id"] for f in ("snippets.jsonl", "extra.jsonl")
                 for l in lines(os.path.join(d, "labels", f)) if json.loads(l)["id"].startswith("s")]
        if not ok or sorted(saved) != sorted(ids) or len(acked_a) + len(acked_b) != 10:
            return "lost", "valid %s, %d acked, %d saved, %d duplicated %s" % (
                ok, len(acked_a) + len(acked_b), len(saved), len(saved) - len(set(saved)), msg)
        return "intact", "%d + %d saves" % (len(acked_a), len(acked_b))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def cross_site(jar, trial):
    d = tempfile.mkdtemp(prefix="chaos-xsite-")
    try:
        label_set(d)
        pool = pool_file(d, 10, "x")
        p, port = start_label_server(jar, d, pool, "victim")
        try:
            post(port, "/api/save", {"id": "x0", "topics": ["digital"]})
            path = os.path.join(d, "labels", "snippets.jsonl")
            before = open(path, encoding="utf-8").read()
            state_before = json.loads(urllib.request.urlopen("http://127.0.0.1:%d/api/state" % port).read())
            statuses = []
            for route in ("/api/undo", "/api/retrain", "/api/skip", "/api/save"):
                for ctype, body in (("application/x-www-form-urlencoded", b"x=1"),
                                    ("text/plain", b'{"id":"x1","topics":[]}'),
                                    ("application/json", b'{"id":"x1","topics":[]}')):
                    req = (b"POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nOrigin: http://127.0.0.2:9999\r\n"
                           b"Content-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                           % (route.encode(), port, ctype.encode(), len(body))) + body
                    statuses.append(raw(port, req))
                    # The same without Origin (an old browser, a plugin): no CSRF token, still refused.
                    statuses.append(raw(port, req.replace(b"Origin: http://127.0.0.2:9999\r\n", b"")))
            statuses.append(raw(port, b"GET /api/next HTTP/1.1\r\nHost: rebound.example:%d\r\n"
                                      b"Connection: close\r\n\r\n" % port))
            after = open(path, encoding="utf-8").read()
            state_after = json.loads(urllib.request.urlopen("http://127.0.0.1:%d/api/state" % port).read())
            accepted = [s for s in statuses if s < 400]
            same = before == after and state_before["progress"] == state_after["progress"] \
                and state_after["retrain"]["state"] == "idle"
            if accepted or not same:
                return "lost", "%d of %d requests accepted, state unchanged: %s" % (len(accepted), len(statuses), same)
            return "intact", "%d requests refused (%s)" % (len(statuses), ", ".join(
                "%d x%d" % (c, statuses.count(c)) for c in sorted(set(statuses))))
        finally:
            p.terminate()
            p.wait()
    finally:
        shutil.rmtree(d, ignore_errors=True)


def chunked_2g(jar, trial):
    d = tempfile.mkdtemp(prefix="chaos-chunk-")
    try:
        label_set(d)
        p, port = start_label_server(jar, d, pool_file(d, 5, "c"), "chunk")
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.sendall(b"POST /api/save HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\n"
                      b"X-Rubrique-Csrf: %s\r\nTransfer-Encoding: chunked\r\n\r\n" % (port, csrf(port).encode()))
            chunk = b"%x\r\n" % (1 << 16) + b" " * (1 << 16) + b"\r\n"
            sent, total, answer = 0, 2 << 30, []

            def read_answer():
                try:
                    answer.append(s.recv(4096))
                except OSError as e:
                    answer.append(repr(e).encode())
            reader = threading.Thread(target=read_answer)
            reader.start()
            t0 = time.time()
            try:
                while sent < total and not answer:
                    s.sendall(chunk)
                    sent += 1 << 16
            except OSError:
                pass
            reader.join(30)
            s.close()
            status = re.match(rb"HTTP/1\.1 (\d{3})", answer[0]).group(1).decode() if answer and \
                answer[0].startswith(b"HTTP/1.1") else "none"
            alive = urllib.request.urlopen("http://127.0.0.1:%d/api/state" % port, timeout=10).status
            note = "answer %s after %.1f MiB sent of 2048 MiB (%.2f s); then /api/state %d" % (
                status, sent / 2 ** 20, time.time() - t0, alive)
            ok = status == "413" and alive == 200 and sent < 64 << 20
            return ("intact" if ok else "lost"), note
        finally:
            p.terminate()
            p.wait()
    finally:
        shutil.rmtree(d, ignore_errors=True)


def slow_clients(jar, trial, n=400):
    d = tempfile.mkdtemp(prefix="chaos-slow-")
    try:
        label_set(d)
        p, port = start_label_server(jar, d, pool_file(d, 5, "w"), "slow")
        socks = []
        try:
            token = csrf(port)
            # Warm up first (class loading, JIT: the server has just started), as SlowClientsTest does, so that
            # what is timed is the effect of the slow clients; the POSTs take the path the slow bodies take.
            for _ in range(300):
                urllib.request.urlopen("http://127.0.0.1:%d/api/state" % port, timeout=30).read()
                raw(port, b"POST /api/skip HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\n"
                          b"X-Rubrique-Csrf: %s\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"id\":\"no\"}"
                    % (port, token.encode()))
            for _ in range(n):
                s = socket.create_connection(("127.0.0.1", port), timeout=10)
                s.sendall(b"POST /api/save HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\n"
                          b"X-Rubrique-Csrf: %s\r\nContent-Length: 10000\r\n\r\n{" % (port, token.encode()))
                socks.append(s)
            stop = threading.Event()

            def trickle():
                while not stop.is_set():
                    for s in socks:
                        try:
                            s.send(b" ")
                        except OSError:
                            pass
                    stop.wait(1.0)
            t = threading.Thread(target=trickle)
            t.start()
            times = []
            for _ in range(20):
                t0 = time.time()
                urllib.request.urlopen("http://127.0.0.1:%d/api/state" % port, timeout=30).read()
                times.append(time.time() - t0)
                time.sleep(0.5)
            stop.set()
            t.join()
            worst = max(times)
            note = "%d slow connections: /api/state median %.3f s, max %.3f s over %d requests (%s)" % (
                n, statistics.median(times), worst, len(times), " ".join("%.2f" % x for x in times))
            return ("intact" if worst < 1.0 else "lost"), note
        finally:
            for s in socks:
                s.close()
            p.terminate()
            p.wait()
    finally:
        shutil.rmtree(d, ignore_errors=True)


PROBES = ("cross-site", "chunked-2g", "slow-clients")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kills", type=int, default=50)
    ap.add_argument("--concurrent", type=int, default=20)
    ap.add_argument("--jar", default=os.environ.get("RUBRIQUE_JAR") or os.path.join(REPO, "target", "rubrique.jar"))
    ap.add_argument("--out", default=os.path.join(REPO, "experiments", "bench", "chaos.md"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", default="", help="comma-separated experiments to run (default: all)")
    a = ap.parse_args()
    random.seed(a.seed)
    jar = os.path.abspath(a.jar)
    experiments = [("train-kill", train_kill, a.kills), ("ingest-kill", ingest_kill, a.kills),
                   ("save-kill", save_kill, a.kills), ("ingest-pair", ingest_pair, a.concurrent),
                   ("save-pair", save_pair, a.concurrent), ("two-file", two_file, a.concurrent),
                   ("cross-site", cross_site, 3), ("chunked-2g", chunked_2g, 3), ("slow-clients", slow_clients, 3)]
    if a.only:
        experiments = [e for e in experiments if e[0] in a.only.split(",")]
    rows = []
    t0 = time.time()
    for name, fn, n in experiments:
        intact, lost, notes, measured = 0, 0, [], []
        for k in range(n):
            status, note = fn(jar, k)
            if status == "intact":
                intact += 1
                measured.append(note)
            else:
                lost += 1
                notes.append(note)
            print("%s trial %d: %s %s" % (name, k, status, note), file=sys.stderr)
        # Failures first; for the HTTP probes, what each trial measured.
        shown = notes[:3] if notes or name not in PROBES else measured
        rows.append((name, n, intact, lost, shown))
        print("%-12s tried %3d  intact %3d  lost %3d" % (name, n, intact, lost), flush=True)
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    md = ["## Chaos: kill -9 and concurrent writers", "",
          "Generated by `/usr/bin/python3 src/bench/chaos/chaos.py --kills %d --concurrent %d%s` at revision %s on %s "
          "(%.0f min, %d cores). *intact*: every file validates and nothing acknowledged or expected is missing; "
          "for the HTTP probes, every hostile request refused and the server answering (slow-clients: under 1 s)."
          % (a.kills, a.concurrent, " --only " + a.only if a.only else "", rev, time.strftime("%Y-%m-%d"), (time.time() - t0) / 60, os.cpu_count()), "",
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
