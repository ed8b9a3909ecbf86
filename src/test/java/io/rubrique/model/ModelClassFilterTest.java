package io.rubrique.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The model filter decides every case as the JDK's pattern filter built from the same limits and exact class
 * names would (the filter it replaced): limits, arrays by length and element type, primitives, listed and
 * unlisted classes.
 */
class ModelClassFilterTest {
    private record Info(Class<?> serialClass, long arrayLength, long depth, long references, long streamBytes)
            implements ObjectInputFilter.FilterInfo {
    }

    private static final List<Class<?>> CLASSES = List.of(String.class, Integer.class, Double.class, Object.class,
            java.util.HashMap.class, java.util.ArrayList.class, LinearScorer.class, Calibration.class,
            ModelClassFilterTest.class, Thread.class, int.class, double.class, String[].class, double[].class,
            double[][].class, Calibration[].class, Calibration[][].class, Thread[].class, Object[].class,
            boolean[].class, long[][][].class);

    @Test
    void decidesAsTheJdkPatternFilterWithTheSameLimitsAndNames() {
        List<String> names = List.of("java.lang.String", "java.lang.Integer", "java.lang.Double",
                "java.util.HashMap", "io.rubrique.model.LinearScorer", "io.rubrique.model.Calibration");
        long depth = 24;
        long bound = 5000;
        ModelClassFilter.Recording ours = new ModelClassFilter.Recording(Set.copyOf(names), depth, bound,
                bound + 1024, bound);
        ObjectInputFilter jdk = ObjectInputFilter.Config.createFilter("maxdepth=" + depth + ";maxrefs=" + bound
                + ";maxbytes=" + (bound + 1024) + ";maxarray=" + bound + ";" + String.join(";", names) + ";!*");
        Random r = new Random(5);
        List<Info> cases = new ArrayList<>();
        long[] edges = {-1, 0, 1, 23, 24, 25, bound - 1, bound, bound + 1, bound + 1024, bound + 1025, 1L << 40};
        for (int i = 0; i < 20000; i++) {
            Class<?> c = r.nextInt(8) == 0 ? null : CLASSES.get(r.nextInt(CLASSES.size()));
            long len = c != null && c.isArray() ? edges[r.nextInt(edges.length)] : -1;
            cases.add(new Info(c, len, pick(r, edges, 30), pick(r, edges, 100), pick(r, edges, 4000)));
        }
        int rejected = 0;
        for (Info info : cases) {
            ObjectInputFilter.Status expected = jdk.checkInput(info);
            assertEquals(expected, ours.checkInput(info), info.toString());
            rejected += expected == ObjectInputFilter.Status.REJECTED ? 1 : 0;
        }
        assertEquals(true, rejected > 1000 && rejected < cases.size() - 1000, "both outcomes exercised: " + rejected);
    }

    /** Mostly ordinary values, sometimes one at or across a limit. */
    private static long pick(Random r, long[] edges, int ordinary) {
        return r.nextInt(4) == 0 ? edges[r.nextInt(edges.length)] : r.nextInt(ordinary);
    }
}
