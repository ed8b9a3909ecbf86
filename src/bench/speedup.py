#!/usr/bin/python3
"""Start-up, one-core batch and HTTP speed, side by side in one run: the jar at the branch point (--ref-jar), this
build run as `java -jar` and through bin/rubrique, and fastText, on the same holdout-like items; writes
RAW/speedup.json (report.py renders it in experiments/BENCHMARKS.md).

    /usr/bin/python3 src/bench/speedup.py --ref-jar REF.jar [--items 100000] [--runs 5] [--quick]

- Items: gen_corpus.py seed 7, each text cut to a ~270-character lead (--lead-chars), so title + lead as in the
  holdout; the first 10% make the small batch. The model is trained on labels/ by the reference jar (the same model
  file for both jars).
- Every timing is a median over --runs fresh processes (hyperfine, one warm-up run), and the 1-minute load average
  is read before and after each one; before each it waits (60 s at a time, up to --max-wait) while the load is
  above --max-load, and records what it found.
- One core: `taskset -c 0` for rubrique and fastText alike. The per-item cost on one core is the difference between
  the 100% and 10% runs divided by the items between them, set beside JMH's tag() on the same items (tagItems,
  also pinned to core 0).
- Identical results: each rubrique output of the 100% batch (one core and both cores, java -jar and bin/rubrique)
  is compared byte for byte with the reference jar's.
- Model load inside the JVM: LoadTime.java (the first TopicTagger.load of a fresh JVM), plain and with the
  launcher's flags.
- HTTP: src/bench/http/load.sh for each jar, the server on core 0 and wrk and the open-loop client on core 1.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import fasttext_peer  # noqa: E402
import gen_corpus  # noqa: E402

SNIPPET = "Le Vietnam et Singapour renforcent leur coopération en cybersécurité"
LAUNCHER = os.path.join(benchlib.REPO, "bin", "rubrique")
# What bin/rubrique adds for a one-off run (kept in step with the script; speedup.py checks the archive exists).
ONE_OFF_FLAGS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData"]


def load1():
    return float(open("/proc/loadavg").read().split()[0])


# Seconds of waiting left for the whole run (--total-wait): past it, measurements start whatever the load.
WAIT_BUDGET = [3600.0]


def wait_for_quiet(max_load, max_wait_s):
    """Waits while the 1-minute load is above max_load (60 s steps, up to max_wait_s, within the run's budget);
    returns (load when the measurement starts, seconds waited)."""
    waited = 0
    while load1() > max_load and waited < max_wait_s and WAIT_BUDGET[0] >= 60:
        benchlib.log(f"speedup: load {load1():.2f} > {max_load}, waiting 60 s")
        time.sleep(60)
        waited += 60
        WAIT_BUDGET[0] -= 60
    return load1(), waited


class Runner:
    def __init__(self, d, runs, max_load, max_wait):
        self.d, self.runs, self.max_load, self.max_wait = d, runs, max_load, max_wait

    def hyperfine(self, name, cmd, runs=None, prepare=None):
        """Median wall, user+sys CPU and the load average around one hyperfine measurement of a shell command."""
        before, waited = wait_for_quiet(self.max_load, self.max_wait)
        export = os.path.join(self.d, f"hf-{name}.json")
        hf = ["hyperfine", "--runs", str(runs or self.runs), "--warmup", "1", "--export-json", export,
              "--style", "basic", "--command-name", name]
        if prepare:
            hf += ["--prepare", prepare]
        benchlib.log(f"speedup: {name}: {cmd}")
        with open(os.path.join(self.d, f"hf-{name}.log"), "w", encoding="utf-8") as log:
            rc = subprocess.run(hf + [cmd], stdout=log, stderr=subprocess.STDOUT).returncode
        after = load1()
        if rc != 0:
            tail = open(os.path.join(self.d, f"hf-{name}.log"), encoding="utf-8").read().strip().splitlines()[-3:]
            return {"status": "failed", "command": cmd, "error": " | ".join(tail)[-400:]}
        r = json.load(open(export, encoding="utf-8"))["results"][0]
        return {"status": "ok", "command": cmd, "runs": len(r["times"]), "median_s": round(r["median"], 4),
                "min_s": round(min(r["times"]), 4), "max_s": round(max(r["times"]), 4),
                "cpu_s": round(r["user"] + r["system"], 3), "load_before": before, "load_after": after,
                "waited_s": waited}

    def load_time(self, name, java_args, runs=None):
        """Median of LoadTime's in-JVM figures over fresh JVMs."""
        before, waited = wait_for_quiet(self.max_load, self.max_wait)
        loads, tags = [], []
        for _ in range(runs or self.runs):
            out = subprocess.run(java_args, capture_output=True, text=True)
            if out.returncode != 0:
                return {"status": "failed", "command": " ".join(java_args), "error": out.stderr[-400:]}
            j = json.loads(out.stdout.strip().splitlines()[-1])
            loads.append(j["load_ms"])
            tags.append(j["first_tag_ms"])
        return {"status": "ok", "command": " ".join(java_args), "runs": len(loads),
                "load_ms_median": round(statistics.median(loads), 1), "load_ms_min": round(min(loads), 1),
                "first_tag_ms_median": round(statistics.median(tags), 1), "load_before": before,
                "load_after": load1(), "waited_s": waited}


def same_bytes(a, b):
    if not (os.path.exists(a) and os.path.exists(b)):
        return False
    with open(a, "rb") as x, open(b, "rb") as y:
        while True:
            p, q = x.read(1 << 20), y.read(1 << 20)
            if p != q:
                return False
            if not p:
                return True


def jmh_items(d, jar_first, model, items, quick):
    """JMH tagItems (and tagTeaser) pinned to core 0; mean µs per call."""
    cp_file = os.path.join(d, "classpath.txt")
    p = subprocess.run(["mvn", "-o", "-q", "-B", "dependency:build-classpath", f"-Dmdep.outputFile={cp_file}"],
                       cwd=benchlib.REPO, capture_output=True, text=True)
    if p.returncode != 0:
        return {"status": "failed", "error": (p.stdout + p.stderr)[-400:]}
    cp = ":".join(([jar_first] if jar_first else []) + [os.path.join(benchlib.REPO, "target", "test-classes"),
                                                       os.path.join(benchlib.REPO, "target", "classes"),
                                                       open(cp_file, encoding="utf-8").read().strip()])
    out = os.path.join(d, f"jmh-{'ref' if jar_first else 'new'}.json")
    args = ["taskset", "-c", "0", "java", "-cp", cp, "org.openjdk.jmh.Main", "TagBenchmark", "-rf", "json", "-rff",
            out, "-jvmArgsAppend", f"-Drubrique.bench.model={os.path.abspath(model)} "
                                  f"-Drubrique.bench.items={os.path.abspath(items)}"]
    args += ["-f", "1", "-wi", "3", "-i", "5", "-w", "2s", "-r", "2s"] if quick else \
        ["-f", "2", "-wi", "3", "-i", "5", "-w", "2s", "-r", "2s"]
    before = load1()
    with open(out + ".log", "w", encoding="utf-8") as log:
        rc = subprocess.run(args, stdout=log, stderr=subprocess.STDOUT).returncode
    if rc != 0 or not os.path.exists(out):
        return {"status": "failed", "error": open(out + ".log", encoding="utf-8").read()[-400:]}
    res = {"status": "ok", "load_before": before, "load_after": load1(),
           "command": "taskset -c 0 java -cp <test classpath> org.openjdk.jmh.Main TagBenchmark " + " ".join(args[9:])
           .replace(os.path.abspath(model), "MODEL").replace(os.path.abspath(items), "ITEMS")}
    for b in json.load(open(out, encoding="utf-8")):
        m = b["primaryMetric"]
        name = b["benchmark"].rsplit(".", 1)[-1]
        res[name] = {"mean_us": round(m["score"], 2), "error_us": round(m["scoreError"], 2),
                     "median_us": round(m["scorePercentiles"]["50.0"], 2),
                     "p99_us": round(m["scorePercentiles"]["99.0"], 2)}
    return res


def http(d, jar, model, name, duration):
    """load.sh with the server on core 0 and the clients on core 1."""
    out = os.path.join(d, f"http-{name}.json")
    before, waited = wait_for_quiet(HTTP_MAX_LOAD[0], HTTP_MAX_LOAD[1])
    cmd = [os.path.join(benchlib.REPO, "src", "bench", "http", "load.sh"), "--jar", jar, "--model", model,
           "--server-cpus", "0", "--client-cpus", "1", "--threads", "1", "--connections", "16",
           "--duration", str(duration), "--warmup", "5", "--rate", "1000", "--batch-items", "100", "--out", out]
    with open(out + ".log", "w", encoding="utf-8") as log:
        rc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=benchlib.REPO).returncode
    if rc != 0 or not os.path.exists(out):
        return {"status": "failed", "error": open(out + ".log", encoding="utf-8").read()[-400:]}
    r = json.load(open(out, encoding="utf-8"))
    return {"status": "ok", "load_before": before, "waited_s": waited,
            "command": " ".join(["src/bench/http/load.sh"] + cmd[1:]).replace(benchlib.REPO + "/", ""),
            "health_rps": r["health"]["rps"], "classify_rps": r["classify"]["rps"],
            "classify_over_health": r["classify_over_health"], "classify_p99_ms_closed": r["classify"]["p99_ms"],
            "batch_rps": r["batch"]["rps"] if r.get("batch") else None,
            "batch_items_per_s": r["batch"]["items_per_s"] if r.get("batch") else None,
            "open_loop": r["open_loop_classify"], "load_after": r.get("load_average_after")}


