#!/usr/bin/python3
"""scikit-learn peer: TF-IDF (word 1-2-grams + char_wb 2-5-grams, sublinear tf, accents stripped) and one-vs-rest
logistic regression (class_weight='balanced', C=10), topic assigned when its probability is >= 0.5.

    sklearn_peer.py train   --in labels.jsonl --model model.pkl [--max-features N]
    sklearn_peer.py predict --model model.pkl --in items.jsonl --out tagged.jsonl

Input items are {"id","title"?,"text"}; predict writes {"id","topics":[...],"scores":{...}} in input order, the
same contract as `rubrique classify`. Run with Debian's /usr/bin/python3 (python3-sklearn)."""

import argparse
import json
import os
import pickle
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402

THRESHOLD = 0.5
CHUNK = 5000


def build_pipeline(max_features=None):
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion, make_pipeline
    from sklearn.feature_extraction.text import TfidfVectorizer
    import numpy as np

    words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode",
                            lowercase=True, max_features=max_features, dtype=np.float32)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, strip_accents="unicode",
                            lowercase=True, max_features=max_features, dtype=np.float32)
    clf = OneVsRestClassifier(LogisticRegression(class_weight="balanced", C=10, max_iter=1000))
    return make_pipeline(FeatureUnion([("words", words), ("chars", chars)]), clf)


def train(items, max_features=None):
    """Fits the pipeline; returns (pipeline, topic order)."""
    import numpy as np

    texts = [benchlib.item_text(it) for it in items]
    y = np.array([[1 if t in (it.get("topics") or []) else 0 for t in benchlib.TOPICS] for it in items])
    pipe = build_pipeline(max_features)
    pipe.fit(texts, y)
    return pipe


def predict(pipe, items):
    """Yields {"id","topics","scores"} per item, in order."""
    for start in range(0, len(items), CHUNK):
        chunk = items[start:start + CHUNK]
        probs = pipe.predict_proba([benchlib.item_text(it) for it in chunk])
        for it, p in zip(chunk, probs):
            scores = {t: round(float(p[j]), 6) for j, t in enumerate(benchlib.TOPICS)}
            yield {"id": it["id"], "topics": [t for t in benchlib.TOPICS if scores[t] >= THRESHOLD], "scores": scores}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train")
    t.add_argument("--in", dest="inp", required=True)
    t.add_argument("--model", required=True)
    t.add_argument("--max-features", type=int, default=None,
                   help="cap each vectoriser's vocabulary (default: none)")
    p = sub.add_parser("predict")
    p.add_argument("--model", required=True)
    p.add_argument("--in", dest="inp", required=True)
    p.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    if a.cmd == "train":
        pipe = train(benchlib.read_jsonl(a.inp), a.max_features)
        with open(a.model + ".tmp", "wb") as f:
            pickle.dump(pipe, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(a.model + ".tmp", a.model)
    else:
        with open(a.model, "rb") as f:
            pipe = pickle.load(f)
        items = benchlib.read_jsonl(a.inp)
        with open(a.out + ".tmp", "w", encoding="utf-8") as out:
            for row in predict(pipe, items):
                out.write(json.dumps(row, ensure_ascii=False))
                out.write("\n")
        os.replace(a.out + ".tmp", a.out)


if __name__ == "__main__":
    main()
