#!/usr/bin/python3
"""scikit-learn peers. All three use TF-IDF word 1-2-grams + char_wb 2-5-grams (sublinear tf, accents stripped) and
one logistic regression per topic (class_weight='balanced'):

- plain (the quality part's "sklearn"): one-vs-rest, C=10, a topic assigned when its probability is >= 0.5;
- careful: C=10, and each topic's threshold chosen on the training items only, by inner 5-fold cross-validation:
  out-of-fold probabilities as cross_val_predict gives them (folds stratified on that topic, the whole pipeline
  refitted in each fold), threshold = the cut that maximises F1 on them (midway to the next lower out-of-fold
  score; ties go to the higher cut); a topic with fewer than 2 positives (or negatives) keeps 0.5;
- careful-cv: as careful, but each topic's C is chosen from 0.1, 1, 10, 100 by the same inner CV (the C whose
  best-cut out-of-fold F1 is highest, ties to the smaller C), and the threshold is that C's best cut.

    sklearn_peer.py train   --in labels.jsonl --model model.pkl [--mode plain|careful|careful-cv] [--seed N]
                            [--max-features N]
    sklearn_peer.py predict --model model.pkl --in items.jsonl --out tagged.jsonl
    sklearn_peer.py fit-predict --train labels.jsonl --test items.jsonl --out tagged.jsonl [--mode M] [--seed N]
                                [--timing timing.json]

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
MODES = ("plain", "careful", "careful-cv")
CAREFUL_C = 10
C_GRID = (0.1, 1, 10, 100)
INNER_FOLDS = 5
MIN_POSITIVES = 2


def build_features(max_features=None, memo=None):
    """The feature union. memo (a dict, shared by the caller) makes the vectorisers reuse each text's analysed
    n-grams across fits: the inner folds refit the vocabulary and idf on every fold, as refitting from scratch
    would, but analyse each text once (the costly part). The matrices are identical."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion
    import numpy as np

    words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode",
                            lowercase=True, max_features=max_features, dtype=np.float32)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, strip_accents="unicode",
                            lowercase=True, max_features=max_features, dtype=np.float32)
    if memo is not None:
        words, chars = (TfidfVectorizer(analyzer=_MemoAnalyzer(v.build_analyzer(), memo, name), sublinear_tf=True,
                                        max_features=max_features, dtype=np.float32)
                        for v, name in ((words, "words"), (chars, "chars")))
    return FeatureUnion([("words", words), ("chars", chars)])


class _MemoAnalyzer:
    """A vectoriser's analyser (preprocessing, accent stripping, lower-casing, n-grams) memoised per text. Shared,
    not copied, when scikit-learn clones the estimator."""

    def __init__(self, analyzer, memo, name):
        self.analyzer, self.memo, self.name = analyzer, memo, name

    def __call__(self, doc):
        key = (self.name, doc)
        grams = self.memo.get(key)
        if grams is None:
            grams = self.memo[key] = self.analyzer(doc)
        return grams

    def __deepcopy__(self, _memo):
        return self


def logistic(C):
    from sklearn.linear_model import LogisticRegression
    return LogisticRegression(class_weight="balanced", C=C, max_iter=1000)


def build_pipeline(max_features=None):
    """The plain peer: one-vs-rest over the whole feature union, C=10."""
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline
    return make_pipeline(build_features(max_features), OneVsRestClassifier(logistic(CAREFUL_C)))


def label_matrix(items, topics):
    import numpy as np
    return np.array([[1 if t in (it.get("topics") or []) else 0 for t in topics] for it in items], dtype=int)


def best_cut(scores, y):
    """The threshold maximising F1 when a topic is assigned at score >= threshold, and that F1. Candidate cuts are
    the distinct scores; the threshold returned lies midway between the best cut and the next lower score (the
    cut itself when it is the lowest). Ties in F1 go to the higher cut."""
    import numpy as np
    scores = np.asarray(scores, dtype=float)
    y = np.asarray(y, dtype=int)
    n_pos = int(y.sum())
    distinct = np.unique(scores)[::-1]  # descending
    best = (-1.0, None, None)
    for i, cut in enumerate(distinct):
        pred = scores >= cut
        tp = int((pred & (y == 1)).sum())
        f1 = 2 * tp / (int(pred.sum()) + n_pos) if (int(pred.sum()) + n_pos) else 0.0
        if f1 > best[0]:
            lower = distinct[i + 1] if i + 1 < len(distinct) else None
            best = (f1, cut, lower)
    f1, cut, lower = best
    threshold = cut if lower is None else (cut + lower) / 2
    return float(threshold), float(f1)


