package io.rubrique.model;

import io.rubrique.text.Featurizer;
import io.rubrique.text.SparseVector;
import java.util.ArrayList;
import java.util.List;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;

/**
 * Bridges feature vectors to Weka: a header of numeric attributes (one per feature) plus a binary class
 * {no, yes}, and sparse instances built directly from vectors. No string attributes, so live text never
 * touches (or grows) the shared header.
 */
final class WekaData {
    static final int YES = 1;

    private WekaData() {
    }

    static Instances header(Featurizer space) {
        ArrayList<Attribute> atts = new ArrayList<>(space.size() + 1);
        for (int i = 0; i < space.size(); i++) {
            atts.add(new Attribute(space.name(i)));
        }
        atts.add(new Attribute("@class", List.of("no", "yes")));
        Instances header = new Instances("rubrique", atts, 0);
        header.setClassIndex(space.size());
        return header;
    }

    /** A training set: one instance per vector, class from {@code labels}, weight {@code weights[i]} each. */
    static Instances dataset(Instances header, List<SparseVector> vectors, boolean[] labels, double[] weights) {
        if (weights.length != vectors.size() && weights.length != 2) {
            throw new IllegalArgumentException(weights.length + " weights for " + vectors.size() + " vectors");
        }
        Instances data = new Instances(header, vectors.size());
        int classIndex = header.classIndex();
        for (int k = 0; k < vectors.size(); k++) {
            SparseVector v = vectors.get(k);
            int n = v.nnz();
            int[] idx = new int[n + (labels[k] ? 1 : 0)];
            double[] val = new double[idx.length];
            System.arraycopy(v.indices(), 0, idx, 0, n);
            System.arraycopy(v.values(), 0, val, 0, n);
            if (labels[k]) {
                idx[n] = classIndex;
                val[n] = YES;
            }
            double w = weights.length == vectors.size() ? weights[k] : weights[labels[k] ? 1 : 0];
            SparseInstance inst = new SparseInstance(w, val, idx, header.numAttributes());
            data.add(inst);
        }
        return data;
    }

    /** An instance to classify (class value left at 0: classifiers ignore it). */
    static Instance instance(Instances header, SparseVector v) {
        SparseInstance inst = new SparseInstance(1.0, v.values(), v.indices(), header.numAttributes());
        inst.setDataset(header);
        return inst;
    }
}
