#!/usr/bin/python3
"""Unit tests of the bench helpers (no jar, no fastText, no pool needed):

    /usr/bin/python3 -m unittest discover -s src/bench -p 'test_*.py'
"""

import json
import os
import sys
import tempfile
import unittest
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import curve  # noqa: E402
import quality  # noqa: E402
import pool_peers  # noqa: E402
import sklearn_peer  # noqa: E402

SEEDS = os.path.join(benchlib.REPO, "labels", "snippets.jsonl")


def fake_pool(n):
    """Labelled items with made-up text (never the pool's)."""
    topics = benchlib.TOPICS
    return [{"id": f"p{i:03d}", "title": f"titre {i}", "text": f"texte numéro {i} " + topics[i % len(topics)],
             "topics": [] if i % 3 == 0 else [topics[i % len(topics)]]} for i in range(n)]


class TopicsTest(unittest.TestCase):
    def test_fallback_when_file_missing(self):
        self.assertEqual(benchlib.load_topics("/nonexistent/topics.json"), benchlib.FALLBACK_TOPICS)

    def test_declared_order(self):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "topics.json")
            with open(p, "w", encoding="utf-8") as f:
                json.dump({"topics": [{"id": "b", "name": "B", "definition": "…"}, {"id": "a"}]}, f)
            self.assertEqual(benchlib.load_topics(p), ["b", "a"])

    def test_rejects_duplicates(self):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "topics.json")
            with open(p, "w", encoding="utf-8") as f:
                json.dump({"topics": [{"id": "a"}, {"id": "a"}]}, f)
            with self.assertRaises(ValueError):
                benchlib.load_topics(p)


class BestCutTest(unittest.TestCase):
    def test_separable(self):
        th, f1 = sklearn_peer.best_cut([0.9, 0.8, 0.3, 0.2], [1, 1, 0, 0])
        self.assertEqual(f1, 1.0)
        self.assertAlmostEqual(th, 0.55)  # midway between 0.8 and 0.3

    def test_lowest_cut_is_kept_as_is(self):
        th, f1 = sklearn_peer.best_cut([0.2, 0.1], [1, 1])
        self.assertEqual((th, f1), (0.1, 1.0))

    def test_equal_scores_move_together(self):
        # cut 0.9: F1 2/3; cut 0.5 (two items): tp 2 of 3 predicted, F1 4/5; cut 0.4: F1 4/6
        th, f1 = sklearn_peer.best_cut([0.9, 0.5, 0.5, 0.4], [1, 1, 0, 0])
        self.assertAlmostEqual(f1, 0.8)
        self.assertAlmostEqual(th, 0.45)

    def test_tie_goes_to_higher_cut(self):
        # cut 0.9 and cut 0.6 both give F1 2/3
        th, f1 = sklearn_peer.best_cut([0.9, 0.8, 0.7, 0.6], [1, 0, 0, 1])
        self.assertAlmostEqual(f1, 2 / 3)
        self.assertAlmostEqual(th, 0.85)


class CarefulPeerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        warnings.filterwarnings("ignore", category=UserWarning)
        cls.items = benchlib.read_jsonl(SEEDS)

    def test_inner_oof_is_cross_val_predict(self):
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
        from sklearn.pipeline import make_pipeline
        import numpy as np
        texts = [benchlib.item_text(it) for it in self.items]
        y = sklearn_peer.label_matrix(self.items, benchlib.TOPICS)[:, 0]
        grid = (0.1, 10)
        oof, k = sklearn_peer.inner_oof(texts, y, grid, seed=3, memo={})
        cv = StratifiedKFold(n_splits=k, shuffle=True, random_state=3)
        for c in grid:
            ref = cross_val_predict(make_pipeline(sklearn_peer.build_features(), sklearn_peer.logistic(c)), texts, y,
                                    cv=cv, method="predict_proba")[:, 1]
            np.testing.assert_allclose(oof[c], ref, rtol=1e-6, atol=1e-7)

    def test_memo_features_identical(self):
        texts = [benchlib.item_text(it) for it in self.items]
        a = sklearn_peer.build_features().fit_transform(texts)
        b = sklearn_peer.build_features(memo={}).fit_transform(texts)
        self.assertEqual(a.shape, b.shape)
        self.assertEqual(abs(a - b).max(), 0)

    def test_careful_thresholds_and_fallback(self):
        items = [dict(it) for it in self.items]
        # leave one positive of the first topic: it must fall back to 0.5
        t0 = benchlib.TOPICS[0]
        seen = 0
        for it in items:
            if t0 in (it.get("topics") or []):
                seen += 1
                if seen > 1:
                    it["topics"] = [t for t in it["topics"] if t != t0]
        m = sklearn_peer.train(items, mode="careful", seed=1)
        self.assertEqual(m["thresholds"][t0], 0.5)
        self.assertIn("fallback", m["inner"][t0])
        for t in benchlib.TOPICS[1:]:
            self.assertIn("by_C", m["inner"][t])
            self.assertTrue(0 < m["thresholds"][t] < 1)
        rows = list(sklearn_peer.predict(m, items[:5]))
        self.assertEqual([r["id"] for r in rows], [it["id"] for it in items[:5]])


