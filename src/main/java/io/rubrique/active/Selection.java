package io.rubrique.active;

import io.rubrique.config.EncoderConfig;
import io.rubrique.config.FeatureConfig;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.PerTopic;
import io.rubrique.data.Snippet;
import io.rubrique.data.TextKey;
import io.rubrique.data.TopicSet;
import io.rubrique.model.Tagging;
import io.rubrique.model.ScoringModel;
import io.rubrique.text.EncoderBlock;
import io.rubrique.text.FeatureSpace;
import io.rubrique.text.SparseVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What a strategy chooses from: the candidates (the pool minus items already labelled and minus duplicates
 * inside the pool, in pool order), the labelled items, the current model and its committee of fold models when
 * there are any, and, computed on first use, the candidates' feature vectors (for diversity; a dictionary
 * fitted on labelled and pool texts, no labels involved; or, when given an encoder, the candidates' sentence
 * embeddings centred on the mean of the labelled items and the dictionary's sample), the model's taggings and the
 * committee's. Not thread-safe: one selection serves one ranking.
 */
public final class Selection {
    /** A topic with fewer labelled positives than this is "rare": the cold-start rules look for it. */
    public static final int MIN_POSITIVES = 3;
    /**
     * The features similarity is measured on: tf-idf word 1-2-grams through the French chain (character n-grams
     * would triple the cost on large pools and add little to telling near-duplicates apart).
     */
    static final FeatureConfig SIMILARITY_FEATURES = FeatureConfig.builder().wordNgrams(1, 2)
            .charNgrams(0, 5).titleWeight(1.0).build();
    /** Candidates the similarity dictionary is fitted on, at most (with the labelled items). */
    static final int SPACE_SAMPLE = 1000;

    private final TopicSet topics;
    private final List<LabelledItem> labelled;
    private final List<Snippet> candidates;
    private final ScoringModel model;
    private final List<ScoringModel> committee;
    private final long seed;
    private final int skippedLabelled;
    private final int skippedDuplicates;
    private final EncoderBlock encoder;
    private FeatureSpace space;
    private SparseVector[] vectors;
    private SparseVector[] lexical;
    private double[] centre;
    private List<Tagging> taggings;
    private List<Tagging>[] committeeTags;

    private Selection(TopicSet topics, List<LabelledItem> labelled, List<Snippet> candidates, ScoringModel model,
            List<ScoringModel> committee, long seed, int skippedLabelled, int skippedDuplicates, EncoderBlock encoder) {
        this.encoder = encoder;
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
        return of(topics, labelled, pool, model, committee, seed, EncoderConfig.none());
    }

    /**
     * As {@link #of(TopicSet, List, List, ScoringModel, List, long)}, similarity measured with {@code similarity}'s
     * encoder when it is enabled (n-grams otherwise; seed words always match on n-grams).
     */
    public static Selection of(TopicSet topics, List<LabelledItem> labelled, List<Snippet> pool, ScoringModel model,
            List<? extends ScoringModel> committee, long seed, EncoderConfig similarity) {
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
                skippedLabelled, skippedDuplicates, similarity.enabled() ? EncoderBlock.of(similarity) : null);
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

    /**
     * The dictionary the candidate vectors live in: fitted on the labelled texts and on at most
     * {@link #SPACE_SAMPLE} candidates (all of them in a pool that small; otherwise a sample drawn with the
     * selection's seed), so that its cost does not grow with the pool. Terms outside it only drop out of the
     * similarity measure.
     */
    public FeatureSpace space() {
        if (space == null) {
            List<String[]> texts = new ArrayList<>();
            labelled.forEach(l -> texts.add(new String[] {l.title(), l.text()}));
            for (int i : spaceSample()) {
                texts.add(new String[] {candidates.get(i).title(), candidates.get(i).text()});
            }
            space = FeatureSpace.fitTexts(texts, SIMILARITY_FEATURES);
        }
        return space;
    }

    private int[] spaceSample() {
        int[] all = IntStream.range(0, candidates.size()).toArray();
        if (all.length <= SPACE_SAMPLE) {
            return all;
        }
        Random r = new Random(seed);
        for (int k = 0; k < SPACE_SAMPLE; k++) {
            int j = k + r.nextInt(all.length - k);
            int t = all[k];
            all[k] = all[j];
            all[j] = t;
        }
        int[] sample = Arrays.copyOf(all, SPACE_SAMPLE);
        Arrays.sort(sample);
        return sample;
    }

    /** How many dimensions {@link #vector} has: the dictionary's size, or the encoder's. */
    int dimension() {
        return encoder != null ? encoder.size() : space().size();
    }

    /**
     * The L2-normalised similarity vector of candidate {@code i} (n-grams, or the centred embedding): cosine
     * similarity is a dot product. Computed on first use, so a strategy that only diversifies its best few
     * candidates vectorizes only those.
     */
    public SparseVector vector(int i) {
        if (vectors == null || vectors[i] == null) {
            vectorize(new int[] {i});
        }
        return vectors[i];
    }

