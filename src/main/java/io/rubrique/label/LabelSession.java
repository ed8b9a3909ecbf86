package io.rubrique.label;

import io.rubrique.active.Pick;
import io.rubrique.active.Selection;
import io.rubrique.active.Strategies;
import io.rubrique.active.Strategy;
import io.rubrique.active.Suggestions;
import io.rubrique.data.Candidate;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.PerTopic;
import io.rubrique.data.Snippet;
import io.rubrique.data.TextKey;
import io.rubrique.data.TopicSet;
import io.rubrique.model.ScoringModel;
import io.rubrique.model.Tagging;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One labeller's session on the labelling page: the queue of suggested items (a batch ranked by the selection
 * strategy with the current model, ranked again when it runs out or the model changes), what was saved in this
 * session (the undo stack), what was skipped, and the counts shown on the page. Synchronized: the page's requests
 * (and a second tab) may arrive on several threads.
 */
public final class LabelSession {
    /** Items ranked per batch. */
    static final int BATCH = 20;

    private final TopicSet topics;
    private final List<Candidate> pool;
    private final Map<String, Candidate> byId = new LinkedHashMap<>();
    private final LabelStore store;
    private final String labeller;
    private final Strategy strategy;
    private final Clock clock;
    private ScoringModel model;
    private String modelSha;
    private List<? extends ScoringModel> committee = List.of();
    private final Deque<Pick> queue = new ArrayDeque<>();
    private final Set<String> skipped = new HashSet<>();
    private final Deque<String> saved = new ArrayDeque<>();
    private final Map<String, Pick> shown = new LinkedHashMap<>();
    private long round;

    public LabelSession(TopicSet topics, List<Candidate> pool, LabelStore store, String labeller, Strategy strategy,
            ScoringModel model, String modelSha, Clock clock) {
        this.topics = topics;
        this.pool = List.copyOf(pool);
        this.pool.forEach(c -> byId.putIfAbsent(c.id(), c));
        this.store = store;
        this.labeller = labeller;
        this.strategy = strategy == null ? Strategies.get(Strategies.DEFAULT) : strategy;
        this.model = model;
        this.modelSha = modelSha;
        this.clock = clock;
    }

    public String labeller() {
        return labeller;
    }

    public TopicSet topics() {
        return topics;
    }

    public synchronized Optional<ScoringModel> model() {
        return Optional.ofNullable(model);
    }

    public synchronized String modelSha() {
        return modelSha;
    }

    /** The item to show next, with the model's suggestion, or empty when the pool is exhausted. */
    public synchronized Optional<Next> next() throws IOException {
        List<LabelledItem> labelled = store.readAll();
        Set<String> done = keys(labelled);
        while (true) {
            while (!queue.isEmpty()) {
                Pick p = queue.peekFirst();
                if (done.contains(TextKey.of(p.item().text())) || skipped.contains(p.item().id())) {
                    queue.pollFirst();
                    continue;
                }
                shown.put(p.item().id(), p);
                return Optional.of(new Next(byId.get(p.item().id()), p, model == null ? null
                        : model.tag(p.item().title(), p.item().text()), model == null ? null : model.thresholds()));
            }
            if (!refill(labelled, done)) {
                return Optional.empty();
            }
        }
    }

    /** What the page shows for one item: the record, why it was chosen, and the model's tagging if any. */
    public record Next(Candidate item, Pick pick, Tagging suggestion, PerTopic<Double> thresholds) {
    }

    private boolean refill(List<LabelledItem> labelled, Set<String> done) {
        List<Snippet> left = new ArrayList<>();
        for (Candidate c : pool) {
            if (!done.contains(TextKey.of(c.text())) && !skipped.contains(c.id())) {
                left.add(new Snippet(c.id(), c.title(), c.text()));
            }
        }
        if (left.isEmpty()) {
            return false;
        }
        Selection sel = Selection.of(topics, labelled, left, model, committee, 42 + round++);
        List<Pick> picks = strategy.select(sel, BATCH);
        queue.addAll(picks);
        return !picks.isEmpty();
    }

    private static Set<String> keys(List<LabelledItem> items) {
        Set<String> s = new HashSet<>();
        items.forEach(i -> s.add(TextKey.of(i.text())));
        return s;
    }

