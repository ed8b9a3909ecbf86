package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.Topic;
import io.rubrique.util.Hashing;
import io.rubrique.util.Json;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A model on disk: round trip for every learner, manifest contents, and refusal of tampered or hostile files. */
class ModelArtifactTest {
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private static LabelSet data;
    private static ExperimentConfig config;
    private static Path saved;
    private static Manifest manifest;

    @BeforeAll
    static void trainOneModel() throws IOException {
        data = CoreFixtures.labels();
        config = CoreFixtures.fixed("liblinear", "");
        saved = shared.resolve("model");
        manifest = CoreFixtures.trainAndSave(config, data, 11, saved);
    }

    /** A copy of the shared model directory that a test may tamper with. */
    private Path copyOfModel() throws IOException {
        Path dir = tmp.resolve("copy");
        Files.createDirectories(dir);
        for (String f : List.of(ModelArtifact.MODEL_FILE, ModelArtifact.MANIFEST_FILE)) {
            Files.copy(saved.resolve(f), dir.resolve(f));
        }
        return dir;
    }

    private static void editManifest(Path dir, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        Path file = dir.resolve(ModelArtifact.MANIFEST_FILE);
        ObjectNode m = (ObjectNode) Json.mapper().readTree(file.toFile());
        edit.accept(m);
        Files.writeString(file, Json.prettyMapper().writeValueAsString(m));
    }

