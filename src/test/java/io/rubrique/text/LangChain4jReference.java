package io.rubrique.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The e5-small-v2 path as it ran before rubrique called ONNX Runtime itself (LangChain4j 0.36.2's
 * {@link OnnxBertBiEncoder}, the text cut by character span after its first {@code maxTokens - 2} tokens, one text
 * per call): the yardstick that proves the direct path gives the same vectors, so cached vectors stay valid.
 */
final class LangChain4jReference extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder bert;
    private final HuggingFaceTokenizer tokenizer;

    LangChain4jReference() throws Exception {
        super(Runnable::run);
        byte[] onnx = resource("e5-small-v2-q.onnx");
        byte[] tok = resource("e5-small-v2-q-tokenizer.json");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        this.bert = new OnnxBertBiEncoder(env, env.createSession(onnx, options), new ByteArrayInputStream(tok),
                PoolingMode.MEAN);
        this.tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tok),
                Map.of("maxLength", "512", "truncation", "false"));
    }

    private static byte[] resource(String name) throws java.io.IOException {
        try (InputStream in = LangChain4jReference.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return bert;
    }

    @Override
    protected Integer knownDimension() {
        return 384;
    }

    List<float[]> embed(List<String> texts, int maxTokens) {
        List<float[]> out = new ArrayList<>();
        for (String t : texts) {
            out.add(embedAll(List.of(TextSegment.from(truncate("passage: " + t, maxTokens)))).content().get(0)
                    .vector());
        }
        return out;
    }

    private String truncate(String s, int maxTokens) {
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
