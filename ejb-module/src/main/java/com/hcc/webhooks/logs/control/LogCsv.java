package com.hcc.webhooks.logs.control;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV lines of the Webhooks Logs export (RFC 4180: comma separated, CRLF, quotes doubled). A cell that a
 * spreadsheet would run as a formula (starting with =, +, -, @) is prefixed with an apostrophe unless it is
 * a plain number, so an exported payload value cannot execute in the customer's spreadsheet.
 */
public final class LogCsv {

    public static final List<String> HEADER = List.of("time", "id", "event", "webhook_id", "api_name", "target_url",
            "call_id", "lead_id", "phone", "status", "attempts", "last_response_code", "latency_ms", "error");

    private LogCsv() {
    }

    public static String line(List<?> cells) {
        return cells.stream().map(LogCsv::cell).collect(Collectors.joining(",", "", "\r\n"));
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.matches("[+-]?\\d+(\\.\\d+)?")) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || s.startsWith(" ") || s.endsWith(" ")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
