package com.hcc.webhooks.webhooks.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A webhook's optional condition on the payload, e.g. {@code camp_id == 235 && call_type == "Outbound"}.
 * <p>
 * Grammar: {@code expr := and ("||" and)*; and := term ("&&" term)*; term := "!" term | "(" expr ")" | comparison;
 * comparison := field op literal; op := == != > >= < <=; literal := number | "string" | true | false | null}.
 * A field is a top-level payload field, or a dotted path into nested objects. A missing field compares like
 * null. Ordering operators compare numbers with numbers and strings with strings; anything else is false.
 */
public final class PayloadFilter {

    public static final int MAX_LENGTH = 1000;

    private static final int CACHE_LIMIT = 10_000;
    private static final java.util.concurrent.ConcurrentHashMap<String, PayloadFilter> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Node root;
    private final String text;

    /** The parsed filter, from a cache: the intake evaluates the same few filters for every event. */
    public static PayloadFilter cached(String text) {
        PayloadFilter f = CACHE.get(text);
        if (f == null) {
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            f = parse(text);
            CACHE.put(text, f);
        }
        return f;
    }

    private PayloadFilter(Node root, String text) {
        this.root = root;
        this.text = text;
    }

    /** @throws IllegalArgumentException with a message that says where and what is wrong */
    public static PayloadFilter parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a filter may be at most " + MAX_LENGTH + " characters");
        }
        Parser p = new Parser(tokens(text));
        Node node = p.expr();
        if (!p.atEnd()) {
            throw new IllegalArgumentException("unexpected '" + p.peek().text + "' at position " + p.peek().pos);
        }
        return new PayloadFilter(node, text.strip());
    }

    public boolean matches(JsonObject payload) {
        return root.eval(payload);
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- evaluation

    private interface Node {
        boolean eval(JsonObject payload);
    }

    private record Or(Node left, Node right) implements Node {
        public boolean eval(JsonObject p) {
            return left.eval(p) || right.eval(p);
        }
    }

    private record And(Node left, Node right) implements Node {
        public boolean eval(JsonObject p) {
            return left.eval(p) && right.eval(p);
        }
    }

    private record Not(Node inner) implements Node {
        public boolean eval(JsonObject p) {
            return !inner.eval(p);
        }
    }

    private record Comparison(List<String> path, String op, Object literal) implements Node {
        public boolean eval(JsonObject p) {
            Object actual = value(p);
            return switch (op) {
                case "==" -> equal(actual, literal);
                case "!=" -> !equal(actual, literal);
                default -> {
                    Integer c = compare(actual, literal);
                    yield c != null && switch (op) {
                        case ">" -> c > 0;
                        case ">=" -> c >= 0;
                        case "<" -> c < 0;
                        default -> c <= 0;
                    };
                }
            };
        }

        private Object value(JsonObject payload) {
            JsonValue v = payload;
            for (String part : path) {
                if (!(v instanceof JsonObject o) || !o.containsKey(part)) {
                    return null;
                }
                v = o.get(part);
            }
            return switch (v.getValueType()) {
                case NUMBER -> ((JsonNumber) v).bigDecimalValue();
                case STRING -> ((JsonString) v).getString();
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case NULL -> null;
                default -> v.toString();
            };
        }

        private static boolean equal(Object a, Object b) {
            if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
                return x.compareTo(y) == 0;
            }
            return Objects.equals(a, b);
        }

        private static Integer compare(Object a, Object b) {
            if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
                return x.compareTo(y);
            }
            if (a instanceof String x && b instanceof String y) {
                return x.compareTo(y);
            }
            return null;
        }
    }

    // ---- parsing

    private record Token(String kind, String text, int pos) {
    }

    private static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("&&", i) || s.startsWith("||", i) || s.startsWith("==", i) || s.startsWith("!=", i)
                    || s.startsWith(">=", i) || s.startsWith("<=", i)) {
                out.add(new Token("op", s.substring(i, i + 2), i));
                i += 2;
            } else if (c == '>' || c == '<' || c == '!' || c == '(' || c == ')') {
                out.add(new Token("op", String.valueOf(c), i));
                i++;
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != '"') {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j++;
                    }
                    b.append(s.charAt(j++));
                }
                if (j >= s.length()) {
                    throw new IllegalArgumentException("unterminated string starting at position " + i);
                }
                out.add(new Token("string", b.toString(), i));
                i = j + 1;
            } else if (Character.isDigit(c) || c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                int j = i + 1;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token("number", s.substring(i, j), i));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token("word", s.substring(i, j), i));
                i = j;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at position " + i);
            }
        }
        return out;
    }

    private static final class Parser {
        private final List<Token> tokens;
        private int at;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        boolean atEnd() {
            return at >= tokens.size();
        }

        Token peek() {
            return tokens.get(at);
        }

        private boolean accept(String op) {
            if (!atEnd() && peek().kind.equals("op") && peek().text.equals(op)) {
                at++;
                return true;
            }
            return false;
        }

        Node expr() {
            Node n = and();
            while (accept("||")) {
                n = new Or(n, and());
            }
            return n;
        }

        Node and() {
            Node n = term();
            while (accept("&&")) {
                n = new And(n, term());
            }
            return n;
        }

        Node term() {
            if (atEnd()) {
                throw new IllegalArgumentException("the filter ends where a condition was expected");
            }
            if (accept("!")) {
                return new Not(term());
            }
            if (accept("(")) {
                Node n = expr();
                if (!accept(")")) {
                    throw new IllegalArgumentException("a ')' is missing");
                }
                return n;
            }
            Token field = tokens.get(at++);
            if (!field.kind.equals("word")) {
                throw new IllegalArgumentException("expected a field name at position " + field.pos);
            }
            if (atEnd() || !peek().kind.equals("op") || !List.of("==", "!=", ">", ">=", "<", "<=").contains(peek().text)) {
                throw new IllegalArgumentException("expected ==, !=, >, >=, < or <= after '" + field.text + "'");
            }
            String op = tokens.get(at++).text;
            if (atEnd()) {
                throw new IllegalArgumentException("expected a value after '" + op + "'");
            }
            Token v = tokens.get(at++);
            Object literal = switch (v.kind) {
                case "number" -> new BigDecimal(v.text);
                case "string" -> v.text;
                case "word" -> switch (v.text) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    case "null" -> null;
                    default -> throw new IllegalArgumentException("'" + v.text + "' at position " + v.pos
                            + " is not a value: quote strings, e.g. \"" + v.text + "\"");
                };
                default -> throw new IllegalArgumentException("expected a value at position " + v.pos);
            };
            return new Comparison(List.of(field.text.split("\\.")), op, literal);
        }
    }
}
