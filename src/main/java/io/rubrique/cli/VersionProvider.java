package io.rubrique.cli;

import io.rubrique.util.Versions;
import picocli.CommandLine;

/** {@code rubrique --version}: rubrique and the library versions that change results. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return Versions.libraries().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .toArray(String[]::new);
    }
}
