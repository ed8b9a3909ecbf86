/**
 * Training, saving and loading topic models: binary relevance over a registry of Weka learners.
 *
 * <p><b>Adding a learner</b> is one class and one registration line:
 * <ol>
 *   <li>a class implementing {@code Learner} (most extend {@code WekaLearner}): its {@code id()} (a config's
 *       {@code learner.type}), default options, how balanced class weights reach it ({@code weighting()}),
 *       whether it honours instance weights ({@code acceptsInstanceWeights()}: topic definitions and pseudo-labels
 *       only reach learners that do), the deserialization allow-list of its models, and for a linear learner the
 *       export of its weights;</li>
 *   <li>one entry in the {@code List.of(...)} of {@link io.rubrique.model.LearnerRegistry}
 *       ({@code new MyLearner(),}).</li>
 * </ol>
 * Config validation, {@code train}/{@code evaluate} help, the loader's allow-list and the tests' learner lists
 * all read the registry.
 *
 * <p>Which trainer a config gets is decided in one place, {@link io.rubrique.model.Trainer#forConfig}.
 */
package io.rubrique.model;
