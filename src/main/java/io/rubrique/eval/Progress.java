package io.rubrique.eval;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Reports finished folds: a progress bar on a terminal, plain log lines otherwise, or nothing (tests). */
public interface Progress extends AutoCloseable {
    /** One unit of work is done; {@code what} names it ("fold 3 of repeat 2"). Called from worker threads. */
    void step(String what);

    @Override
    void close();

    /** Nothing at all. */
    static Progress silent() {
        return new Progress() {
            @Override
            public void step(String what) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** A bar on stderr when it is a terminal ({@code System.console() != null}), log lines otherwise. */
    static Progress forStderr(String task, int total) {
        if (System.console() != null) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build();
            return new Progress() {
                @Override
                public void step(String what) {
                    bar.step();
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        }
        return lines(System.err, task, total);
    }

    /** "task 12/50 done (what)" lines on {@code out}, about one per tenth of the work (logs stay short). */
    static Progress lines(PrintStream out, String task, int total) {
        int every = Math.max(1, total / 10);
        return new Progress() {
            private int done;

            @Override
            public synchronized void step(String what) {
                done++;
                if (done % every == 0 || done == total) {
                    out.println(task + " " + done + "/" + total + " done (" + what + ")");
                }
            }

            @Override
            public void close() {
                out.flush();
            }
        };
    }
}
