#!/usr/bin/python3
"""Collects the parts' raw results (RAW/{quality,speed,growth}.json), the learning curve
(experiments/bench/curve.json, written by curve.py) and the machine description into experiments/bench/results.json
and writes experiments/BENCHMARKS.md. A part that was not run in this invocation keeps its last results: from its
raw file when it exists, else from the previous results.json (e.g. in a fresh clone, where raw/ is empty); each
section then says which command, date and revision its numbers come from. A part with neither says "not run"."""

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402


def sh(cmd):
    try:
        p = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60)
        return (p.stdout + p.stderr).strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def machine():
    lscpu = sh("lscpu")
    model = next((l.split(":", 1)[1].strip() for l in lscpu.splitlines() if l.startswith("Model name")), "unknown")
    mem = sh("grep MemTotal /proc/meminfo")
    mem_gib = round(int(re.findall(r"\d+", mem)[0]) / 2**20, 1) if mem else None
    java = sh("java -version 2>&1").splitlines()
    weka = "unknown"
    if os.path.exists(benchlib.JAR):
        try:
            with zipfile.ZipFile(benchlib.JAR) as z:
                weka = z.read("weka/core/version.txt").decode().strip()
        except (KeyError, zipfile.BadZipFile):
            pass
    if weka == "unknown":
        pom = open(os.path.join(benchlib.REPO, "pom.xml"), encoding="utf-8").read()
        found = re.search(r"<weka.version>([^<]+)</weka.version>", pom)
        weka = found.group(1) + " (pom.xml; jar not built)" if found else weka
    sklearn = sh(f"{benchlib.py()} -c 'import sklearn; print(sklearn.__version__)'")
    return {
        "nproc": int(sh("nproc") or 0),
        "cpu_model": model,
        "memory_gib": mem_gib,
        "os": sh(". /etc/os-release && echo $PRETTY_NAME") or platform.platform(),
        "java": java[0] if java else "unknown",
        "weka": weka,
        "fasttext": sh("dpkg-query -W -f='${Version}' fasttext") or "unknown",
        "sklearn": sklearn,
        "python": sh(f"{benchlib.py()} --version"),
        "hyperfine": sh("hyperfine --version"),
        "git_revision": sh(f"git -C {benchlib.REPO} rev-parse --short HEAD") or "unknown",
        "load_average_at_report": sh("cut -d' ' -f1-3 /proc/loadavg"),
    }


def load(raw, name):
    return load_file(os.path.join(raw, name + ".json"))


def load_file(p):
    if not os.path.exists(p):
        return None
    with open(p, encoding="utf-8") as f:
        return json.load(f)


PARTS = ["quality", "speed", "growth", "speedup"]


def collect_parts(raw, ran, previous, this_run):
    """{part: results} and {part: provenance}. Parts in `ran` were run by this invocation; the others keep their
    raw file, else the previous results.json's numbers, with the provenance recorded then."""
    parts, prov = {}, {}
    prev_prov = (previous or {}).get("provenance") or {}
    prev_run = {"invocation": (previous or {}).get("invocation"), "generated": (previous or {}).get("generated"),
                "git_revision": ((previous or {}).get("machine") or {}).get("git_revision")}
    for name in PARTS:
        x = load(raw, name)
        if x is not None and name in ran:
            parts[name], prov[name] = x, dict(this_run)
        elif x is not None:
            parts[name] = x
            prov[name] = prev_prov.get(name) or {"invocation": "an earlier run (raw file kept)", "generated": None,
                                                 "git_revision": None}
        elif previous and previous.get(name):
            parts[name], prov[name] = previous[name], prev_prov.get(name) or prev_run
        else:
            parts[name], prov[name] = None, None
    return parts, prov


def provenance_md(p, this_run):
    if not p or p == this_run:
        return []
    bits = [f"`{p['invocation']}`" if p.get("invocation") else "an earlier run"]
    if p.get("generated"):
        bits.append(f"on {p['generated']}")
    if p.get("git_revision"):
        bits.append(f"(git {p['git_revision']})")
    return [f"*Not rerun by this command: kept from the report written by {' '.join(bits)}.*", ""]


