package io.rubrique.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Label files that do not validate; the message lists the problems (the first 20) one per line. */
public final class LabelException extends IOException {
    static final int MAX_LISTED = 20;

    private final transient List<LabelProblem> problems;

    public LabelException(Path origin, List<LabelProblem> problems) {
        super(message(origin, problems));
        this.problems = List.copyOf(problems);
    }

    public List<LabelProblem> problems() {
        return problems;
    }

    private static String message(Path origin, List<LabelProblem> problems) {
        String listed = problems.stream().limit(MAX_LISTED).map(LabelProblem::toString)
                .collect(Collectors.joining("\n"));
        String more = problems.size() > MAX_LISTED ? "\n… and " + (problems.size() - MAX_LISTED) + " more" : "";
        return problems.size() + " problem(s) in " + origin + " (run rubrique validate):\n" + listed + more;
    }
}
