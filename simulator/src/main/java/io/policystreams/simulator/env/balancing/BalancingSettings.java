package io.policystreams.simulator.env.balancing;

/**
 * The load-balancing environment's parameters, modelled on Park's load_balance environment (Mao et al., NeurIPS
 * 2019): servers of different service rates (work per unit time), Poisson arrivals of mean interval
 * {@code meanInterval}, Pareto(shape, scale) job sizes.
 *
 * @param serviceRates  work each server does per unit time
 * @param jobsPerEpisode arrivals per episode
 */
public record BalancingSettings(double[] serviceRates, double paretoShape, double paretoScale, double meanInterval,
                                int jobsPerEpisode) {

    public BalancingSettings {
        if (serviceRates.length < 2) {
            throw new IllegalArgumentException("load balancing needs at least 2 servers");
        }
        for (double rate : serviceRates) {
            if (!(rate > 0)) {
                throw new IllegalArgumentException("service rates must be > 0, was " + rate);
            }
        }
        if (!(paretoShape > 1) || !(paretoScale > 0) || !(meanInterval > 0) || jobsPerEpisode < 1) {
            throw new IllegalArgumentException("need Pareto shape > 1 (a finite mean), scale > 0, interval > 0, "
                    + "jobs >= 1");
        }
        serviceRates = serviceRates.clone();
    }

    /** 10 servers of rates 0.15, 0.25, …, 1.05; sizes Pareto(1.5, 100), mean 300; 1,000 jobs; the given load. */
    public static BalancingSettings heterogeneous(double load) {
        double[] rates = new double[10];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = 0.15 + 0.1 * i;
        }
        return withLoad(rates, 1.5, 100.0, load, 1_000);
    }

    /** The mean interval that gives {@code load} = E[size] / interval / Σ rates. */
    public static BalancingSettings withLoad(double[] rates, double shape, double scale, double load, int jobs) {
        double capacity = 0.0;
        for (double rate : rates) {
            capacity += rate;
        }
        return new BalancingSettings(rates, shape, scale, shape * scale / (shape - 1) / (load * capacity), jobs);
    }

    public int servers() {
        return serviceRates.length;
    }

    public double serviceRate(int server) {
        return serviceRates[server];
    }

    @Override
    public double[] serviceRates() {
        return serviceRates.clone();
    }

    /** Offered load ρ = (E[size] / mean interval) / Σ rates, E[size] = shape · scale / (shape − 1). */
    public double load() {
        double capacity = 0.0;
        for (double rate : serviceRates) {
            capacity += rate;
        }
        return paretoShape * paretoScale / (paretoShape - 1) / meanInterval / capacity;
    }
}
