package io.rubrique.cli;

import io.rubrique.active.Strategies;
import io.rubrique.config.ExperimentConfig;
import io.rubrique.data.PoolReader;
import io.rubrique.data.TopicSet;
import io.rubrique.label.LabelServer;
import io.rubrique.label.LabelSession;
import io.rubrique.label.LabelStore;
import io.rubrique.label.RetrainJob;
import io.rubrique.model.TopicTagger;
import io.rubrique.server.LogLevels;
import io.rubrique.server.ServerLauncher;
import io.rubrique.server.ServerOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rubrique label}: the labelling page. Serves one item at a time from the suggestion queue, keyboard
 * first; saves go to the label file through the same checks as {@code validate}, atomically, with where each
 * label came from; "Retrain" trains a new model version in the background.
 */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = {"Label items in a browser: one item at a time from the suggestion queue.",
            "Keys: 1-9 toggle topics, Enter saves, S skips, U undoes the last save, R retrains, ? shows the keys. "
                + "L, C and V switch to the Label, Recheck (--recheck) and Review (second opinions) queues.",
            "Binds to 127.0.0.1 by default; on any other address a bearer token is required (--token-env)."})
public final class LabelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pool", paramLabel = "FILE", arity = "1..*",
            description = "Unlabelled items to label (default: labels/inbox.jsonl).")
    List<Path> pool = new ArrayList<>(List.of(Path.of("labels/inbox.jsonl")));

    @Mixin
    SharedOptions.Labels labelSet;

    @Option(names = "--into", paramLabel = "FILE", description = "Label file saves are appended to (default: <labels>/snippets.jsonl).")
    Path into;

    /** The model that pre-ticks topics and that Retrain replaces. */
    @Mixin
    SharedOptions.Model modelDir;

    /** The config Retrain trains. */
    @Mixin
    SharedOptions.Config config;

    @Option(names = {"--name", "--labeller"}, paramLabel = "NAME",
            description = "Who is labelling, recorded with every label (default: the OS user).")
    String name = System.getProperty("user.name", "unknown");

    @Option(names = "--overlap", paramLabel = "SHARE", description = "Ask this labeller a second opinion on this "
            + "share (0-1) of the items other labellers labelled, most uncertain first, before new items; saved to "
            + "<labels>/second-opinions.jsonl, never shown the first label (default: 0, none).")
    double overlap;

    @Option(names = "--recheck", paramLabel = "FILE", description = "A 'rubrique recheck --out' file: its items "
            + "make the page's Recheck queue (key C).")
    Path recheck;

    /** Orders the overlap items where the model cannot (or when there is no model). */
    @Mixin
    SharedOptions.Seed seed;

    @Option(names = "--strategy", paramLabel = "S", completionCandidates = RegistryHelp.StrategyNames.class,
            description = "Selection strategy, one of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE} = "
                    + Strategies.DEFAULT + ").")
    String strategy = "default";

    @Option(names = "--host", description = "Bind address (default: ${DEFAULT-VALUE}).")
    String host = ServerOptions.DEFAULT_HOST;

    @Option(names = "--port", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 8081;

    @Option(names = "--token-env", paramLabel = "NAME", description = "Environment variable holding the bearer token (default: ${DEFAULT-VALUE}).")
    String tokenEnv = "RUBRIQUE_TOKEN";

    @Option(names = "--runs-dir", paramLabel = "DIR", description = "Where Retrain's run reports go (default: ${DEFAULT-VALUE}).")
    Path runsDir = Path.of("experiments/runs");

    @Override
    public Integer call() throws Exception {
        LogLevels.configure();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String token = System.getenv(tokenEnv);
        token = token == null ? null : token.strip();
        ServerOptions options = new ServerOptions(host, port, token == null || token.isEmpty() ? null : token,
                ServerOptions.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(5));
        try {
            options.requireTokenUnlessLoopback(tokenEnv);
        } catch (IllegalArgumentException e) {
            err.println("rubrique label: " + e.getMessage());
            return 2;
        }
        if (name == null || name.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--name must not be blank");
        }
        ExperimentConfig cfg = config.read(err);
        Path labels = labelSet.path;
        Path model = modelDir.orDefault();
        TopicSet topics = TopicSet.forLabels(labels);
        Path file = into != null ? into : (Files.isDirectory(labels) ? labels.resolve("snippets.jsonl") : labels);
        PoolReader.Pool items = PoolReader.read(pool);
        TopicTagger tagger = null;
        if (Files.exists(model)) {
            tagger = TopicTagger.load(model);
            if (!tagger.topics().sameIds(topics)) {
                throw new IllegalArgumentException(model + ": the model's topics " + tagger.topics()
                        + " are not the label set's " + topics + "; retrain it");
            }
        }
        LabelStore store = new LabelStore(file, labels, topics);
        if (!(overlap >= 0 && overlap <= 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--overlap must be a share between "
                    + "0 and 1, was " + overlap);
        }
        LabelSession.Trust trust = new LabelSession.Trust(overlap, seed.or(cfg),
                recheck == null ? List.of() : LabelServer.readRecheck(recheck));
        LabelSession session = new LabelSession(topics, items.records(), store, name.strip(),
                Strategies.get(strategy), tagger, tagger == null ? null : tagger.manifest().modelSha256(),
                Clock.systemUTC(), trust);
        AtomicReference<Map<String, Object>> figures = new AtomicReference<>(tagger == null ? null
                : RetrainJob.figuresOf(runsDir, tagger.manifest().modelSha256()));
        RetrainJob retrain = new RetrainJob(labels, cfg, pool, model, runsDir,
                t -> session.useModel(t, t.manifest().modelSha256()), session::useCommittee);
        if (tagger != null && Strategies.get(strategy).needsCommittee()) {
            retrain.startCommittee();
        }
        LabelServer server;
        try {
            server = new LabelServer(options, session, retrain, figures::get).start();
        } catch (IllegalStateException e) {
            err.println("rubrique label: " + e.getMessage());
            return 1;
        }
        String url = ServerLauncher.url(host, server.port()) + "/"
                + (options.token() == null ? "" : "#token=<the token in $" + tokenEnv + ">");
        ServerLauncher.untilStopped(server::close, "labelling " + items.records().size() + " pool item(s) into "
                + file + " as " + session.labeller() + ": open " + url, out);
        return 0;
    }
}
