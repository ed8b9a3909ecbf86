#!/usr/bin/python3
"""Quality on the same folds: rubrique vs fastText vs scikit-learn.

Makes multi-label stratified K-fold splits (iterative stratification) of the labelled items, R times with seeds
1..R, writes each fold's train/test .jsonl under RAW/quality/, trains and predicts with every tool on every fold,
and scores all three with the same code here: per-topic F1, macro-F1 and micro-F1. The headline numbers pool the
K test folds of one repeat (every item predicted once) and give the mean and a 95% t-interval over the R repeats;
per-fold scores are written too.

    /usr/bin/python3 src/bench/quality.py --labels labels/snippets.jsonl --raw experiments/bench/raw --repeats 3
"""

import argparse
import math
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import fasttext_peer  # noqa: E402
import folds as folding  # noqa: E402
import sklearn_peer  # noqa: E402

TOOLS = ["rubrique", "fasttext", "sklearn"]


def counts(gold, pred):
    """Per-topic (tp, fp, fn) for aligned lists of topic sets."""
    c = {t: [0, 0, 0] for t in benchlib.TOPICS}
    for g, p in zip(gold, pred):
        for t in benchlib.TOPICS:
            if t in p and t in g:
                c[t][0] += 1
            elif t in p:
                c[t][1] += 1
            elif t in g:
                c[t][2] += 1
    return c


def f1(tp, fp, fn):
    d = 2 * tp + fp + fn
    return None if d == 0 else 2 * tp / d


def scores(gold, pred):
    """per-topic F1 (None when the topic is neither present nor predicted), macro-F1 over defined topics, micro-F1."""
    c = counts(gold, pred)
    per = {t: f1(*c[t]) for t in benchlib.TOPICS}
    defined = [v for v in per.values() if v is not None]
    tp = sum(v[0] for v in c.values())
    fp = sum(v[1] for v in c.values())
    fn = sum(v[2] for v in c.values())
    return {"macro_f1": sum(defined) / len(defined) if defined else None, "micro_f1": f1(tp, fp, fn),
            "per_topic_f1": per, "n": len(gold)}


def mean_ci(values):
    """Mean and half-width of the 95% t-interval; half-width None for fewer than two values."""
    vals = [v for v in values if v is not None]
    if not vals:
        return {"mean": None, "ci95": None, "n": 0}
    m = sum(vals) / len(vals)
    if len(vals) < 2:
        return {"mean": m, "ci95": None, "n": len(vals)}
    from scipy import stats
    sd = math.sqrt(sum((v - m) ** 2 for v in vals) / (len(vals) - 1))
    return {"mean": m, "ci95": stats.t.ppf(0.975, len(vals) - 1) * sd / math.sqrt(len(vals)), "n": len(vals)}


class Peers:
    """Trains and predicts one fold with each tool; returns {id: set(topics)} or raises with a clear message."""

    def __init__(self, config, timeout_s):
        self.config = config
        self.timeout_s = timeout_s

    def rubrique(self, d, train, test, seed):
        model = os.path.join(d, "rubrique-model")
        args = ["train", "--labels", train, "--model", model, "--seed", seed, "--no-eval"]
        if self.config:
            args[3:3] = ["--config", self.config]
        r = benchlib.run_measured(benchlib.rubrique_cmd(*args), os.path.join(d, "rubrique-train.log"),
                                  self.timeout_s)
        if r["status"] != "ok":
            raise RuntimeError(f"rubrique train: {r.get('error')}")
        out = os.path.join(d, "rubrique-tagged.jsonl")
        r2 = benchlib.run_measured(benchlib.rubrique_cmd("classify", "--model", model, "--in", test, "--out", out),
                                   os.path.join(d, "rubrique-classify.log"), self.timeout_s)
        if r2["status"] != "ok":
            raise RuntimeError(f"rubrique classify: {r2.get('error')}")
        shutil.rmtree(model, ignore_errors=True)
        return read_tagged(out), r["wall_s"]

    def fasttext(self, d, train, test, seed):
        train_txt, test_txt = os.path.join(d, "ft-train.txt"), os.path.join(d, "ft-test.txt")
        fasttext_peer.prepare(benchlib.read_jsonl(train), train_txt, with_labels=True)
        test_items = benchlib.read_jsonl(test)
        fasttext_peer.prepare(test_items, test_txt, with_labels=False)
        prefix = os.path.join(d, "ft-model")
        r = benchlib.run_measured(fasttext_peer.train_args(train_txt, prefix), os.path.join(d, "fasttext-train.log"),
                                  self.timeout_s)
        if r["status"] != "ok":
            raise RuntimeError(f"fasttext supervised: {r.get('error')}")
        rows = fasttext_peer.predict(prefix + ".bin", test_txt, test_items)
        benchlib.write_jsonl(os.path.join(d, "fasttext-tagged.jsonl"), rows)
        for ext in (".bin", ".vec"):  # 800 MB each fold with the default 2M buckets
            if os.path.exists(prefix + ext):
                os.remove(prefix + ext)
        return {row["id"]: set(row["topics"]) for row in rows}, r["wall_s"]

    def sklearn(self, d, train, test, seed):
        t0 = time.monotonic()
        pipe = sklearn_peer.train(benchlib.read_jsonl(train))
        wall = time.monotonic() - t0
        rows = list(sklearn_peer.predict(pipe, benchlib.read_jsonl(test)))
        benchlib.write_jsonl(os.path.join(d, "sklearn-tagged.jsonl"), rows)
        return {row["id"]: set(row["topics"]) for row in rows}, round(wall, 3)


def read_tagged(path):
    return {row["id"]: set(row.get("topics") or []) for row in benchlib.read_jsonl(path)}


