#!/usr/bin/python3
"""Classification speed.

(a) JMH latency of TopicTagger.tag() on one teaser (src/test/java/io/rubrique/bench/TagBenchmark.java), run from the
    test classpath; median and p99 in microseconds.
(b) Whole-process batch throughput on N synthetic items (default 100,000, from gen_corpus.py): `rubrique classify`
    vs `fasttext predict-prob` vs `sklearn_peer.py predict`, each timed by hyperfine; median wall time, items/s and
    the ratio to fastText. Every model is trained on the labelled items first (not timed here; see growth.py).
    fastText reads pre-tokenised text: that tokenisation (in Python) is timed once and reported apart.

    /usr/bin/python3 src/bench/speed.py --labels labels/snippets.jsonl --raw experiments/bench/raw [--quick]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import fasttext_peer  # noqa: E402
import gen_corpus  # noqa: E402

SKLEARN_PEER = os.path.join(benchlib.HERE, "sklearn_peer.py")


def train_models(labels, d, config, rubrique_ok, timeout_s):
    """Trains one model per tool on the labelled items; returns {tool: model path or None} and failures."""
    models, failures = {}, {}
    if rubrique_ok:
        m = os.path.join(d, "rubrique-model")
        shutil.rmtree(m, ignore_errors=True)
        args = ["train", "--labels", labels, "--model", m, "--seed", "1", "--no-eval"]
        if config:
            args[3:3] = ["--config", config]
        r = benchlib.run_measured(benchlib.rubrique_cmd(*args), os.path.join(d, "rubrique-train.log"), timeout_s)
        if r["status"] == "ok":
            models["rubrique"] = m
        else:
            failures["rubrique"] = f"train: {r.get('error')}"
    ft_train = os.path.join(d, "ft-train.txt")
    fasttext_peer.prepare(benchlib.read_jsonl(labels), ft_train, with_labels=True)
    r = benchlib.run_measured(fasttext_peer.train_args(ft_train, os.path.join(d, "ft-model")),
                              os.path.join(d, "fasttext-train.log"), timeout_s)
    if r["status"] == "ok":
        models["fasttext"] = os.path.join(d, "ft-model.bin")
    else:
        failures["fasttext"] = f"train: {r.get('error')}"
    sk = os.path.join(d, "sklearn-model.pkl")
    r = benchlib.run_measured([benchlib.py(), SKLEARN_PEER, "train", "--in", labels, "--model", sk],
                              os.path.join(d, "sklearn-train.log"), timeout_s)
    if r["status"] == "ok":
        models["sklearn"] = sk
    else:
        failures["sklearn"] = f"train: {r.get('error')}"
    return models, failures


def count_lines(path):
    if not os.path.exists(path):
        return 0
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def hyperfine(name, cmd, out_path, runs, d, n_items, timeout_s):
    """Times one shell command with hyperfine; checks the output has one line per item."""
    export = os.path.join(d, f"hyperfine-{name}.json")
    hf = ["hyperfine", "--runs", str(runs), "--export-json", export, "--command-name", name, "--style", "basic",
          cmd]
    benchlib.log(f"speed: {name}: {cmd}")
    with open(os.path.join(d, f"hyperfine-{name}.log"), "w", encoding="utf-8") as log:
        try:
            p = subprocess.run(hf, stdout=log, stderr=subprocess.STDOUT, timeout=timeout_s)
            rc = p.returncode
        except subprocess.TimeoutExpired:
            return {"status": "timeout", "error": f"exceeded the {timeout_s:.0f} s limit", "command": cmd}
    if rc != 0:
        with open(os.path.join(d, f"hyperfine-{name}.log"), encoding="utf-8", errors="replace") as f:
            tail = f.read().strip().splitlines()[-3:]
        return {"status": "failed", "error": " | ".join(tail)[-500:], "command": cmd}
    lines = count_lines(out_path)
    if lines != n_items:
        return {"status": "failed", "error": f"{lines} output lines for {n_items} items", "command": cmd}
    with open(export, encoding="utf-8") as f:
        r = json.load(f)["results"][0]
    times = sorted(r["times"])
    median = r["median"]
    return {"status": "ok", "command": cmd, "runs": len(times), "median_s": round(median, 3),
            "min_s": round(min(times), 3), "max_s": round(max(times), 3),
            "cpu_s": round(r["user"] + r["system"], 2), "items_per_s": round(n_items / median, 1)}


def batch(labels, raw, n_items, runs, config, rubrique_ok, rubrique_reason, timeout_s):
    d = os.path.join(raw, "speed")
    os.makedirs(d, exist_ok=True)
    models, failures = train_models(labels, d, config, rubrique_ok, timeout_s)
    if not rubrique_ok:
        failures["rubrique"] = "skipped: " + rubrique_reason
    items_path = os.path.join(d, f"items-{n_items}.jsonl")
    benchlib.log(f"speed: generating {n_items} items")
    with open(items_path, "w", encoding="utf-8", newline="\n") as f:
        for row in gen_corpus.generate(benchlib.read_jsonl(labels), n_items, seed=7):
            f.write(json.dumps({"id": row["id"], "title": row["title"], "text": row["text"]}, ensure_ascii=False))
            f.write("\n")
    t0 = time.monotonic()
    ft_items = os.path.join(d, f"items-{n_items}.txt")
    fasttext_peer.prepare(benchlib.read_jsonl(items_path), ft_items, with_labels=False)
    tokenise_s = round(time.monotonic() - t0, 2)
    cmds = {
        "rubrique": (f"java -jar {benchlib.JAR} classify --model {models.get('rubrique', 'MODEL_DIR')} --in {items_path} "
                     f"--out {d}/rubrique-out.jsonl", f"{d}/rubrique-out.jsonl"),
        "fasttext": (f"{benchlib.fasttext_bin()} predict-prob {models.get('fasttext', 'MODEL.bin')} {ft_items} -1 0.5 "
                     f"> {d}/fasttext-out.txt", f"{d}/fasttext-out.txt"),
        "sklearn": (f"{benchlib.py()} {SKLEARN_PEER} predict --model {models.get('sklearn', 'MODEL.pkl')} --in {items_path} "
                    f"--out {d}/sklearn-out.jsonl", f"{d}/sklearn-out.jsonl"),
    }
    res = {}
    for tool, (cmd, out) in cmds.items():
        if tool in failures:
            res[tool] = {"status": "skipped" if failures[tool].startswith("skipped") else "failed",
                         "error": failures[tool].removeprefix("skipped: "), "command": cmd}
            continue
        if os.path.exists(out):
            os.remove(out)
        res[tool] = hyperfine(tool, cmd, out, runs, d, n_items, timeout_s)
    ft = res.get("fasttext", {})
    for tool, r in res.items():
        if r.get("status") == "ok" and ft.get("status") == "ok":
            r["time_vs_fasttext"] = round(r["median_s"] / ft["median_s"], 2)
    for p in (items_path, ft_items, f"{d}/rubrique-out.jsonl", f"{d}/fasttext-out.txt", f"{d}/sklearn-out.jsonl"):
        if os.path.exists(p):
            os.remove(p)
    return {"n_items": n_items, "runs": runs, "fasttext_tokenise_s": tokenise_s, "results": res,
            "models": {k: v for k, v in models.items()}}


def jmh(raw, model_dir, quick, timeout_s):
    """Runs TagBenchmark from the test classpath; returns median and p99 in microseconds."""
    d = os.path.join(raw, "speed")
    bl = os.path.join(benchlib.REPO, "target", "test-classes", "META-INF", "BenchmarkList")
    if not os.path.exists(bl) or "TagBenchmark" not in open(bl, encoding="utf-8").read():
        return {"status": "failed", "error": f"{bl} missing or without TagBenchmark: the JMH annotation processor "
                                             f"did not run (mvn -B -DskipTests test-compile)"}
    cp_file = os.path.join(d, "classpath.txt")
    p = subprocess.run(["mvn", "-q", "-B", "dependency:build-classpath", f"-Dmdep.outputFile={cp_file}"],
                       cwd=benchlib.REPO, capture_output=True, text=True)
    if p.returncode != 0:
        return {"status": "failed", "error": "mvn dependency:build-classpath: " + (p.stdout + p.stderr)[-400:]}
    classes = [os.path.join(benchlib.REPO, "target", "classes")]
    if os.environ.get("RUBRIQUE_JAR"):  # benchmark the classes of the jar under test
        classes.insert(0, benchlib.JAR)
    cp = ":".join([os.path.join(benchlib.REPO, "target", "test-classes")] + classes
                  + [open(cp_file, encoding="utf-8").read().strip()])
    out = os.path.join(d, "jmh.json")
    args = ["java", "-cp", cp, "org.openjdk.jmh.Main", "TagBenchmark", "-rf", "json", "-rff", out,
            "-jvmArgsAppend", f"-D{'rubrique.bench.model'}={os.path.abspath(model_dir)}"]
    if quick:
        args += ["-f", "1", "-wi", "2", "-i", "3", "-w", "1s", "-r", "1s"]
    shown = " ".join(a if not a.startswith(benchlib.REPO + "/target/test-classes:") else "<test classpath>"
                     for a in args)
    benchlib.log("speed: JMH TagBenchmark")
    try:
        with open(os.path.join(d, "jmh.log"), "w", encoding="utf-8") as log:
            p = subprocess.run(args, stdout=log, stderr=subprocess.STDOUT, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "error": f"exceeded the {timeout_s:.0f} s limit", "command": shown}
    if p.returncode != 0 or not os.path.exists(out):
        tail = open(os.path.join(d, "jmh.log"), encoding="utf-8", errors="replace").read().strip().splitlines()[-3:]
        return {"status": "failed", "error": " | ".join(tail)[-500:], "command": shown}
    with open(out, encoding="utf-8") as f:
        data = json.load(f)
    if not data:
        return {"status": "failed", "error": "JMH wrote no result (did the benchmark throw? see raw/speed/jmh.log)",
                "command": shown}
    m = data[0]["primaryMetric"]
    pct = m.get("scorePercentiles", {})
    return {"status": "ok", "command": shown, "mode": data[0]["mode"], "unit": m["scoreUnit"],
            "forks": data[0]["forks"], "mean_us": round(m["score"], 2), "mean_error_us": round(m["scoreError"], 2),
            "median_us": round(pct.get("50.0", float("nan")), 2), "p90_us": round(pct.get("90.0", float("nan")), 2),
            "p99_us": round(pct.get("99.0", float("nan")), 2), "p999_us": round(pct.get("99.9", float("nan")), 2),
            "samples": m.get("rawDataHistogram") and sum(c for fork in m["rawDataHistogram"] for it in fork
                                                           for _, c in it)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", default=os.path.join(benchlib.REPO, "labels", "snippets.jsonl"))
    ap.add_argument("--raw", default=os.path.join(benchlib.REPO, "experiments", "bench", "raw"))
    ap.add_argument("--config", default=benchlib.default_config())
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="one JMH fork with short iterations")
    ap.add_argument("--timeout", type=float, default=1200, help="limit per tool, seconds")
    a = ap.parse_args(argv)
    ok, reason = benchlib.rubrique_available()
    config = a.config if a.config and os.path.exists(a.config) else None
    res = {"batch": batch(a.labels, a.raw, a.items, a.runs, config, ok, reason, a.timeout)}
    model = res["batch"]["models"].get("rubrique")
    if model:
        res["jmh"] = jmh(a.raw, model, a.quick, a.timeout)
    else:
        res["jmh"] = {"status": "skipped",
                      "error": "no rubrique model: " + res["batch"]["results"]["rubrique"].get("error", "")}
    benchlib.write_json(os.path.join(a.raw, "speed.json"), res)
    d = os.path.join(a.raw, "speed")
    for p in ("ft-model.bin", "ft-model.vec"):  # 800 MB with fastText's default 2M buckets
        if os.path.exists(os.path.join(d, p)):
            os.remove(os.path.join(d, p))
    for tool, r in res["batch"]["results"].items():
        benchlib.log(f"speed: {tool}: " + (f"{r['median_s']} s, {r['items_per_s']} items/s" if r["status"] == "ok"
                                          else f"{r['status']}: {r.get('error')}"))
    benchlib.log("speed: JMH: " + (f"median {res['jmh']['median_us']} us, p99 {res['jmh']['p99_us']} us"
                                   if res["jmh"]["status"] == "ok" else res["jmh"]["error"]))


if __name__ == "__main__":
    main()
