package io.rubrique.server;

import io.rubrique.model.Manifest;
import io.rubrique.model.Tagging;
import io.rubrique.model.TopicTagger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child-process entry point for {@link GracefulShutdownTest}: serves a fake model whose {@code tag} prints
 * {@code tagging} and then takes {@code args[0]} ms (default 300), with a drain timeout of {@code args[1]} ms
 * (default 10 s), through the same {@link ServerLauncher} as {@code rubrique serve}.
 */
public final class SlowServerMain {
    private SlowServerMain() {
    }

    public static void main(String[] args) throws Exception {
        long tagMillis = args.length > 0 ? Long.parseLong(args[0]) : 300;
        Duration drain = args.length > 1 ? Duration.ofMillis(Long.parseLong(args[1])) : ServerOptions.DEFAULT_DRAIN;
        FakeTagger fast = new FakeTagger("slow", "5".repeat(64), 0);
        TopicTagger slow = new TopicTagger() {
            @Override
            public Tagging tag(String title, String text) {
                System.out.println("tagging");
                System.out.flush();
                try {
                    Thread.sleep(tagMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return fast.tag(title, text);
            }

            @Override
            public io.rubrique.data.TopicSet topics() {
                return io.rubrique.data.TopicSet.defaults();
            }

            @Override
            public Manifest manifest() {
                return fast.manifest();
            }
        };
        ModelHolder models = new ModelHolder(dir -> slow, ServedModel.of(slow, Path.of(".")));
        RubriqueServer server = new RubriqueServer(ServerOptions.loopback(0).withDrainTimeout(drain), models).start();
        ServerLauncher.runUntilStopped(server, null, "127.0.0.1", new PrintWriter(System.out, true));
    }
}