HTTP_MAX_LOAD = [1.2, 1200]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ref-jar", required=True, help="rubrique.jar built at the branch point")
    ap.add_argument("--ref-name", default=None, help="its revision, for the report (default: from the file name)")
    ap.add_argument("--labels", default=os.path.join(benchlib.REPO, "labels", "snippets.jsonl"))
    ap.add_argument("--raw", default=os.path.join(benchlib.REPO, "experiments", "bench", "raw"))
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--lead-chars", type=int, default=270)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--max-load", type=float, default=1.2)
    ap.add_argument("--max-wait", type=float, default=1200, help="seconds to wait for the load to drop, each time")
    ap.add_argument("--total-wait", type=float, default=3600, help="seconds of waiting for the whole run")
    ap.add_argument("--http-duration", type=int, default=10)
    ap.add_argument("--skip", default="", help="comma-separated: startup,batch,jmh,http")
    ap.add_argument("--quick", action="store_true", help="3 runs, 1 JMH fork")
    a = ap.parse_args(argv)
    HTTP_MAX_LOAD[:] = [a.max_load, a.max_wait]
    WAIT_BUDGET[0] = a.total_wait
    runs = 3 if a.quick else a.runs
    skip = set(x for x in a.skip.split(",") if x)
    d = os.path.join(a.raw, "speedup")
    os.makedirs(d, exist_ok=True)
    ref, new = os.path.abspath(a.ref_jar), os.path.join(benchlib.REPO, "target", "rubrique.jar")
    jsa = new[:-4] + ".jsa"
    R = Runner(d, runs, a.max_load, a.max_wait)
    res = {"ref_jar": os.path.basename(ref), "ref_revision": a.ref_name or os.path.basename(ref),
           "new_revision": subprocess.run(["git", "-C", benchlib.REPO, "describe", "--always", "--dirty"],
                                          capture_output=True, text=True).stdout.strip(),
           "cores": os.cpu_count(), "runs": runs, "max_load": a.max_load, "archive": os.path.exists(jsa),
           "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}

    # A skipped part keeps its figures from the previous run (so one part can be rerun alone); say so.
    prev_path = os.path.join(a.raw, "speedup.json")
    if skip and os.path.exists(prev_path):
        prev = json.load(open(prev_path, encoding="utf-8"))
        kept = [p for p in ("startup", "batch", "jmh", "http") if p in skip and p in prev]
        for p in kept:
            res[p] = prev[p]
        if kept:
            res["kept_from_previous"] = {"parts": kept, "started": prev.get("started"),
                                         "new_revision": prev.get("new_revision")}

    # model (trained by the reference jar) and items
    model = os.path.join(d, "model")
    if not os.path.exists(os.path.join(model, "CURRENT")):
        shutil.rmtree(model, ignore_errors=True)
        subprocess.run(["java", "-jar", ref, "train", "--labels", a.labels, "--config",
                        os.path.join(benchlib.REPO, "experiments", "default.json"), "--model", model, "--seed", "1",
                        "--no-eval"], check=True, capture_output=True)
    n, small = a.items, a.items // 10
    items, items_small = os.path.join(d, f"items-{n}.jsonl"), os.path.join(d, f"items-{small}.jsonl")
    rows = list(gen_corpus.generate(benchlib.read_jsonl(a.labels), n, seed=7, lead_chars=a.lead_chars))
    for path, part in ((items, rows), (items_small, rows[:small])):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for r in part:
                f.write(json.dumps({"id": r["id"], "title": r["title"], "text": r["text"]}, ensure_ascii=False) + "\n")
    res["items"] = {"n": n, "small": small, "lead_chars": a.lead_chars,
                    "mean_chars": round(statistics.mean(len(r["title"]) + len(r["text"]) for r in rows), 1),
                    "distinct_texts": len(set((r["title"], r["text"]) for r in rows))}
    del rows

    variants = {"ref": f"java -jar {ref}", "new": f"java -jar {new}", "launcher": LAUNCHER}
    if "startup" not in skip:
        st = {}
        for v, c in variants.items():
            st[f"version-{v}"] = R.hyperfine(f"version-{v}", f"{c} --version")
            st[f"oneoff-{v}"] = R.hyperfine(f"oneoff-{v}", f"{c} classify --model {model} '{SNIPPET}'")
        lt_dir = os.path.join(d, "loadtime")
        os.makedirs(lt_dir, exist_ok=True)
        subprocess.run(["javac", "-cp", new, "-d", lt_dir, os.path.join(benchlib.HERE, "LoadTime.java")], check=True)
        lt_jar = os.path.join(d, "LoadTime.jar")
        subprocess.run(["jar", "cf", lt_jar, "-C", lt_dir, "LoadTime.class"], check=True)
        cds = [f"-XX:SharedArchiveFile={jsa}", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"] if os.path.exists(jsa) else []
        st["load-ref"] = R.load_time("load-ref", ["java", "-cp", f"{ref}:{lt_jar}", "LoadTime", model])
        st["load-new"] = R.load_time("load-new", ["java", "-cp", f"{new}:{lt_jar}", "LoadTime", model])
        st["load-launcher-flags"] = R.load_time("load-launcher-flags", ["java"] + cds + ONE_OFF_FLAGS + [
            "-cp", f"{new}:{lt_jar}", "LoadTime", model])
        res["startup"] = st
        benchlib.write_json(os.path.join(a.raw, "speedup.json"), res)

    if "batch" not in skip:
        b = {}
        ft_model = os.path.join(d, "ft-model")
        ft_train = os.path.join(d, "ft-train.txt")
        fasttext_peer.prepare(benchlib.read_jsonl(a.labels), ft_train, with_labels=True)
        subprocess.run(fasttext_peer.train_args(ft_train, ft_model), check=True, capture_output=True)
        for path in (items, items_small):
            fasttext_peer.prepare(benchlib.read_jsonl(path), path[:-6] + ".txt", with_labels=False)
        outs = {}
        for size, path in ((n, items), (small, items_small)):
            for v, c in variants.items():
                o = os.path.join(d, f"out-{v}-1core-{size}.jsonl")
                outs[(v, "1core", size)] = o
                b[f"{v}-1core-{size}"] = R.hyperfine(f"{v}-1core-{size}",
                                                     f"taskset -c 0 {c} classify --model {model} --in {path} --out {o}")
            b[f"fasttext-1core-{size}"] = R.hyperfine(
                f"fasttext-1core-{size}", f"taskset -c 0 {benchlib.fasttext_bin()} predict-prob {ft_model}.bin "
                                          f"{path[:-6]}.txt -1 0.5 > {d}/ft-out-{size}.txt")
        for v, c in variants.items():
            o = os.path.join(d, f"out-{v}-allcores-{n}.jsonl")
            outs[(v, "allcores", n)] = o
            b[f"{v}-allcores-{n}"] = R.hyperfine(f"{v}-allcores-{n}", f"{c} classify --model {model} --in {items} "
                                                                      f"--out {o}")
        refout = outs[("ref", "1core", n)]
        b["identical"] = {f"{v}-{cores}-{size}": same_bytes(o, refout) for (v, cores, size), o in outs.items()
                          if size == n and not (v == "ref" and cores == "1core")}
        b["identical_small"] = {f"{v}-1core-{small}": same_bytes(outs[(v, "1core", small)],
                                                                  outs[("ref", "1core", small)])
                                for v in ("new", "launcher")}
        for k, r in list(b.items()):
            if isinstance(r, dict) and r.get("status") == "ok":
                size = int(k.rsplit("-", 1)[1])
                r["items_per_s"] = round(size / r["median_s"], 1)
        for v in list(variants) + ["fasttext"]:
            big, sm = b.get(f"{v}-1core-{n}", {}), b.get(f"{v}-1core-{small}", {})
            if big.get("status") == "ok" and sm.get("status") == "ok":
                per = (big["median_s"] - sm["median_s"]) / (n - small)
                b[f"{v}-per-item-us"] = round(per * 1e6, 2)
                b[f"{v}-fixed-s"] = round(sm["median_s"] - per * small, 3)
        ft = b.get(f"fasttext-1core-{n}", {})
        for v in variants:
            r = b.get(f"{v}-1core-{n}", {})
            if r.get("status") == "ok" and ft.get("status") == "ok":
                r["items_per_s_vs_fasttext"] = round(r["items_per_s"] / ft["items_per_s"], 2)
        res["batch"] = b
        for p in os.listdir(d):
            if p.startswith("ft-model") or p.startswith("out-") or p.startswith("ft-out"):
                os.remove(os.path.join(d, p))
        benchlib.write_json(os.path.join(a.raw, "speedup.json"), res)

    if "jmh" not in skip:
        wait_for_quiet(a.max_load, a.max_wait)
        res["jmh"] = {"new": jmh_items(d, None, model, items_small, a.quick),
                      "ref": jmh_items(d, ref, model, items_small, a.quick)}
        b = res.get("batch", {})
        for v, jv in (("new", "new"), ("launcher", "new"), ("ref", "ref")):
            j = res["jmh"][jv]
            if j.get("status") == "ok" and b.get(f"{v}-per-item-us"):
                b[f"{v}-per-item-over-jmh"] = round(b[f"{v}-per-item-us"] / j["tagItems"]["mean_us"], 2)
        benchlib.write_json(os.path.join(a.raw, "speedup.json"), res)

    if "http" not in skip:
        res["http"] = {"ref": http(d, ref, model, "ref", a.http_duration),
                       "new": http(d, new, model, "new", a.http_duration)}
    res["finished"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    benchlib.write_json(os.path.join(a.raw, "speedup.json"), res)
    benchlib.log(f"speedup: wrote {os.path.join(a.raw, 'speedup.json')}")


if __name__ == "__main__":
    main()
