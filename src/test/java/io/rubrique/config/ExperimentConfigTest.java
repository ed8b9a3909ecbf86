package io.rubrique.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading experiment configs: defaults, and errors that name the file, the field, the line. */
class ExperimentConfigTest {
    @TempDir
    Path tmp;

    private static String error(String json) {
        return assertThrows(ConfigException.class, () -> ExperimentConfig.parse(json, "exp.json")).getMessage();
    }

    @Test
    void missingSectionsAndFieldsTakeTheDefaults() {
        ExperimentConfig c = ExperimentConfig.parse("{\"name\": \"tiny\", \"features\": {\"min_df\": 2}}", "test");
        assertEquals("tiny", c.name());
        assertEquals("", c.description());
        assertEquals(2, c.features().minDf());
        assertEquals("tf-idf", c.features().weighting());
        assertEquals("light", c.features().stemming());
        assertEquals(3, c.features().charNgramMin());
        assertEquals(5, c.features().charNgramMax());
        assertEquals(2.0, c.features().titleWeight());
        assertEquals(LearnerConfig.defaults(), c.learner());
        assertEquals("liblinear", c.learner().type());
        assertEquals("weights", c.learner().balance());
        assertEquals(ThresholdConfig.defaults(), c.thresholds());
        assertEquals("inner-cv", c.thresholds().strategy());
        assertEquals(EvaluationConfig.defaults(), c.evaluation());
        assertEquals(10, c.evaluation().folds());
        assertEquals(5, c.evaluation().repeats());
        assertEquals(42L, c.evaluation().seed());
        assertEquals(ExperimentConfig.defaults(), ExperimentConfig.parse("{}", "test"));
    }

    @Test
    void theConfigSurvivesItsOwnJson() {
        ExperimentConfig c = ExperimentConfig.parse("{\"name\": \"x\", \"learner\": {\"type\": \"smo\"}}", "test");
        assertEquals(c, ExperimentConfig.parse(c.toJson(), "again"));
        assertTrue(c.toJson().contains("\"char_ngram_min\""), c.toJson());
    }

    @Test
    void anUnknownFieldIsNamedWithItsPath() {
        String m = error("{\"features\": {\"char_ngram_mn\": 2}}");
        assertTrue(m.startsWith("exp.json: features.char_ngram_mn: unknown field"), m);
        assertTrue(error("{\"lerner\": {}}").startsWith("exp.json: lerner: unknown field"));
    }

    @Test
    void everyBadValueIsNamed() {
        String m = error("""
                {"features": {"weighting": "foo", "min_df": 0, "char_ngram_min": 4, "char_ngram_max": 3},
                 "learner": {"balance": "rf"},
                 "thresholds": {"min": 0.8, "max": 0.2},
                 "evaluation": {"folds": 1}}""");
        for (String field : List.of("features.weighting: 'foo'", "features.min_df", "features.char_ngram_max",
                "learner.balance: 'rf'", "thresholds.min/max", "evaluation.folds")) {
            assertTrue(m.contains(field), field + " not in: " + m);
        }
        assertTrue(m.startsWith("exp.json: "), m);
    }

    @Test
    void moreBadValuesAreNamed() {
        assertTrue(error("{\"name\": \"a b/c\"}").contains("name: 'a b/c'"));
        assertTrue(error("{\"features\": {\"word_ngram_min\": 0, \"char_ngram_min\": 0}}").contains("both disabled"));
        assertTrue(error("{\"features\": {\"stemming\": \"porter\"}}").contains("features.stemming"));
        assertTrue(error("{\"features\": {\"char_weight\": 0}}").contains("features.char_weight"));
        assertTrue(error("{\"features\": {\"max_features\": -1}}").contains("features.max_features"));
        assertTrue(error("{\"learner\": {\"balance\": \"smote\"}}").contains("learner.balance"));
        assertTrue(error("{\"thresholds\": {\"strategy\": \"oracle\"}}").contains("thresholds.strategy"));
        assertTrue(error("{\"thresholds\": {\"inner_folds\": 1}}").contains("thresholds.inner_folds"));
        assertTrue(error("{\"thresholds\": {\"fixed\": 1.0}}").contains("thresholds.fixed"));
        assertTrue(error("{\"evaluation\": {\"repeats\": 0}}").contains("evaluation.repeats"));
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() {
        String m = error("{\"features\": {\"min_df\": \"two\"}}");
        assertTrue(m.startsWith("exp.json: features.min_df: invalid config"), m);
    }

    @Test
    void invalidJsonGivesLineAndColumn() {
        String m = error("{\n  \"name\": \"x\",\n  \"features\": {\"min_df\": 2,}\n}");
        assertTrue(m.contains("at line 3, column"), m);
        assertTrue(m.startsWith("exp.json: "), m);
    }

    @Test
    void emptyConfigsAreErrors() {
        assertTrue(error("null").contains("config is empty"));
        assertTrue(error("").startsWith("exp.json: "));
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = tmp.resolve("nope.json");
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentConfig.read(missing));
        assertEquals(missing + ": config file not found", e.getMessage());
    }

    @Test
    void aFileIsReadAndErrorsNameIt() throws IOException {
        Path file = Files.writeString(tmp.resolve("bad.json"), "{\"learner\": {\"balance\": \"rf\"}}");
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentConfig.read(file));
        assertTrue(e.getMessage().startsWith(file + ": learner.balance"), e.getMessage());
    }

    @Test
    void everyConfigInTheRepositoryParses() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("experiments"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.contains(Path.of("experiments/default.json")), files.toString());
        for (Path f : files) {
            assertTrue(ExperimentConfig.read(f).problems().isEmpty(), f.toString());
        }
    }
}
