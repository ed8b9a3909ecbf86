package io.rubrique.model;

/** Test helpers of this package for other packages' tests. */
public final class ModelArtifactTestAccess {
    private ModelArtifactTestAccess() {
    }

    /** A process id no process has. */
    public static long deadPid() {
        return ModelArtifactTest.deadPid();
    }
}
