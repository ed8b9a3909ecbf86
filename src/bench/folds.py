"""Multi-label stratified k-fold splits by iterative stratification (Sechidis, Tsoumakas and Vlahavas, 2011).

The empty label set is treated as one more label, so items without topics are spread over the folds too.
Deterministic for a given seed: ties are broken with a seeded random.Random."""

import random


def iterative_stratification(label_sets, k, seed):
    """Returns a list of fold numbers (0..k-1), one per item. label_sets: list of iterables of labels."""
    rng = random.Random(seed)
    n = len(label_sets)
    labels = [frozenset(ls) if ls else frozenset(["__none__"]) for ls in label_sets]
    desired = [n / k] * k
    per_label = {}
    for ls in labels:
        for lab in ls:
            per_label[lab] = per_label.get(lab, 0) + 1
    desired_label = {lab: [c / k] * k for lab, c in per_label.items()}
    fold_of = [None] * n
    remaining = set(range(n))
    while remaining:
        counts = {}
        for i in remaining:
            for lab in labels[i]:
                counts[lab] = counts.get(lab, 0) + 1
        # the label with the fewest remaining items (ties: by name, for determinism)
        lab = min(counts, key=lambda x: (counts[x], x))
        items = sorted(i for i in remaining if lab in labels[i])
        rng.shuffle(items)
        for i in items:
            best = max(desired_label[lab])
            cands = [f for f in range(k) if desired_label[lab][f] == best]
            if len(cands) > 1:
                best_total = max(desired[f] for f in cands)
                cands = [f for f in cands if desired[f] == best_total]
            f = cands[rng.randrange(len(cands))] if len(cands) > 1 else cands[0]
            fold_of[i] = f
            remaining.discard(i)
            desired[f] -= 1
            for other in labels[i]:
                desired_label[other][f] -= 1
    return fold_of
