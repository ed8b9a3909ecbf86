#!/usr/bin/python3
"""Training cost and growth: wall time, CPU time and peak RSS of training each tool on synthetic corpora of growing
size (gen_corpus.py; default 1k, 10k, 100k, 1M items), measured with /usr/bin/time -v.

- rubrique: `train --no-eval` with JAVA_TOOL_OPTIONS=-Xmx4g (the 1M run checks the 4 GiB heap target).
- fastText: `fasttext supervised` with the quality setup but fastText's default 5 epochs (100 passes over a million
  items is not how anyone trains at that size) and one thread per core; its input is pre-tokenised beforehand
  (not in the timing; reported as prep_s).
- scikit-learn: `sklearn_peer.py train`, the quality setup, under an address-space cap (--sklearn-mem-gb) so that
  running out of memory is a recorded failure and not a machine-wide one.

A run that fails or passes the per-run limit is recorded as such and the suite goes on. A run whose time projected
linearly from the previous size exceeds the limit, or which would start after the suite's deadline, is recorded as
skipped with the reason.

    /usr/bin/python3 src/bench/growth.py --labels labels/snippets.jsonl --sizes 1000,10000,100000,1000000
"""

import argparse
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import fasttext_peer  # noqa: E402
import gen_corpus  # noqa: E402

TOOLS = ["rubrique", "fasttext", "sklearn"]
GROWTH_EPOCH = 5


def human(n):
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else (
        f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n))


def write_corpus(labels, n, path):
    import json
    with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as f:
        for row in gen_corpus.generate(labels, n, seed=11):
            f.write(json.dumps(row, ensure_ascii=False))
            f.write("\n")
    os.replace(path + ".tmp", path)


def command(tool, corpus, d, config, threads, sklearn_mem_gb, max_features):
    """(argv, env, cleanup paths) for one training run."""
    if tool == "rubrique":
        model = os.path.join(d, "rubrique-model")
        args = ["train", "--labels", corpus, "--model", model, "--seed", "1", "--no-eval"]
        if config:
            args[3:3] = ["--config", config]
        return benchlib.rubrique_cmd(*args), {"JAVA_TOOL_OPTIONS": "-Xmx4g"}, [model]
    if tool == "fasttext":
        prefix = os.path.join(d, "ft-model")
        return (fasttext_peer.train_args(corpus[:-len(".jsonl")] + ".txt", prefix, epoch=GROWTH_EPOCH,
                                         threads=threads), None, [prefix + ".bin", prefix + ".vec"])
    model = os.path.join(d, "sklearn-model.pkl")
    argv = ["prlimit", f"--as={int(sklearn_mem_gb * 2**30)}", benchlib.py(),
            os.path.join(benchlib.HERE, "sklearn_peer.py"), "train", "--in", corpus, "--model", model]
    if max_features:
        argv += ["--max-features", str(max_features)]
    return argv, None, [model]


def run(labels_path, raw, sizes, tools, skip_reasons, config, limit_s, deadline, threads, sklearn_mem_gb,
        max_features):
    labels = benchlib.read_jsonl(labels_path)
    d = os.path.join(raw, "growth")
    os.makedirs(d, exist_ok=True)
    rows = []
    last = {}  # tool -> last row
    for n in sizes:
        corpus = os.path.join(d, f"corpus-{human(n)}.jsonl")
        benchlib.log(f"growth: generating {n} items")
        write_corpus(labels, n, corpus)
        prep_s = None
        for tool in tools:
            row = {"size": n, "tool": tool}
            prev = last.get(tool)
            if tool in skip_reasons:
                row.update(status="skipped", error=skip_reasons[tool])
            elif prev and prev["status"] != "ok":
                row.update(status="skipped", error=f"not run: {prev['status']} at {human(prev['size'])}")
            elif prev and prev["wall_s"] * n / prev["size"] > limit_s:
                row.update(status="skipped", error=f"not run: projected {prev['wall_s'] * n / prev['size']:.0f} s "
                                                   f"(linear from {human(prev['size'])}) exceeds the {limit_s:.0f} s "
                                                   f"limit")
            elif time.time() + (prev["wall_s"] * n / prev["size"] if prev else 0) > deadline:
                row.update(status="skipped", error="not run: it would not finish within the suite's time budget")
            else:
                if tool == "fasttext" and prep_s is None:
                    t0 = time.monotonic()
                    fasttext_peer.prepare(benchlib.read_jsonl(corpus), corpus[:-len(".jsonl")] + ".txt",
                                          with_labels=True)
                    prep_s = round(time.monotonic() - t0, 2)
                argv, env, cleanup = command(tool, corpus, d, config, threads, sklearn_mem_gb, max_features)
                benchlib.log(f"growth: {human(n)}: {tool}")
                timeout = max(60.0, min(limit_s, deadline - time.time()))
                row.update(benchlib.run_measured(argv, os.path.join(d, f"{tool}-{human(n)}.log"), timeout, env=env))
                if tool == "fasttext":
                    row["prep_s"] = prep_s
                for p in cleanup:
                    shutil.rmtree(p, ignore_errors=True) if os.path.isdir(p) else (
                        os.path.exists(p) and os.remove(p))
                if prev and prev["status"] == "ok" and row["status"] == "ok":
                    row["time_ratio"] = round(row["wall_s"] / prev["wall_s"], 2) if prev["wall_s"] else None
                    if prev.get("max_rss_mb") and row.get("max_rss_mb"):
                        row["rss_ratio"] = round(row["max_rss_mb"] / prev["max_rss_mb"], 2)
                benchlib.log(f"growth: {human(n)}: {tool}: {row['status']} {row.get('wall_s')} s "
                             f"{row.get('max_rss_mb')} MB {row.get('error', '')}")
            rows.append(row)
            last[tool] = row
        for p in (corpus, corpus[:-len(".jsonl")] + ".txt"):
            if os.path.exists(p):
                os.remove(p)
    return rows


