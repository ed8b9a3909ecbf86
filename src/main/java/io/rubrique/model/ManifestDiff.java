package io.rubrique.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The manifest a model implies, as a JSON tree, and the first path where two manifest trees differ: how a
 * loaded model is checked against the manifest beside it (an edited manifest is refused).
 */
final class ManifestDiff {
    private ManifestDiff() {
    }

    /**
     * The tree of {@code Manifest.of(model, modelFile, sha)} as the project's mapper writes it, made from the
     * provenance JSON the model file holds plus the manifest's own fields, without binding or serializing a
     * record. {@code ModelArtifactTest} pins that the two trees are the same.
     */
    static JsonNode manifestTree(BinaryRelevanceModel model, String modelFile, String sha) throws IOException {
        ObjectNode tree = (ObjectNode) ModelJson.readTree(model.provenanceJson());
        tree.put("format_version", Manifest.FORMAT_VERSION);
        ObjectNode th = tree.putObject("thresholds");
        model.thresholds().forEach((topic, value) -> th.put(topic, value));
        tree.put("model_file", modelFile);
        tree.put("model_sha256", sha);
        return tree;
    }

    static Optional<String> firstDifference(String path, JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            List<String> names = new ArrayList<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(n -> {
                if (!names.contains(n)) {
                    names.add(n);
                }
            });
            for (String n : names) {
                JsonNode x = a.get(n);
                JsonNode y = b.get(n);
                String p = path.isEmpty() ? n : path + "." + n;
                if (x == null || y == null) {
                    return Optional.of(p);
                }
                Optional<String> d = firstDifference(p, x, y);
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (a.isNumber() && b.isNumber()) {
            return a.doubleValue() == b.doubleValue() ? Optional.empty() : Optional.of(path);
        }
        return a.equals(b) ? Optional.empty() : Optional.of(path.isEmpty() ? "(document)" : path);
    }
}
