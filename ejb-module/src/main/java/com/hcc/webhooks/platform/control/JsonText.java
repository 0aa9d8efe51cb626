package com.hcc.webhooks.platform.control;

/**
 * Pretty-prints JSON text for the Webhooks Logs report without parsing it into values: every string and
 * number stays exactly as it was sent ({@code 1.50} stays {@code 1.50}, field order and nulls are kept),
 * only whitespace between tokens changes. Text that is not JSON is returned as it came.
 */
public final class JsonText {

    private static final String INDENT = "  ";

    private JsonText() {
    }

    /** The report's view of a request: {@code {"headers": {...}, "json": {...}}}, pretty-printed. */
    public static String document(String headersJson, String bodyJson) {
        return pretty("{\"headers\":" + headersJson + ",\"json\":" + bodyJson + "}");
    }

    public static String pretty(String json) {
        if (json == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(json.length() + json.length() / 4);
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < json.length()) {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    out.append(c);
                }
                case '{', '[' -> {
                    int next = nextToken(json, i + 1);
                    char close = c == '{' ? '}' : ']';
                    if (next < json.length() && json.charAt(next) == close) {
                        out.append(c).append(close);
                        i = next;
                    } else {
                        depth++;
                        out.append(c);
                        newline(out, depth);
                    }
                }
                case '}', ']' -> {
                    depth--;
                    if (depth < 0) {
                        return json;
                    }
                    newline(out, depth);
                    out.append(c);
                }
                case ',' -> {
                    out.append(c);
                    newline(out, depth);
                }
                case ':' -> out.append(": ");
                case ' ', '\t', '\n', '\r' -> {
                    // whitespace between tokens is replaced by ours
                }
                default -> out.append(c);
            }
        }
        return depth == 0 && !inString ? out.toString() : json;
    }

    private static int nextToken(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void newline(StringBuilder out, int depth) {
        out.append('\n');
        out.append(INDENT.repeat(depth));
    }
}
