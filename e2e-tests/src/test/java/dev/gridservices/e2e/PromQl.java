package dev.gridservices.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names a PromQL expression selects, from a tokenizer of the PromQL grammar rather than a regular
 * expression over the text: function and aggregation names, keywords, label names and values, grouping label
 * lists ({@code by (...)}, {@code on (...)}, ...), durations, numbers and Grafana variables ({@code $__rate_interval})
 * are not metric names; {@code {__name__="x"}} names {@code x}. Names are taken as written: a histogram is
 * selected as {@code x_bucket}, a Micrometer timer's summary as {@code x_seconds{quantile=...}} or
 * {@code x_seconds_count}, and the check compares them with the sample names a scrape shows.
 */
final class PromQl {

    /** Aggregation operators: followed by {@code (} or a {@code by}/{@code without} clause, never metrics. */
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    /** Keywords followed by a parenthesised list of label names. */
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

    enum Kind { IDENTIFIER, STRING, NUMBER, VARIABLE, PUNCTUATION, OPERATOR }

    record Token(Kind kind, String text) {
    }

    private PromQl() {
    }

    static Set<String> metricNames(String expression) {
        List<Token> tokens = tokenize(expression);
        Set<String> names = new TreeSet<>();
        int braces = 0;
        int brackets = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            switch (token.text()) {
                case "{" -> braces++;
                case "}" -> braces--;
                case "[" -> brackets++;
                case "]" -> brackets--;
                default -> {
                }
            }
            if (token.kind() != Kind.IDENTIFIER || brackets > 0) {
                continue;
            }
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            if (braces > 0) {
                // a label matcher; only __name__="x" names a metric
                if (token.text().equals("__name__") && next != null && next.text().equals("=")
                        && i + 2 < tokens.size() && tokens.get(i + 2).kind() == Kind.STRING) {
                    names.add(tokens.get(i + 2).text());
                }
                continue;
            }
            String word = token.text().toLowerCase(Locale.ROOT);
            if (LABEL_LIST_KEYWORDS.contains(word)) {
                i = skipParenthesised(tokens, i + 1);
                continue;
            }
            boolean call = next != null && next.text().equals("(");
            if (call || AGGREGATIONS.contains(word) || KEYWORDS.contains(word)) {
                continue;
            }
            names.add(token.text());
        }
        if (braces != 0 || brackets != 0) {
            throw new IllegalArgumentException("unbalanced braces or brackets in " + expression);
        }
        return names;
    }

    /** From the index of a {@code (} (if there is one), the index of its {@code )}. */
    private static int skipParenthesised(List<Token> tokens, int open) {
        if (open >= tokens.size() || !tokens.get(open).text().equals("(")) {
            return open - 1;
        }
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            String text = tokens.get(i).text();
            if (text.equals("(")) {
                depth++;
            } else if (text.equals(")") && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed label list");
    }

    static List<Token> tokenize(String expression) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < n && expression.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (j < n && expression.charAt(j) != c) {
                    if (expression.charAt(j) == '\\' && c != '`' && j + 1 < n) {
                        j++;
                    }
                    value.append(expression.charAt(j++));
                }
                if (j >= n) {
                    throw new IllegalArgumentException("unterminated string in " + expression);
                }
                tokens.add(new Token(Kind.STRING, value.toString()));
                i = j + 1;
            } else if (c == '$') {
                int j = i + 1;
                if (j < n && expression.charAt(j) == '{') {
                    j = expression.indexOf('}', j) + 1;
                } else {
                    while (j < n && (Character.isLetterOrDigit(expression.charAt(j)) || expression.charAt(j) == '_')) {
                        j++;
                    }
                }
                tokens.add(new Token(Kind.VARIABLE, expression.substring(i, j)));
                i = j;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expression.charAt(i + 1)))) {
                // numbers, hex, exponents and durations (5m, 1h30m) in one token
                int j = i;
                while (j < n && (Character.isLetterOrDigit(expression.charAt(j)) || expression.charAt(j) == '.'
                        || ((expression.charAt(j) == '+' || expression.charAt(j) == '-')
                        && (expression.charAt(j - 1) == 'e' || expression.charAt(j - 1) == 'E')))) {
                    j++;
                }
                tokens.add(new Token(Kind.NUMBER, expression.substring(i, j)));
                i = j;
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(expression.charAt(j)) || expression.charAt(j) == '_'
                        || expression.charAt(j) == ':')) {
                    j++;
                }
                tokens.add(new Token(Kind.IDENTIFIER, expression.substring(i, j)));
                i = j;
            } else if ("(){}[],".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.PUNCTUATION, String.valueOf(c)));
                i++;
            } else {
                // operators: = != =~ !~ == <= >= < > + - * / % ^ @ (a subquery's ':' only occurs inside brackets)
                int j = i + 1;
                if (j < n && "=~".indexOf(expression.charAt(j)) >= 0 && "=!<>".indexOf(c) >= 0) {
                    j++;
                }
                tokens.add(new Token(Kind.OPERATOR, expression.substring(i, j)));
                i = j;
            }
        }
        return tokens;
    }
}
