package io.rubrique.text;

/**
 * Per-call scratch: weighted counts of term hashes in one snippet (open addressing, grows as needed). Not shared
 * between threads; one is made per {@code vectorize} call and is garbage soon after.
 */
final class TermCounts {
    private long[] keys;
    private double[] counts;
    private int size;
    private int mask;

    TermCounts(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        counts = new double[cap];
        mask = cap - 1;
    }

    void add(long key, double weight) {
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 33) & mask;
        while (true) {
            long k = keys[slot];
            if (k == key) {
                counts[slot] += weight;
                return;
            }
            if (k == 0) {
                keys[slot] = key;
                counts[slot] = weight;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        double[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        counts = new double[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                add(oldKeys[i], oldCounts[i]);
            }
        }
    }

    int size() {
        return size;
    }

    /** Visits every (hash, count) pair. */
    void forEach(Visitor v) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                v.visit(keys[i], counts[i]);
            }
        }
    }

    @FunctionalInterface
    interface Visitor {
        void visit(long hash, double count);
    }
}
