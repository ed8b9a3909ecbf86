package io.rubrique.quant;

import io.rubrique.data.PerTopic;
import io.rubrique.data.TopicSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Groups tagged items and estimates every topic's share of every group with one {@link Quantifier}; warns when a
 * group's estimated mix is far from the mix the model was trained on (its tags then deserve less trust: the
 * error rates were measured at another mix), when a group is small and when items lack the date grouping needs.
 * Holds no state between runs: thread-safe.
 */
public final class Quantification {
    /** A topic's share differing from its training share by more than this (and outside its interval) is a shift. */
    public static final double SHIFT = 0.15;
    /** Groups with fewer items get a warning that their intervals are wide. */
    public static final int SMALL_GROUP = 30;

    private final TopicSet topics;
    private final PerTopic<TopicReference> references;
    private final Quantifier quantifier;

    public Quantification(TopicSet topics, PerTopic<TopicReference> references, Quantifier quantifier) {
        this.topics = topics;
        this.references = references;
        this.quantifier = quantifier;
        for (String t : topics.ids()) {
            TopicReference r = references.get(t);
            if (quantifier.estimator().needs().contains(Need.HELD_OUT) && r.heldOut() == null) {
                throw new IllegalArgumentException("method '" + quantifier.estimator().id() + "' needs "
                        + Need.HELD_OUT.description() + "; this model has none for topic " + t
                        + " (use --method cc or pcc, or retrain)");
            }
        }
    }

    /** The shares of every group of {@code items}, grouped by {@code by}. */
    public QuantResult run(List<TaggedItem> items, GroupBy by) {
        Map<String, List<TaggedItem>> groups = new TreeMap<>((a, b) -> {
            // the undated and source-less groups come last; the others in key order (ISO keys sort by time)
            boolean la = a.equals(GroupBy.UNDATED) || a.equals(GroupBy.NO_SOURCE);
            boolean lb = b.equals(GroupBy.UNDATED) || b.equals(GroupBy.NO_SOURCE);
            return la != lb ? Boolean.compare(la, lb) : a.compareTo(b);
        });
        for (TaggedItem i : items) {
            groups.computeIfAbsent(by.key(i.date(), i.source()), k -> new ArrayList<>()).add(i);
        }
        List<String> warnings = new ArrayList<>();
        List<QuantResult.Shift> shifts = new ArrayList<>();
        List<String> ids = topics.ids();
        List<QuantResult.Group> out = new ArrayList<>();
        for (Map.Entry<String, List<TaggedItem>> g : groups.entrySet()) {
            List<TaggedItem> members = g.getValue();
            TopicShare[] shares = new TopicShare[ids.size()];
            IntStream.range(0, ids.size()).parallel().forEach(t -> shares[t] = share(members, ids.get(t)));
            Map<String, TopicShare> byTopic = new LinkedHashMap<>();
            for (int t = 0; t < ids.size(); t++) {
                byTopic.put(ids.get(t), shares[t]);
                java.util.Optional<QuantResult.Shift> shift = shift(g.getKey(), ids.get(t), shares[t]);
                if (shift.isPresent()) {
                    shifts.add(shift.get());
                    warnings.add(warning(shift.get(), shares[t]));
                }
            }
            if (members.size() < SMALL_GROUP) {
                warnings.add(String.format(Locale.ROOT, "group %s has %d item(s): its intervals are wide",
                        g.getKey(), members.size()));
            }
            out.add(new QuantResult.Group(g.getKey(), members.size(), byTopic));
        }
        if (by.byDate() && groups.containsKey(GroupBy.UNDATED)) {
            warnings.add(groups.get(GroupBy.UNDATED).size() + " item(s) have no date: they form the group '"
                    + GroupBy.UNDATED + "'");
        }
        return new QuantResult(out, quantifier.estimator().id(), shifts, warnings);
    }

    private TopicShare share(List<TaggedItem> members, String topic) {
        double[] scores = new double[members.size()];
        boolean[] tagged = new boolean[members.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = members.get(i).tagging().score(topic);
            tagged[i] = members.get(i).tagging().has(topic);
        }
        return quantifier.quantify(scores, tagged, references.get(topic));
    }

    private java.util.Optional<QuantResult.Shift> shift(String group, String topic, TopicShare s) {
        double train = references.get(topic).trainingShare();
        if (Double.isNaN(train) || Math.abs(s.share() - train) <= SHIFT || (s.low() <= train && train <= s.high())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new QuantResult.Shift(group, topic, s.share(), Math.round(train * 1e4) / 1e4));
    }

    private static String warning(QuantResult.Shift shift, TopicShare s) {
        return String.format(Locale.ROOT, "group %s: %s is estimated at %.0f%% [%.0f%%, %.0f%%] of items, %.0f%% in "
                + "training: this mix is far from the one the model learnt on, so its tags here deserve less trust",
                shift.group(), shift.topic(), 100 * s.share(), 100 * s.low(), 100 * s.high(), 100 * shift.training());
    }
}
