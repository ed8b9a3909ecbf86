package io.rubrique.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Test access to the five seed pages (copies of ../shared/seeds) and other page fixtures. */
public final class Seeds {
    public static final String PAGE_000 = "000_4189daaee9180029.txt";
    public static final String PAGE_001 = "001_48ceae4e1d1f867e.txt";
    public static final String PAGE_002 = "002_4fe97ebce5e3b00f.txt";
    public static final String PAGE_003 = "003_4e1169ef19c9f6a7.txt";
    public static final String PAGE_004 = "004_2c011ea8c1d02bdc.txt";

    /** Page furniture that must never reach a title or text. */
    public static final Pattern FURNITURE = Pattern.compile(
            "Photo\\s*[:/]|\\(Source\\s*:|ảnh\\s?\\d|Voir plus|\\.(?:jpe?g|png)\\b|(?m)^source$|\u00A0|\u202F|  ");

    private Seeds() {
    }

    public static Path seed(String name) {
        return resource("data/seeds/" + name);
    }

    public static Path page(String name) {
        return resource("data/pages/" + name);
    }

    public static List<Path> all() {
        try (Stream<Path> s = Files.list(seed(PAGE_000).getParent())) {
            return s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource(String name) {
        try {
            var url = Seeds.class.getClassLoader().getResource(name);
            if (url == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
