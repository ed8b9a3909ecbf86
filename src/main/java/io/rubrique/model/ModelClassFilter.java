package io.rubrique.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The JEP 290 allow-list a model file is read through: only the classes a rubrique model is made of (listed in
 * {@code model-classes.txt}, one pattern a line), bounded depth, references and size; everything else is
 * rejected before it is instantiated. A test trains every supported learner and checks that its model loads.
 */
final class ModelClassFilter {
    private static final String LIMITS = "maxdepth=64;maxrefs=50000000;maxbytes=4000000000;maxarray=200000000";

    private ModelClassFilter() {
    }

    static ObjectInputFilter filter() {
        return ObjectInputFilter.Config.createFilter(LIMITS + ";" + patterns() + ";!*");
    }

    static String patterns() {
        try (InputStream in = ModelClassFilter.class.getResourceAsStream("model-classes.txt")) {
            if (in == null) {
                throw new IllegalStateException("model-classes.txt missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.joining(";"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