def inner_oof(texts, y, grid, seed, max_features=None, memo=None):
    """Out-of-fold probabilities of the single-topic pipeline (features + logistic regression, refitted on each
    training part) for every C of grid: {C: array}, and the number of folds. Folds: StratifiedKFold on y (5, fewer
    when a class has fewer items), shuffled with seed. Exactly what cross_val_predict(pipeline(C), texts, y, cv,
    method='predict_proba') gives for each C (test_sklearn_peer checks it), but the features of a fold are fitted
    once for the whole grid."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold
    n_pos, n_neg = int(y.sum()), int(len(y) - y.sum())
    k = min(INNER_FOLDS, n_pos, n_neg)
    cv = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    oof = {c: np.zeros(len(y)) for c in grid}
    texts = np.asarray(texts, dtype=object)
    for fit_idx, held_idx in cv.split(texts, y):
        features = build_features(max_features, memo)
        X_fit = features.fit_transform(list(texts[fit_idx]))
        X_held = features.transform(list(texts[held_idx]))
        for c in grid:
            oof[c][held_idx] = logistic(c).fit(X_fit, y[fit_idx]).predict_proba(X_held)[:, 1]
    return oof, k


def train(items, max_features=None, mode="plain", seed=0):
    """Fits one peer. plain: returns the fitted pipeline (as before). careful / careful-cv: returns a dict with
    the fitted features, one classifier per topic, the per-topic C and threshold and the inner-CV diagnostics."""
    if mode not in MODES:
        raise ValueError(f"unknown sklearn mode {mode!r} (one of {', '.join(MODES)})")
    topics = list(benchlib.TOPICS)
    texts = [benchlib.item_text(it) for it in items]
    y = label_matrix(items, topics)
    if mode == "plain":
        pipe = build_pipeline(max_features)
        pipe.fit(texts, y)
        return pipe
    grid = (CAREFUL_C,) if mode == "careful" else C_GRID
    memo = {}
    features = build_features(max_features)
    X = features.fit_transform(texts)
    classifiers, cs, thresholds, inner = [], [], [], {}
    for j, t in enumerate(topics):
        yj = y[:, j]
        n_pos, n_neg = int(yj.sum()), int(len(yj) - yj.sum())
        if n_pos < MIN_POSITIVES or n_neg < MIN_POSITIVES:
            C, threshold = CAREFUL_C, THRESHOLD
            inner[t] = {"positives": n_pos, "fallback": f"fewer than {MIN_POSITIVES} positives or negatives: "
                                                        f"C={CAREFUL_C}, threshold {THRESHOLD}"}
        else:
            oof, k = inner_oof(texts, yj, grid, seed, max_features, memo)
            by_c = {c: best_cut(oof[c], yj) for c in grid}
            C = max(grid, key=lambda c: (by_c[c][1], -c))  # best out-of-fold F1, ties to the smaller C
            threshold = by_c[C][0]
            inner[t] = {"positives": n_pos, "folds": k,
                        "by_C": {str(c): {"threshold": round(th, 6), "oof_f1": round(f, 6)}
                                 for c, (th, f) in by_c.items()}}
        cs.append(C)
        thresholds.append(threshold)
        if n_pos == 0 or n_neg == 0:
            classifiers.append(float(n_pos > 0))  # constant probability, as OneVsRestClassifier does
        else:
            classifiers.append(logistic(C).fit(X, yj))
    return {"mode": mode, "topics": topics, "features": features, "classifiers": classifiers,
            "C": dict(zip(topics, cs)), "thresholds": dict(zip(topics, thresholds)), "inner": inner,
            "seed": seed, "n_train": len(items)}


def _probabilities(model, texts):
    import numpy as np
    if not isinstance(model, dict):  # plain pipeline
        return model.predict_proba(texts), list(benchlib.TOPICS), [THRESHOLD] * len(benchlib.TOPICS)
    X = model["features"].transform(texts)
    cols = [np.full(X.shape[0], clf) if isinstance(clf, float) else clf.predict_proba(X)[:, 1]
            for clf in model["classifiers"]]
    return np.column_stack(cols), model["topics"], [model["thresholds"][t] for t in model["topics"]]


def predict(model, items):
    """Yields {"id","topics","scores"} per item, in order (plain pipeline or careful model)."""
    for start in range(0, len(items), CHUNK):
        chunk = items[start:start + CHUNK]
        probs, topics, thresholds = _probabilities(model, [benchlib.item_text(it) for it in chunk])
        for it, p in zip(chunk, probs):
            scores = {t: round(float(p[j]), 6) for j, t in enumerate(topics)}
            yield {"id": it["id"], "topics": [t for j, t in enumerate(topics) if p[j] >= thresholds[j]],
                   "scores": scores}


def describe(mode):
    """One-line description of a peer, for reports."""
    feats = ("FeatureUnion(TfidfVectorizer(word, 1-2, sublinear_tf, strip_accents=unicode), TfidfVectorizer("
             "char_wb, 2-5, same))")
    if mode == "plain":
        return (feats + " + OneVsRestClassifier(LogisticRegression(class_weight=balanced, C=10, max_iter=1000)), "
                "threshold 0.5")
    c = "C=10" if mode == "careful" else "C per topic from {0.1, 1, 10, 100} by the inner CV"
    return (feats + f" + per-topic LogisticRegression(class_weight=balanced, {c}, max_iter=1000); per-topic "
            f"threshold = best-F1 cut on out-of-fold probabilities (cross_val_predict, {INNER_FOLDS} folds "
            f"stratified on the topic, training items only); fewer than {MIN_POSITIVES} positives: 0.5")


def write_predictions(model, items, out_path):
    with open(out_path + ".tmp", "w", encoding="utf-8") as out:
        for row in predict(model, items):
            out.write(json.dumps(row, ensure_ascii=False))
            out.write("\n")
    os.replace(out_path + ".tmp", out_path)


def fit_predict(train_path, test_path, out_path, mode, seed, timing_path=None, max_features=None):
    """Trains on train_path and tags test_path in one process (no pickling); timing_path gets the in-process
    training and prediction times (wall and CPU seconds, interpreter start-up and imports excluded) and the
    chosen C and thresholds."""
    import time
    import warnings
    warnings.filterwarnings("ignore", category=UserWarning)
    items = benchlib.read_jsonl(train_path)
    import sklearn.linear_model  # noqa: F401  (imports outside the timed part)
    w0, c0 = time.monotonic(), time.process_time()
    model = train(items, max_features, mode, seed)
    w1, c1 = time.monotonic(), time.process_time()
    write_predictions(model, benchlib.read_jsonl(test_path), out_path)
    w2, c2 = time.monotonic(), time.process_time()
    if timing_path:
        info = {"mode": mode, "seed": seed, "n_train": len(items), "train_wall_s": round(w1 - w0, 3),
                "train_cpu_s": round(c1 - c0, 3), "predict_wall_s": round(w2 - w1, 3),
                "predict_cpu_s": round(c2 - c1, 3)}
        if isinstance(model, dict):
            info.update({"C": model["C"], "thresholds": {t: round(v, 6) for t, v in model["thresholds"].items()}})
        benchlib.write_json(timing_path, info)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train")
    t.add_argument("--in", dest="inp", required=True)
    t.add_argument("--model", required=True)
    p = sub.add_parser("predict")
    p.add_argument("--model", required=True)
    p.add_argument("--in", dest="inp", required=True)
    p.add_argument("--out", required=True)
    fp = sub.add_parser("fit-predict", help="train and tag in one process, no model file")
    fp.add_argument("--train", required=True)
    fp.add_argument("--test", required=True)
    fp.add_argument("--out", required=True)
    fp.add_argument("--timing", help="JSON file for the in-process train/predict times and chosen C/thresholds")
    for q in (t, fp):
        q.add_argument("--max-features", type=int, default=None,
                       help="cap each vectoriser's vocabulary (default: none)")
        q.add_argument("--mode", choices=MODES, default="plain")
        q.add_argument("--seed", type=int, default=0, help="seed of the inner folds (careful modes)")
    a = ap.parse_args(argv)
    if a.cmd == "train":
        pipe = train(benchlib.read_jsonl(a.inp), a.max_features, a.mode, a.seed)
        with open(a.model + ".tmp", "wb") as f:
            pickle.dump(pipe, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(a.model + ".tmp", a.model)
    elif a.cmd == "fit-predict":
        fit_predict(a.train, a.test, a.out, a.mode, a.seed, a.timing, a.max_features)
    else:
        with open(a.model, "rb") as f:
            pipe = pickle.load(f)
        write_predictions(pipe, benchlib.read_jsonl(a.inp), a.out)


if __name__ == "__main__":
    main()
