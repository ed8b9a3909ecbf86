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
import hashlib
import json
import os
import random
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-ÖØ-Þ«\"(0-9])")


MAX_DRAWS = 200
_APOSTROPHES = re.compile("[\u2018\u2019\u201A\u201B\u02BC\u2032\u00B4`]")
_QUOTES = re.compile("[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u2039\u203A]")
_DASHES = re.compile("[\u2010-\u2015\u2212]")
_SPACED = re.compile(r' ?(") ?| ([:;!?])')


def normalise(text):
    """Roughly rubrique's TextKey: two texts with the same form count as duplicates for its label reader."""
    s = unicodedata.normalize("NFKC", text).lower()
    s = _DASHES.sub("-", _QUOTES.sub('"', _APOSTROPHES.sub("'", s)))
    return _SPACED.sub(r"\1\2", " ".join(s.split()))


def digest(s):
    return hashlib.blake2b(s.encode(), digest_size=12).digest()


def sentences(text):
    return [s.strip() for s in _SENTENCE.split(text.strip()) if len(s.strip()) >= 20]


def lead(text, max_chars):
    """The first max_chars characters of text cut back to the last space (a news lead: title + ~270 characters);
    the whole text when it is shorter or max_chars is 0."""
    if not max_chars or len(text) <= max_chars:
        return text
    cut = text.rfind(" ", 0, max_chars + 1)
    return text[:cut if cut > max_chars // 2 else max_chars].rstrip()


def generate(items, n, seed, lead_chars=0, distinct_leads=False):
    """Yields n synthetic items as dicts, with pairwise distinct texts; pure function of (items, n, seed). With
    lead_chars, each text is cut to its lead (lead()); leads of distinct texts may then coincide, unless
    distinct_leads, which draws again until the lead itself is new (a pool of distinct inbox-length items)."""
    rng = random.Random(seed)
    pool = []  # (item index, sentence): every distinct usable sentence once
    norm = []  # the normalised form of each pool sentence
    by_topic = {t: [] for t in benchlib.TOPICS}
    none_pool = []
    known = set()
    for i, it in enumerate(items):
        for s in sentences(it.get("text", "")) or [it.get("text", "").strip()]:
            key = normalise(s)
            if not s or key in known:
                continue
            known.add(key)
            k = len(pool)
            pool.append((i, s))
            norm.append(key)
            topics = it.get("topics") or []
            for t in topics:
                by_topic[t].append(k)
            if not topics:
                none_pool.append(k)
    if not pool:
        raise SystemExit("gen_corpus: the labels file has no usable text")
    all_idx = list(range(len(pool)))
    cache = {}
    seen_picks, seen_texts = set(), set()
    for j in range(n):
        anchor = items[rng.randrange(len(items))]
        topics = tuple(anchor.get("topics") or [])
        candidates = cache.get(topics)
        if candidates is None:
            candidates = sorted(set(k for t in topics for k in by_topic[t])) if topics else none_pool
            candidates = cache[topics] = candidates or all_idx
        for attempt in range(MAX_DRAWS):
            picks = tuple(rng.sample(candidates, min(rng.randint(2, 4), len(candidates))))
            if picks not in seen_picks:
                # a text's normalised form is its sentences' forms joined (sentences never hold a split point)
                key = digest(" ".join(norm[k] for k in picks)) if not distinct_leads else \
                    digest(normalise(lead(" ".join(pool[k][1] for k in picks), lead_chars)))
                if key not in seen_texts:
                    break
            # a repeat: after two tries draw from every sentence (small topic pools run out of combinations)
            if attempt >= 1:
                candidates = all_idx
        else:
            raise SystemExit(f"gen_corpus: could not make {n} distinct texts from these labels (stuck at item {j})")
        seen_picks.add(picks)
        seen_texts.add(key)
        union = set(topics)
        for k in picks:
            union.update(items[pool[k][0]].get("topics") or [])
        yield {
            "id": f"syn-{seed}-{j:07d}",
            "kind": "teaser",
            "source": f"synthetic:seed={seed}",
            "title": (anchor.get("title") or "").strip(),
            "text": lead(" ".join(pool[k][1] for k in picks), lead_chars),
            "topics": [t for t in benchlib.TOPICS if t in union],
        }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, required=True, help="number of items to write")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--labels", default=os.path.join(benchlib.REPO, "labels", "snippets.jsonl"))
    ap.add_argument("--out", default="-", help="output .jsonl (default: standard output)")
    ap.add_argument("--lead-chars", type=int, default=0,
                    help="cut each text to its first N characters at a space (0: whole text)")
    ap.add_argument("--distinct-leads", action="store_true",
                    help="with --lead-chars: no two items share a lead (draw again until the lead is new)")
    a = ap.parse_args(argv)
    items = benchlib.read_jsonl(a.labels)
    out = sys.stdout if a.out == "-" else open(a.out + ".tmp", "w", encoding="utf-8", newline="\n")
    try:
        for row in generate(items, a.n, a.seed, a.lead_chars, a.distinct_leads):
            out.write(json.dumps(row, ensure_ascii=False))
            out.write("\n")
    finally:
        if out is not sys.stdout:
            out.close()
            os.replace(a.out + ".tmp", a.out)


if __name__ == "__main__":
    main()
