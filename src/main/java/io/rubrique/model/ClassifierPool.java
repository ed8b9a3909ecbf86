package io.rubrique.model;

import java.io.Serializable;
import java.util.concurrent.ConcurrentLinkedQueue;
import weka.classifiers.Classifier;
import weka.core.SerializedObject;

/**
 * Weka classifiers are not thread-safe at prediction time (LibLINEAR, SMO and Logistic push each instance through
 * internal filters). The pool lends each thread its own deep copy of the fitted classifiers and takes it back
 * afterwards; copies are made from a serialized snapshot of a master that is never used to predict, so a copy is
 * never taken of a classifier in mid-use. At most as many copies exist as threads that tagged at the same time.
 */
final class ClassifierPool implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Classifier[] master;
    private transient volatile SerializedObject snapshot;
    private transient ConcurrentLinkedQueue<Classifier[]> idle;

    ClassifierPool(Classifier[] master) {
        this.master = master;
    }

    /** The fitted classifiers themselves: read-only use only (e.g. reading LibLINEAR's weights). */
    Classifier[] master() {
        return master;
    }

    Classifier[] borrow() {
        ConcurrentLinkedQueue<Classifier[]> q = idle();
        Classifier[] c = q.poll();
        return c != null ? c : copy();
    }

    void giveBack(Classifier[] classifiers) {
        idle().offer(classifiers);
    }

    private ConcurrentLinkedQueue<Classifier[]> idle() {
        ConcurrentLinkedQueue<Classifier[]> q = idle;
        if (q == null) {
            synchronized (this) {
                if (idle == null) {
                    idle = new ConcurrentLinkedQueue<>();
                }
                q = idle;
            }
        }
        return q;
    }

    private Classifier[] copy() {
        try {
            SerializedObject s = snapshot;
            if (s == null) {
                synchronized (this) {
                    if (snapshot == null) {
                        snapshot = new SerializedObject(master);
                    }
                    s = snapshot;
                }
            }
            return (Classifier[]) s.getObject();
        } catch (Exception e) {
            throw new IllegalStateException("cannot copy the fitted classifiers", e);
        }
    }
}
