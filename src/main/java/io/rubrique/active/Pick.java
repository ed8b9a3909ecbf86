package io.rubrique.active;

import io.rubrique.data.Snippet;

/** One suggested item: its place in the batch (1 = label first), its selection value, and why it was chosen. */
public record Pick(int rank, Snippet item, double value, Reason reason) {
}
