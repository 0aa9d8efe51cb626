package com.hcc.webhooks.logs.boundary;

import com.hcc.webhooks.logs.control.LogQuery;
import com.hcc.webhooks.logs.control.LogCsv;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the rows of a Webhooks Logs filter as CSV, page by page (each page its own short query), so an
 * export of a million rows streams in constant memory. Used by the API ({@code Accept: text/csv}) and the
 * portal's Export button.
 */
final class LogExport {

    static final int PAGE = 1000;

    private LogExport() {
    }

    static void write(Logs logs, String accountId, LogQuery.Filter filter, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(LogCsv.line(LogCsv.HEADER));
        String cursor = null;
        do {
            Logs.Page page = logs.page(accountId, filter, cursor, PAGE, false);
            for (Logs.Row r : page.rows()) {
                w.write(LogCsv.line(Arrays.asList(r.time(), r.id(), r.event(), r.webhookId(), r.apiName(),
                        r.targetUrl(), r.callId(), r.leadId(), r.phone(), r.status().label(), r.attempts(),
                        r.lastStatusCode(), r.latencyMs(), r.error())));
            }
            w.flush();
            cursor = page.nextCursor();
        } while (cursor != null);
        w.flush();
    }

    static String fileName(String accountId) {
        return "webhooks-logs-" + accountId.replaceAll("[^A-Za-z0-9_-]", "") + ".csv";
    }
}
