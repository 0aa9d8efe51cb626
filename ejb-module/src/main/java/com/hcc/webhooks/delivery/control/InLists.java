package com.hcc.webhooks.delivery.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The IN lists of the engine's native statements (the order lock's rows, the poller's busy webhooks): their values are
 * parameters, and their count is rounded up to a power of two with the last value repeated, so a handful of statement
 * texts, each prepared once per connection, serve every count (docs/performance.md, 2026-12-03 fifth part).
 */
public final class InLists {

    private InLists() {
    }

    /** How many parameters a list of {@code values} values names: the next power of two, at least one. */
    public static int size(int values) {
        return values <= 1 ? 1 : Integer.highestOneBit(values - 1) << 1;
    }

    /** {@code ?from, ?from+1, ...}: {@code count} numbered parameters. */
    public static String placeholders(int from, int count) {
        StringBuilder sql = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            sql.append('?').append(i).append(i < from + count - 1 ? ", " : "");
        }
        return sql.toString();
    }

    /** The values padded to {@link #size}: the last repeated, or {@code none} alone when there are none. */
    public static <T> List<T> padded(List<T> values, T none) {
        List<T> out = new ArrayList<>(values.isEmpty() ? List.of(none) : values);
        T last = out.get(out.size() - 1);
        while (out.size() < size(out.size())) {
            out.add(last);
        }
        return out;
    }
}
