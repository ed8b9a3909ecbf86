package io.rubrique.active;

import io.rubrique.config.FeatureConfig;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.PerTopic;
import io.rubrique.data.Snippet;
import io.rubrique.data.TextKey;
import io.rubrique.data.TopicSet;
import io.rubrique.model.Tagging;
import io.rubrique.model.ScoringModel;
import io.rubrique.text.FeatureSpace;
import io.rubrique.text.SparseVector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What a strategy chooses from: the candidates (the pool minus items already labelled and minus duplicates
 * inside the pool, in pool order), the labelled items, the current model and its committee of fold models when
 * there are any, and, computed once on first use, the candidates' feature vectors (for diversity; a dictionary
 * fitted on labelled and pool texts, no labels involved) and the model's taggings. Not thread-safe: one selection
 * serves one ranking.
 */
public final class Selection {
    /** A topic with fewer labelled positives than this is "rare": the cold-start rules look for it. */
    public static final int MIN_POSITIVES = 3;
    /**
     * The features similarity is measured on: tf-idf word 1-2-grams through the French chain (character n-grams
     * would triple the cost on large pools and add little to telling near-duplicates apart).
     */
    static final FeatureConfig SIMILARITY_FEATURES = new FeatureConfig(null, null, null, 1, 2, 0, null, null, null,
            1.0, null, null, null);

    private final TopicSet topics;
    private final List<LabelledItem> labelled;
    private final List<Snippet> candidates;
    private final ScoringModel model;
    private final List<ScoringModel> committee;
    private final long seed;
    private final int skippedLabelled;
    private final int skippedDuplicates;
    private FeatureSpace space;
    private List<SparseVector> vectors;
    private List<Tagging> taggings;
    private List<List<Tagging>> committeeTaggings;

    private Selection(TopicSet topics, List<LabelledItem> labelled, List<Snippet> candidates, ScoringModel model,
            List<ScoringModel> committee, long seed, int skippedLabelled, int skippedDuplicates) {
        this.topics = topics;
        this.labelled = labelled;
        this.candidates = candidates;
        this.model = model;
        this.committee = committee;
        this.seed = seed;
        this.skippedLabelled = skippedLabelled;
        this.skippedDuplicates = skippedDuplicates;
    }

    /**
     * A selection over {@code pool}: items whose text (normalised) or id is already labelled are left out, and
     * of several pool items with the same normalised text only the first is kept.
     *
     * @param model     the current model, or null (cold start)
     * @param committee fold models of the same config (for disagreement), possibly empty
     */
    public static Selection of(TopicSet topics, List<LabelledItem> labelled, List<Snippet> pool, ScoringModel model,
            List<? extends ScoringModel> committee, long seed) {
        Set<String> known = new HashSet<>();
        Set<String> knownIds = new HashSet<>();
        for (LabelledItem l : labelled) {
            known.add(TextKey.of(l.text()));
            knownIds.add(l.id());
        }
        Set<String> seen = new HashSet<>();
        List<Snippet> kept = new ArrayList<>();
        int skippedLabelled = 0;
        int skippedDuplicates = 0;
        for (Snippet s : pool) {
            String key = TextKey.of(s.text());
            if (known.contains(key) || (s.id() != null && knownIds.contains(s.id()))) {
                skippedLabelled++;
            } else if (!seen.add(key)) {
                skippedDuplicates++;
            } else {
                kept.add(s);
            }
        }
        return new Selection(topics, List.copyOf(labelled), List.copyOf(kept), model, List.copyOf(committee), seed,
                skippedLabelled, skippedDuplicates);
    }

    public TopicSet topics() {
        return topics;
    }

    public List<LabelledItem> labelled() {
        return labelled;
    }

    public List<Snippet> candidates() {
        return candidates;
    }

    public int size() {
        return candidates.size();
    }

    public Optional<ScoringModel> model() {
        return Optional.ofNullable(model);
    }

    public List<ScoringModel> committee() {
        return committee;
    }

    public long seed() {
        return seed;
    }

    public int skippedLabelled() {
        return skippedLabelled;
    }

    public int skippedDuplicates() {
        return skippedDuplicates;
    }

    /** Labelled positives per topic. */
    public PerTopic<Integer> positives() {
        return PerTopic.of(topics, t -> (int) labelled.stream().filter(i -> i.has(t)).count());
    }

    /** Topics with fewer than {@link #MIN_POSITIVES} labelled positives, in declared order. */
    public List<String> rareTopics() {
        List<String> out = new ArrayList<>();
        positives().forEach((t, n) -> {
            if (n < MIN_POSITIVES) {
                out.add(t);
            }
        });
        return out;
    }

    /** No model, or too few labels for some topic: the first batches should explore. */
    public boolean coldStart() {
        return model == null || !rareTopics().isEmpty();
    }

    /** The dictionary the candidate vectors live in. */
    public FeatureSpace space() {
        if (space == null) {
            List<String[]> texts = new ArrayList<>();
            labelled.forEach(l -> texts.add(new String[] {l.title(), l.text()}));
            candidates.forEach(c -> texts.add(new String[] {c.title(), c.text()}));
            space = FeatureSpace.fitTexts(texts, SIMILARITY_FEATURES);
        }
        return space;
    }

    /** The L2-normalised feature vector of candidate {@code i}: cosine similarity is a dot product. */
    public SparseVector vector(int i) {
        if (vectors == null) {
            FeatureSpace s = space();
            SparseVector[] v = new SparseVector[candidates.size()];
            IntStream.range(0, v.length).parallel().forEach(k -> v[k] = s.vectorize(candidates.get(k).title(),
                    candidates.get(k).text()));
            vectors = List.of(v);
        }
        return vectors.get(i);
    }

    /** The model's tagging of candidate {@code i}; requires a model. */
    public Tagging tagging(int i) {
        Objects.requireNonNull(model, "no model");
        if (taggings == null) {
            taggings = tagAll(model);
        }
        return taggings.get(i);
    }

    /** Each committee member's tagging of candidate {@code i}. */
    public List<Tagging> committeeTaggings(int i) {
        if (committeeTaggings == null) {
            List<List<Tagging>> byModel = committee.stream().map(this::tagAll).toList();
            List<List<Tagging>> byItem = new ArrayList<>();
            for (int k = 0; k < candidates.size(); k++) {
                int kk = k;
                byItem.add(byModel.stream().map(l -> l.get(kk)).toList());
            }
            committeeTaggings = byItem;
        }
        return committeeTaggings.get(i);
    }

    private List<Tagging> tagAll(ScoringModel m) {
        Tagging[] t = new Tagging[candidates.size()];
        IntStream.range(0, t.length).parallel().forEach(k -> t[k] = m.tag(candidates.get(k).title(),
                candidates.get(k).text()));
        return List.of(t);
    }
}
