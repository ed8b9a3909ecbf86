package io.rubrique.label;

import io.rubrique.active.Pick;
import io.rubrique.active.Selection;
import io.rubrique.active.Strategies;
import io.rubrique.active.Strategy;
import io.rubrique.active.Suggestions;
import io.rubrique.data.Candidate;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.PerTopic;
import io.rubrique.data.SecondOpinions;
import io.rubrique.data.Snippet;
import io.rubrique.data.TextKey;
import io.rubrique.data.TopicSet;
import io.rubrique.model.ScoringModel;
import io.rubrique.model.Tagging;
import io.rubrique.trust.Recheck;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One labeller's session on the labelling page: the queue of suggested items (a batch ranked by the selection
 * strategy with the current model, ranked again when it runs out or the model changes), what was saved in this
 * session (the undo stack), what was skipped, and the counts shown on the page. With {@link Trust}, also the
 * second opinions this labeller is asked for ({@code --overlap}, before pool items), the Recheck queue (a
 * {@code rubrique recheck} output) and the Review queue (items whose two opinions differ). Synchronized: the page's
 * requests (and a second tab) may arrive on several threads.
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
    private final Deque<Saved> saved = new ArrayDeque<>();
    private final Map<String, Pick> shown = new LinkedHashMap<>();
    private final Trust trust;
    private final LabelStore opinions;
    private final Set<String> recheckSkipped = new HashSet<>();
    private final Set<String> reviewSkipped = new HashSet<>();
    private final Map<String, Double> margins = new HashMap<>();
    private long round;

    /**
     * The trust features of a session: the share of other labellers' items to give a second opinion on (0 for
     * none) and the seed that orders them, and the Recheck queue (empty for none).
     */
    public record Trust(double overlap, long seed, List<Recheck.Suspect> recheck) {
        public Trust {
            if (!(overlap >= 0 && overlap <= 1)) {
                throw new IllegalArgumentException("overlap: must be a share between 0 and 1, was " + overlap);
            }
            recheck = List.copyOf(recheck);
        }

        public static Trust none() {
            return new Trust(0, 42, List.of());
        }
    }

    /** A save of this session, for undo: the item and the store it went to (labels or second opinions). */
    private record Saved(String id, LabelStore store) {
    }

    public LabelSession(TopicSet topics, List<Candidate> pool, LabelStore store, String labeller, Strategy strategy,
            ScoringModel model, String modelSha, Clock clock) {
        this(topics, pool, store, labeller, strategy, model, modelSha, clock, Trust.none());
    }

    public LabelSession(TopicSet topics, List<Candidate> pool, LabelStore store, String labeller, Strategy strategy,
            ScoringModel model, String modelSha, Clock clock, Trust trust) {
        this.trust = trust;
        this.opinions = LabelStore.secondOpinions(store.labelSet(), topics);
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
        Optional<Next> opinion = nextOpinion(labelled);
        if (opinion.isPresent()) {
            return opinion;
        }
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
                        : model.tag(p.item().title(), p.item().text()), model == null ? null : model.thresholds(),
                        null));
            }
            if (!refill(labelled, done)) {
                return Optional.empty();
            }
        }
    }

    /**
     * What the page shows for one item: the record, why it was chosen, and the model's tagging if any;
     * {@code secondOpinionOf} names the first labeller when the item is asked for a second opinion (then nothing
     * is suggested: the first label and the model's are hidden, so that the two opinions stay independent).
     */
    public record Next(Candidate item, Pick pick, Tagging suggestion, PerTopic<Double> thresholds,
            String secondOpinionOf) {
    }

    /** The next item this labeller is asked a second opinion on ({@link OverlapPlan}), if any. */
    private Optional<Next> nextOpinion(List<LabelledItem> labelled) throws IOException {
        if (trust.overlap() <= 0) {
            return Optional.empty();
        }
        Map<String, LabelStore.Stored> records = store.records();
        Map<String, String> by = new HashMap<>();
        records.forEach((id, r) -> {
            if (r.labelledBy() != null) {
                by.put(id, r.labelledBy());
            }
        });
        Set<String> withSecond = new HashSet<>(opinions.records().keySet());
        List<String> ask = OverlapPlan.toAsk(labelled, by, withSecond, labeller, trust.overlap(), trust.seed(),
                model == null ? null : this::margin);
        Map<String, LabelledItem> items = new HashMap<>();
        labelled.forEach(i -> items.put(i.id(), i));
        for (String id : ask) {
            if (skipped.contains(id)) {
                continue;
            }
            LabelledItem i = items.get(id);
            Candidate c = candidate(i, records.get(id));
            String first = by.getOrDefault(id, "an earlier labeller");
            Pick p = new Pick(0, new Snippet(c.id(), c.title(), c.text()), 0, new io.rubrique.active.Reason(
                    "second-opinion", null, null, null, String.format(java.util.Locale.ROOT, "a second opinion on an "
                    + "item %s labelled (overlap %.0f%%, most uncertain first); that label is hidden so that it "
                    + "cannot sway yours", first, trust.overlap() * 100)));
            return Optional.of(new Next(c, p, null, null, first));
        }
        return Optional.empty();
    }

    /** The model's smallest distance of a score to its topic's threshold for an item (cached per model). */
    private double margin(LabelledItem i) {
        return margins.computeIfAbsent(i.id(), k -> {
            Tagging t = model.tag(i.title(), i.text());
            double m = Double.MAX_VALUE;
            for (String topic : topics.ids()) {
                m = Math.min(m, Math.abs(t.score(topic) - model.thresholds().get(topic)));
            }
            return m;
        });
    }

    /** A labelled item as a pool record, with the date its record carries. */
    private static Candidate candidate(LabelledItem i, LabelStore.Stored stored) {
        java.time.LocalDate date = stored == null ? null
                : io.rubrique.data.ItemDate.parse(stored.json().path("date").asText(null)).orElse(null);
        return new Candidate(i.id(), i.kind(), i.source(), i.title(), i.text(), date);
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
        checkTopics(chosen);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("labelled_at", now());
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
        saved.push(new Saved(id, store));
        queue.removeIf(p -> p.item().id().equals(id));
        return line;
    }

    /**
     * Saves this labeller's second opinion on a labelled item to the second-opinion file, with who, when, whose
     * label it is a second opinion on and the overlap; refused for an item not labelled, labelled by this labeller,
     * or already given a second opinion.
     */
    public synchronized String saveOpinion(String id, List<String> chosen) throws IOException, LabelStore.Refused {
        checkTopics(chosen);
        LabelStore.Stored rec = store.records().get(id);
        LabelledItem item = store.readAll().stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
        if (rec == null || item == null) {
            throw new LabelStore.Refused("id: '" + id + "' is not labelled in the set: a second opinion needs a "
                    + "first label", false);
        }
        String first = rec.labelledBy();
        if (labeller.equals(first)) {
            throw new LabelStore.Refused("id: '" + id + "' was labelled by " + labeller + ": a second opinion must "
                    + "come from another labeller", false);
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("labelled_at", now());
        provenance.put("labelled_by", labeller);
        provenance.put("second_opinion_of", first);
        provenance.put("overlap", trust.overlap());
        String line = opinions.record(candidate(item, rec), chosen, provenance);
        opinions.append(line);
        saved.push(new Saved(id, opinions));
        return line;
    }

    /** Now, to the second, as provenance records it. */
    private java.time.Instant instant() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private String now() {
        return instant().toString();
    }

    private void checkTopics(List<String> chosen) throws LabelStore.Refused {
        for (String t : chosen) {
            if (!topics.contains(t)) {
                throw new LabelStore.Refused("topics: unknown topic '" + t + "' (known: " + topics.allowedIds() + ")",
                        false);
            }
        }
    }

    /** An item of the Recheck queue: the label as it stands, who gave it, the suspect topics and why, how many left. */
    public record RecheckItem(LabelledItem item, String labelledBy, List<Recheck.Suspect> suspects, int left) {
    }

    /**
     * The first item of the Recheck queue (recheck's order, by item) still labelled in the set, not rechecked yet
     * (its provenance has no {@code rechecked_at}) and not skipped in this session; empty when none is left.
     */
    public synchronized Optional<RecheckItem> nextRecheck() throws IOException {
        List<LabelledItem> labelled = store.readAll();
        List<String> open = openRechecks(labelled);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        String id = open.get(0);
        LabelledItem item = labelled.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
        String by = java.util.Objects.requireNonNullElse(store.records().get(id).labelledBy(), "");
        return Optional.of(new RecheckItem(item, by, trust.recheck().stream().filter(x -> x.id().equals(id))
                .toList(), open.size()));
    }

    private List<String> openRechecks(List<LabelledItem> labelled) throws IOException {
        if (trust.recheck().isEmpty()) {
            return List.of();
        }
        Map<String, LabelStore.Stored> records = store.records();
        Set<String> labelledIds = new HashSet<>();
        labelled.forEach(i -> labelledIds.add(i.id()));
        List<String> open = new ArrayList<>();
        for (Recheck.Suspect x : trust.recheck()) {
            if (!open.contains(x.id()) && labelledIds.contains(x.id()) && !recheckSkipped.contains(x.id())
                    && !RecordChanges.rechecked(records.get(x.id()).json())) {
                open.add(x.id());
            }
        }
        return open;
    }

    /**
     * Records the recheck of an item of the queue: its record is replaced (atomically, under the set's lock) by one
     * with {@code chosen} and the recheck's provenance ({@link RecordChanges#recheck}); the same topics record that
     * it was checked and kept.
     */
    public synchronized String recheck(String id, List<String> chosen) throws IOException, LabelStore.Refused {
        checkTopics(chosen);
        List<Recheck.Suspect> why = trust.recheck().stream().filter(x -> x.id().equals(id)).toList();
        if (why.isEmpty()) {
            throw new LabelStore.Refused("id: '" + id + "' is not in the Recheck queue", false);
        }
        return store.replace(id, RecordChanges.recheck(topics, chosen, labeller, instant(), why.get(0).reason()));
    }

    /** Leaves an item of the Recheck queue for later (this session only). */
    public synchronized void skipRecheck(String id) {
        recheckSkipped.add(id);
    }

    /** An item of the Review queue: both opinions, and how many disagreements are left to adjudicate. */
    public record ReviewItem(SecondOpinions.Pair pair, int left) {
    }

    /** The first disagreement between two opinions not adjudicated yet nor skipped in this session, if any. */
    public synchronized Optional<ReviewItem> nextReview() throws IOException {
        List<SecondOpinions.Pair> open = openReviews();
        return open.isEmpty() ? Optional.empty() : Optional.of(new ReviewItem(open.get(0), open.size()));
    }

    private List<SecondOpinions.Pair> openReviews() throws IOException {
        return SecondOpinions.pairs(store.labelSet(), store.set()).stream()
                .filter(p -> p.disagree() && !p.adjudicated() && !reviewSkipped.contains(p.item().id())).toList();
    }

    /**
     * Records the adjudicated label of a disagreement: the label record is replaced (atomically, under the set's
     * lock) by one with {@code chosen}, and its provenance keeps both opinions ({@link RecordChanges#adjudicate}).
     */
    public synchronized String adjudicate(String id, List<String> chosen) throws IOException, LabelStore.Refused {
        checkTopics(chosen);
        SecondOpinions.Pair pair = SecondOpinions.pairs(store.labelSet(), store.set()).stream()
                .filter(p -> p.item().id().equals(id) && p.disagree() && !p.adjudicated()).findFirst()
                .orElseThrow(() -> new LabelStore.Refused("id: '" + id + "' has no disagreement left to adjudicate",
                        false));
        return store.replace(id, RecordChanges.adjudicate(topics, pair, chosen, labeller, instant()));
    }

    /** Leaves a disagreement for later (this session only). */
    public synchronized void skipReview(String id) {
        reviewSkipped.add(id);
    }

    /** Skips an item of the pool for this session; false (and nothing recorded) when the id is not in the pool. */
    public synchronized boolean skip(String id) throws IOException {
        if (!byId.containsKey(id)) {
            if (trust.overlap() > 0 && store.records().containsKey(id)) {
                skipped.add(id); // a second opinion left for later
                return true;
            }
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
            Saved last = saved.peek();
            String id = last.id();
            boolean removed = last.store().remove(id);
            saved.pop();
            if (removed && last.store() == opinions) {
                return Optional.of(id); // asked again: the plan still wants it
            }
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
        margins.clear();
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
        int reviews;
        try {
            reviews = openReviews().size();
        } catch (io.rubrique.data.LabelException e) {
            reviews = 0; // the Review queue reports the file's problems
        }
        return new Progress(saved.size(), left, queue.size(), labelled.size(), per.toMap(),
                openRechecks(labelled).size(), reviews);
    }

    /** The counts on the page, with the items left in the Recheck and Review queues. */
    public record Progress(int session, int leftInPool, int leftInBatch, int labelled, Map<String, Integer> perTopic,
            int recheckLeft, int reviewLeft) {
    }
}
