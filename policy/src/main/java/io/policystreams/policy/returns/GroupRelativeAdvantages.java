package io.policystreams.policy.returns;

import io.policystreams.policy.Preconditions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Group-relative advantages (GRPO, Shao et al. 2024, eq. 3): Â_i = (R_i − mean(R_group))/(std(R_group) + ε)
 * over the episodes of a group that started from the same state; a group of one has advantage 0.
 */
public final class GroupRelativeAdvantages {

    private GroupRelativeAdvantages() {
    }

    /**
     * Â_i for each episode i, with {@code groupOf.get(i)} the key of its start state (any type with equals).
     * Not modified: episodeReturns, groupOf.
     */
    public static <K> double[] advantages(double[] episodeReturns, List<K> groupOf) {
        Preconditions.requireFiniteNonEmpty("episodeReturns", episodeReturns);
        if (groupOf.size() != episodeReturns.length) {
            throw new IllegalArgumentException("groupOf must have one key per episode: "
                    + groupOf.size() + " keys for " + episodeReturns.length + " returns");
        }
        Map<K, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < episodeReturns.length; i++) {
            members.computeIfAbsent(groupOf.get(i), k -> new ArrayList<>()).add(i);
        }
        double[] advantages = new double[episodeReturns.length];
        for (List<Integer> group : members.values()) {
            double[] returns = new double[group.size()];
            for (int j = 0; j < returns.length; j++) {
                returns[j] = episodeReturns[group.get(j)];
            }
            double[] normalized = AdvantageNormalization.normalize(returns);
            for (int j = 0; j < returns.length; j++) {
                advantages[group.get(j)] = normalized[j];
            }
        }
        return advantages;
    }
}
