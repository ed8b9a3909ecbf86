package io.rubrique.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rubrique.util.Json;

/**
 * The Jackson configuration of model files: one mapper (the project's settings), a strict reader and a pretty
 * writer derived from it. Readers and writers share their mapper's caches, so loading a model introspects the
 * manifest, provenance and config types once per JVM instead of once per mapper (three of them before, about a
 * tenth of a second each at start-up). Immutable once built, like any configured Jackson mapper.
 */
final class ModelJson {
    /** The project's mapper: what the provenance inside a model file is written and read with. */
    static final ObjectMapper MAPPER = Json.mapper();
    /** Manifests are read without accepting 2.0 for an int (a format version must be exact). */
    static final ObjectReader STRICT = MAPPER.reader().without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    /** Manifests are written for people to read. */
    static final ObjectWriter PRETTY = MAPPER.writer(SerializationFeature.INDENT_OUTPUT);

    private ModelJson() {
    }

    /**
     * Starts building, on a background thread and once per JVM, the deserializers and serializer a model load
     * needs (manifest, provenance), so that a start-up which has other work to do first finds them made. Jackson
     * builds them the same whichever thread asks first.
     */
    static void warmUp() {
        Holder.touch();
    }

    /** Class initialisation is the "once". */
    private static final class Holder {
        static {
            Thread t = new Thread(() -> {
                MAPPER.readerFor(Manifest.class);
                MAPPER.readerFor(ModelProvenance.class);
                MAPPER.writerFor(Manifest.class);
            }, "rubrique-warm-up-json");
            t.setDaemon(true);
            t.start();
        }

        static void touch() {
        }
    }
}
