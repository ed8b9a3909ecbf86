#!/usr/bin/python3
"""Deterministic synthetic corpus for the growth and throughput benchmarks.

Each synthetic item takes the title of one labelled item (the "anchor") and 2-4 sentences drawn from labelled items
that share at least one topic with the anchor (for an anchor without topics: from items without topics); its topics
are the union of the topics of every item it borrowed from. Output lines are in the labels format
({"id","kind","source","title","text","topics"}), so every tool can train on them. The same --labels, --n and
--seed give byte-identical output.

    /usr/bin/python3 src/bench/gen_corpus.py --n 10000 --seed 1 --out /tmp/corpus-10k.jsonl
"""

import argparse
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-ÖØ-Þ«\"(0-9])")


def sentences(text):
    return [s.strip() for s in _SENTENCE.split(text.strip()) if len(s.strip()) >= 20]


def generate(items, n, seed):
    """Yields n synthetic items as dicts; pure function of (items, n, seed)."""
    rng = random.Random(seed)
    pool = []  # (item index, sentence) for every usable sentence
    by_topic = {t: [] for t in benchlib.TOPICS}
    none_pool = []
    for i, it in enumerate(items):
        for s in sentences(it.get("text", "")) or [it.get("text", "").strip()]:
            if not s:
                continue
            k = len(pool)
            pool.append((i, s))
            topics = it.get("topics") or []
            for t in topics:
                by_topic[t].append(k)
            if not topics:
                none_pool.append(k)
    if not pool:
        raise SystemExit("gen_corpus: the labels file has no usable text")
    all_idx = list(range(len(pool)))
    for j in range(n):
        anchor = items[rng.randrange(len(items))]
        topics = anchor.get("topics") or []
        if topics:
            candidates = sorted(set(k for t in topics for k in by_topic[t]))
        else:
            candidates = none_pool
        if not candidates:
            candidates = all_idx
        picks = [candidates[rng.randrange(len(candidates))] for _ in range(rng.randint(2, 4))]
        union = set(topics)
        for k in picks:
            union.update(items[pool[k][0]].get("topics") or [])
        yield {
            "id": f"syn-{seed}-{j:07d}",
            "kind": "teaser",
            "source": f"synthetic:seed={seed}",
            "title": (anchor.get("title") or "").strip(),
            "text": " ".join(pool[k][1] for k in picks),
            "topics": [t for t in benchlib.TOPICS if t in union],
        }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, required=True, help="number of items to write")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--labels", default=os.path.join(benchlib.REPO, "labels", "snippets.jsonl"))
    ap.add_argument("--out", default="-", help="output .jsonl (default: standard output)")
    a = ap.parse_args(argv)
    items = benchlib.read_jsonl(a.labels)
    out = sys.stdout if a.out == "-" else open(a.out + ".tmp", "w", encoding="utf-8", newline="\n")
    try:
        for row in generate(items, a.n, a.seed):
            out.write(json.dumps(row, ensure_ascii=False))
            out.write("\n")
    finally:
        if out is not sys.stdout:
            out.close()
            os.replace(a.out + ".tmp", a.out)


if __name__ == "__main__":
    main()