def fmt(ci, digits=3):
    if not ci or ci.get("mean") is None:
        return "–"
    if ci.get("ci95") is None:
        return f"{ci['mean']:.{digits}f}"
    return f"{ci['mean']:.{digits}f} ± {ci['ci95']:.{digits}f}"


def human(n):
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else (
        f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n))


def quality_md(q):
    if not q:
        return ["Not run."]
    out = [f"{q['n_items']} labelled items (`{q['labels']}`), support per topic: "
           + ", ".join(f"{k} {v}" for k, v in q["label_support"].items()) + ".",
           f"{q['folds']}-fold multi-label stratified cross-validation (iterative stratification) × {q['repeats']} "
           f"repeats (seeds 1..{q['repeats']}); every tool sees exactly the same folds. Scores pool the "
           f"{q['folds']} test folds of one repeat; the table gives the mean and the 95% t-interval over the "
           f"repeats (it reflects split-to-split variation only). Per-fold numbers: `results.json` → "
           f"`quality.per_fold`.", "",
           "| tool | macro-F1 | micro-F1 | " + " | ".join(f"F1 {t}" for t in benchlib.TOPICS) + " |",
           "|---|---|---|" + "---|" * len(benchlib.TOPICS)]
    notes = []
    for tool, s in q["summary"].items():
        if s["status"] != "ok":
            out.append(f"| {tool} | {s['status']} | | " + " | " * len(benchlib.TOPICS))
            notes.append(f"- {tool}: {s['status']}: {s.get('error')}")
            continue
        out.append(f"| {tool} | {fmt(s['macro_f1'])} | {fmt(s['micro_f1'])} | "
                   + " | ".join(fmt(s["per_topic_f1"][t]) for t in benchlib.TOPICS) + " |")
    out += [""] + notes + ([""] if notes else [])
    out += ["Setups (fixed before looking at any test fold):", ""]
    out += [f"- **{k}**: `{v}`" for k, v in q["setups"].items()]
    return out


def speed_md(s):
    if not s:
        return ["Not run."]
    out = ["### Latency of one `TopicTagger.tag()` call (JMH)", ""]
    j = s.get("jmh", {})
    if j.get("status") == "ok":
        out += ["| mode | forks | samples | median µs | p90 µs | p99 µs | p99.9 µs | mean µs |",
                "|---|---|---|---|---|---|---|---|",
                f"| {j['mode']} | {j['forks']} | {j.get('samples') or '–'} | {j['median_us']} | {j['p90_us']} | "
                f"{j['p99_us']} | {j['p999_us']} | {j['mean_us']} ± {j['mean_error_us']} |", "",
                f"Command: `{j['command']}`"]
    else:
        out.append(f"{j.get('status', 'not run')}: {j.get('error', '')}")
    b = s.get("batch", {})
    out += ["", f"### Whole-process batch throughput ({b.get('n_items', 0):,} synthetic items)", "",
            f"Each command is a fresh process (JVM or Python start-up and model loading included), timed by "
            f"hyperfine over {b.get('runs')} runs; the model of each tool was trained on the labelled items. fastText "
            f"reads pre-tokenised text: that tokenisation (Python, done once, not timed) took "
            f"{b.get('fasttext_tokenise_s')} s.", "",
            "| tool | median wall s | min–max s | CPU s (user+sys) | items/s | time vs fastText |",
            "|---|---|---|---|---|---|"]
    notes = []
    for tool, r in b.get("results", {}).items():
        if r["status"] != "ok":
            out.append(f"| {tool} | {r['status']} | | | | |")
            notes.append(f"- {tool}: {r['status']}: {r.get('error')}")
            continue
        out.append(f"| {tool} | {r['median_s']} | {r['min_s']}–{r['max_s']} | {r['cpu_s']} | "
                   f"{r['items_per_s']:,.0f} | {r.get('time_vs_fasttext', '–')}× |")
    out += [""] + notes + [""] + ["Commands:", ""] + [f"- {t}: `{r['command']}`" for t, r in
                                                      b.get("results", {}).items()]
    return out


def _s(r, key="median_s", digits=3):
    return f"{r[key]:.{digits}f}" if r and r.get("status") == "ok" and r.get(key) is not None else "–"


