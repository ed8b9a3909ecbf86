package io.rubrique.active;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The baseline: candidates in a random order from the selection's seed (no model, no diversity). */
final class RandomStrategy implements Strategy {
    static final String ID = "random";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean needsModel() {
        return false;
    }

    @Override
    public List<Pick> select(Selection s, int n) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(s.seed()));
        List<Pick> picks = new ArrayList<>();
        for (int i : order.subList(0, Math.min(n, order.size()))) {
            picks.add(new Pick(0, s.candidates().get(i), 0, new Reason("random", null, null, null,
                    "drawn at random (baseline)")));
        }
        return UncertaintyStrategy.ranked(picks);
    }
}
