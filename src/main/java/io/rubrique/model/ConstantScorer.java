package io.rubrique.model;

import io.rubrique.text.SparseVector;

/** A topic whose training items were all of one class: nothing to learn, every item gets the same raw score. */
record ConstantScorer(double value) implements TopicScorer {
    private static final long serialVersionUID = 1L;

    @Override
    public double raw(SparseVector v) {
        return value;
    }

    @Override
    public String kind() {
        return "constant";
    }
}
