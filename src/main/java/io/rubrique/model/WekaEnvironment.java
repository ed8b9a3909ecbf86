package io.rubrique.model;

/**
 * Quietens Weka's start-up: its package manager probes netlib's native ARPACK/BLAS/LAPACK, which are absent, and
 * logs two warnings per JVM. Pointing netlib at its pure-Java implementations (what it falls back to anyway)
 * silences them. Only sets properties the user has not set.
 */
final class WekaEnvironment {
    private WekaEnvironment() {
    }

    static void quiet() {
        setIfAbsent("com.github.fommil.netlib.ARPACK", "com.github.fommil.netlib.F2jARPACK");
        setIfAbsent("com.github.fommil.netlib.BLAS", "com.github.fommil.netlib.F2jBLAS");
        setIfAbsent("com.github.fommil.netlib.LAPACK", "com.github.fommil.netlib.F2jLAPACK");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
