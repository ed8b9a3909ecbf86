package io.rubrique.util;

/**
 * Derives independent seeds from a run seed (SplitMix64 mixing), so that each repeat's fold split and each fold's
 * training get their own seed whatever order the threads run in.
 */
public final class Seeds {
    private Seeds() {
    }

    /** A seed for the given path of indices under {@code root} (e.g. repeat, fold). */
    public static long derive(long root, long... path) {
        long s = mix(root);
        for (long p : path) {
            s = mix(s ^ mix(p + 0x632BE59BD9B4E019L));
        }
        return s;
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