def plot(rows, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for tool, marker in zip(TOOLS, "osD"):
        ok = [r for r in rows if r["tool"] == tool and r["status"] == "ok"]
        if not ok:
            continue
        xs = [r["size"] for r in ok]
        axes[0].plot(xs, [r["wall_s"] for r in ok], marker=marker, label=tool)
        axes[1].plot(xs, [r.get("max_rss_mb", float("nan")) for r in ok], marker=marker, label=tool)
        bad = [r for r in rows if r["tool"] == tool and r["status"] in ("failed", "timeout")]
        for r in bad:
            axes[0].annotate(f"{tool}: {r['status']}", (r["size"], ok[-1]["wall_s"]), fontsize=8)
    for ax, title, unit in ((axes[0], "Training wall time", "seconds"), (axes[1], "Training peak RSS", "MiB")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("training items (synthetic)")
        ax.set_ylabel(unit)
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
        if ax.get_lines():
            ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", default=os.path.join(benchlib.REPO, "labels", "snippets.jsonl"))
    ap.add_argument("--raw", default=os.path.join(benchlib.REPO, "experiments", "bench", "raw"))
    ap.add_argument("--plot", default=os.path.join(benchlib.REPO, "experiments", "bench", "growth.png"))
    ap.add_argument("--config", default=benchlib.default_config())
    ap.add_argument("--sizes", default="1000,10000,100000,1000000")
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--limit", type=float, default=900, help="per-run wall-time limit, seconds")
    ap.add_argument("--deadline", type=float, default=0, help="epoch seconds after which no run starts (0: none)")
    ap.add_argument("--sklearn-mem-gb", type=float, default=12)
    ap.add_argument("--max-features", type=int, default=None, help="cap sklearn's vocabularies (default: none)")
    a = ap.parse_args(argv)
    tools = [t for t in a.tools.split(",") if t]
    skip = {}
    ok, reason = benchlib.rubrique_available()
    if not ok and "rubrique" in tools:
        skip["rubrique"] = "skipped: " + reason
    config = a.config if a.config and os.path.exists(a.config) else None
    threads = os.cpu_count() or 1
    rows = run(a.labels, a.raw, [int(s) for s in a.sizes.split(",")], tools, skip, config, a.limit,
               a.deadline or float("inf"), threads, a.sklearn_mem_gb, a.max_features)
    res = {"sizes": [int(s) for s in a.sizes.split(",")], "limit_s": a.limit, "sklearn_mem_cap_gb": a.sklearn_mem_gb,
           "sklearn_max_features": a.max_features, "fasttext_epoch": GROWTH_EPOCH, "fasttext_threads": threads,
           "rubrique_env": "JAVA_TOOL_OPTIONS=-Xmx4g", "rubrique_config": config or "built-in default", "corpus": "gen_corpus.py seed 11", "rows": rows}
    benchlib.write_json(os.path.join(a.raw, "growth.json"), res)
    plot(rows, a.plot)


if __name__ == "__main__":
    main()
