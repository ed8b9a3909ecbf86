package io.rubrique.text;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Remembers, for the words one feature space has seen, the dictionary indices of their character n-grams, so a
 * word met again costs one probe here instead of a hash and a dictionary probe per n-gram (about three per
 * character: the largest part of tagging a snippet). News text repeats its words, so most words are met again.
 *
 * <p>A fixed number of slots, each holding one immutable entry (the word and its indices) and replaced by the
 * next word that lands there, so memory is bounded whatever the input. Safe to share between threads: a slot is
 * read and written as a whole through an {@link AtomicReferenceArray}, an entry is only used after comparing its
 * word with the one looked up character by character, and either way the indices are what the dictionary gives,
 * so a race can only cost a recomputation, never change a result. Belongs to one feature space (its dictionary
 * never changes) and goes with it.
 */
final class CharGramMemo {
    /** Slots; at about 70 bytes a word, a full memo takes under a megabyte. */
    static final int SLOTS = 1 << 13;
    /** Longer words are not remembered (they are rare, and would make an entry large). */
    static final int MAX_WORD = 40;

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    private record Entry(char[] word, int[] indices) {
    }

    /** The remembered indices of the word {@code buf[start, end)}, or null. */
    int[] get(char[] buf, int start, int end) {
        if (end - start > MAX_WORD) {
            return null;
        }
        Entry e = slots.getAcquire(slot(buf, start, end));
        return e != null && Arrays.equals(e.word, 0, e.word.length, buf, start, end) ? e.indices : null;
    }

    /** Remembers the indices of the word {@code buf[start, end)} (replacing whatever held its slot). */
    void put(char[] buf, int start, int end, int[] indices) {
        if (end - start <= MAX_WORD) {
            // a release store: whoever reads the entry sees its arrays filled
            slots.setRelease(slot(buf, start, end), new Entry(Arrays.copyOfRange(buf, start, end), indices));
        }
    }

    private static int slot(char[] buf, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + buf[i];
        }
        h ^= h >>> 15;
        h *= 0x2c1b3c6d;
        h ^= h >>> 12;
        return h & (SLOTS - 1);
    }
}