def _load(r):
    if not r or r.get("status") != "ok":
        return "–"
    after = r.get("load_after")
    after = after[0] if isinstance(after, list) else after
    return f"{r['load_before']:.2f} → {float(after):.2f}" if after is not None else f"{r['load_before']:.2f}"


# Benches with their own scripts and Markdown (each file says its command, date and revision).
OTHER = [
    ("bench/growth-default.md", "training cost of the default config (src/bench/growth.py --config experiments/default.json)"),
    ("bench/unlabelled.md", "cost of unlabelled items, 0 to 10k, per method (src/bench/unlabelled_cost.sh)"),
    ("bench/loop.md", "suggest on a 10k pool on one core, labelling-page save latency (src/bench/loop/loop_speed.py)"),
    ("bench/chaos.md", "kill -9 and concurrent writers (src/bench/chaos/chaos.py)"),
    ("bench/hostile.md", "refusal of hostile model files (src/bench/chaos/hostile_models.sh)"),
    ("bench/profile-batch.md", "JFR profile of the one-core batch, before and after (src/bench/profile_batch.py)"),
    ("POOL-STUDY.md", "pool holdout study of the unlabelled-data and prior options (src/bench/study/HoldoutStudy.java)"),
    ("POOL-STUDY-FEATURES.md", "pool holdout study of features, thresholds, regularisation, auto-C"),
    ("ACTIVE.md", "selection strategies against random (rubrique simulate)"),
]


def other_md(exp_dir):
    rows = [f"- [{f}]({f}): {what}" for f, what in OTHER if os.path.exists(os.path.join(exp_dir, f))]
    return rows or ["None found."]


