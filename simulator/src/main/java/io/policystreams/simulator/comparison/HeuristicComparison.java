package io.policystreams.simulator.comparison;

import io.policystreams.binding.Actor;
import io.policystreams.simulator.env.Environment;
import io.policystreams.simulator.env.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs the learned policy and every heuristic of a workload on the same seeded job sequences at several loads:
 * sequence k has the same arrivals and job sizes for every contender. Each contender's score per sequence is the
 * workload's metric; the result holds them all, with 95% intervals and paired improvements over the best heuristic.
 */
public final class HeuristicComparison {

    public static final String LEARNED_GREEDY = "learned (greedy)";
    public static final String LEARNED_SAMPLED = "learned (sampled)";

    /** Mixed into the seed so that comparing with seed S does not replay the episodes a simulator of seed S ran. */
    static final long HELD_OUT = 0x9E3779B97F4A7C15L;

    private HeuristicComparison() {
    }

    /**
     * @param learned   the learned policy, run by its most likely action and by sampling; null for heuristics only
     * @param sequences job sequences per load, at least 2
     * @param seed      seeds the sequences (sequence k uses the same seed at every load) and all sampling; the
     *                  sequences differ from those a simulator of the same seed trains on
     */
    public static <E extends Environment> ComparisonResult run(Workload<E> workload, Actor learned, List<Double> loads,
                                                               int sequences, long seed) {
        if (sequences < 2 || loads.isEmpty()) {
            throw new IllegalArgumentException("need at least one load and 2 sequences, got " + loads.size()
                    + " loads and " + sequences + " sequences");
        }
        Random seeds = new Random(seed ^ HELD_OUT);
        long[] sequenceSeeds = new long[sequences];
        long[] samplingSeeds = new long[sequences];
        for (int k = 0; k < sequences; k++) {
            sequenceSeeds[k] = seeds.nextLong();
            samplingSeeds[k] = seeds.nextLong();
        }
        List<ComparisonResult.Entry> entries = new ArrayList<>();
        for (double load : loads) {
            List<String> names = null;
            double[][] scores = null;
            int[] unfinished = null;
            for (int k = 0; k < sequences; k++) {
                List<Contender<E>> contenders = contenders(workload, learned, samplingSeeds[k]);
                if (names == null) {
                    names = contenders.stream().map(Contender::name).toList();
                    scores = new double[contenders.size()][sequences];
                    unfinished = new int[contenders.size()];
                }
                for (int c = 0; c < contenders.size(); c++) {
                    Workload.Score score = play(workload, contenders.get(c), load, sequenceSeeds[k]);
                    scores[c][k] = score.value();
                    unfinished[c] += score.unfinished();
                }
            }
            for (int c = 0; c < names.size(); c++) {
                entries.add(new ComparisonResult.Entry(load, names.get(c), scores[c], unfinished[c]));
            }
        }
        return new ComparisonResult(workload.title(), workload.metric(), workload.reference(), entries);
    }

    private static <E extends Environment> List<Contender<E>> contenders(Workload<E> workload, Actor learned,
                                                                         long seed) {
        List<Contender<E>> contenders = new ArrayList<>();
        if (learned != null) {
            contenders.add(Contender.learned(LEARNED_GREEDY, learned, true, null));
            contenders.add(Contender.learned(LEARNED_SAMPLED, learned, false, new Random(seed)));
        }
        contenders.addAll(workload.heuristics(seed));
        return contenders;
    }

    /** One episode of the contender on the sequence of {@code sequenceSeed}, to its end. */
    static <E extends Environment> Workload.Score play(Workload<E> workload, Contender<E> contender, double load,
                                                      long sequenceSeed) {
        E environment = workload.environment(load);
        double[] observation = environment.reset(sequenceSeed);
        double episodeReturn = 0.0;
        Transition transition;
        do {
            transition = environment.step(contender.act(environment, observation));
            episodeReturn += transition.reward();
            observation = transition.observation();
        } while (!transition.ended());
        return workload.score(environment, episodeReturn);
    }
}