class CurveDataTest(unittest.TestCase):
    def test_draws_nested_and_deterministic(self):
        ids = [f"p{i}" for i in range(30)]
        a, b = curve.draw_order(ids, 4), curve.draw_order(list(reversed(ids)), 4)
        self.assertEqual(a, b)
        self.assertEqual(sorted(a), sorted(ids))
        self.assertNotEqual(a, curve.draw_order(ids, 5))

    def test_units(self):
        seeds = benchlib.read_jsonl(SEEDS)
        pool = fake_pool(40)
        with tempfile.TemporaryDirectory() as d:
            units, draws = curve.write_data(seeds, pool, [1, 2], [0, 10, 20, 40], ["holdout", "cv"], d)
            self.assertNotIn((1, 40, "holdout"), units)  # nothing left to hold out
            for r in (1, 2):
                h10 = units[(r, 10, "holdout")].parts[0]
                h20 = units[(r, 20, "holdout")].parts[0]
                train10 = {it["id"] for it in benchlib.read_jsonl(h10[1])}
                train20 = {it["id"] for it in benchlib.read_jsonl(h20[1])}
                self.assertTrue(train10 < train20)  # nested draws
                self.assertEqual(len(train10), len(seeds) + 10)
                test10 = benchlib.read_jsonl(h10[2])
                self.assertEqual({it["id"] for it in test10}, {it["id"] for it in pool} - train10)
                self.assertTrue(all("topics" not in it for it in test10))
                cv = units[(r, 20, "cv")]
                held = [i for _, _, _, ids in cv.parts for i in ids]
                self.assertEqual(sorted(held), sorted(train20))  # every grown item predicted exactly once
                for _, train, test, ids in cv.parts:
                    self.assertFalse({it["id"] for it in benchlib.read_jsonl(train)} & set(ids))


class ScoresTest(unittest.TestCase):
    def test_absent_topic_left_out_of_macro(self):
        t = benchlib.TOPICS
        s = quality.scores([{t[0]}, set()], [{t[0]}, set()])
        self.assertEqual(s["per_topic_f1"][t[0]], 1.0)
        self.assertIsNone(s["per_topic_f1"][t[1]])
        self.assertEqual(s["macro_f1"], 1.0)

    def test_compare(self):
        def summ(vals):
            reps = [{"repeat": i + 1, "macro_f1": v, "micro_f1": v} for i, v in enumerate(vals)]
            return {"macro_f1": quality.mean_ci(vals), "per_repeat": reps}
        rub = summ([0.8, 0.9, 0.7])
        c = curve.compare(rub, {"a": summ([0.6, 0.7, 0.5]), "b": summ([0.7, 0.8, 0.6])})
        self.assertEqual(c["best_peer"], "b")
        self.assertAlmostEqual(c["macro_f1_diff"]["mean"], 0.1)
        self.assertAlmostEqual(c["error_ratio"], 0.3 / 0.2)
        self.assertEqual(c["rubrique_wins"], 3)


class PoolPeersTest(unittest.TestCase):
    """pool_peers.py scores as HoldoutStudy does, so its rows are comparable with the configs'."""

    def test_per_topic_f1_counts_a_topic_with_nothing_gold_or_predicted_as_perfect(self):
        gold = [{"topics": ["a"]}, {"topics": []}, {"topics": ["a", "b"]}]
        predicted = [["a"], ["a"], []]
        f1 = pool_peers.per_topic_f1(gold, predicted, ["a", "b", "c"])
        self.assertAlmostEqual(f1[0], 2 * 1 / (2 * 1 + 1 + 1))  # tp 1, fp 1, fn 1
        self.assertEqual(f1[1], 0.0)  # one gold, never predicted
        self.assertEqual(f1[2], 1.0)  # neither gold nor predicted anywhere


if __name__ == "__main__":
    unittest.main()
