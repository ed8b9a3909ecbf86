#!/usr/bin/python3
"""Learning curves: how each system's quality grows with the number of labelled items.

Training sets are the seed items (labels/snippets.jsonl) plus n items of the labelled pool (outside the
repository, ../shared/pool/labelled.jsonl from the repository root; --pool FILE overrides), for n in SIZES. In
repeat r (seed r = 1..R) the pool is shuffled once with random.Random(r) and the n-item draw is the first n items
of that order, so within a repeat the draws are nested (the n=100 draw contains the n=50 draw). For every
(system, n, repeat) two scores:

- holdout: trained on seeds + n pool items, scored on the pool items not drawn (none left when n is the whole
  pool: no holdout there);
- cv: 5-fold cross-validation by iterative stratification (folds.py, seed r) over the grown set (seeds + n),
  the 5 out-of-fold predictions pooled and scored once.

Every system trains on the same train files and tags the same test files (written once under
RAW/curve/data/). Each train+tag run is cached under RAW/curve/runs/SYSTEM/ with a key over the system's setup
(config content, jar checksum, peer source) and the bytes of its train and test files, so an interrupted or
extended run (more repeats, more sizes) only runs what is missing. Scores (per-topic F1, macro-F1, micro-F1; the
conventions of quality.py) are computed here, and the mean and a 95% t-interval over repeats are reported per
size, with a paired comparison of each rubrique config against the best peer at that size.

    /usr/bin/python3 src/bench/curve.py                      # 5 repeats, n = 0, 50, 100, 150, 200, all systems
    /usr/bin/python3 src/bench/curve.py --quick              # 2 repeats, n = 0, 100, 200
    /usr/bin/python3 src/bench/curve.py --config experiments/default.json --config experiments/liblinear.json \\
        --systems rubrique,sklearn-careful --repeats 3 --sizes 0,100

Writes experiments/bench/curve.json (every number, the drawn ids; never a title or text), the Markdown section
experiments/bench/curve.md and the plot experiments/bench/curve.png. Without the pool it logs why and exits 0,
leaving any earlier results in place.
"""

import argparse
import datetime
import hashlib
import inspect
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import fasttext_peer  # noqa: E402
import folds as folding  # noqa: E402
import quality  # noqa: E402
import sklearn_peer  # noqa: E402

SIZES = [0, 50, 100, 150, 200]
REPEATS = 5
QUICK_SIZES = [0, 100, 200]
QUICK_REPEATS = 2
FOLDS = 5
MODES = ["holdout", "cv"]
PEERS = ["sklearn-plain", "sklearn-careful", "sklearn-careful-cv", "fasttext"]
SKLEARN_MODES = {"sklearn-plain": "plain", "sklearn-careful": "careful", "sklearn-careful-cv": "careful-cv"}
# one core per sklearn process: on these small problems multi-threaded BLAS only adds overhead (measured: careful
# training on 200 items 6.1 s with 1 thread, 9.5 s wall and 13.8 s CPU with 2)
SINGLE_THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

OUT_DIR = os.path.join(benchlib.REPO, "experiments", "bench")


def default_pool():
    return os.path.join(os.path.dirname(benchlib.REPO), "shared", "pool", "labelled.jsonl")


def rel(path):
    """A path relative to the repository root when it is inside or beside it (for the committed results)."""
    path = os.path.abspath(path)
    r = os.path.relpath(path, benchlib.REPO)
    return r if not r.startswith("../../") else path


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sha256_text(s):
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


# --- systems -----------------------------------------------------------------------------------------------------

class System:
    def __init__(self, name, kind, setup, spec, slots=1, config=None, sk_mode=None):
        self.name, self.kind, self.setup, self.spec, self.slots = name, kind, setup, spec, slots
        self.config, self.sk_mode = config, sk_mode

    def is_rubrique(self):
        return self.kind == "rubrique"


# unlabelled items rubrique configs with an unlabelled method learn from (--unlabelled); the peers use none
UNLABELLED = None


def rubrique_systems(configs, jobs):
    systems = []
    jar_sha = sha256_file(benchlib.JAR) if os.path.exists(benchlib.JAR) else None
    unl_sha = sha256_file(UNLABELLED) if UNLABELLED else None
    for path in configs:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        cfg = json.loads(text)
        name = "rubrique-" + str(cfg.get("name") or os.path.splitext(os.path.basename(path))[0])
        if any(s.name == name for s in systems):
            raise SystemExit(f"curve.py: two configs are both named {name!r}; give them distinct \"name\" fields")
        setup = (f"train --labels TRAIN --config {rel(path)} --model DIR --seed R --no-eval; "
                 f"classify --model DIR --in TEST --out OUT")
        spec = {"kind": "rubrique", "config": cfg, "jar_sha256": jar_sha}
        if UNLABELLED and (cfg.get("unlabelled") or {}).get("method", "none") != "none":
            spec["unlabelled_sha256"] = unl_sha
            setup = setup.replace("--no-eval", "--no-eval --unlabelled UNLABELLED")
        # rubrique trains its topics in parallel: it gets every job slot (runs alone)
        systems.append(System(name, "rubrique", setup, spec, slots=jobs, config=os.path.abspath(path)))
    return systems


