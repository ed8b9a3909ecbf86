package io.rubrique.model;

import io.rubrique.text.SparseVector;
import java.io.Serializable;
import weka.classifiers.Classifier;
import weka.core.Instances;

/**
 * A topic scored by Weka itself ({@code distributionForInstance}), for learners whose model is not exported as a
 * dot product. Weka classifiers are not thread-safe at prediction time, so each call borrows a copy from a
 * bounded {@link ClassifierPool}. The raw score is the logit of Weka's probability of "yes".
 */
final class WekaScorer implements TopicScorer {
    private static final long serialVersionUID = 1L;
    /** Probabilities are clamped before the logit so that a hard 0 or 1 stays finite. */
    private static final double EPS = 1e-9;

    private final Classifier master;
    private final Instances header;
    private final transient ClassifierPool pool;

    WekaScorer(Classifier master, Instances header) {
        this.master = master;
        this.header = header;
        this.pool = new ClassifierPool(master, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public double raw(SparseVector v) {
        Classifier own = pool.borrow();
        try {
            double p = own.distributionForInstance(WekaData.instance(header, v))[WekaData.YES];
            p = Math.min(1 - EPS, Math.max(EPS, p));
            return Math.log(p / (1 - p));
        } catch (Exception e) {
            throw new IllegalStateException("Weka failed to classify an instance", e);
        } finally {
            pool.giveBack(own);
        }
    }

    Classifier master() {
        return master;
    }

    @Override
    public String kind() {
        return "weka";
    }

    /**
     * A serialized Weka scorer is its {@link Form}, which deserializes back through the constructor: the pool
     * is a final, safely published field, never a lazily built one.
     */
    private Object writeReplace() {
        return new Form(master, header);
    }

    /** Serialized form: the fitted classifier and the dataset header, nothing transient. */
    private record Form(Classifier master, Instances header) implements Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() {
            return new WekaScorer(master, header);
        }
    }
}
