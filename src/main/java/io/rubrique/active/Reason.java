package io.rubrique.active;

/**
 * Why an item was chosen: the kind of evidence ("uncertain", "disagreement", "seed-words", "diverse",
 * "random"), the topic it concerns (null when none), the model's score and threshold for that topic when a
 * model was used, and a one-line explanation for people.
 */
public record Reason(String kind, String topic, Double score, Double threshold, String why) {
}