def peer_systems():
    item_text_src = inspect.getsource(benchlib.item_text)
    ft = fasttext_peer.train_args("TRAIN.txt", "MODEL")
    out = []
    for name, mode in SKLEARN_MODES.items():
        spec = {"kind": "sklearn", "mode": mode, "peer_sha256": sha256_file(sklearn_peer.__file__),
                "item_text": sha256_text(item_text_src), "topics": benchlib.TOPICS}
        out.append(System(name, "sklearn", sklearn_peer.describe(mode) + " (one process: sklearn_peer.py "
                          "fit-predict, single-threaded BLAS)", spec, sk_mode=mode))
    spec = {"kind": "fasttext", "peer_sha256": sha256_file(fasttext_peer.__file__),
            "item_text": sha256_text(item_text_src), "tokenise": sha256_text(inspect.getsource(benchlib.fr_tokenise)),
            "topics": benchlib.TOPICS}
    out.append(System("fasttext", "fasttext",
                      " ".join(ft[1:]) + f"; predict-prob MODEL.bin TEST.txt -1 {fasttext_peer.THRESHOLD} (the quality "
                      "part's setup: input lower-cased, elisions and punctuation split; items without topics "
                      "labelled __label__none)", spec))
    return out


def select_systems(all_systems, wanted):
    if not wanted:
        return all_systems
    names = [w.strip() for w in wanted.split(",") if w.strip()]
    chosen = []
    for w in names:
        match = [s for s in all_systems if s.name == w or (w == "rubrique" and s.is_rubrique())]
        if not match:
            raise SystemExit(f"curve.py: unknown system {w!r}; known: rubrique (all configs), "
                             + ", ".join(s.name for s in all_systems))
        chosen += [s for s in match if s not in chosen]
    return chosen


# --- data: draws, train and test files -----------------------------------------------------------------------------

def draw_order(pool_ids, seed):
    """The pool ids in the order repeat `seed` draws them: the n-item draw is the first n (nested draws)."""
    order = sorted(pool_ids)
    random.Random(seed).shuffle(order)
    return order


def test_record(it):
    """What a tool sees of a test item: no topics."""
    return {"id": it["id"], "title": it.get("title", ""), "text": it.get("text", "")}


class Unit:
    """One (repeat, n, mode) of the design: its train/test file pairs (one for holdout, FOLDS for cv)."""

    def __init__(self, repeat, n, mode, parts):
        self.repeat, self.n, self.mode, self.parts = repeat, n, mode, parts  # parts: [(fold|None, train, test, ids)]


def write_data(seeds, pool, repeats, sizes, modes, data_dir):
    """Writes every train/test file once; returns {(repeat, n, mode): Unit} and the draw orders."""
    by_id = {it["id"]: it for it in pool}
    units, draws = {}, {}
    for r in repeats:
        order = draw_order(list(by_id), r)
        draws[r] = order
        for n in sizes:
            drawn = [by_id[i] for i in order[:n]]
            rest = [by_id[i] for i in order[n:]]
            grown = seeds + drawn
            d = os.path.join(data_dir, f"r{r}-n{n}")
            os.makedirs(d, exist_ok=True)
            if "holdout" in modes and rest:
                train, test = os.path.join(d, "holdout-train.jsonl"), os.path.join(d, "holdout-test.jsonl")
                benchlib.write_jsonl(train, grown)
                benchlib.write_jsonl(test, [test_record(it) for it in rest])
                units[(r, n, "holdout")] = Unit(r, n, "holdout", [(None, train, test, [it["id"] for it in rest])])
            if "cv" in modes:
                fold_of = folding.iterative_stratification([it.get("topics") or [] for it in grown], FOLDS, seed=r)
                parts = []
                for f in range(FOLDS):
                    train, test = os.path.join(d, f"cv-f{f}-train.jsonl"), os.path.join(d, f"cv-f{f}-test.jsonl")
                    benchlib.write_jsonl(train, [it for it, fo in zip(grown, fold_of) if fo != f])
                    held = [it for it, fo in zip(grown, fold_of) if fo == f]
                    benchlib.write_jsonl(test, [test_record(it) for it in held])
                    parts.append((f, train, test, [it["id"] for it in held]))
                units[(r, n, "cv")] = Unit(r, n, "cv", parts)
    return units, draws


# --- running one system on one train/test pair -------------------------------------------------------------------

class Task:
    def __init__(self, system, unit, fold, train, test, ids, runs_dir):
        self.system, self.unit, self.fold, self.train, self.test, self.ids = system, unit, fold, train, test, ids
        tag = f"r{unit.repeat}-n{unit.n}-{unit.mode}" + ("" if fold is None else f"-f{fold}")
        self.label = f"{system.name} repeat {unit.repeat} n={unit.n} {unit.mode}" + (
            "" if fold is None else f" fold {fold + 1}/{FOLDS}")
        self.dir = os.path.join(runs_dir, system.name, tag)
        self.result_path = os.path.join(self.dir, "result.json")
        self.key = sha256_text(json.dumps(system.spec, sort_keys=True) + sha256_file(train) + sha256_file(test))

    def cached(self):
        if not os.path.exists(self.result_path):
            return None
        try:
            with open(self.result_path, encoding="utf-8") as f:
                res = json.load(f)
        except (OSError, ValueError):
            return None
        return res if res.get("key") == self.key and res.get("status") == "ok" else None