def speedup_md(u):
    """The side-by-side part (speedup.py): the branch-point jar, this build (java -jar and bin/rubrique), fastText."""
    if not u:
        return ["Not run."]
    ref, new = u.get("ref_revision"), u.get("new_revision")
    it = u.get("items", {})
    kept = u.get("kept_from_previous")
    kept_note = (f" The {', '.join(kept['parts'])} figures are kept from the run started {kept.get('started')} "
                 f"(`{kept.get('new_revision')}`); this run measured the rest." if kept else "")
    out = [f"`src/bench/speedup.py`, one run, started {u.get('started')}: **ref** = the jar built at the branch point "
           f"(`{ref}`), **new** = this build (`{new}`) run as `java -jar target/rubrique.jar`, **launcher** = the same "
           f"jar through `bin/rubrique` (AppCDS archive{'' if u.get('archive') else ' — missing in this run'}; "
           f"one-off runs, and since af3d740 batches, C1-only). {u.get('cores')} cores. Every time is the median of {u.get('runs')} fresh "
           f"processes (hyperfine, after one warm-up run); *load* is the 1-minute load average read before → after "
           f"each measurement (the suite waits up to 20 min for it to fall to {u.get('max_load')} first). Items: "
           f"`gen_corpus.py` seed 7, title + a lead cut at {it.get('lead_chars')} characters (mean "
           f"{it.get('mean_chars')} characters per item, {it.get('distinct_texts', 0):,} distinct of "
           f"{it.get('n', 0):,}); the model is `experiments/default.json` (SMO) trained on `labels/` by the ref jar." + kept_note,
           ""]
    st = u.get("startup")
    if st:
        out += ["### Start-up (2 cores, wall clock)", "",
                "| | ref | new (`java -jar`) | launcher (`bin/rubrique`) | load (ref / new / launcher) |",
                "|---|---|---|---|---|"]
        for key, label in (("version", "`--version`, s"), ("oneoff", "one-off `classify \"…\"`, s")):
            rs = [st.get(f"{key}-{v}") for v in ("ref", "new", "launcher")]
            out.append(f"| {label} | " + " | ".join(_s(r) for r in rs) + " | " + " / ".join(_load(r) for r in rs)
                       + " |")
        rs = [st.get("load-ref"), st.get("load-new"), st.get("load-launcher-flags")]
        out.append("| model load inside the JVM (first `TopicTagger.load`), ms | "
                   + " | ".join(_s(r, "load_ms_median", 0) for r in rs) + " | "
                   + " / ".join(_load(r) for r in rs) + " |")
        out.append("| first `tag()` after it, ms | " + " | ".join(_s(r, "first_tag_ms_median", 0) for r in rs)
                   + " | |")
        out += ["", "CPU seconds (user+sys) of the one-off: " + ", ".join(
            f"{v} {_s(st.get(f'oneoff-{v}'), 'cpu_s', 2)}" for v in ("ref", "new", "launcher")) + ". The in-JVM "
            "load is `src/bench/LoadTime.java` (a fresh JVM per run); its launcher column uses the launcher's "
            "one-off flags.", ""]
    b = u.get("batch")
    if b:
        n, sm = it.get("n"), it.get("small")
        out += [f"### Batch on one core (`taskset -c 0` for every tool), {n:,} and {sm:,} items", "",
                "| tool | wall s, " + f"{n:,}" + " | items/s | vs fastText | wall s, " + f"{sm:,}"
                + " | per item µs (marginal) | fixed s | load (large / small) |", "|---|---|---|---|---|---|---|---|"]
        for v in ("ref", "new", "launcher", "fasttext"):
            big, small_r = b.get(f"{v}-1core-{n}"), b.get(f"{v}-1core-{sm}")
            vs = big.get("items_per_s_vs_fasttext", "1.0" if v == "fasttext" else "–") if big else "–"
            out.append(f"| {v} | {_s(big)} | {big.get('items_per_s', 0):,.0f} | {vs}× | {_s(small_r)} | "
                       f"{b.get(f'{v}-per-item-us', '–')} | {b.get(f'{v}-fixed-s', '–')} | "
                       f"{_load(big)} / {_load(small_r)} |" if big and big.get("status") == "ok"
                       else f"| {v} | {big.get('status') if big else '–'} | | | | | | |")
        out += ["", "Per item (marginal) = (wall of the large run − wall of the small run) / the items between them; "
                "fixed = what is left of the small run (start-up, model load, JIT warm-up).", "",
                f"### Batch on both cores, {n:,} items", "", "| tool | wall s | CPU s | items/s | load |",
                "|---|---|---|---|---|"]
        for v in ("ref", "new", "launcher"):
            r = b.get(f"{v}-allcores-{n}")
            if r and r.get("status") == "ok":
                out.append(f"| {v} | {_s(r)} | {r['cpu_s']} | {r['items_per_s']:,.0f} | {_load(r)} |")
        ident = b.get("identical", {})
        out += ["", "**Identical output**: " + ", ".join(f"{k} {'identical' if v else 'DIFFERENT'}"
                                                        for k, v in {**ident, **b.get('identical_small', {})}.items())
                + f" — each compared byte for byte with the ref jar's one-core output.", ""]
    j = u.get("jmh")
    if j:
        out += ["### `tag()` alone (JMH, `taskset -c 0`), beside the batch's per-item cost", "",
                "| jar | tagItems mean µs (the batch's items) | median | p99 | tagTeaser mean µs | batch per item µs "
                "| batch / JMH |", "|---|---|---|---|---|---|---|"]
        for v, bv in (("ref", "ref"), ("new", "new"), ("new", "launcher")):
            r = j.get(v, {})
            if r.get("status") != "ok":
                out.append(f"| {v} | {r.get('status')} | | | | | |")
                continue
            ti, tt = r.get("tagItems", {}), r.get("tagTeaser", {})
            out.append(f"| {v}{' (launcher batch)' if bv == 'launcher' else ''} | {ti.get('mean_us')} ± "
                       f"{ti.get('error_us')} | {ti.get('median_us')} | {ti.get('p99_us')} | {tt.get('mean_us')} | "
                       f"{(b or {}).get(f'{bv}-per-item-us', '–')} | {(b or {}).get(f'{bv}-per-item-over-jmh', '–')}× |")
        r = j.get("new", {})
        out += ["", f"Command: `{r.get('command', '')}` (load {r.get('load_before')} → {r.get('load_after')})", ""]
    h = u.get("http")
    if h:
        out += ["### HTTP (`serve` pinned to core 0, wrk and the open-loop client pinned to core 1)", "",
                "| server | GET /health req/s | POST /v1/classify req/s | classify / health | open loop 1,000 req/s: "
                "p50 ms | p99 ms | max ms | batch route (100 items/request) items/s | load |",
                "|---|---|---|---|---|---|---|---|---|"]
        for v in ("ref", "new"):
            r = h.get(v, {})
            if r.get("status") != "ok":
                out.append(f"| {v} | {r.get('status')}: {str(r.get('error', ''))[:120]} | | | | | | | |")
                continue
            ol = r["open_loop"]
            la = r.get("load_after")
            out.append(f"| {v} | {r['health_rps']:,.0f} | {r['classify_rps']:,.0f} | {r['classify_over_health']:.2f} | "
                       f"{ol.get('p50_ms')} | {ol.get('p99_ms')} | {ol.get('max_ms')} | "
                       f"{r.get('batch_items_per_s') or 0:,.0f} | {r['load_before']:.2f} → {la[0] if la else '–'} |")
        r = h.get("new", {})
        out += ["", f"Command (per jar): `{r.get('command', '')}`: wrk `-t1 -c16`, 10 s per route after a 5 s "
                "warm-up; the open-loop client (`OpenLoop.java`) sends at a fixed rate and measures from each "
                "request's scheduled time.", ""]
    return out


