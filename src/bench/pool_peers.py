#!/usr/bin/python3
"""fastText and the careful scikit-learn pipeline on exactly HoldoutStudy's splits, so they sit in its table.

HoldoutStudy --splits-out SPLITS.json writes, per repeat and size, the pool ids drawn for training and the pool ids
left for testing (no text). This script trains each peer on the seeds plus the drawn pool items and scores it on
the rest with HoldoutStudy's conventions (per-topic F1 = 2tp / (2tp + fp + fn), 1.0 when a topic has neither gold
nor predicted items), and writes the per-topic F1 in the format HoldoutStudy --peer-scores reads:

    /usr/bin/python3 src/bench/pool_peers.py --splits SPLITS.json --out PEERS.json [--systems fasttext,sklearn-careful]
    java -cp target/rubrique.jar src/bench/study/HoldoutStudy.java ... --peer-scores PEERS.json CONFIG.json ...

The pool is third-party text: train/test files go to a temporary directory that is removed afterwards; the output
holds only scores. Peers: fasttext_peer.py (fastText's one-vs-all supervised mode, seed 1, one thread) and
sklearn_peer.py's "careful" mode (inner-CV threshold per topic, folds seeded with 42 + repeat, as HoldoutStudy seeds
its training). The file is rewritten after every repeat, so an interrupted run keeps the repeats it finished."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import fasttext_peer  # noqa: E402
import sklearn_peer  # noqa: E402

SYSTEMS = ("fasttext", "sklearn-careful", "sklearn-careful-cv")


def per_topic_f1(gold_items, predicted_topics, topics):
    """HoldoutStudy's per-topic F1 over the test items (1.0 when a topic has no gold and no predicted item)."""
    out = []
    for t in topics:
        tp = fp = fn = 0
        for it, pred in zip(gold_items, predicted_topics):
            g, p = t in (it.get("topics") or []), t in pred
            tp += g and p
            fp += p and not g
            fn += g and not p
        denom = 2 * tp + fp + fn
        out.append(1.0 if denom == 0 else 2.0 * tp / denom)
    return out


def run_fasttext(train, test, scratch):
    train_txt, test_txt = os.path.join(scratch, "train.txt"), os.path.join(scratch, "test.txt")
    fasttext_peer.prepare(train, train_txt, True)
    fasttext_peer.prepare(test, test_txt, False)
    prefix = os.path.join(scratch, "ft")
    c0 = os.times()
    subprocess.run(fasttext_peer.train_args(train_txt, prefix), check=True)
    c1 = os.times()
    rows = fasttext_peer.predict(prefix + ".bin", test_txt, test)
    return [r["topics"] for r in rows], (c1.children_user + c1.children_system) - (c0.children_user + c0.children_system)


def run_sklearn(mode, seed):
    def run(train, test, _scratch):
        c0 = time.process_time()
        model = sklearn_peer.train(train, None, mode, seed)
        c1 = time.process_time()
        return [r["topics"] for r in sklearn_peer.predict(model, test)], c1 - c0
    return run


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--splits", required=True, help="HoldoutStudy --splits-out file")
    ap.add_argument("--out", required=True)
    ap.add_argument("--systems", default="fasttext,sklearn-careful")
    ap.add_argument("--repeats", type=int, default=None, help="only the first N repeats of the splits file")
    a = ap.parse_args(argv)
    import warnings
    warnings.filterwarnings("ignore")
    with open(a.splits, encoding="utf-8") as f:
        splits = json.load(f)
    systems = [s.strip() for s in a.systems.split(",") if s.strip()]
    for s in systems:
        if s not in SYSTEMS:
            raise SystemExit(f"unknown system {s!r} (one of {', '.join(SYSTEMS)})")
    seeds = benchlib.read_jsonl(splits["seeds"])
    pool = {it["id"]: it for it in benchlib.read_jsonl(splits["pool"])}
    topics = list(benchlib.TOPICS)
    sizes = splits["sizes"]
    repeats = min(splits["repeats"], a.repeats or splits["repeats"])
    f1 = {s: {str(n): [] for n in sizes} for s in systems}
    cpu = {s: [] for s in systems}
    by_key = {(sp["repeat"], sp["size"]): sp for sp in splits["splits"]}
    first = 0
    if os.path.exists(a.out):  # resume: keep the repeats an earlier run of the same systems finished
        with open(a.out, encoding="utf-8") as f:
            prev = json.load(f)
        if prev.get("splits_pool_sha256") == splits.get("pool_sha256") and [s["name"] for s in prev["systems"]] == systems:
            first = prev["repeats"]
            for s in prev["systems"]:
                f1[s["name"]] = {n: v[:first] for n, v in s["f1"].items()}
                cpu[s["name"]] = [s["fit_seconds_mean"]] * (first * len(sizes))
            benchlib.log(f"pool peers: resuming after {first} repeat(s) in {a.out}")
    with tempfile.TemporaryDirectory(prefix="pool-peers-") as scratch:
        for r in range(first, repeats):
            for n in sizes:
                sp = by_key[(r, n)]
                train = seeds + [pool[i] for i in sp["train"]]
                test = [pool[i] for i in sp["test"]]
                for s in systems:
                    runner = run_fasttext if s == "fasttext" else run_sklearn(s.removeprefix("sklearn-"), 42 + r)
                    predicted, seconds = runner(train, test, scratch)
                    f1[s][str(n)].append(per_topic_f1(test, predicted, topics))
                    cpu[s].append(seconds)
            doc = {"topics": topics, "repeats": r + 1, "splits_pool_sha256": splits.get("pool_sha256"),
                   "systems": [{"name": s, "source": "src/bench/pool_peers.py",
                                "fit_seconds_mean": sum(cpu[s]) / len(cpu[s]), "f1": f1[s]} for s in systems]}
            benchlib.write_json(a.out, doc)
            benchlib.log(f"pool peers: repeat {r + 1} of {repeats} done")


if __name__ == "__main__":
    main()