    /**
     * Saves the labeller's topics for an item with where the label came from: when, by whom, what the model
     * suggested (topics and scores, with the strategy and reason it was shown for) and whether the labeller
     * accepted the suggestion or changed it.
     */
    public synchronized String save(String id, List<String> chosen) throws IOException, LabelStore.Refused {
        Candidate item = byId.get(id);
        if (item == null) {
            throw new LabelStore.Refused("id: '" + id + "' is not an item of the pool", false);
        }
        for (String t : chosen) {
            if (!topics.contains(t)) {
                throw new LabelStore.Refused("topics: unknown topic '" + t + "' (known: " + topics.allowedIds() + ")",
                        false);
            }
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("labelled_at", clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        provenance.put("labelled_by", labeller);
        Pick pick = shown.get(id);
        if (pick != null) {
            provenance.put("strategy", Suggestions.toJson(pick, strategy.id()).get("strategy").asText());
            provenance.put("reason", pick.reason().why());
        }
        if (model != null) {
            Tagging t = model.tag(item.title(), item.text());
            Set<String> c = new HashSet<>(chosen);
            provenance.put("model_sha256", modelSha);
            provenance.put("suggested_topics", t.topics());
            Map<String, Double> scores = new LinkedHashMap<>();
            t.scores().forEach((k, v) -> scores.put(k, Math.round(v * 1e4) / 1e4));
            provenance.put("suggested_scores", scores);
            provenance.put("accepted", c.equals(new HashSet<>(t.topics())));
            provenance.put("added", topics.ordered(c.stream().filter(x -> !t.has(x)).toList()));
            provenance.put("removed", t.topics().stream().filter(x -> !c.contains(x)).toList());
        } else {
            provenance.put("suggested_topics", null);
            provenance.put("accepted", null);
        }
        String line = store.record(item, chosen, provenance);
        store.append(line);
        saved.push(id);
        queue.removeIf(p -> p.item().id().equals(id));
        return line;
    }

    /** Skips an item of the pool for this session; false (and nothing recorded) when the id is not in the pool. */
    public synchronized boolean skip(String id) {
        if (!byId.containsKey(id)) {
            return false;
        }
        skipped.add(id);
        queue.removeIf(p -> p.item().id().equals(id));
        return true;
    }

    /**
     * Removes the last record saved in this session and puts its item back at the front; empty if none. The entry
     * leaves the undo stack only once its record is gone (or found gone): a failed rewrite keeps it for a retry.
     */
    public synchronized Optional<String> undo() throws IOException {
        while (!saved.isEmpty()) {
            String id = saved.peek();
            boolean removed = store.remove(id);
            saved.pop();
            if (removed) {
                Pick p = shown.get(id);
                Candidate c = byId.get(id);
                queue.addFirst(p != null ? p : new Pick(0, new Snippet(c.id(), c.title(), c.text()), 0,
                        new io.rubrique.active.Reason("undone", null, null, null, "put back by undo")));
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /**
     * Swaps in a new model (after a retrain): the queue is ranked again with it, except the item on the page,
     * which stays first (scored by the new model) so that it does not change under the labeller.
     */
    public synchronized void useModel(ScoringModel m, String sha) {
        model = m;
        modelSha = sha;
        rankAgain();
    }

    /**
     * The fold models of the current labels, for the disagreement strategy (trained in the background: until
     * they arrive, disagreement falls back to uncertainty). The next batch is ranked with them.
     */
    public synchronized void useCommittee(List<? extends ScoringModel> folds) {
        committee = List.copyOf(folds);
        rankAgain();
    }

    /** Empties the queue but for its head when the page is showing it. */
    private void rankAgain() {
        Pick head = queue.peekFirst();
        queue.clear();
        if (head != null && shown.containsKey(head.item().id())) {
            queue.addFirst(head);
        }
    }

    /** Counts for the page: labelled in this session, left in the pool and batch, labelled per topic. */
    public synchronized Progress progress() throws IOException {
        List<LabelledItem> labelled = store.readAll();
        Set<String> done = keys(labelled);
        int left = 0;
        for (Candidate c : pool) {
            if (!done.contains(TextKey.of(c.text())) && !skipped.contains(c.id())) {
                left++;
            }
        }
        PerTopic<Integer> per = PerTopic.of(topics, t -> (int) labelled.stream().filter(i -> i.has(t)).count());
        return new Progress(saved.size(), left, queue.size(), labelled.size(), per.toMap());
    }

    /** The counts on the page. */
    public record Progress(int session, int leftInPool, int leftInBatch, int labelled, Map<String, Integer> perTopic) {
    }
}
