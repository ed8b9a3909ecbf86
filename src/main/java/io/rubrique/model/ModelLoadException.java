package io.rubrique.model;

/** A model directory that cannot be used: missing files, checksum mismatch, unknown format, refused classes. */
public class ModelLoadException extends Exception {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
