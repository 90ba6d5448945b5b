package io.policystreams.simulator.env;

import java.util.Random;

/** Independent random streams from arbitrary, even consecutive, seeds. */
public final class Seeds {

    private Seeds() {
    }

    /**
     * A Random whose seed is first scrambled by MurmurHash3's 64-bit finaliser: {@code new Random(s)} for
     * consecutive s starts with strongly correlated numbers, since its seed only passes through an LCG.
     */
    public static Random random(long seed) {
        long z = seed;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return new Random(z ^ (z >>> 33));
    }
}