def growth_md(g):
    if not g:
        return ["Not run."]
    out = [f"Synthetic corpora from `gen_corpus.py` ({g['corpus']}), sizes {', '.join(human(n) for n in g['sizes'])}. "
           f"Wall and CPU time and peak RSS of one training run, from `/usr/bin/time -v`; ×prev is the ratio to the "
           f"previous size (10× more items). Per-run limit {g['limit_s']:.0f} s. rubrique trains "
           f"`{g.get('rubrique_config', 'the default config')}` (`train --no-eval`) with "
           f"`{g['rubrique_env']}`; fastText with {g['fasttext_epoch']} epochs and {g['fasttext_threads']} threads "
           f"(pre-tokenisation not timed, shown as prep); scikit-learn under a {g['sklearn_mem_cap_gb']} GiB "
           f"address-space cap" + (f", vocabularies capped at {g['sklearn_max_features']} features" if
                                   g.get("sklearn_max_features") else ", no vocabulary cap") + ".", "",
           "| items | tool | status | wall s | CPU s | peak RSS MiB | time ×prev | RSS ×prev | note |",
           "|---|---|---|---|---|---|---|---|---|"]
    for r in g["rows"]:
        note = r.get("error", "")
        if r.get("prep_s") is not None:
            note = (note + " " if note else "") + f"prep {r['prep_s']} s"
        out.append(f"| {human(r['size'])} | {r['tool']} | {r['status']} | {r.get('wall_s', '–')} | "
                   f"{r.get('cpu_s', '–')} | {r.get('max_rss_mb', '–')} | {r.get('time_ratio', '–')} | "
                   f"{r.get('rss_ratio', '–')} | {note.replace('|', '/')} |")
    out += ["", "![training time and peak memory against corpus size](bench/growth.png)"]
    return out


def relative_paths(text):
    """Paths relative to the repository: this checkout's root, and the root of whichever checkout produced numbers
    kept from an earlier report (an absolute prefix in front of one of the repository's top-level folders)."""
    text = text.replace(benchlib.REPO + "/", "")
    return re.sub(r"(?<![\w.~])/(?:[\w.+-]+/)+?(?=(?:experiments|target|src|labels)/)", "", text)


def reproduce_extra(prov, curve_ref, this_run):
    """The commands behind the numbers kept from earlier runs, as comments after this invocation."""
    lines, seen = [], {this_run["invocation"]}
    for part in PARTS:
        p = prov.get(part)
        if p and p.get("invocation") and p["invocation"] not in seen:
            seen.add(p["invocation"])
            same = [k for k in PARTS if (prov.get(k) or {}).get("invocation") == p["invocation"]]
            lines.append(f"# kept numbers ({', '.join(same)}): {p['invocation']}")
    if curve_ref and curve_ref["invocation"] not in seen:
        lines.append("# learning curve: " + curve_ref["invocation"])
    return lines


