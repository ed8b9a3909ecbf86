package io.rubrique.text;

import java.util.Arrays;

/**
 * Open-addressing map from 64-bit term hashes to feature indices. Read-only after construction, so safe to share
 * between threads; lookups allocate nothing (the hot path of {@code tag()}). Key 0 is reserved as "empty".
 */
final class LongIntMap {
    private final long[] keys;
    private final int[] values;
    private final int mask;

    LongIntMap(long[] ks, int[] vs) {
        int cap = Integer.highestOneBit(Math.max(4, ks.length * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
        mask = cap - 1;
        Arrays.fill(values, -1);
        for (int i = 0; i < ks.length; i++) {
            int slot = slot(ks[i]);
            while (keys[slot] != 0 && keys[slot] != ks[i]) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = ks[i];
            values[slot] = vs[i];
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 33) & mask;
    }

    /** The index of {@code key}, or -1. */
    int get(long key) {
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return values[slot];
            }
            if (k == 0) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }
}
