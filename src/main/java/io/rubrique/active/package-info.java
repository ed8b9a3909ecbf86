/**
 * Choosing what to label next: the selection strategies, the simulation that compares them, and suggestions.
 *
 * <p><b>Adding a selection strategy</b> is one class and one registration line:
 * <ol>
 *   <li>a class implementing {@link io.rubrique.active.Strategy}: its {@code id()} (the name on the command line
 *       and in reports), {@code select(Selection, n)}, and what it needs: {@code needsModel()} (ranks by a
 *       model's scores; without one it falls back to the cold start) and, if it ranks by a committee of fold
 *       models, {@code needsCommittee()} returning true (callers then train the committee);</li>
 *   <li>one entry in the {@code List.of(...)} of {@link io.rubrique.active.Strategies}
 *       ({@code new MyStrategy(),}).</li>
 * </ol>
 * {@code suggest}, {@code label} and {@code simulate} then accept it, list it in {@code --help} and compare it
 * with the baseline; nothing else names strategies.
 */
package io.rubrique.active;
