package io.rubrique.server;

/**
 * How loud the servers are: {@code simplelogger.properties} keeps Javalin and Jetty at WARN; with
 * {@code RUBRIQUE_DEBUG} set, every logger logs INFO too. Called first thing by {@code serve} and {@code label},
 * before any logger exists.
 */
public final class LogLevels {
    private LogLevels() {
    }

    public static void configure() {
        if (System.getenv("RUBRIQUE_DEBUG") != null
                && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
    }
}