    /** Replaces model.ser with {@code payload} serialized, and makes the manifest's checksum match it. */
    private static void plant(Path dir, Object payload) throws IOException {
        Path file = dir.resolve(ModelArtifact.MODEL_FILE);
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
            out.writeObject(payload);
        }
        String sha = Hashing.sha256(file);
        editManifest(dir, m -> m.put("model_sha256", sha));
    }

    private static Map<Path, byte[]> snapshot(Path dir) throws IOException {
        Map<Path, byte[]> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p), Files.readAllBytes(p));
            }
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"liblinear", "naive-bayes-multinomial", "smo", "logistic"})
    void everyLearnerSavesLoadsThroughTheAllowListAndScoresTheSame(String type) throws Exception {
        ExperimentConfig c = CoreFixtures.fixed(type, "logistic".equals(type) ? "\"max_features\": 300" : "");
        TrainedModel model = new BinaryRelevanceTrainer(c).train(data.items(), 5);
        Path dir = tmp.resolve(type);
        ModelArtifact.save(dir, model, ModelProvenance.draft(model, c, data, 5));
        TopicTagger loaded = TopicTagger.load(dir);
        assertEquals(type, loaded.manifest().config().learner().type());
        for (LabelledItem it : data.items()) {
            double[] expected = model.scores(it.title(), it.text());
            Map<Topic, Double> got = loaded.tag(it.title(), it.text()).scores();
            assertArrayEquals(expected, Topic.all().stream().mapToDouble(got::get).toArray(), it.id());
        }
    }

    @Test
    void aLoadedTaggerTakesANullTitleButNotANullText() throws Exception {
        TopicTagger tagger = TopicTagger.load(saved);
        assertEquals(tagger.tag("", "La cybersécurité"), tagger.tag(null, "La cybersécurité"));
        assertThrows(IllegalArgumentException.class, () -> tagger.tag("titre", null));
        List<Tagging> all = tagger.tagAll(data.items().stream().map(LabelledItem::snippet).toList());
        assertEquals(49, all.size());
        assertEquals(tagger.tag(data.items().get(5).title(), data.items().get(5).text()), all.get(5));
    }

    @Test
    void theManifestRecordsHowTheModelWasMade() throws Exception {
        JsonNode m = Json.mapper().readTree(saved.resolve(ModelArtifact.MANIFEST_FILE).toFile());
        assertEquals(Manifest.FORMAT_VERSION, m.get("format_version").asInt());
        assertEquals(List.of("digital", "security", "party-congress", "bilateral-relations"),
                Json.mapper().convertValue(m.get("topics"), List.class));
        for (Topic t : Topic.all()) {
            assertEquals(0.5, m.get("thresholds").get(t.id()).asDouble(), t.id());
        }
        assertEquals(config, Json.mapper().treeToValue(m.get("config"), ExperimentConfig.class));
        assertEquals(Hashing.sha256(CoreFixtures.LABELS), m.get("data").get("sha256").asText());
        assertEquals(49, m.get("data").get("items").asInt());
        assertEquals(11, m.get("seed").asLong());
        assertTrue(m.get("versions").get("weka").asText().startsWith("3.8"), m.get("versions").toString());
        assertTrue(m.get("versions").get("lucene").asText().startsWith("9."), m.get("versions").toString());
        Instant created = Instant.parse(m.get("created_at").asText());
        assertTrue(created.isAfter(Instant.now().minusSeconds(3600)), created.toString());
        assertEquals(ModelArtifact.MODEL_FILE, m.get("model_file").asText());
        assertEquals(Hashing.sha256(saved.resolve(ModelArtifact.MODEL_FILE)), m.get("model_sha256").asText());
        assertEquals(manifest, ModelArtifact.readManifest(saved));
    }

    @Test
    void aChangedByteIsAChecksumMismatch() throws IOException {
        Path dir = copyOfModel();
        Path file = dir.resolve(ModelArtifact.MODEL_FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        byte[] manifestBefore = Files.readAllBytes(dir.resolve(ModelArtifact.MANIFEST_FILE));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> TopicTagger.load(dir));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertArrayEquals(manifestBefore, Files.readAllBytes(dir.resolve(ModelArtifact.MANIFEST_FILE)));
    }

    @Test
    void anotherFormatVersionIsRefused() throws IOException {
        Path dir = copyOfModel();
        editManifest(dir, m -> m.put("format_version", Manifest.FORMAT_VERSION + 1));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> TopicTagger.load(dir));
        assertTrue(e.getMessage().contains("format version " + (Manifest.FORMAT_VERSION + 1)), e.getMessage());
        assertTrue(e.getMessage().contains("retrain"), e.getMessage());
    }

    @Test
    void unknownTopicsAreRefused() throws IOException {
        Path dir = copyOfModel();
        editManifest(dir, m -> m.set("topics", Json.mapper().valueToTree(
                List.of("digital", "security", "party-congress", "sport"))));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> TopicTagger.load(dir));
        assertTrue(e.getMessage().contains("topics [digital, security, party-congress, sport] differ"),
                e.getMessage());
    }

    @Test
    void aDirectoryWithoutManifestIsNotAModel() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> TopicTagger.load(tmp.resolve("none")));
        assertTrue(e.getMessage().contains("not a model directory"), e.getMessage());
    }

    @Test
    void aClassOutsideTheAllowListIsRefused() throws IOException {
        Path dir = copyOfModel();
        plant(dir, new HashSet<>(Set.of("x")));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> TopicTagger.load(dir));
        assertTrue(e.getMessage().contains("allow-list"), e.getMessage());
    }

    @Test
    void aHostileReadObjectNeverRuns() throws IOException {
        Gadget.RAN.set(false);
        Path dir = copyOfModel();
        plant(dir, new Gadget());
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> TopicTagger.load(dir));
        assertTrue(e.getMessage().contains("allow-list"), e.getMessage());
        assertFalse(Gadget.RAN.get(), "the gadget's readObject ran");

        Map<String, Object> wrapper = new HashMap<>();
        wrapper.put("model", new Gadget());
        plant(dir, wrapper);
        e = assertThrows(ModelLoadException.class, () -> TopicTagger.load(dir));
        assertTrue(e.getMessage().contains("allow-list"), e.getMessage());
        assertFalse(Gadget.RAN.get(), "the gadget's readObject ran inside an allowed map");
    }

    @Test
    void anAllowedObjectThatIsNotAModelIsRefused() throws IOException {
        Path dir = copyOfModel();
        plant(dir, "just a string");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> TopicTagger.load(dir));
        assertTrue(e.getMessage().contains("not a model"), e.getMessage());
    }

    @Test
    void aFailedSaveLeavesThePreviousModelUntouched() throws Exception {
        Path parent = tmp.resolve("models");
        Path dir = parent.resolve("m");
        Files.createDirectories(parent);
        for (String f : List.of(ModelArtifact.MODEL_FILE, ModelArtifact.MANIFEST_FILE)) {
            Files.createDirectories(dir);
            Files.copy(saved.resolve(f), dir.resolve(f));
        }
        Map<Path, byte[]> before = snapshot(dir);
        assertThrows(NotSerializableException.class, () -> ModelArtifact.save(dir, new HalfSerializable(), manifest));
        Map<Path, byte[]> after = snapshot(dir);
        assertEquals(before.keySet(), after.keySet());
        for (Path p : before.keySet()) {
            assertArrayEquals(before.get(p), after.get(p), p.toString());
        }
        try (Stream<Path> left = Files.list(parent)) {
            assertEquals(List.of(dir), left.toList(), "temporary directories left behind");
        }
        assertEquals(manifest.modelSha256(), TopicTagger.load(dir).manifest().modelSha256());
    }

    @Test
    void savingOverAModelReplacesIt() throws Exception {
        Path dir = copyOfModel();
        TrainedModel other = new BinaryRelevanceTrainer(config).train(data.items().subList(0, 30), 11);
        Manifest written = ModelArtifact.save(dir, other, ModelProvenance.draft(other, config, data, 11));
        assertEquals(written, TopicTagger.load(dir).manifest());
        assertEquals(Hashing.sha256(dir.resolve(ModelArtifact.MODEL_FILE)), written.modelSha256());
        try (Stream<Path> left = Files.list(dir.getParent())) {
            assertEquals(List.of(dir), left.toList());
        }
    }

    /** Serializable, with a readObject that would show it ran. */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean RAN = new AtomicBoolean();

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            RAN.set(true);
            in.defaultReadObject();
        }
    }

    /** A model whose serialization fails midway: {@code payload} is written, then {@code unserializable} fails. */
    static final class HalfSerializable implements TrainedModel, Serializable {
        private static final long serialVersionUID = 1L;
        private final double[] payload = new double[1000];
        private final Object unserializable = new Object();

        @Override
        public double[] scores(String title, String text) {
            return new double[4];
        }

        @Override
        public Map<Topic, Double> thresholds() {
            return Map.of();
        }

        @Override
        public Tagging tag(String title, String text) {
            return new Tagging(Set.of(), Map.of());
        }

        @Override
        public Set<String> vocabulary() {
            return Set.of();
        }
    }
}
