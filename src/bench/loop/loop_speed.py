#!/usr/bin/python3
"""Speed of the labelling loop: `suggest` on a 10k-item pool on one core, and the labelling page's save latency.

    /usr/bin/python3 src/bench/loop/loop_speed.py [--pool-size 10000] [--runs 5] [--saves 200]
                                                  [--jar target/rubrique.jar] [--out experiments/bench/loop.md]

1. Trains the default model on labels/ (not timed), generates two synthetic pools (src/bench/gen_corpus.py, seed 7,
   labels dropped: inbox-length items with distinct leads, and whole ~1,050-character items), then runs
   `taskset -c 0 ... suggest --pool POOL --n 20` R times for each strategy, through `java -jar` and `bin/rubrique`;
   reports the ranking time the command prints (scoring + selection + diversity, inside the JVM) and the
   whole-process wall time, medians over runs.
2. Starts `rubrique label` on a copy of labels/ with a pool of made-up items and posts S saves one after the other
   (each one waits for the previous answer); reports the server-side save time (the page's `save_ms`: validation,
   lock, re-read, atomic durable write) and the client round trip, p50 and p95.
Standard library only; needs taskset (util-linux).
"""

import argparse
import json
import re
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))


def pct(values, p):
    v = sorted(values)
    k = (len(v) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (k - lo) * (v[hi] - v[lo])


STRATEGIES = ["disagreement", "uncertainty", "rare-uncertainty", "cold-start", "random"]
# (name, gen_corpus arguments, launchers): inbox-length items are what `ingest` writes (the real inbox of
# ../shared/pool averages 401 characters, title included); long items are whole synthetic articles
POOLS = [("inbox-length (~420 chars)", ["--lead-chars", "340", "--distinct-leads"], ["java -jar", "bin/rubrique"]),
         ("long (~1,050 chars)", [], ["bin/rubrique"])]


def make_pool(d, k, size, extra):
    corpus = os.path.join(d, "corpus.jsonl")
    subprocess.run(["/usr/bin/python3", os.path.join(REPO, "src/bench/gen_corpus.py"), "--n", str(size), "--seed", "7",
                    "--out", corpus] + extra, check=True, capture_output=True)
    pool = os.path.join(d, "pool-%d.jsonl" % k)
    chars = []
    with open(corpus, encoding="utf-8") as f, open(pool, "w", encoding="utf-8") as out:
        for line in f:
            r = json.loads(line)
            r.pop("topics", None)
            chars.append(len(r.get("title", "")) + len(r["text"]))
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return pool, statistics.mean(chars)


def suggest_speed(jar, d, size, runs):
    """Rows (pool, mean chars, launcher, strategy, ranked s, wall s), medians over runs."""
    model = os.path.join(d, "model")
    subprocess.run(["java", "-jar", jar, "train", "--no-eval", "--model", model], cwd=REPO, check=True,
                   capture_output=True)
    launcher = os.path.join(REPO, "bin", "rubrique")
    rows = []
    for k, (name, extra, launchers) in enumerate(POOLS):
        pool, chars = make_pool(d, k, size, extra)
        for how in launchers:
            for strategy in STRATEGIES:
                ranked, wall = [], []
                for _ in range(runs):
                    # one core for the JVM and everything it starts; the launcher passes JAVA_OPTS on
                    cmd = (["java", "-XX:ActiveProcessorCount=1", "-jar", jar] if how == "java -jar"
                           else [launcher])
                    env = dict(os.environ, RUBRIQUE_JAR=jar, JAVA_OPTS="-XX:ActiveProcessorCount=1")
                    t0 = time.monotonic()
                    r = subprocess.run(["taskset", "-c", "0"] + cmd + ["suggest", "--pool", pool, "--model", model,
                                       "--n", "20", "--strategy", strategy, "--out", os.path.join(d, "s.jsonl")],
                                       cwd=REPO, capture_output=True, text=True, env=env)
                    wall.append(time.monotonic() - t0)
                    if r.returncode != 0:
                        raise RuntimeError(r.stderr)
                    ms = [l for l in r.stderr.splitlines() if "ranked in" in l][0]
                    ranked.append(int(ms.rsplit("ranked in ", 1)[1].split(" ms")[0]) / 1000)
                rows.append((name, chars, how, strategy, statistics.median(ranked), statistics.median(wall)))
                print(rows[-1], file=sys.stderr, flush=True)
    return rows


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def save_latency(jar, d, saves):
    work = os.path.join(d, "label")
    os.makedirs(os.path.join(work, "labels"))
    for f in ("topics.json", "snippets.jsonl"):
        shutil.copy(os.path.join(REPO, "labels", f), os.path.join(work, "labels", f))
    pool = os.path.join(work, "pool.jsonl")
    with open(pool, "w", encoding="utf-8") as f:
        for i in range(saves):
            f.write(json.dumps({"id": "s%d" % i, "kind": "teaser", "title": "Dépêche %d" % i,
                                "text": "Article inventé numéro %d pour mesurer l'enregistrement." % i},
                               ensure_ascii=False) + "\n")
    port = free_port()
    p = subprocess.Popen(["java", "-jar", jar, "label", "--pool", pool, "--labels", "labels", "--model",
                          os.path.join(d, "model"), "--port", str(port), "--strategy", "random"], cwd=work,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = "http://127.0.0.1:%d" % port
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/state", timeout=1).read()
                break
            except Exception:
                time.sleep(0.2)
        # Every write carries the page's per-server CSRF token, read from the page as a browser would.
        page = urllib.request.urlopen(base + "/", timeout=10).read().decode()
        token = re.search(r'name="rubrique-csrf" content="([^"]+)"', page).group(1)
        server, client = [], []
        for i in range(saves):
            body = json.dumps({"id": "s%d" % i, "topics": ["digital"] if i % 3 == 0 else []}).encode()
            req = urllib.request.Request(base + "/api/save", data=body, method="POST",
                                         headers={"Content-Type": "application/json", "X-Rubrique-Csrf": token})
            t0 = time.monotonic()
            with urllib.request.urlopen(req, timeout=10) as r:
                answer = json.loads(r.read())
            client.append((time.monotonic() - t0) * 1000)
            server.append(answer["save_ms"])
        return server, client
    finally:
        p.terminate()
        p.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pool-size", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--saves", type=int, default=200)
    ap.add_argument("--jar", default=os.environ.get("RUBRIQUE_JAR") or os.path.join(REPO, "target", "rubrique.jar"))
    ap.add_argument("--out", default=os.path.join(REPO, "experiments", "bench", "loop.md"))
    a = ap.parse_args()
    jar = os.path.abspath(a.jar)
    d = tempfile.mkdtemp(prefix="loop-speed-")
    load = os.getloadavg()[0]
    try:
        rows = suggest_speed(jar, d, a.pool_size, a.runs)
        server, client = save_latency(jar, d, a.saves)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    labels = sum(1 for line in open(os.path.join(REPO, "labels", "snippets.jsonl"), encoding="utf-8") if line.strip())
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    md = ["## The labelling loop: suggest on a large pool, page save latency", "",
          "Generated by `/usr/bin/python3 src/bench/loop/loop_speed.py --pool-size %d --runs %d --saves %d` at "
          "revision %s on %s (1-minute load %.2f at the start)." % (a.pool_size, a.runs, a.saves, rev,
                                                                      time.strftime("%Y-%m-%d"), load), "",
          "`suggest --n 20` on %d synthetic items (`src/bench/gen_corpus.py --seed 7`, labels dropped), pinned to "
          "one core (`taskset -c 0`, `-XX:ActiveProcessorCount=1`), with the default model trained on labels/; "
          "medians over %d runs. *ranked*: scoring, selection and diversity inside the JVM, as the command prints "
          "it; *wall*: the whole process (JVM start, model load, reading the pool and, for `disagreement`, training "
          "the committee of fold models on the %d labels). `bin/rubrique` runs `suggest` on the first JIT tier "
          "(see the launcher); `java -jar` is the JVM's default." % (a.pool_size, a.runs, labels), "",
          "| pool | launcher | strategy | ranked (s) | wall (s) |", "|---|---|---|---|---|"]
    for name, chars, how, strategy, r, w in rows:
        md.append("| %s | %s | %s%s | %.2f | %.2f |" % (name, how, strategy,
                                                       " (default)" if strategy == "disagreement" else "", r, w))
    md += ["", "Labelling page, %d saves in a row: *server* is the save itself (validation, lock, re-reading the "
           "label set, temporary file, fsync, rename); *round trip* adds HTTP and the progress counts." % a.saves,
           "", "| | p50 (ms) | p95 (ms) |", "|---|---|---|",
           "| server | %.1f | %.1f |" % (pct(server, 0.5), pct(server, 0.95)),
           "| round trip | %.1f | %.1f |" % (pct(client, 0.5), pct(client, 0.95))]
    with open(a.out + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(md) + "\n")
    os.replace(a.out + ".tmp", a.out)
    print("\n".join(md))


if __name__ == "__main__":
    sys.exit(main())
