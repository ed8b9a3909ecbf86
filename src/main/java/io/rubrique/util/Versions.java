package io.rubrique.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Which code made a model or report: rubrique, library and JVM versions, and the git revision when known. */
public final class Versions {
    private Versions() {
    }

    /** rubrique's version, recorded at build time. */
    public static String rubrique() {
        return build("rubrique");
    }

    /** A version recorded at build time in build.properties (the shaded jar has only rubrique's manifest). */
    private static String build(String key) {
        try (java.io.InputStream in = Versions.class.getResourceAsStream("build.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty(key);
            return v == null || v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Library versions that change results: Weka, LibLINEAR, Lucene, Jackson, Java. */
    public static Map<String, String> libraries() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rubrique", rubrique());
        m.put("weka", weka.core.Version.VERSION);
        m.put("liblinear", build("liblinear"));
        m.put("lucene", org.apache.lucene.util.Version.LATEST.toString());
        m.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    /**
     * The git revision of the working directory ("abc123" or "abc123-dirty"), or "unknown" outside a checkout.
     * Asked once per run, never on a hot path.
     */
    public static String codeRevision(Path dir) {
        try {
            String rev = git(dir, "rev-parse", "HEAD");
            if (rev.isEmpty()) {
                return "unknown";
            }
            String status = git(dir, "status", "--porcelain", "--untracked-files=no");
            return status.isEmpty() ? rev : rev + "-dirty";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toAbsolutePath().toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.getErrorStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return "";
        }
        return new String(out, StandardCharsets.UTF_8).trim();
    }
}
