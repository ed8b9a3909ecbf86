#!/usr/bin/python3
"""N distinct items of real length for encoder throughput runs: the shared pool's items (labelled then unlabelled)
again and again, each copy's text starting with its copy number ("[3] ..."), so every text is new to the embedding
cache while its length, hence its encoder cost, stays that of a real item (most reach the 128-token limit). The pool
is third-party text: write the output outside the repository.

    /usr/bin/python3 src/bench/encoder/vary_pool.py --n 10000 --out /tmp/pool-10k.jsonl [--pool ../shared/pool]
"""
import argparse
import json
import os

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--n", type=int, required=True)
ap.add_argument("--out", required=True)
ap.add_argument("--pool", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../shared/pool"))
a = ap.parse_args()
base = []
for name in ("labelled.jsonl", "unlabelled.jsonl"):
    with open(os.path.join(a.pool, name), encoding="utf-8") as f:
        base += [json.loads(line) for line in f if line.strip()]
with open(a.out + ".tmp", "w", encoding="utf-8", newline="\n") as out:
    for j in range(a.n):
        copy, item = divmod(j, len(base))
        b = base[item]
        row = {"id": f"v{copy}-{b['id']}", "title": b.get("title") or "",
               "text": (f"[{copy}] " if copy else "") + (b.get("text") or "")}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
os.replace(a.out + ".tmp", a.out)
