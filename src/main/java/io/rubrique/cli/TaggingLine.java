package io.rubrique.cli;

import io.rubrique.model.Tagging;
import java.util.List;

/**
 * The output line of {@code classify} for one snippet, {@code {"id":…,"topics":[…],"scores":{…}}}, written by
 * hand because building a Jackson tree per line (an {@code ObjectNode}, a {@code valueToTree} of the topics and
 * a tree-to-string pass) cost more than a quarter of the per-item time of a batch. The text is exactly what
 * Jackson writes with the project's mapper: strings escaped as its generator does by default (the two-character
 * escapes for {@code \b \t \n \f \r " \\}, {@code \\u00XX} with upper-case hex for the other control characters,
 * everything else as it is), and numbers as {@link Double#toString} (Jackson's default double writer), non-finite
 * ones quoted. {@code TaggingLineTest} compares the two on every UTF-16 code unit and on awkward doubles.
 */
final class TaggingLine {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TaggingLine() {
    }

    /** The JSON line (without its newline) for a snippet {@code id} tagged {@code t}. */
    static String of(String id, Tagging t) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"id\":");
        string(sb, id);
        sb.append(",\"topics\":[");
        List<String> topics = t.topics();
        for (int i = 0; i < topics.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            string(sb, topics.get(i));
        }
        sb.append("],\"scores\":{");
        List<String> ids = t.scores().topics().ids();
        List<Double> values = t.scores().values();
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            string(sb, ids.get(i));
            sb.append(':');
            number(sb, values.get(i));
        }
        return sb.append("}}").toString();
    }

    /** {@code s} as a JSON string, escaped as Jackson's default generator escapes it. */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            sb.append(s, from, i);
            from = i + 1;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        sb.append(s, from, s.length()).append('"');
    }

    /** A double as Jackson writes it by default: {@link Double#toString}, quoted when NaN or infinite. */
    static void number(StringBuilder sb, Double d) {
        if (d == null) {
            sb.append("null");
        } else if (Double.isFinite(d)) {
            sb.append(Double.toString(d));
        } else {
            sb.append('"').append(Double.toString(d)).append('"');
        }
    }
}