def curve_md(c, md_dir):
    """The curve section: curve.py's own rendering, with its own command, date and revision."""
    import curve
    if not c:
        return ["Not run (`src/bench/run.sh --only curve`; it needs the labelled pool, see src/bench/README.md)."]
    image = os.path.relpath(os.path.join(benchlib.REPO, c.get("plot") or "experiments/bench/curve.png"), md_dir)
    return curve.markdown(c, image)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--raw", default=os.path.join(benchlib.REPO, "experiments", "bench", "raw"))
    ap.add_argument("--results", default=os.path.join(benchlib.REPO, "experiments", "bench", "results.json"))
    ap.add_argument("--md", default=os.path.join(benchlib.REPO, "experiments", "BENCHMARKS.md"))
    ap.add_argument("--invocation", default="src/bench/run.sh")
    ap.add_argument("--labels", default="labels/snippets.jsonl")
    ap.add_argument("--elapsed", type=float, default=None, help="suite wall time, seconds")
    ap.add_argument("--curve", default=os.path.join(benchlib.REPO, "experiments", "bench", "curve.json"),
                    help="the learning curve's results (curve.py)")
    ap.add_argument("--ran", default=None, help="comma-separated parts run by this invocation (default: every part "
                                                "with a raw file)")
    a = ap.parse_args(argv)
    m = machine()
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    this_run = {"invocation": a.invocation, "generated": now, "git_revision": m["git_revision"]}
    ran = set(PARTS if a.ran is None else [x for x in a.ran.split(",") if x])
    parts, prov = collect_parts(a.raw, ran, load_file(a.results), this_run)
    q, s, g, u = parts["quality"], parts["speed"], parts["growth"], parts["speedup"]
    c = load_file(a.curve)
    curve_ref = None
    if c and c.get("status") == "ok":
        curve_ref = {"file": os.path.relpath(os.path.abspath(a.curve), benchlib.REPO), "invocation": c["invocation"],
                     "generated": c["date"], "git_revision": c["git_revision"]}
    results = {"generated": now, "invocation": a.invocation, "elapsed_s": a.elapsed, "machine": m,
               "provenance": {k: v for k, v in prov.items() if v}, "quality": q, "speed": s, "growth": g,
               "speedup": u,
               "curve": curve_ref}
    benchlib.write_json(a.results, results)
    md = ["# Benchmarks: rubrique vs fastText vs scikit-learn", "",
          f"Generated by `{a.invocation}` on {now} (git {m['git_revision']})"
          + (f" in {a.elapsed / 60:.1f} min" if a.elapsed else "") + ". Do not edit: rerun the command. "
          "What each part measures and its caveats: [src/bench/README.md](../src/bench/README.md). "
          "All numbers: [bench/results.json](bench/results.json).", "",
          "## Machine", "",
          "| | |", "|---|---|",
          f"| cores (nproc) | {m['nproc']} |", f"| CPU | {m['cpu_model']} |", f"| memory | {m['memory_gib']} GiB |",
          f"| OS | {m['os']} |", f"| Java | {m['java']} |", f"| Weka | {m['weka']} |",
          f"| fastText | {m['fasttext']} (Debian) |", f"| scikit-learn | {m['sklearn']} (Debian) |",
          f"| Python | {m['python']} |", f"| hyperfine | {m['hyperfine']} |",
          f"| load average when the report was written | {m['load_average_at_report']} |", "",
          "## Quality on the same folds", ""] + provenance_md(prov["quality"], this_run) + quality_md(q) + [
          "", "## Classification speed", ""] + provenance_md(prov["speed"], this_run) + speed_md(s) + [
          "", "## Start-up, one-core batch and HTTP, before and after (issue 15)", ""] + provenance_md(
          prov["speedup"], this_run) + speedup_md(u) + [
          "", "## Training cost and growth", ""] + provenance_md(prov["growth"], this_run) + growth_md(g) + [
          "", "## Learning curve", ""] + curve_md(c, os.path.dirname(os.path.abspath(a.md))) + [
          "", "## Other measurements", ""] + other_md(os.path.dirname(os.path.abspath(a.md))) + [
          "", "## How to reproduce", "", "```sh", a.invocation] + reproduce_extra(prov, curve_ref, this_run) + [
          "```", ""]
    tmp = a.md + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(relative_paths("\n".join(md)))
    os.replace(tmp, a.md)
    benchlib.log(f"report: wrote {a.results} and {a.md}")


if __name__ == "__main__":
    main()