    /** The L2-normalised n-gram vector of candidate {@code i}, in {@link #space()} (seed words match on these). */
    SparseVector lexicalVector(int i) {
        if (encoder == null) {
            return vector(i);
        }
        if (lexical == null) {
            lexical = new SparseVector[candidates.size()];
        }
        if (lexical[i] == null) {
            lexical[i] = space().vectorize(candidates.get(i).title(), candidates.get(i).text());
        }
        return lexical[i];
    }

    /** Computes the vectors of these candidates (in parallel) ahead of a pass over them. */
    void vectorize(int[] indices) {
        if (vectors == null) {
            vectors = new SparseVector[candidates.size()];
        }
        SparseVector[] v = vectors;
        int[] missing = Arrays.stream(indices).filter(i -> v[i] == null).toArray();
        if (encoder != null) {
            List<SparseVector> embedded = embed(missing);
            double[] c = centre();
            for (int k = 0; k < missing.length; k++) {
                v[missing[k]] = centred(embedded.get(k), c);
            }
            return;
        }
        FeatureSpace sp = space();
        // each task writes its own slot; the stream's completion publishes them to this thread
        Arrays.stream(missing).parallel().forEach(k -> v[k] = sp.vectorize(candidates.get(k).title(),
                candidates.get(k).text()));
    }

    private List<SparseVector> embed(int[] indices) {
        List<String[]> texts = new ArrayList<>(indices.length);
        for (int i : indices) {
            texts.add(new String[] {candidates.get(i).title(), candidates.get(i).text()});
        }
        return texts.isEmpty() ? List.of() : encoder.vectorizeAll(texts);
    }

    /**
     * The mean embedding of the labelled items and the dictionary's candidate sample. Sentence embeddings of news
     * items all lie in a narrow cone (cosines of 0.7–0.9 between unrelated items), so similarity is measured after
     * subtracting this mean, which spreads cosines around 0 as the diversity rules expect.
     */
    private double[] centre() {
        if (centre == null) {
            List<String[]> texts = new ArrayList<>();
            labelled.forEach(l -> texts.add(new String[] {l.title(), l.text()}));
            for (int i : spaceSample()) {
                texts.add(new String[] {candidates.get(i).title(), candidates.get(i).text()});
            }
            double[] c = new double[encoder.size()];
            List<SparseVector> all = texts.isEmpty() ? List.of() : encoder.vectorizeAll(texts);
            for (SparseVector e : all) {
                for (int k = 0; k < e.nnz(); k++) {
                    c[e.indices()[k]] += e.values()[k] / all.size();
                }
            }
            centre = c;
        }
        return centre;
    }

    private static SparseVector centred(SparseVector e, double[] c) {
        double[] d = c.clone();
        for (int k = 0; k < d.length; k++) {
            d[k] = -d[k];
        }
        for (int k = 0; k < e.nnz(); k++) {
            d[e.indices()[k]] += e.values()[k];
        }
        double norm = 0;
        for (double x : d) {
            norm += x * x;
        }
        double s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        int[] idx = new int[d.length];
        for (int k = 0; k < d.length; k++) {
            idx[k] = k;
            d[k] *= s;
        }
        return new SparseVector(idx, d);
    }

    /** How many candidates have been vectorized so far (tests: the shortlist keeps this small). */
    int vectorized() {
        return vectors == null ? 0 : (int) Arrays.stream(vectors).filter(Objects::nonNull).count();
    }

    /** Computes every candidate's vector (a pass over the whole pool: farthest-first, seed words). */
    void vectorizeAll() {
        vectorize(IntStream.range(0, candidates.size()).toArray());
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
        if (committeeTags == null || committeeTags[i] == null) {
            tagByCommittee(new int[] {i});
        }
        return committeeTags[i];
    }

    /** Has the committee tag these candidates (in parallel) ahead of a pass over them. */
    void tagByCommittee(int[] indices) {
        if (committeeTags == null) {
            committeeTags = newTaggingLists(candidates.size());
        }
        List<Tagging>[] c = committeeTags;
        Arrays.stream(indices).filter(i -> c[i] == null).parallel().forEach(k -> c[k] = committee.stream()
                .map(m -> m.tag(candidates.get(k).title(), candidates.get(k).text())).toList());
    }

    @SuppressWarnings("unchecked")
    private static List<Tagging>[] newTaggingLists(int n) {
        return (List<Tagging>[]) new List<?>[n];
    }

    private List<Tagging> tagAll(ScoringModel m) {
        Tagging[] t = new Tagging[candidates.size()];
        IntStream.range(0, t.length).parallel().forEach(k -> t[k] = m.tag(candidates.get(k).title(),
                candidates.get(k).text()));
        return List.of(t);
    }
}
