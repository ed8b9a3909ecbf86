package io.rubrique.model;

import io.rubrique.text.SparseVector;
import java.lang.reflect.Field;
import weka.classifiers.Classifier;
import weka.classifiers.functions.SMO;
import weka.classifiers.functions.supportVector.PolyKernel;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Fast path for a calibrated linear-kernel SMO. Weka's {@code SMO.distributionForInstance} walks the whole sparse
 * weight vector for every instance (a merge over all features the support vectors use) after passing the instance
 * through stateful filters; here the SVM output is a dot product over the snippet's own features with a dense copy
 * of the same weights, in the same order, and only the one-input calibrator is Weka's (taken from the calling
 * thread's pooled copy, since it is not thread-safe). A test pins equality with Weka's path. Weka keeps the
 * calibrator in protected fields, so they are read by reflection; if that ever fails the Weka path is used.
 */
final class SmoScorer {
    private static final Field CLASSIFIERS = field(SMO.class, "m_classifiers");
    private static final Class<?> BINARY = binaryClass();
    private static final Field CALIBRATOR = BINARY == null ? null : field(BINARY, "m_calibrator");
    private static final Field CALIBRATION_HEADER = BINARY == null ? null : field(BINARY, "m_calibrationDataHeader");

    private final double[] weights;
    private final double b;

    private SmoScorer(double[] weights, double b) {
        this.weights = weights;
        this.b = b;
    }

    /** A fast scorer for {@code c}, or null when it is not a calibrated, linear, unfiltered two-class SMO. */
    static SmoScorer of(Classifier c, int numAttributes) {
        if (CLASSIFIERS == null || CALIBRATOR == null || CALIBRATION_HEADER == null || !(c instanceof SMO smo) || !smo.getBuildCalibrationModels()
                || smo.getFilterType().getSelectedTag().getID() != SMO.FILTER_NONE
                || !(smo.getKernel() instanceof PolyKernel k) || k.getExponent() != 1.0 || k.getUseLowerOrder()
                || smo.sparseWeights() == null || smo.sparseWeights().length != 2
                || smo.sparseWeights()[0][1] == null || binary(smo) == null) {
            return null;
        }
        double[] sw = smo.sparseWeights()[0][1];
        int[] si = smo.sparseIndices()[0][1];
        double[] dense = new double[numAttributes];
        for (int p = 0; p < sw.length; p++) {
            dense[si[p]] = sw[p];
        }
        return new SmoScorer(dense, smo.bias()[0][1]);
    }

    /**
     * The calibrated score of "yes"; {@code own} is the calling thread's copy of the same SMO, whose calibrator
     * is used. {@code classIndex} is excluded like Weka does (vectors never contain it anyway).
     */
    double score(SparseVector v, Classifier own) throws Exception {
        int[] idx = v.indices();
        double[] val = v.values();
        double out = 0;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < weights.length) {
                out += val[i] * weights[idx[i]];
            }
        }
        out -= b;
        Object binary = binary((SMO) own);
        Classifier calibrator = (Classifier) CALIBRATOR.get(binary);
        Instances header = (Instances) CALIBRATION_HEADER.get(binary);
        DenseInstance d = new DenseInstance(1, new double[] {out, Utils.missingValue()});
        d.setDataset(header);
        return calibrator.distributionForInstance(d)[WekaData.YES];
    }

    private static Object binary(SMO smo) {
        try {
            Object[][] pairs = (Object[][]) CLASSIFIERS.get(smo);
            return pairs == null || pairs.length < 1 || pairs[0].length < 2 ? null : pairs[0][1];
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static Class<?> binaryClass() {
        for (Class<?> c : SMO.class.getDeclaredClasses()) {
            if (c.getSimpleName().equals("BinarySMO")) {
                return c;
            }
        }
        return null;
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