def run_rubrique(task, scratch, timeout_s):
    model = os.path.join(scratch, "rubrique-model-" + hashlib.md5(task.dir.encode()).hexdigest()[:8])
    try:
        extra = ["--unlabelled", UNLABELLED] if "unlabelled_sha256" in task.system.spec else []
        r = benchlib.run_measured(benchlib.rubrique_cmd("train", "--labels", task.train, "--config",
                                                        task.system.config, "--model", model, "--seed",
                                                        task.unit.repeat, "--no-eval", *extra),
                                  os.path.join(task.dir, "train.log"), timeout_s)
        if r["status"] != "ok":
            raise RuntimeError(f"rubrique train: {r['status']}: {r.get('error')}")
        out = os.path.join(task.dir, "tagged.jsonl")
        c = benchlib.run_measured(benchlib.rubrique_cmd("classify", "--model", model, "--in", task.test, "--out", out),
                                  os.path.join(task.dir, "classify.log"), timeout_s)
        if c["status"] != "ok":
            raise RuntimeError(f"rubrique classify: {c['status']}: {c.get('error')}")
    finally:
        shutil.rmtree(model, ignore_errors=True)
    return quality.read_tagged(out), {"train_wall_s": r["wall_s"], "train_cpu_s": r.get("cpu_s"),
                                      "train_max_rss_mb": r.get("max_rss_mb"), "predict_wall_s": c["wall_s"],
                                      "timed": "whole processes (JVM start-up and model writing/loading included)"}


def run_fasttext(task, scratch, timeout_s):
    train_txt, test_txt = os.path.join(task.dir, "train.txt"), os.path.join(task.dir, "test.txt")
    fasttext_peer.prepare(benchlib.read_jsonl(task.train), train_txt, with_labels=True)
    test_items = benchlib.read_jsonl(task.test)
    fasttext_peer.prepare(test_items, test_txt, with_labels=False)
    prefix = os.path.join(scratch, "ft-model-" + hashlib.md5(task.dir.encode()).hexdigest()[:8])
    try:
        r = benchlib.run_measured(fasttext_peer.train_args(train_txt, prefix), os.path.join(task.dir, "train.log"),
                                  timeout_s)
        if r["status"] != "ok":
            raise RuntimeError(f"fasttext supervised: {r['status']}: {r.get('error')}")
        t0 = time.monotonic()
        rows = fasttext_peer.predict(prefix + ".bin", test_txt, test_items)
        predict_s = time.monotonic() - t0
    finally:
        for ext in (".bin", ".vec"):  # 800 MB per model with the default 2M buckets
            if os.path.exists(prefix + ext):
                os.remove(prefix + ext)
    for p in (train_txt, test_txt):
        os.remove(p)
    benchlib.write_jsonl(os.path.join(task.dir, "tagged.jsonl"), rows)
    return {row["id"]: set(row["topics"]) for row in rows}, {
        "train_wall_s": r["wall_s"], "train_cpu_s": r.get("cpu_s"), "train_max_rss_mb": r.get("max_rss_mb"),
        "predict_wall_s": round(predict_s, 3),
        "timed": "the `fasttext supervised` process (writing its 800 MB model included; tokenisation not timed)"}


def run_sklearn(task, scratch, timeout_s):
    out, timing = os.path.join(task.dir, "tagged.jsonl"), os.path.join(task.dir, "timing.json")
    cmd = [benchlib.py(), sklearn_peer.__file__, "fit-predict", "--train", task.train, "--test", task.test,
           "--out", out, "--mode", task.system.sk_mode, "--seed", task.unit.repeat, "--timing", timing]
    r = benchlib.run_measured(cmd, os.path.join(task.dir, "fit-predict.log"), timeout_s, env=SINGLE_THREAD_ENV)
    if r["status"] != "ok":
        raise RuntimeError(f"sklearn_peer.py fit-predict: {r['status']}: {r.get('error')}")
    with open(timing, encoding="utf-8") as f:
        t = json.load(f)
    info = {"train_wall_s": t["train_wall_s"], "train_cpu_s": t["train_cpu_s"], "predict_wall_s": t["predict_wall_s"],
            "process_wall_s": r["wall_s"], "process_max_rss_mb": r.get("max_rss_mb"),
            "timed": "in-process fit (Python start-up and imports excluded)"}
    for k in ("C", "thresholds"):
        if k in t:
            info[k] = t[k]
    return quality.read_tagged(out), info


RUNNERS = {"rubrique": run_rubrique, "fasttext": run_fasttext, "sklearn": run_sklearn}


