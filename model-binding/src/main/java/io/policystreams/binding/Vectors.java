package io.policystreams.binding;

import java.util.ArrayList;
import java.util.List;

/** Avro's array&lt;double&gt; (a List&lt;Double&gt;) to and from the double[] of the math. */
public final class Vectors {

    private Vectors() {
    }

    public static double[] toArray(List<Double> values) {
        double[] array = new double[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    public static List<Double> toList(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
