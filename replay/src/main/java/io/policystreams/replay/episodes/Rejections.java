package io.policystreams.replay.episodes;

import java.util.ArrayList;
import java.util.List;

/** Records of a log that were not used, counted, with the first few named (position and reason). */
public final class Rejections {

    private static final int EXAMPLES = 10;

    private long count;
    private final List<String> examples = new ArrayList<>();

    void add(String position, String reason) {
        count++;
        if (examples.size() < EXAMPLES) {
            examples.add(position + ": " + reason);
        }
    }

    public long count() {
        return count;
    }

    public List<String> examples() {
        return List.copyOf(examples);
    }
}