def run(labels_path, raw, repeats, k, tools, config, timeout_s):
    import warnings
    warnings.filterwarnings("ignore", category=UserWarning)
    items = benchlib.read_jsonl(labels_path)
    gold = {it["id"]: set(it.get("topics") or []) for it in items}
    peers = Peers(config, timeout_s)
    qdir = os.path.join(raw, "quality")
    os.makedirs(qdir, exist_ok=True)
    failures = {}
    per_fold = []
    pooled = {t: {} for t in tools}  # tool -> repeat -> {id: topics}
    for rep in range(1, repeats + 1):
        fold_of = folding.iterative_stratification([it.get("topics") or [] for it in items], k, seed=rep)
        for f in range(k):
            d = os.path.join(qdir, f"r{rep}-f{f}")
            os.makedirs(d, exist_ok=True)
            train = os.path.join(d, "train.jsonl")
            test = os.path.join(d, "test.jsonl")
            benchlib.write_jsonl(train, [it for it, fo in zip(items, fold_of) if fo != f])
            test_items = [it for it, fo in zip(items, fold_of) if fo == f]
            benchlib.write_jsonl(test, [{"id": it["id"], "title": it.get("title", ""), "text": it["text"]}
                                        for it in test_items])
            for tool in tools:
                if tool in failures:
                    continue
                benchlib.log(f"quality: repeat {rep}/{repeats} fold {f + 1}/{k}: {tool}")
                try:
                    pred, train_s = getattr(peers, tool)(d, train, test, str(rep))
                except Exception as e:  # a failing peer is recorded, never aborts the suite
                    failures[tool] = f"repeat {rep} fold {f}: {e}"
                    benchlib.log(f"quality: {tool} FAILED: {e}")
                    continue
                ids = [it["id"] for it in test_items]
                missing = [i for i in ids if i not in pred]
                if missing:
                    failures[tool] = f"repeat {rep} fold {f}: no prediction for {len(missing)} items, e.g. {missing[0]}"
                    continue
                s = scores([gold[i] for i in ids], [pred[i] for i in ids])
                per_fold.append({"tool": tool, "repeat": rep, "fold": f, "train_s": train_s, **s})
                pooled[tool].setdefault(rep, {}).update({i: pred[i] for i in ids})
    summary = {}
    for tool in tools:
        if tool in failures:
            summary[tool] = {"status": "failed", "error": failures[tool]}
            continue
        reps = []
        for rep, pred in sorted(pooled[tool].items()):
            ids = sorted(pred)
            reps.append({"repeat": rep, **scores([gold[i] for i in ids], [pred[i] for i in ids])})
        summary[tool] = {
            "status": "ok",
            "macro_f1": mean_ci([r["macro_f1"] for r in reps]),
            "micro_f1": mean_ci([r["micro_f1"] for r in reps]),
            "per_topic_f1": {t: mean_ci([r["per_topic_f1"][t] for r in reps]) for t in benchlib.TOPICS},
            "per_repeat": reps,
        }
    support = {t: sum(1 for g in gold.values() if t in g) for t in benchlib.TOPICS}
    support["none"] = sum(1 for g in gold.values() if not g)
    return {"labels": labels_path, "n_items": len(items), "label_support": support, "folds": k, "repeats": repeats,
            "pooling": "per repeat, the K test folds pooled; mean and 95% t-interval over repeats",
            "setups": setups(config), "summary": summary, "per_fold": per_fold}


def setups(config):
    ft = fasttext_peer.train_args("TRAIN.txt", "MODEL")
    return {
        "rubrique": "train --labels TRAIN --config " + (config or "(default)") + " --model DIR --seed R --no-eval; "
                    "classify --model DIR --in TEST --out OUT",
        "fasttext": " ".join(ft[1:]) + "; predict-prob MODEL.bin TEST.txt -1 0.5 (input lower-cased, elisions and "
                                       "punctuation split; items without topics labelled __label__none)",
        "sklearn": "FeatureUnion(TfidfVectorizer(word, 1-2, sublinear_tf, strip_accents=unicode), TfidfVectorizer("
                   "char_wb, 2-5, same)) + OneVsRestClassifier(LogisticRegression(class_weight=balanced, C=10, "
                   "max_iter=1000)), threshold 0.5",
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", default=os.path.join(benchlib.REPO, "labels", "snippets.jsonl"))
    ap.add_argument("--raw", default=os.path.join(benchlib.REPO, "experiments", "bench", "raw"))
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--config", default=benchlib.default_config())
    ap.add_argument("--skip-rubrique", default="", help="reason to skip rubrique (recorded in the results)")
    ap.add_argument("--timeout", type=float, default=900, help="per-command limit in seconds")
    ap.add_argument("--out", help="result JSON (default RAW/quality.json)")
    a = ap.parse_args(argv)
    tools = [t for t in a.tools.split(",") if t]
    if a.skip_rubrique and "rubrique" in tools:
        tools.remove("rubrique")
    config = a.config if a.config and os.path.exists(a.config) else None
    res = run(a.labels, a.raw, a.repeats, a.folds, tools, config, a.timeout)
    if a.skip_rubrique:
        res["summary"]["rubrique"] = {"status": "skipped", "error": a.skip_rubrique}
    benchlib.write_json(a.out or os.path.join(a.raw, "quality.json"), res)
    for tool, s in res["summary"].items():
        if s["status"] == "ok":
            benchlib.log(f"quality: {tool}: macro-F1 {s['macro_f1']['mean']:.3f} micro-F1 {s['micro_f1']['mean']:.3f}")
        else:
            benchlib.log(f"quality: {tool}: {s['status']}: {s['error']}")


if __name__ == "__main__":
    main()
