package io.rubrique.model;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import io.rubrique.text.SparseVector;
import weka.classifiers.Classifier;
import weka.classifiers.functions.LibLINEAR;

/**
 * Scores a vector with a fitted LibLINEAR model directly, skipping the Weka wrapper's per-instance filter passes
 * (ReplaceMissingValues, NominalToBinary: no-ops on our numeric, complete vectors, but stateful and so not
 * thread-safe). Feature numbering and bias follow {@code LibLINEAR.instanceToArray}; {@code Linear.predictProbability}
 * only reads the model, so one scorer serves all threads. A test pins equality with the Weka path.
 */
final class LiblinearScorer {
    private final Model model;
    private final double bias;
    private final int biasIndex;
    private final int yesSlot;

    private LiblinearScorer(Model model, double bias, int numAttributes) {
        this.model = model;
        this.bias = bias;
        this.biasIndex = numAttributes + 1;
        int slot = -1;
        int[] labels = model.getLabels();
        for (int k = 0; k < labels.length; k++) {
            if (labels[k] == WekaData.YES) {
                slot = k;
            }
        }
        this.yesSlot = slot;
    }

    /** A direct scorer for {@code c}, or null when it is not a probabilistic LibLINEAR model. */
    static LiblinearScorer of(Classifier c, int numAttributes) {
        if (c instanceof LibLINEAR lin && lin.getProbabilityEstimates() && lin.getModel() != null
                && !lin.getNormalize() && lin.getModel().getNrClass() == 2) {
            return new LiblinearScorer(lin.getModel(), lin.getBias(), numAttributes);
        }
        return null;
    }

    double score(SparseVector v) {
        int[] idx = v.indices();
        double[] val = v.values();
        int n = 0;
        for (double x : val) {
            n += x != 0 ? 1 : 0;
        }
        Feature[] nodes = new Feature[n + (bias >= 0 ? 1 : 0)];
        int k = 0;
        for (int i = 0; i < idx.length; i++) {
            if (val[i] != 0) {
                nodes[k++] = new FeatureNode(idx[i] + 1, val[i]);
            }
        }
        if (bias >= 0) {
            nodes[k] = new FeatureNode(biasIndex, bias);
        }
        double[] p = new double[2];
        Linear.predictProbability(model, nodes, p);
        return yesSlot < 0 ? 0 : p[yesSlot];
    }
}
