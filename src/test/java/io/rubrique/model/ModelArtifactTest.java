package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.LabelSet;
import io.rubrique.data.LabelledItem;
import io.rubrique.data.PerTopic;
import io.rubrique.data.TopicSet;
import io.rubrique.util.Hashing;
import io.rubrique.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model on disk: versioned layout with an atomic pointer, round trip for every learner, a manifest written
 * from the model and checked against it, and refusal of tampered, hostile or oversized files.
 */
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
        config = CoreFixtures.fixed("smo", "");
        saved = shared.resolve("model");
        manifest = CoreFixtures.trainAndSave(config, data, 11, saved);
    }

    static Stream<String> learners() {
        return LearnerRegistry.standard().ids().stream();
    }

    /** A copy of the shared model's current version, as a standalone version directory a test may tamper with. */
    private Path copyOfVersion() throws IOException, ModelLoadException {
        Path from = ModelArtifact.resolve(saved);
        Path dir = tmp.resolve("copy");
        Files.createDirectories(dir);
        for (String f : List.of(ModelArtifact.MODEL_FILE, ModelArtifact.MANIFEST_FILE)) {
            Files.copy(from.resolve(f), dir.resolve(f));
        }
        return dir;
    }

    private static void editManifest(Path dir, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        Path file = dir.resolve(ModelArtifact.MANIFEST_FILE);
        ObjectNode m = (ObjectNode) Json.mapper().readTree(file.toFile());
        edit.accept(m);
        Files.writeString(file, Json.prettyMapper().writeValueAsString(m));
    }

    /** Replaces model.ser with {@code bytes} and makes the manifest's checksum match them. */
    /**
     * With {@code -Drubrique.hostile.out=DIR} (src/bench/chaos/hostile_models.sh), keeps a copy of a hostile model
     * directory there so the CLI's refusal can be timed in a fresh JVM with a small heap.
     */
    private static void keepForBench(Path dir, String name) throws IOException {
        String out = System.getProperty("rubrique.hostile.out");
        if (out == null || out.isBlank()) {
            return;
        }
        Path target = Path.of(out).resolve(name);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void plantBytes(Path dir, byte[] bytes) throws IOException {
        Path file = dir.resolve(ModelArtifact.MODEL_FILE);
        Files.write(file, bytes);
        String sha = Hashing.sha256(file);
        editManifest(dir, m -> m.put("model_sha256", sha));
    }

    private static void plant(Path dir, Object payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(payload);
        }
        plantBytes(dir, bytes.toByteArray());
    }

    private static ModelLoadException refused(Path dir) {
        return assertThrows(ModelLoadException.class, () -> TopicTagger.load(dir));
    }

    @ParameterizedTest
    @MethodSource("learners")
    void everyLearnerSavesLoadsThroughItsAllowListAndScoresTheSame(String type) throws Exception {
        ExperimentConfig c = CoreFixtures.fixed(type, "logistic".equals(type) ? "\"max_features\": 300" : "");
        TrainedModel model = CoreFixtures.train(c, data, 5);
        Path dir = tmp.resolve(type);
        ModelArtifact.save(dir, model);
        TopicTagger loaded = TopicTagger.load(dir);
        assertEquals(type, loaded.manifest().config().learner().type());
        for (LabelledItem it : data.items()) {
            assertEquals(model.tag(it.title(), it.text()), loaded.tag(it.title(), it.text()), it.id());
        }
        assertSameTreeAsTheRecord(model);
        assertSameTreeAsTheRecord(((LoadedTagger) loaded).model());
        assertEquals(ModelArtifact.readManifest(dir), loaded.manifest(), "the lazily made manifest is the file's");
    }

    /**
     * A load checks the manifest against a tree made from the provenance JSON plus four fields, without the
     * record; that tree must be the one the mapper writes for {@code Manifest.of}, field for field both ways, or
     * a new manifest field would be refused (or, worse, never checked).
     */
    private static void assertSameTreeAsTheRecord(TrainedModel model) throws Exception {
        String sha = "ab".repeat(32);
        JsonNode record = Json.mapper().valueToTree(Manifest.of(model, ModelArtifact.MODEL_FILE, sha));
        JsonNode built = ManifestDiff.manifestTree((BinaryRelevanceModel) model, ModelArtifact.MODEL_FILE, sha);
        assertEquals(java.util.Optional.empty(), ManifestDiff.firstDifference("", record, built));
        assertEquals(java.util.Optional.empty(), ManifestDiff.firstDifference("", built, record));
        List<String> names = new java.util.ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("format_version", "name", "topics", "thresholds", "config", "data", "unlabelled",
                "seed", "training", "versions", "code_revision", "created_at", "model_file", "model_sha256"), names,
                "a field added to Manifest must be added to ManifestDiff.manifestTree too");
    }

    @Test
    void theCheckedTreeIsTheRecordsTreeForAModelWithUnlabelledItemsAndPriors() throws Exception {
        ExperimentConfig c = ExperimentConfig.parse("{\"features\": {\"char_ngram_min\": 0}, \"learner\": "
                + "{\"type\": \"liblinear\"}, \"thresholds\": {\"inner_folds\": 3}, \"prior\": {\"weight\": 0.5}, "
                + "\"unlabelled\": {\"method\": \"self-training\", \"per_topic\": 5}}", "test");
        List<io.rubrique.data.Snippet> unlabelled = data.items().stream().limit(20)
                .map(i -> new io.rubrique.data.Snippet("u-" + i.id(), i.title(), i.text())).toList();
        TrainingSet set = TrainingSet.of(data.topics(), data.items()).withUnlabelled(unlabelled,
                new ModelProvenance.UnlabelledProvenance("inbox.jsonl", unlabelled.size(), "cd".repeat(32),
                        "self-training"));
        TrainedModel model = new BinaryRelevanceTrainer(c).train(set, 3);
        assertSameTreeAsTheRecord(model);
        Path dir = tmp.resolve("with-unlabelled");
        ModelArtifact.save(dir, model);
        TopicTagger loaded = TopicTagger.load(dir);
        assertSameTreeAsTheRecord(((LoadedTagger) loaded).model());
        assertEquals("inbox.jsonl", loaded.manifest().unlabelled().path());
        assertEquals(model.provenance(), ((LoadedTagger) loaded).model().provenance());
    }

    @Test
    void aLoadedTaggerTakesANullTitleButNotANullText() throws Exception {
        TopicTagger tagger = TopicTagger.load(saved);
        assertEquals(tagger.tag("", "La cybersécurité"), tagger.tag(null, "La cybersécurité"));
        assertThrows(IllegalArgumentException.class, () -> tagger.tag("titre", null));
        List<Tagging> all = tagger.tagAll(data.items().stream().map(LabelledItem::snippet).toList());
        assertEquals(data.items().size(), all.size());
        assertEquals(tagger.tag(data.items().get(5).title(), data.items().get(5).text()), all.get(5));
        assertEquals(data.topics(), tagger.topics());
    }

    @Test
    void theManifestIsWrittenFromTheModelsOwnProvenance() throws Exception {
        Path version = ModelArtifact.resolve(saved);
        JsonNode m = Json.mapper().readTree(version.resolve(ModelArtifact.MANIFEST_FILE).toFile());
        assertEquals(Manifest.FORMAT_VERSION, m.get("format_version").asInt());
        assertEquals(data.topics().ids().get(0), m.get("topics").get("topics").get(0).get("id").asText());
        List<String> keys = new java.util.ArrayList<>();
        m.get("thresholds").fieldNames().forEachRemaining(keys::add);
        assertEquals(data.topics().ids(), keys, "thresholds keep the declared topic order");
        assertEquals(config, Json.mapper().treeToValue(m.get("config"), ExperimentConfig.class));
        assertEquals(data.sha256(), m.get("data").get("sha256").asText());
        assertEquals(io.rubrique.data.SeedLabels.SNIPPETS.toString(), m.get("data").get("path").asText(), "relative, not absolute");
        assertEquals(data.items().size(), m.get("data").get("items").asInt());
        assertEquals(11, m.get("seed").asLong());
        assertTrue(m.get("versions").get("weka").asText().startsWith("3.8"), m.get("versions").toString());
        assertTrue(m.get("training").get("features").asInt() > 1000);
        Instant created = Instant.parse(m.get("created_at").asText());
        assertTrue(created.isAfter(Instant.now().minusSeconds(3600)), created.toString());
        assertEquals(Hashing.sha256(version.resolve(ModelArtifact.MODEL_FILE)), m.get("model_sha256").asText());
        assertEquals(manifest, ModelArtifact.readManifest(saved));
        assertEquals(manifest, TopicTagger.load(saved).manifest());
    }

    @Test
    void eachSaveIsANewVersionAndThePointerSwitchesOnlyAfterItIsComplete() throws Exception {
        Path dir = tmp.resolve("versions-test");
        TrainedModel a = CoreFixtures.train(config, data, 1);
        TrainedModel b = CoreFixtures.train(config, data, 2);
        ModelArtifact.Saved first = ModelArtifact.save(dir, a);
        ModelArtifact.Saved second = ModelArtifact.save(dir, b);
        assertNotEquals(first.versionDir(), second.versionDir());
        assertTrue(Files.isDirectory(first.versionDir()), "the previous version is kept");
        assertEquals("versions/" + second.versionDir().getFileName(),
                Files.readString(dir.resolve(ModelArtifact.POINTER)).strip());
        assertEquals(second.manifest(), TopicTagger.load(dir).manifest());
        assertEquals(first.manifest(), TopicTagger.load(first.versionDir()).manifest(), "a version loads alone");
    }

    @Test
    void oldVersionsArePrunedButTheCurrentOneStays() throws Exception {
        Path dir = tmp.resolve("prune");
        TrainedModel a = CoreFixtures.train(CoreFixtures.fixed("liblinear", "\"max_features\": 200"), data, 1);
        for (int i = 0; i < ModelArtifact.KEEP_VERSIONS + 3; i++) {
            // distinct names: a version is named by time and digest, and identical models share one
            Path v = ModelArtifact.save(dir, a).versionDir();
            Files.move(v, v.resolveSibling(String.format("v%04d-20000101T00000%dZ-old%d", i + 1, i, i)));
        }
        ModelArtifact.Saved last = ModelArtifact.save(dir, a);
        try (Stream<Path> s = Files.list(dir.resolve(ModelArtifact.VERSIONS))) {
            assertEquals(ModelArtifact.KEEP_VERSIONS + 1, s.count());
        }
        assertTrue(Files.isDirectory(last.versionDir()));
    }

    @Test
    void aMissingOrBrokenPointerRecoversTheNewestCompleteVersion() throws Exception {
        Path dir = tmp.resolve("recover");
        ModelArtifact.save(dir, CoreFixtures.train(config, data, 1));
        ModelArtifact.Saved newest = ModelArtifact.save(dir, CoreFixtures.train(config, data, 2));
        Files.delete(dir.resolve(ModelArtifact.POINTER));
        assertEquals(newest.manifest().modelSha256(), TopicTagger.load(dir).manifest().modelSha256());
        Files.writeString(dir.resolve(ModelArtifact.POINTER), "versions/v9999-20991231T000000Z-gone\n");
        assertEquals(newest.manifest().modelSha256(), TopicTagger.load(dir).manifest().modelSha256());
    }

    @Test
    void staleTemporariesOfKilledWritersAreCleanedAndLiveOnesKept() throws Exception {
        Path dir = tmp.resolve("stale");
        ModelArtifact.save(dir, CoreFixtures.train(config, data, 1));
        Path versions = dir.resolve(ModelArtifact.VERSIONS);
        Path dead = Files.createDirectory(versions.resolve(".version.tmp-" + deadPid() + "-abc"));
        Files.writeString(dead.resolve(ModelArtifact.MODEL_FILE), "half");
        Path live = Files.createDirectory(versions.resolve(".version.tmp-" + ProcessHandle.current().pid()
                + "-def"));
        ModelArtifact.save(dir, CoreFixtures.train(config, data, 2));
        assertFalse(Files.exists(dead), "a dead writer's temporary is removed");
        assertTrue(Files.exists(live), "a live writer's temporary is never touched");
    }

    /** A process id no process has. */
    static long deadPid() {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        return pid;
    }

    @Test
    void aChangedByteIsAChecksumMismatch() throws Exception {
        Path dir = copyOfVersion();
        Path file = dir.resolve(ModelArtifact.MODEL_FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        ModelLoadException e = refused(dir);
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertFalse(e.getMessage().contains(tmp.toString()), "no absolute path: " + e.getMessage());
    }

    @Test
    void anUpperCaseChecksumIsTheSameChecksum() throws Exception {
        Path dir = copyOfVersion();
        editManifest(dir, m -> m.put("model_sha256", m.get("model_sha256").asText().toUpperCase(Locale.ROOT)));
        assertEquals(manifest.modelSha256(), TopicTagger.load(dir).manifest().modelSha256());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.9", "2.0", "3", "\"2\""})
    void anyOtherFormatVersionIsRefusedWithHowToRetrain(String version) throws Exception {
        Path dir = copyOfVersion();
        editManifest(dir, m -> {
            try {
                m.set("format_version", Json.mapper().readTree(version));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ModelLoadException e = refused(dir);
        assertTrue(e.getMessage().contains("format version"), e.getMessage());
        assertTrue(e.getMessage().contains("rubrique train"), e.getMessage());
    }

    @Test
    void aFormatOneModelOfTheOldLayoutIsRefusedWithHowToRetrain() throws Exception {
        Path dir = copyOfVersion();
        editManifest(dir, m -> m.put("format_version", 1));
        ModelLoadException e = refused(dir);
        assertTrue(e.getMessage().contains("format version 1 is not supported"), e.getMessage());
    }

    @Test
    void editedThresholdsAreRefusedNotReported() throws Exception {
        Path dir = copyOfVersion();
        editManifest(dir, m -> ((ObjectNode) m.get("thresholds")).put("security", 0.01));
        ModelLoadException e = refused(dir);
        assertTrue(e.getMessage().contains("disagrees with the model"), e.getMessage());
        assertTrue(e.getMessage().contains("thresholds.security"), e.getMessage());
    }

    @Test
    void editedTopicsOrConfigAreRefused() throws Exception {
        Path dir = copyOfVersion();
        editManifest(dir, m -> ((ObjectNode) m.get("config").get("features")).put("title_weight", 9.0));
        assertTrue(refused(dir).getMessage().contains("config.features.title_weight"));
        Path dir2 = tmp.resolve("copy2");
        Files.createDirectories(dir2);
        Files.copy(dir.resolve(ModelArtifact.MODEL_FILE), dir2.resolve(ModelArtifact.MODEL_FILE));
        Files.copy(ModelArtifact.resolve(saved).resolve(ModelArtifact.MANIFEST_FILE),
                dir2.resolve(ModelArtifact.MANIFEST_FILE));
        editManifest(dir2, m -> ((ObjectNode) m.get("topics").get("topics").get(1)).put("id", "sport"));
        assertTrue(refused(dir2).getMessage().contains("topics"));
    }

    @Test
    void aModelFileThatIsALinkIsRefusedWithoutDisclosingItsTarget() throws Exception {
        Path dir = copyOfVersion();
        Path secret = tmp.resolve("secret.txt");
        Files.writeString(secret, "not yours");
        Files.delete(dir.resolve(ModelArtifact.MODEL_FILE));
        Files.createSymbolicLink(dir.resolve(ModelArtifact.MODEL_FILE), secret);
        ModelLoadException e = refused(dir);
        assertTrue(e.getMessage().contains("link"), e.getMessage());
        assertFalse(e.getMessage().contains(Hashing.sha256(secret)), "the target's digest leaked: " + e.getMessage());
        assertFalse(e.getMessage().contains(secret.toString()), e.getMessage());
    }

    @Test
    void aVersionDirectoryThatIsALinkToAModelElsewhereIsRefused() throws Exception {
        Path elsewhere = copyOfVersion();
        Path dir = tmp.resolve("linked");
        Path versions = Files.createDirectories(dir.resolve(ModelArtifact.VERSIONS));
        Files.createSymbolicLink(versions.resolve("v0001-linked"), elsewhere.toAbsolutePath());
        ModelLoadException unpointed = refused(dir);
        assertTrue(unpointed.getMessage().contains("is a link (links are refused"), unpointed.getMessage());
        assertThrows(ModelLoadException.class, () -> ModelArtifact.resolve(dir));
        Files.writeString(dir.resolve(ModelArtifact.POINTER), ModelArtifact.VERSIONS + "/v0001-linked\n");
        ModelLoadException pointed = refused(dir);
        assertTrue(pointed.getMessage().contains("is a link (links are refused"), pointed.getMessage());
        assertThrows(ModelLoadException.class, () -> ModelArtifact.readManifest(dir));
        assertFalse(pointed.getMessage().contains(elsewhere.toString()), "the target leaked: " + pointed.getMessage());
    }

    @Test
    void aDirectoryWithoutModelSaysHowToTrainOne() {
        ModelLoadException e = refused(tmp.resolve("none"));
        assertTrue(e.getMessage().contains("not a model directory"), e.getMessage());
        assertTrue(e.getMessage().contains("rubrique train"), e.getMessage());
    }

    @Test
    void aClassOutsideTheAllowListIsRefusedAndAHostileReadObjectNeverRuns() throws Exception {
        Path dir = copyOfVersion();
        plant(dir, new HashSet<>(Set.of("x")));
        assertTrue(refused(dir).getMessage().contains("allow-list"));
        Gadget.RAN.set(false);
        plant(dir, new Gadget());
        assertTrue(refused(dir).getMessage().contains("io.rubrique.model.ModelArtifactTest$Gadget"));
        Map<String, Object> wrapper = new HashMap<>();
        wrapper.put("model", new Gadget());
        plant(dir, wrapper);
        refused(dir);
        assertFalse(Gadget.RAN.get(), "the gadget's readObject ran");
    }

    @Test
    void nestedMapsThatWouldHashForeverAreRefusedByTheDepthBound() throws Exception {
        Path dir = copyOfVersion();
        plantBytes(dir, HostileModelFiles.hashBomb());
        keepForBench(dir, "nested-maps");
        // A hang guard, not a speed check: without the depth bound this load never ends. The time and memory
        // of the refusal are measured from the CLI by src/bench/chaos/hostile_models.sh.
        ModelLoadException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> refused(dir));
        assertTrue(e.getMessage().contains("depth"), e.getMessage());
    }

    @Test
    void aTinyFileClaimingAHugeArrayIsRefusedBeforeAllocating() throws Exception {
        Path dir = copyOfVersion();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new long[1]);
        }
        byte[] b = bytes.toByteArray();
        // the array's length is the int before its single 8-byte element, at the end of the stream
        ByteBuffer.wrap(b).putInt(b.length - 12, 200_000_000);
        plantBytes(dir, b);
        keepForBench(dir, "huge-array");
        assertTrue(b.length < 100, b.length + " bytes");
        ModelLoadException e = refused(dir);
        assertTrue(e.getMessage().contains("array length 200000000"), e.getMessage());
    }

    @Test
    void anAllowedObjectThatIsNotAModelIsRefused() throws Exception {
        Path dir = copyOfVersion();
        plant(dir, "just a string");
        assertTrue(refused(dir).getMessage().contains("not a model"));
    }

    @Test
    void aSaveThatWouldNotLoadBackIsRefusedAndTheCurrentModelStays() throws Exception {
        Path dir = tmp.resolve("refuse");
        ModelArtifact.Saved before = ModelArtifact.save(dir, CoreFixtures.train(config, data, 1));
        // An RBF-kernel SMO is scored by Weka and its kernel class is not on the allow-list.
        ExperimentConfig rbf = ExperimentConfig.parse("{\"features\": {\"max_features\": 300}, \"learner\": {\"type\":"
                + " \"smo\", \"options\": \"-K weka.classifiers.functions.supportVector.RBFKernel\"}, "
                + "\"thresholds\": {\"strategy\": \"fixed\"}, \"calibration\": {\"method\": \"none\"}}", "test");
        TrainedModel unloadable = CoreFixtures.train(rbf, data, 1);
        IOException e = assertThrows(IOException.class, () -> ModelArtifact.save(dir, unloadable));
        assertTrue(e.getMessage().contains("does not load back"), e.getMessage());
        assertTrue(e.getMessage().contains("RBFKernel"), e.getMessage());
        assertEquals(before.manifest(), TopicTagger.load(dir).manifest());
        try (Stream<Path> s = Files.list(dir.resolve(ModelArtifact.VERSIONS))) {
            assertEquals(1, s.count(), "no version or temporary left by the refused save");
        }
    }

    @Test
    void aFailedSaveLeavesThePreviousModelUntouched() throws Exception {
        Path dir = tmp.resolve("failed");
        ModelArtifact.Saved before = ModelArtifact.save(dir, CoreFixtures.train(config, data, 1));
        byte[] pointer = Files.readAllBytes(dir.resolve(ModelArtifact.POINTER));
        assertThrows(NotSerializableException.class, () -> ModelArtifact.save(dir, new HalfSerializable()));
        assertArrayEquals(pointer, Files.readAllBytes(dir.resolve(ModelArtifact.POINTER)));
        try (Stream<Path> s = Files.list(dir.resolve(ModelArtifact.VERSIONS))) {
            assertEquals(List.of(before.versionDir().getFileName()), s.map(Path::getFileName).toList());
        }
        assertEquals(before.manifest(), TopicTagger.load(dir).manifest());
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

    /** A model whose serialization fails midway. */
    static final class HalfSerializable implements TrainedModel, Serializable {
        private static final long serialVersionUID = 1L;
        private final double[] payload = new double[1000];
        private final Object unserializable = new Object();

        @Override
        public TopicSet topics() {
            return TopicSet.defaults();
        }

        @Override
        public PerTopic<Double> thresholds() {
            return PerTopic.of(topics(), t -> 0.5);
        }

        @Override
        public Tagging tag(String title, String text) {
            return new Tagging(List.of(), thresholds());
        }

        @Override
        public ModelProvenance provenance() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<String> vocabulary() {
            return Set.of();
        }
    }
}
