package com.hcc.webhooks.logs.control;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of the Webhooks Logs ends, as an opaque token for the API's cursor paging. Rows are ordered
 * by (time, source, id): deliveries are source 0 and rejected events source 1, so rows of both tables
 * interleave by time and a page boundary never skips or repeats a row, however many rows share a time.
 */
public record LogCursor(Instant time, int source, long id) {

    public static final int DELIVERY = 0;
    public static final int REJECTED = 1;

    public String encode() {
        String raw = time.toEpochMilli() + ":" + source + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IllegalArgumentException when the token is not one this class made */
    public static LogCursor decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("cursor is not valid");
            }
            int source = Integer.parseInt(parts[1]);
            if (source != DELIVERY && source != REJECTED) {
                throw new IllegalArgumentException("cursor is not valid");
            }
            return new LogCursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), source, Long.parseLong(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not valid: use the nextCursor of the previous page", e);
        }
    }

    /**
     * The SQL condition that keeps the rows of {@code source} after this cursor, for a table whose time column
     * is {@code timeColumn} and key {@code idColumn}; parameters in order: as {@link #params}.
     */
    public String after(int rowSource, boolean ascending, String timeColumn, String idColumn) {
        String beyond = ascending ? ">" : "<";
        if (rowSource == source) {
            return "(" + timeColumn + " " + beyond + " ? OR (" + timeColumn + " = ? AND " + idColumn + " " + beyond
                    + " ?))";
        }
        // the other source's rows at the same time sort wholly before or after this cursor's row
        boolean sameTimeRowsFollow = ascending ? rowSource > source : rowSource < source;
        return timeColumn + (sameTimeRowsFollow ? " " + beyond + "= ?" : " " + beyond + " ?");
    }

    public Object[] params(int rowSource) {
        return rowSource == source ? new Object[] {time, time, id} : new Object[] {time};
    }
}