def load_1min():
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            return float(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def execute(task, scratch, timeout_s, jobs, alone):
    """Runs one task; writes and returns its result (status ok) or raises."""
    load_before = load_1min()
    if os.path.exists(task.dir):
        shutil.rmtree(task.dir)
    os.makedirs(task.dir)
    pred, timing = RUNNERS[task.system.kind](task, scratch, timeout_s)
    missing = [i for i in task.ids if i not in pred]
    if missing:
        raise RuntimeError(f"no prediction for {len(missing)} of {len(task.ids)} items, e.g. {missing[0]}")
    res = {"key": task.key, "status": "ok", "system": task.system.name, "repeat": task.unit.repeat, "n": task.unit.n,
           "mode": task.unit.mode, "fold": task.fold, "n_train": sum(1 for _ in open(task.train, encoding="utf-8")),
           "n_test": len(task.ids), "jobs": jobs, "alone": alone, "finished": time.strftime("%Y-%m-%d %H:%M:%S"),
           "load_1min": [load_before, load_1min()],
           "timing": timing, "pred": {i: sorted(pred[i]) for i in task.ids}}
    benchlib.write_json(task.result_path, res)
    return res


class Scheduler:
    """Runs tasks in order with up to `jobs` slots busy; a task takes its system's slots (rubrique: all of them),
    and no task starts before the one ahead of it (no starvation). Stops starting tasks after the deadline."""

    def __init__(self, jobs, scratch, timeout_s, deadline):
        self.jobs, self.scratch, self.timeout_s, self.deadline = jobs, scratch, timeout_s, deadline
        self.free = jobs
        self.cond = threading.Condition()
        self.failures = {}
        self.results = {}
        self.not_run = []
        self.done = 0

    def _worker(self, task, total, slots):
        t0 = time.monotonic()
        try:
            res = execute(task, self.scratch, self.timeout_s, self.jobs, slots == self.jobs)
            with self.cond:
                self.results[task.result_path] = res
                self.done += 1
                benchlib.log(f"curve: [{self.done}/{total}] {task.label}: train {res['timing']['train_wall_s']} s "
                             f"({time.monotonic() - t0:.1f} s in all)")
        except Exception as e:  # a failing system is recorded and skipped from then on; the run goes on
            with self.cond:
                self.done += 1
                self.failures.setdefault(task.system.name, f"{task.label}: {e}")
                benchlib.log(f"curve: [{self.done}/{total}] {task.label}: FAILED: {e}")
        finally:
            with self.cond:
                self.free += slots
                self.cond.notify_all()

    def run(self, tasks):
        threads = []
        total = len(tasks)
        for task in tasks:
            slots = min(task.system.slots, self.jobs)
            with self.cond:
                while self.free < slots:
                    self.cond.wait()
                if task.system.name in self.failures:
                    self.done += 1
                    continue
                if time.time() > self.deadline:
                    self.not_run.append(task.label)
                    continue
                self.free -= slots
            th = threading.Thread(target=self._worker, args=(task, total, slots), daemon=True)
            th.start()
            threads.append(th)
        for th in threads:
            th.join()


# --- scores -----------------------------------------------------------------------------------------------------

def unit_scores(unit, system, results_by_path, runs_dir, gold):
    """Scores of one system on one unit (holdout: the test items; cv: the pooled out-of-fold predictions) and its
    timings, or None when a part is missing."""
    pred, timings = {}, []
    for fold, train, test, ids in unit.parts:
        t = Task(system, unit, fold, train, test, ids, runs_dir)
        res = results_by_path.get(t.result_path) or t.cached()
        if res is None:
            return None
        pred.update({i: set(v) for i, v in res["pred"].items()})
        timings.append({"fold": fold, "n_train": res["n_train"], "jobs": res.get("jobs") or 1,
                        "load_1min": res.get("load_1min"),
                        "alone": res.get("alone", (res.get("jobs") or 1) == 1), **res["timing"]})
    ids = sorted(pred)
    s = quality.scores([gold[i] for i in ids], [pred[i] for i in ids])
    return {"repeat": unit.repeat, **s, "train": timings}


def train_time(per_repeat):
    """Mean training wall and CPU seconds, from the runs made alone on the machine when there are any (a run made
    next to another one shares the cores and the memory bandwidth), else from all of them."""
    runs = [t for r in per_repeat for t in r["train"]]
    alone = [t for t in runs if t.get("alone")]
    use = alone or runs
    return {"train_wall_s": mean([t["train_wall_s"] for t in use]), "train_cpu_s": mean([t.get("train_cpu_s") for t in use]),
            "train_time_from": f"{len(use)} runs made alone" if alone else f"{len(use)} runs made next to another one",
            "train_time_alone": bool(alone)}


def mean(values):
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def summarise(per_repeat):
    return {
        "repeats": [r["repeat"] for r in per_repeat],
        "n_train": per_repeat[0]["train"][0]["n_train"] if per_repeat else None,
        "n_test": per_repeat[0]["n"] if per_repeat else None,
        "macro_f1": quality.mean_ci([r["macro_f1"] for r in per_repeat]),
        "micro_f1": quality.mean_ci([r["micro_f1"] for r in per_repeat]),
        "per_topic_f1": {t: quality.mean_ci([r["per_topic_f1"][t] for r in per_repeat]) for t in benchlib.TOPICS},
        **train_time(per_repeat),
        "jobs": sorted({t.get("jobs") or 1 for r in per_repeat for t in r["train"]}),
        "per_repeat": per_repeat,
    }


def compare(rub, peers_at):
    """Paired comparison of one rubrique config with the best peer (highest mean macro-F1) at one (mode, n)."""
    cands = [(name, s) for name, s in peers_at.items() if s["macro_f1"]["mean"] is not None]
    if not cands or rub["macro_f1"]["mean"] is None:
        return None
    best_name, best = max(cands, key=lambda x: x[1]["macro_f1"]["mean"])
    by_rep_r = {r["repeat"]: r for r in rub["per_repeat"]}
    by_rep_p = {r["repeat"]: r for r in best["per_repeat"]}
    reps = sorted(set(by_rep_r) & set(by_rep_p))
    diffs = [by_rep_r[k]["macro_f1"] - by_rep_p[k]["macro_f1"] for k in reps]
    f1_r = mean([by_rep_r[k]["macro_f1"] for k in reps])
    f1_p = mean([by_rep_p[k]["macro_f1"] for k in reps])
    err_ratio = None if f1_r is None or f1_r >= 1 else (1 - f1_p) / (1 - f1_r)
    micro_diffs = [by_rep_r[k]["micro_f1"] - by_rep_p[k]["micro_f1"] for k in reps]
    return {"best_peer": best_name, "repeats": reps, "macro_f1_rubrique": f1_r, "macro_f1_peer": f1_p,
            "macro_f1_diff": quality.mean_ci(diffs), "macro_f1_diff_per_repeat": diffs,
            "micro_f1_diff": quality.mean_ci(micro_diffs),
            "rubrique_wins": sum(1 for d in diffs if d > 0), "ties": sum(1 for d in diffs if d == 0),
            "error_ratio": err_ratio}


# --- report -------------------------------------------------------------------------------------------------------

def fmt(ci, digits=3):
    if not ci or ci.get("mean") is None:
        return "–"
    if ci.get("ci95") is None:
        return f"{ci['mean']:.{digits}f}"
    return f"{ci['mean']:.{digits}f} ± {ci['ci95']:.{digits}f}"


def fmt_s(v):
    return "–" if v is None else (f"{v:.1f}" if v >= 10 else f"{v:.2f}")


def markdown(c, image="curve.png"):
    """The learning-curve section (without its heading), from curve.json."""
    if not c or c.get("status") != "ok":
        return [f"Not run{': ' + c['reason'] if c and c.get('reason') else '.'}"]
    systems = [s for s in c["systems"] if c["results"].get(s)]
    sup = c["support"]
    out = [f"Generated by `{c['invocation']}` on {c['date']} (git {c['git_revision']}, {c['nproc']} cores, "
           f"runs {' or '.join(map(str, c.get('jobs_of_runs') or [c['jobs']]))} at a time) in "
           f"{c['elapsed_s'] / 60:.1f} min ({c.get('runs_this_invocation', '?')} runs made, "
           f"{c.get('runs_cached', 0)} reused from the cache; all the runs of the design add up to "
           f"{sum(c['total_wall_s'].values()) / 60:.0f} min of wall time); "
           f"every number: [curve.json]({os.path.join(os.path.dirname(image), 'curve.json')}).", "",
           f"Training set = the {c['n_seeds']} seed items (`{c['seeds']}`) + n of the {c['n_pool']} labelled pool items "
           f"(`{c['pool']}`, outside the repository), n ∈ {{{', '.join(map(str, c['sizes']))}}}, drawn at random "
           f"in each of {len(c['repeat_seeds'])} repeats (seeds {', '.join(map(str, c['repeat_seeds']))}; nested "
           f"draws: the first n of one shuffled order per repeat). **holdout**: trained on seeds + n, scored on the "
           f"{c['n_pool']} − n pool items not drawn (not defined at n = {c['n_pool']}). **cv**: {c['folds']}-fold "
           f"cross-validation by iterative stratification over seeds + n, the out-of-fold predictions pooled. "
           f"Every system trains and tags the same files. Cells: mean ± half-width of the 95% t-interval over "
           f"repeats. Macro-F1 = mean of the per-topic F1 over the topics present in or predicted on the test "
           f"set (quality.py's convention: a topic with no gold and no predicted positive is left out, not counted "
           f"as 0 or 1). Support: seeds " + ", ".join(f"{k} {v}" for k, v in sup["seeds"].items())
           + "; pool " + ", ".join(f"{k} {v}" for k, v in sup["pool"].items()) + ".", ""]
    for mode in c["modes"]:
        for metric, title in (("macro_f1", "macro-F1"), ("micro_f1", "micro-F1")):
            out += [f"**{title}, {mode}**", "",
                    "| n | train items | test items | " + " | ".join(systems) + " |",
                    "|---|---|---|" + "---|" * len(systems)]
            for n in c["sizes"]:
                cells = [c["results"][s].get(mode, {}).get(str(n)) for s in systems]
                if not any(cells):
                    continue
                any_cell = next(x for x in cells if x)
                out.append(f"| {n} | {any_cell['n_train']}{'/fold' if mode == 'cv' else ''} | "
                           f"{any_cell['n_test']}{' (pooled)' if mode == 'cv' else ''} | "
                           + " | ".join(fmt(x[metric]) + ("" if len(x["repeats"]) == len(c["repeat_seeds"]) else
                                                          f" ({len(x['repeats'])} rep.)") if x else "–"
                                        for x in cells) + " |")
            out.append("")
    out += ["**Each rubrique config against the best peer** (the peer with the highest mean macro-F1 at that n and "
            "mode, picked on these same scores, so the comparison leans towards the peer). Δ = rubrique − peer "
            "macro-F1, paired by repeat (mean ± 95% t-interval); error ratio = (1 − F1 peer) / (1 − F1 rubrique) "
            "on the mean macro-F1 (> 1: rubrique makes fewer errors); wins = repeats where rubrique is higher.", "",
            "| rubrique config | mode | n | best peer | macro-F1 rubrique | macro-F1 peer | Δ macro-F1 | Δ micro-F1 "
            "| error ratio | wins |", "|---|---|---|---|---|---|---|---|---|---|"]
    for rub, by_mode in c["comparisons"].items():
        for mode, by_n in by_mode.items():
            for n in c["sizes"]:
                x = by_n.get(str(n))
                if not x:
                    continue
                er = "–" if x["error_ratio"] is None else f"{x['error_ratio']:.2f}"
                out.append(f"| {rub} | {mode} | {n} | {x['best_peer']} | {x['macro_f1_rubrique']:.3f} | "
                           f"{x['macro_f1_peer']:.3f} | {fmt(x['macro_f1_diff'])} | {fmt(x['micro_f1_diff'])} | {er} | "
                           f"{x['rubrique_wins']}/{len(x['repeats'])} |")
    out += ["", "**Per-topic F1 at the largest n of each mode**", "",
            "| system | mode | n | " + " | ".join(benchlib.TOPICS) + " |",
            "|---|---|---|" + "---|" * len(benchlib.TOPICS)]
    for mode in c["modes"]:
        for s in systems:
            ns = [n for n in c["sizes"] if c["results"][s].get(mode, {}).get(str(n))]
            if not ns:
                continue
            x = c["results"][s][mode][str(ns[-1])]
            out.append(f"| {s} | {mode} | {ns[-1]} | " + " | ".join(fmt(x["per_topic_f1"][t]) for t in benchlib.TOPICS)
                       + " |")
    out += ["", "**Training time**, mean wall seconds of one training run (holdout: seeds + n items; cv: one fold, "
            "4/5 of them) and, in brackets, its CPU seconds. rubrique and fastText: whole processes (`/usr/bin/time "
            "-v`; JVM start-up, fastText's 800 MB model written to the scratch directory); scikit-learn: the "
            "in-process fit, one BLAS thread (Python start-up, about 1 s, excluded). Total: wall seconds of all of "
            "the system's runs in the design (training and tagging). With more than one run at a time, rubrique runs "
            "always run alone; the table uses the peers' runs made alone when there are any, and marks with ‡ the "
            "cells timed only on runs that shared the machine with another single-threaded run."
            + (f" The 1-minute load average read before and after each run (for the {c['load_1min_during_runs']['runs']} "
               f"runs that recorded it) had median {c['load_1min_during_runs']['median']:.2f}, range "
               f"{c['load_1min_during_runs']['min']:.2f}–{c['load_1min_during_runs']['max']:.2f}, on {c['nproc']} "
               f"cores; it counts this benchmark's own runs (1 or 2 at a time, rubrique with up to 2 threads), so "
               f"values well above 2 mean other work was sharing the machine and inflating the times."
               if c.get("load_1min_during_runs") else ""), "",
            "| n | " + " | ".join(systems) + " |", "|---|" + "---|" * len(systems)]
    for n in c["sizes"]:
        cells = []
        for s in systems:
            parts = []
            for mode in c["modes"]:
                x = c["results"][s].get(mode, {}).get(str(n))
                if x:
                    mark = "" if x.get("train_time_alone", True) else " ‡"
                    parts.append(f"{mode} {fmt_s(x['train_wall_s'])} ({fmt_s(x['train_cpu_s'])}){mark}")
            cells.append("; ".join(parts) or "–")
        out.append(f"| {n} | " + " | ".join(cells) + " |")
    out.append("| total | " + " | ".join(f"{c['total_wall_s'].get(s, 0) / 60:.1f} min" for s in systems) + " |")
    out += ["", "Setups:", ""] + [f"- **{s}**: `{c['systems'][s]['setup']}`" for s in systems]
    notes = [f"- {s}: {e}" for s, e in c.get("failures", {}).items()]
    if c.get("skipped"):
        notes += [f"- {s}: skipped: {e}" for s, e in c["skipped"].items()]
    if c.get("not_run"):
        notes.append(f"- {len(c['not_run'])} runs were not started before the time budget ran out, e.g. "
                     f"{c['not_run'][0]}; the tables use the repeats that completed (marked).")
    if notes:
        out += ["", "Problems:", ""] + notes
    if c.get("plot"):
        out += ["", f"![macro-F1 against training size, holdout and cv]({image})"]
    return out


def plot(c, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as e:
        benchlib.log(f"curve: no plot ({e})")
        return False
    modes = c["modes"]
    fig, axes = plt.subplots(1, len(modes), figsize=(6 * len(modes), 4.5), sharey=True, squeeze=False)
    systems = [s for s in c["systems"] if c["results"].get(s)]
    for ax, mode in zip(axes[0], modes):
        for k, s in enumerate(systems):
            pts = [(n, c["results"][s][mode][str(n)]) for n in c["sizes"] if c["results"][s].get(mode, {}).get(str(n))]
            pts = [(n, x) for n, x in pts if x["macro_f1"]["mean"] is not None]
            if not pts:
                continue
            off = (k - (len(systems) - 1) / 2) * 1.5
            xs = [c["n_seeds"] + n + off for n, _ in pts]
            ys = [x["macro_f1"]["mean"] for _, x in pts]
            err = [x["macro_f1"]["ci95"] or 0 for _, x in pts]
            ax.errorbar(xs, ys, yerr=err, marker="o", capsize=3, label=s,
                        linewidth=2.2 if s.startswith("rubrique") else 1.2)
        ax.set_title(f"{mode}" + (" (scored on the pool items not drawn)" if mode == "holdout" else
                                  f" ({c['folds']}-fold CV over the grown set)"))
        ax.set_xlabel(f"labelled items: {c['n_seeds']} seeds + n pool items")
        ax.grid(alpha=0.3)
    axes[0][0].set_ylabel("macro-F1 (mean, 95% t-interval over repeats)")
    axes[0][-1].legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


# --- main -----------------------------------------------------------------------------------------------------------

def write_outputs(c, out, md, png, write_json=True):
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    c["plot"] = rel(png) if plot(c, png) else None
    if write_json:
        benchlib.write_json(out, c)
    image = os.path.relpath(os.path.abspath(png), os.path.dirname(os.path.abspath(md)))
    with open(md + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(["## Learning curve", ""] + markdown(c, image)) + "\n")
    os.replace(md + ".tmp", md)
    benchlib.log(f"curve: wrote " + (f"{rel(out)}, " if write_json else "") + rel(md)
                 + (f", {rel(png)}" if c["plot"] else ""))


def git_revision():
    try:
        rev = subprocess.run(["git", "-C", benchlib.REPO, "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True).stdout.strip() or "unknown"
        dirty = subprocess.run(["git", "-C", benchlib.REPO, "status", "--porcelain", "--untracked-files=no", "--",
                                "src"], capture_output=True, text=True).stdout.strip()
        return rev + ("-dirty" if dirty else "")
    except OSError:
        return "unknown"


def support(items):
    s = {t: sum(1 for it in items if t in (it.get("topics") or [])) for t in benchlib.TOPICS}
    s["none"] = sum(1 for it in items if not it.get("topics"))
    return s


def parse_ints(s):
    return [int(x) for x in s.split(",") if x.strip()]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", default=os.path.join(benchlib.REPO, "labels", "snippets.jsonl"),
                    help="the seed items (default labels/snippets.jsonl)")
    ap.add_argument("--pool", default=default_pool(), help="labelled pool (default ../shared/pool/labelled.jsonl)")
    ap.add_argument("--config", action="append", help="rubrique config, repeatable: one system per config, named "
                                                      "rubrique-<its name field> (default experiments/default.json)")
    ap.add_argument("--unlabelled", default=None, help="unlabelled items for rubrique configs whose unlabelled "
                    "method is not none (e.g. ../shared/pool/unlabelled.jsonl; the peers use none)")
    ap.add_argument("--systems", default="", help="comma-separated systems (default all): rubrique (all configs), "
                                                  "rubrique-NAME, " + ", ".join(PEERS))
    ap.add_argument("--repeats", type=int, help=f"repeats, seeds 1..R (default {REPEATS}; --quick {QUICK_REPEATS})")
    ap.add_argument("--sizes", help=f"pool items added (default {','.join(map(str, SIZES))}; "
                                    f"--quick {','.join(map(str, QUICK_SIZES))})")
    ap.add_argument("--modes", default=",".join(MODES), help="holdout, cv or both (default both)")
    ap.add_argument("--quick", action="store_true", help="fewer repeats and sizes")
    ap.add_argument("--jobs", type=int, default=1, help="runs at a time (default 1, so timings are not disturbed; "
                                                        "rubrique runs always take every slot)")
    ap.add_argument("--budget", type=float, default=None, help="minutes; no run starts after that (default none; "
                                                               "0 runs nothing and reports the cached runs)")
    ap.add_argument("--timeout", type=float, default=900, help="per-command limit in seconds")
    ap.add_argument("--raw", default=os.path.join(benchlib.REPO, "experiments", "bench", "raw"))
    ap.add_argument("--scratch", default=None, help="where models are written and deleted (default a directory "
                                                    "under /dev/shm when it exists, else under RAW)")
    ap.add_argument("--no-cache", action="store_true", help="rerun every run even when a cached result matches")
    ap.add_argument("--skip-rubrique", default="", help="reason to skip rubrique (recorded in the results)")
    ap.add_argument("--out", default=os.path.join(OUT_DIR, "curve.json"))
    ap.add_argument("--md", default=os.path.join(OUT_DIR, "curve.md"))
    ap.add_argument("--png", default=os.path.join(OUT_DIR, "curve.png"))
    ap.add_argument("--invocation", default=None, help="command recorded in the results (default: this one)")
    ap.add_argument("--render", action="store_true", help="only rewrite the Markdown and the plot from the existing "
                                                          "results (--out), running and changing nothing else")
    a = ap.parse_args(argv)
    if a.render:
        with open(a.out, encoding="utf-8") as f:
            c = json.load(f)
        write_outputs(c, a.out, a.md, a.png, write_json=False)
        return 0
    global UNLABELLED
    if a.unlabelled:
        if not os.path.exists(a.unlabelled):
            benchlib.log(f"curve: no unlabelled items at {a.unlabelled}: rubrique configs learn from none")
        else:
            UNLABELLED = os.path.abspath(a.unlabelled)
    start = time.time()
    revision = git_revision()  # of the code that starts the runs
    invocation = a.invocation or "/usr/bin/python3 src/bench/curve.py" + "".join(
        " " + (x if x.startswith("-") or not os.path.isabs(x) else rel(x)) for x in (argv or sys.argv[1:]))
    if os.environ.get("RUBRIQUE_JAR") and not a.invocation:
        invocation = f"RUBRIQUE_JAR={os.environ['RUBRIQUE_JAR']} " + invocation

    if not os.path.exists(a.pool):
        benchlib.log(f"curve: SKIPPED: no labelled pool at {a.pool} (it lives outside the repository, in "
                     f"../shared/pool/ from the repository root; give another with --pool FILE). "
                     f"{rel(a.out)} is left as it was.")
        return 0
    repeats = list(range(1, (a.repeats or (QUICK_REPEATS if a.quick else REPEATS)) + 1))
    sizes = sorted(set(parse_ints(a.sizes) if a.sizes else (QUICK_SIZES if a.quick else SIZES)))
    modes = [m for m in MODES if m in a.modes.split(",")]
    if not modes or not repeats or not sizes:
        raise SystemExit("curve.py: need at least one mode, one repeat and one size")
    seeds = benchlib.read_jsonl(a.labels)
    pool = benchlib.read_jsonl(a.pool)
    clash = {it["id"] for it in seeds} & {it["id"] for it in pool}
    if clash:
        raise SystemExit(f"curve.py: {len(clash)} ids are both in {a.labels} and {a.pool}, e.g. {sorted(clash)[0]}")
    too_big = [n for n in sizes if n > len(pool)]
    if too_big:
        raise SystemExit(f"curve.py: sizes {too_big} exceed the {len(pool)} pool items")
    gold = {it["id"]: set(it.get("topics") or []) for it in seeds + pool}

    configs = a.config or [benchlib.default_config()]
    for p in configs:
        if not os.path.exists(p):
            raise SystemExit(f"curve.py: no config at {p}")
    jobs = max(1, a.jobs)
    all_systems = rubrique_systems(configs, jobs) + peer_systems()
    systems = select_systems(all_systems, a.systems)
    skipped = {}
    if any(s.is_rubrique() for s in systems):
        ok, why = (False, a.skip_rubrique) if a.skip_rubrique else benchlib.rubrique_available()
        if not ok:
            for s in [s for s in systems if s.is_rubrique()]:
                skipped[s.name] = why
                systems.remove(s)
            benchlib.log(f"curve: rubrique SKIPPED: {why}")
    if not systems:
        raise SystemExit("curve.py: no system to run")

    cdir = os.path.join(a.raw, "curve")
    units, draws = write_data(seeds, pool, repeats, sizes, modes, os.path.join(cdir, "data"))
    runs_dir = os.path.join(cdir, "runs")
    order = [(r, n, m) for r in repeats for n in sizes for m in modes if (r, n, m) in units]
    tasks, cached = [], 0
    for key in order:  # repeat-major: a run stopped early still has whole curves for the first repeats
        unit = units[key]
        for s in systems:
            for fold, train, test, ids in unit.parts:
                t = Task(s, unit, fold, train, test, ids, runs_dir)
                if not a.no_cache and t.cached():
                    cached += 1
                else:
                    tasks.append(t)
    benchlib.log(f"curve: {len(systems)} systems ({', '.join(s.name for s in systems)}), repeats {repeats}, "
                 f"sizes {sizes}, modes {modes}: {len(tasks)} runs to do, {cached} cached")
    scratch_base = a.scratch or ("/dev/shm" if os.access("/dev/shm", os.W_OK) else cdir)
    os.makedirs(scratch_base, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="rubrique-curve-", dir=scratch_base)
    deadline = start + a.budget * 60 if a.budget is not None else float("inf")
    sched = Scheduler(jobs, scratch, a.timeout, deadline)
    try:
        sched.run(tasks)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    results, comparisons, total_wall = {}, {}, {}
    for s in systems:
        results[s.name] = {}
        for mode in modes:
            by_n = {}
            for n in sizes:
                per_repeat = [u for u in (unit_scores(units[(r, n, mode)], s, sched.results, runs_dir, gold)
                                          for r in repeats if (r, n, mode) in units) if u]
                if per_repeat:
                    by_n[str(n)] = summarise(per_repeat)
                    total_wall[s.name] = total_wall.get(s.name, 0.0) + sum(
                        (t["train_wall_s"] or 0) + (t.get("predict_wall_s") or 0) for u in per_repeat
                        for t in u["train"])
            if by_n:
                results[s.name][mode] = by_n
    peers = [s.name for s in systems if not s.is_rubrique()]
    for s in [s for s in systems if s.is_rubrique()]:
        comparisons[s.name] = {}
        for mode in modes:
            by_n = {}
            for n in sizes:
                rub = results[s.name].get(mode, {}).get(str(n))
                at = {p: results[p][mode][str(n)] for p in peers if results[p].get(mode, {}).get(str(n))}
                cmp_ = compare(rub, at) if rub and at else None
                if cmp_:
                    by_n[str(n)] = cmp_
            comparisons[s.name][mode] = by_n
    loads = sorted(v for by_mode in results.values() for by_n in by_mode.values() for x in by_n.values()
                   for r in x["per_repeat"] for t in r["train"] for v in (t.get("load_1min") or []) if v is not None)
    n_loaded = sum(1 for by_mode in results.values() for by_n in by_mode.values() for x in by_n.values()
                   for r in x["per_repeat"] for t in r["train"] if t.get("load_1min"))
    load = {"runs": n_loaded, "min": loads[0], "median": loads[len(loads) // 2], "max": loads[-1]} if loads else None
    try:
        nproc = os.cpu_count() or 0
        nproc = int(subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or nproc)
    except (OSError, ValueError):
        pass
    c = {
        "status": "ok",
        "invocation": invocation,
        "git_revision": revision,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": nproc, "jobs": jobs, "elapsed_s": round(time.time() - start, 1),
        "jobs_of_runs": sorted({j for by_mode in results.values() for by_n in by_mode.values()
                                for x in by_n.values() for j in x["jobs"]}),
        "runs_this_invocation": len(sched.results), "runs_cached": cached,
        "seeds": rel(a.labels), "pool": rel(a.pool), "n_seeds": len(seeds), "n_pool": len(pool),
        "support": {"seeds": support(seeds), "pool": support(pool)},
        "topics": benchlib.TOPICS, "sizes": sizes, "repeat_seeds": repeats, "folds": FOLDS, "modes": modes,
        "conventions": {
            "macro_f1": "mean of per-topic F1 over the topics that have a gold or a predicted positive in the test "
                        "set (quality.py): a topic with neither is left out of the mean",
            "micro_f1": "F1 of the (item, topic) decisions pooled over topics",
            "interval": "95% t-interval over repeats (half-width in ci95)",
            "cv": "per repeat, the 5 out-of-fold predictions over seeds + n pooled and scored once",
            "holdout": "trained on seeds + n, scored on the pool items not drawn",
            "draws": "draws[seed] lists the pool ids in draw order; the n-item draw of that repeat is its first n",
        },
        "draws": {str(r): draws[r] for r in repeats},
        "systems": {s.name: {"kind": s.kind, "setup": s.setup, **({"config": rel(s.config)} if s.config else {})}
                    for s in systems},
        "results": results,
        "comparisons": comparisons,
        "total_wall_s": {k: round(v, 1) for k, v in total_wall.items()},
        "load_1min_during_runs": load,
        "failures": sched.failures,
        "skipped": skipped,
        "not_run": sched.not_run,
    }
    write_outputs(c, a.out, a.md, a.png)
    benchlib.log(f"curve: done in {(time.time() - start) / 60:.1f} min")
    for s in systems:
        line = []
        for mode in modes:
            by_n = results[s.name].get(mode, {})
            line.append(mode + " " + " ".join(f"n{n}={by_n[str(n)]['macro_f1']['mean']:.3f}" for n in sizes
                                               if str(n) in by_n and by_n[str(n)]['macro_f1']['mean'] is not None))
        benchlib.log(f"curve: {s.name}: macro-F1 " + "; ".join(line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
