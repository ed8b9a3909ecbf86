package io.rubrique.model;

import io.rubrique.text.SparseVector;
import java.io.Serializable;

/**
 * The uncalibrated score of one topic for one vector: larger means more likely. A linear scorer's raw score is
 * its decision value; a Weka-path scorer's is the logit of Weka's probability. Implementations are immutable or
 * internally synchronised, so one instance serves all threads.
 */
sealed interface TopicScorer extends Serializable permits LinearScorer, WekaScorer, ConstantScorer {
    double raw(SparseVector v);

    /** "linear", "weka" or "constant": what the manifest and the learner tests report. */
    String kind();
}
