package io.rubrique.label;

import io.rubrique.data.LabelledItem;
import io.rubrique.util.Hashing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Which labelled items a labeller is asked for a second opinion on ({@code label --overlap SHARE}): the items
 * other labellers labelled (records without {@code labelled_by} count as another's) until {@code SHARE} of them have
 * a second opinion, most uncertain first (the model's smallest margin to a threshold), ties and the no-model case in
 * an order fixed by the seed, so that the same state and seed ask for the same items.
 */
final class OverlapPlan {
    private OverlapPlan() {
    }

    /**
     * The ids still to ask, in order.
     *
     * @param labelledBy  each labelled id's {@code provenance.labelled_by} (absent when not recorded)
     * @param withSecond  ids that have a second opinion already
     * @param margin      the model's uncertainty of an item (smaller is more uncertain), or null without a model
     */
    static List<String> toAsk(List<LabelledItem> items, Map<String, String> labelledBy, Set<String> withSecond,
            String labeller, double overlap, long seed, ToDoubleFunction<LabelledItem> margin) {
        if (overlap <= 0) {
            return List.of();
        }
        List<LabelledItem> others = items.stream().filter(i -> !labeller.equals(labelledBy.get(i.id()))).toList();
        int target = (int) Math.ceil(overlap * others.size() - 1e-9);
        long have = others.stream().filter(i -> withSecond.contains(i.id())).count();
        int wanted = (int) Math.max(0, target - have);
        List<LabelledItem> open = new ArrayList<>(others.stream().filter(i -> !withSecond.contains(i.id())).toList());
        Comparator<LabelledItem> bySeed = Comparator.comparing(i -> Hashing.sha256(seed + ":" + i.id()));
        open.sort(margin == null ? bySeed : Comparator.comparingDouble(margin).thenComparing(bySeed));
        return open.stream().limit(wanted).map(LabelledItem::id).toList();
    }
}
