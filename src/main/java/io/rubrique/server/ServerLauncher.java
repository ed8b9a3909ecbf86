package io.rubrique.server;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a started server until the process is asked to stop (SIGTERM, SIGINT), then stops it gracefully: no new
 * connections, new requests answered 503, in-flight requests finish within the drain timeout, and the process
 * exits 0 at the latest at the drain deadline. Shared by {@code rubrique serve} and tests.
 */
public final class ServerLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ServerLauncher.class);

    private ServerLauncher() {
    }

    /**
     * Prints {@code listening on http://host:port} with the model served, then blocks until JVM shutdown. Never
     * returns normally: the shutdown hook ends the process with status 0 once the server has drained.
     */
    public static void runUntilStopped(RubriqueServer server, ModelWatcher watcher, String host, PrintWriter out)
            throws InterruptedException {
        if (watcher != null) {
            watcher.start();
        }
        ServedModel m = server.models().current();
        untilStopped(() -> {
            if (watcher != null) {
                watcher.close();
            }
            server.stop();
        }, "listening on " + url(host, server.port()) + " (model " + m.ref().name() + ", sha256 "
                + m.ref().sha256().substring(0, Math.min(12, m.ref().sha256().length())) + ")", out);
    }

    /**
     * Prints {@code startLine} (the one line a server prints), then blocks until SIGTERM or SIGINT, runs
     * {@code stop} and halts with status 0 (1 when the stop failed) instead of the JVM's 128+15.
     */
    public static void untilStopped(Runnable stop, String startLine, PrintWriter out) throws InterruptedException {
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.debug("stopping: draining in-flight requests");
            int status = 0;
            try {
                stop.run();
                LOG.debug("stopped");
            } catch (RuntimeException e) {
                LOG.error("could not stop cleanly: {}", e.toString());
                status = 1;
            }
            out.flush();
            System.out.flush();
            System.err.flush();
            // SIGTERM is how a server is meant to be stopped, and a drain (complete, or cut at its deadline) is a
            // success: report 0 instead of the JVM's default 128+15. The hook is only installed once serving, when
            // nothing else in the process calls System.exit, so no other exit status is masked.
            Runtime.getRuntime().halt(status);
        }, "rubrique-shutdown"));
        out.println(startLine);
        out.flush();
        forever.await();
    }

    /** {@code http://host:port/}'s form without the slash, IPv6 literals bracketed. */
    public static String url(String host, int port) {
        return "http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
