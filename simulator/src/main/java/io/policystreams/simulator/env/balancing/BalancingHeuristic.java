package io.policystreams.simulator.env.balancing;

import java.util.Random;

/** The balancers operators use; each picks a server for the arriving job (the lowest index on a tie). */
public interface BalancingHeuristic {

    int act(LoadBalancing env);

    String name();

    /** Join the shortest queue: the fewest jobs, whatever their size or the server's rate. */
    static BalancingHeuristic joinShortestQueue() {
        return new Lowest("join shortest queue", (env, i) -> env.queueLength(i));
    }

    /** Least work left: the least queued work, whatever the server's rate. */
    static BalancingHeuristic leastWorkLeft() {
        return new Lowest("least work left", LoadBalancing::work);
    }

    /** Servers in turn. */
    static BalancingHeuristic roundRobin() {
        return new BalancingHeuristic() {
            private int next;

            @Override
            public int act(LoadBalancing env) {
                int server = next % env.settings().servers();
                next = server + 1;
                return server;
            }

            @Override
            public String name() {
                return "round robin";
            }
        };
    }

    /** A server uniformly at random. Draws from {@code random}. */
    static BalancingHeuristic random(Random random) {
        return new BalancingHeuristic() {
            @Override
            public int act(LoadBalancing env) {
                return random.nextInt(env.settings().servers());
            }

            @Override
            public String name() {
                return "random";
            }
        };
    }

    /** The server of the lowest cost. */
    final class Lowest implements BalancingHeuristic {
        interface Cost {
            double of(LoadBalancing env, int server);
        }

        private final String name;
        private final Cost cost;

        Lowest(String name, Cost cost) {
            this.name = name;
            this.cost = cost;
        }

        @Override
        public int act(LoadBalancing env) {
            int best = 0;
            double bestCost = cost.of(env, 0);
            for (int i = 1; i < env.settings().servers(); i++) {
                double c = cost.of(env, i);
                if (c < bestCost) {
                    best = i;
                    bestCost = c;
                }
            }
            return best;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
