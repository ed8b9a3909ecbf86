package io.rubrique.model;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import weka.classifiers.Classifier;
import weka.core.SerializedObject;

/**
 * Lends each scoring thread its own deep copy of a fitted Weka classifier (Weka classifiers push each instance
 * through internal filters, so they are not thread-safe). At most {@code max} copies ever exist: a thread that
 * finds none idle and the limit reached waits for one to come back. Copies are made from a serialized snapshot of
 * a master that is never used to predict. All fields are final and set in the constructor.
 */
final class ClassifierPool {
    private final Classifier master;
    private final int max;
    private final BlockingQueue<Classifier> idle;
    private final AtomicInteger created = new AtomicInteger();
    private final Object snapshotLock = new Object();
    private SerializedObject snapshot;

    ClassifierPool(Classifier master, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, was " + max);
        }
        this.master = master;
        this.max = max;
        this.idle = new ArrayBlockingQueue<>(max);
    }

    Classifier borrow() {
        Classifier c = idle.poll();
        if (c != null) {
            return c;
        }
        if (created.getAndIncrement() < max) {
            return copy();
        }
        created.decrementAndGet();
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a classifier copy", e);
        }
    }

    void giveBack(Classifier c) {
        if (!idle.offer(c)) {
            throw new IllegalStateException("more classifier copies returned than lent");
        }
    }

    /** Copies made so far (at most {@code max}). */
    int copies() {
        return Math.min(created.get(), max);
    }

    private Classifier copy() {
        try {
            SerializedObject s;
            synchronized (snapshotLock) {
                if (snapshot == null) {
                    snapshot = new SerializedObject(master);
                }
                s = snapshot;
            }
            return (Classifier) s.getObject();
        } catch (Exception e) {
            created.decrementAndGet();
            throw new IllegalStateException("cannot copy the fitted classifier", e);
        }
    }
}
