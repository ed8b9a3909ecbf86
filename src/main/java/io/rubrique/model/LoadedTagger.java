package io.rubrique.model;

/**
 * The loaded form: the fitted model behind the public API, with the name and digest of its file. Its
 * {@link Manifest} (the record) is made on first use, from the model's own provenance.
 */
final class LoadedTagger implements TopicTagger {
    private final BinaryRelevanceModel model;
    private final String modelFile;
    private final String sha256;
    private volatile Manifest manifest;

    LoadedTagger(BinaryRelevanceModel model, String modelFile, String sha256) {
        this.model = model;
        this.modelFile = modelFile;
        this.sha256 = sha256;
    }

    @Override
    public Manifest manifest() {
        Manifest m = manifest;
        if (m == null) {
            m = Manifest.of(model, modelFile, sha256);
            manifest = m;
        }
        return m;
    }

    TrainedModel model() {
        return model;
    }

    @Override
    public Tagging tag(String title, String text) {
        return model.tag(title, text);
    }

    @Override
    public io.rubrique.data.TopicSet topics() {
        return model.topics();
    }

    @Override
    public io.rubrique.data.PerTopic<Double> thresholds() {
        return model.thresholds();
    }

    @Override
    public ModelInspection inspect(int top) {
        return model.inspect(top);
    }

    @Override
    public io.rubrique.data.PerTopic<Explanation> explain(String title, String text) {
        return model.explain(title, text);
    }
}
