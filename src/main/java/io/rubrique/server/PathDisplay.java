package io.rubrique.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rubrique.data.DataProvenance;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paths as the HTTP API may show them: relative to the working directory when inside it, else only the last name
 * component ({@link DataProvenance#displayPath}), so that no answer discloses the machine's directory layout.
 */
final class PathDisplay {
    /** An absolute path inside text: a slash not preceded by a word character, then name components. */
    private static final Pattern ABSOLUTE = Pattern.compile("(?<![\\w.~-])/[\\w.@+~-]+(?:/[\\w.@+~-]+)*/?");

    private PathDisplay() {
    }

    static String of(Path p) {
        return DataProvenance.displayPath(p);
    }

    /** {@code text} with {@code dir} (as given and absolute) and every other absolute path shown as above. */
    static String scrub(String text, Path dir) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (dir != null) {
            String shown = of(dir);
            out = out.replace(dir.toAbsolutePath().normalize().toString(), shown);
            if (dir.isAbsolute()) {
                out = out.replace(dir.toString(), shown);
            }
        }
        Matcher m = ABSOLUTE.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(displayed(m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A copy of {@code tree} with every string scrubbed (manifests carry data paths from the training machine). */
    static JsonNode scrubTree(JsonNode tree) {
        if (tree.isTextual()) {
            String s = scrub(tree.asText(), null);
            return s.equals(tree.asText()) ? tree : TextNode.valueOf(s);
        }
        if (tree.isObject()) {
            ObjectNode copy = ((ObjectNode) tree).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), scrubTree(e.getValue()));
            }
            return copy;
        }
        if (tree.isArray()) {
            ArrayNode copy = ((ArrayNode) tree).arrayNode();
            tree.forEach(n -> copy.add(scrubTree(n)));
            return copy;
        }
        return tree;
    }

    private static String displayed(String absolute) {
        String trimmed = absolute.endsWith("/") && absolute.length() > 1
                ? absolute.substring(0, absolute.length() - 1) : absolute;
        try {
            return of(Path.of(trimmed));
        } catch (InvalidPathException e) {
            return "(path)";
        }
    }
}
