package io.rubrique.cli;

import io.rubrique.model.ModelLoadException;
import io.rubrique.server.ModelHolder;
import io.rubrique.server.ModelLoader;
import io.rubrique.server.LogLevels;
import io.rubrique.server.ModelWatcher;
import io.rubrique.server.RubriqueServer;
import io.rubrique.server.ServerLauncher;
import io.rubrique.server.ServerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rubrique serve}: serves a model over HTTP (loopback by default; a token is required beyond it). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = {
    "Serve a model over HTTP: POST /v1/classify, /v1/classify/batch; GET /v1/model, /health, /metrics,"
        + " /openapi.json; POST /v1/admin/reload.",
    "Binds to 127.0.0.1 by default. On any other address a bearer token is required (from the environment"
        + " variable named by --token-env). SIGTERM drains in-flight requests and exits 0."})
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    SharedOptions.Model modelDir;

    @Option(names = "--host", defaultValue = ServerOptions.DEFAULT_HOST, description = "Bind address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port; 0 picks a free one and prints it (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token-env", defaultValue = "RUBRIQUE_TOKEN", paramLabel = "NAME",
            description = "Environment variable holding the bearer token (default: ${DEFAULT-VALUE}).")
    String tokenEnv;

    @Option(names = "--watch", description = "Reload when the model directory's CURRENT version (or its manifest.json) changes.")
    boolean watch;

    @Option(names = "--watch-interval", defaultValue = "3", paramLabel = "SECONDS", description = "Seconds between --watch polls (default: ${DEFAULT-VALUE}).")
    int watchSeconds;

    @Option(names = "--drain-timeout", defaultValue = "10", paramLabel = "SECONDS", description = "How long a stop waits for in-flight requests (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Option(names = "--idle-timeout", defaultValue = "30", paramLabel = "SECONDS", description = "Close a connection on which nothing arrives for this long (default: ${DEFAULT-VALUE}).")
    int idleSeconds;

    @Option(names = "--max-connections", defaultValue = "512", paramLabel = "N", description = "Open connections at most; beyond it new ones wait (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final ModelLoader loader;

    public ServeCommand() {
        this(ModelLoader.standard());
    }

    ServeCommand(ModelLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() throws InterruptedException {
        LogLevels.configure();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerOptions options;
        try {
            if (watchSeconds < 1 || drainSeconds < 0 || idleSeconds < 1 || maxConnections < 1) {
                throw new IllegalArgumentException("--watch-interval, --idle-timeout and --max-connections must be"
                        + " >= 1, and --drain-timeout >= 0");
            }
            ServerOptions.Limits limits = new ServerOptions.Limits(Duration.ofSeconds(idleSeconds),
                    ServerOptions.Limits.DEFAULTS.minRequestDataRate(), maxConnections);
            String token = System.getenv(tokenEnv);
            if (token != null && token.isBlank()) {
                // Set but blank is a mistake (an empty secret, a stray space), not a way to switch auth off.
                throw new IllegalArgumentException("the environment variable " + tokenEnv + " is set but blank;"
                        + " set it to a non-blank token, or unset it to serve on loopback without one");
            }
            options = new ServerOptions(host, port, token, ServerOptions.DEFAULT_MAX_BODY_BYTES,
                    Duration.ofSeconds(drainSeconds), limits);
            options.requireTokenUnlessLoopback(tokenEnv);
        } catch (IllegalArgumentException e) {
            err.println("rubrique serve: " + e.getMessage());
            return 2;
        }
        Path model = modelDir.orDefault();
        ModelHolder models;
        try {
            models = ModelHolder.load(loader, model);
        } catch (ModelLoadException e) {
            err.println("rubrique serve: cannot load model " + model + ": " + e.getMessage());
            return 1;
        }
        RubriqueServer server = new RubriqueServer(options, models);
        try {
            server.start();
        } catch (IllegalStateException e) {
            err.println("rubrique serve: " + e.getMessage());
            return 1;
        }
        ModelWatcher watcher = watch ? new ModelWatcher(() -> models.current().dir(), () -> server.reload(null),
                Duration.ofSeconds(watchSeconds)) : null;
        ServerLauncher.runUntilStopped(server, watcher, host, out);
        return 0;
    }
}
