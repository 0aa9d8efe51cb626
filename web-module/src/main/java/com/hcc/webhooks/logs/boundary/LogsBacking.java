package com.hcc.webhooks.logs.boundary;

import com.hcc.webhooks.logs.control.LogQuery;
import com.hcc.webhooks.platform.entity.InstantConverter;
import com.hcc.webhooks.delivery.boundary.Deliveries;
import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.boundary.AccountSelection;
import com.hcc.webhooks.platform.boundary.Rendering;
import com.hcc.webhooks.platform.boundary.Forms;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.webhooks.boundary.Webhooks;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.primefaces.model.StreamedContent;

/**
 * Reports -> Webhooks Logs: the filtered, lazily paged table; an expanded row; resend one; resend every failed
 * delivery of a webhook since a time, with progress; CSV export of the filtered rows. Times are UTC.
 */
@Named
@ViewScoped
public class LogsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FILTERS = "filters";
    static final String RECOVER_FORM = "recoverForm";

    @EJB
    transient Logs logs;

    @EJB
    transient Deliveries deliveries;

    @EJB
    transient Webhooks webhooks;

    @Inject
    AccountSelection selection;

    /** The user's time zone: the form's times are wall-clock times in it. */
    @Inject
    com.hcc.webhooks.platform.boundary.Display display;

    // the filters, as the form edits them (times in the user's zone)
    private LocalDateTime from;
    private LocalDateTime to;
    private String event;
    private Long webhookId;
    private String status;
    private String search;
    private String responseCode;
    /** The filter the table shows: the form's, once it was valid. */
    private LogQuery.Filter applied;

    // "Resend failed since"
    private Long recoverWebhookId;
    private LocalDateTime recoverSince;
    private Deliveries.Recovery recovery;

    private final Map<String, Logs.Detail> details = new HashMap<>();
    /** The address's parameters (f:viewParam), read once by {@link #openAddress}. */
    private final Map<String, String> address = new HashMap<>();

    private final LazyDataModel<Logs.Row> model = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return selection.getAccountId() == null ? 0 : logs.count(selection.getAccountId(), applied);
        }

        @Override
        public List<Logs.Row> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            if (selection.getAccountId() == null) {
                return List.of();
            }
            boolean ascending = sortBy.values().stream().anyMatch(s -> s.getOrder() == SortOrder.ASCENDING);
            return logs.rows(selection.getAccountId(), applied, first, pageSize, ascending);
        }

        @Override
        public String getRowKey(Logs.Row row) {
            return row.id();
        }

        /** A row of the page shown (what a ticked box names). */
        @Override
        public Logs.Row getRowData(String rowKey) {
            List<Logs.Row> shown = getWrappedData();
            return shown == null ? null : shown.stream().filter(r -> r.id().equals(rowKey)).findFirst().orElse(null);
        }
    };

    /** The rows ticked for "Resend selected". */
    private List<Logs.Row> selected = new java.util.ArrayList<>();

    /** Each ticked delivery again, with its webhook-id; one that is refused (its webhook disabled, ...) is named. */
    public void resendSelected() {
        if (!mayWrite()) {
            return;
        }
        if (selected == null || selected.isEmpty()) {
            Forms.show(ProblemException.conflict("Tick the deliveries to resend first."), FILTERS);
            return;
        }
        int resent = 0;
        List<String> refused = new java.util.ArrayList<>();
        for (Logs.Row row : selected) {
            try {
                deliveries.resend(selection.getAccountId(), row.id());
                details.remove(row.id());
                resent++;
            } catch (ProblemException e) {
                refused.add(row.id() + ": " + e.getMessage());
            }
        }
        selected = new java.util.ArrayList<>();
        Forms.info("Resending " + resent + (resent == 1 ? " delivery" : " deliveries"),
                refused.isEmpty() ? "A new attempt of each is on its way." : "Not resent: " + String.join("; ", refused));
    }

    public List<Logs.Row> getSelected() {
        return selected;
    }

    public void setSelected(List<Logs.Row> selected) {
        this.selected = selected;
    }

    @jakarta.annotation.PostConstruct
    void init() {
        from = LocalDateTime.now(display.getZone()).truncatedTo(ChronoUnit.MINUTES).minusHours(24);
        recoverSince = LocalDateTime.now(display.getZone()).truncatedTo(ChronoUnit.HOURS).minusHours(1);
        applied = filterOrNull();
    }

    private LogQuery.Filter filterOrNull() {
        return new LogQuery.Filter(instant(from), instant(to), EventType.fromWireName(event == null ? "" : event).orElse(null),
                webhookId, status == null || status.isEmpty() ? null : LogQuery.Status.valueOf(status), search);
    }

    /** Applies the form's filters; a bad one gets its message beside it and the table keeps the last good ones. */
    public void apply() {
        try {
            LogQuery.Filter f = LogQuery.Filter.parse(from == null ? null : instant(from).toString(),
                    to == null ? null : instant(to).toString(), event, webhookId, status, search, responseCode);
            applied = f;
            details.clear();
            firstPage();
            showInAddress();
        } catch (ProblemException e) {
            Forms.show(e, FILTERS);
        }
    }

    /**
     * A view opened from an address ({@code ?account=...&status=failed&search=...}, the API's names): its account
     * shown and its filters applied; a bad one gets its message beside its field, the rest apply.
     */
    public void openAddress() {
        address.values().removeIf(v -> v == null || v.isBlank());
        if (address.isEmpty()) {
            return;
        }
        selection.setAccountId(address.get("account"));
        Long webhook = null;
        String webhookText = address.get("webhookId");
        try {
            webhook = webhookText == null ? null : Long.valueOf(webhookText.strip());
        } catch (NumberFormatException e) {
            Forms.show(ProblemException.invalid(List.of(new ProblemException.FieldError("webhook",
                    "\"" + webhookText + "\" is not a webhook's number"))), FILTERS);
        }
        try {
            LogQuery.Filter f = LogQuery.Filter.parse(address.get("from"), address.get("to"), address.get("event"),
                    webhook, address.get("status"), address.get("search"), address.get("responseCode"));
            from = address.get("from") == null && address.get("to") == null ? from : local(f.from());
            to = address.get("to") == null ? null : local(f.to());
            event = f.event() == null ? null : f.event().wireName();
            webhookId = f.webhookId();
            status = f.status() == null ? null : f.status().name();
            search = f.search();
            responseCode = f.responseCode() == null ? null : f.responseCode().toString();
            applied = f;
        } catch (ProblemException e) {
            Forms.show(e, FILTERS);
        }
    }

    /** The applied filters in the browser's address (replaced, not a new history entry). */
    private void showInAddress() {
        String query = (selection.getAccountId() == null ? "" : "account="
                + java.net.URLEncoder.encode(selection.getAccountId(), java.nio.charset.StandardCharsets.UTF_8))
                + (applied.query().isEmpty() || selection.getAccountId() == null ? "" : "&") + applied.query();
        // URL-encoded: nothing in it can end the script's string
        org.primefaces.PrimeFaces.current().executeScript("history.replaceState(null,'',location.pathname+'?"
                + query + "')");
    }

    public void reset() {
        from = LocalDateTime.now(display.getZone()).truncatedTo(ChronoUnit.MINUTES).minusHours(24);
        to = null;
        event = null;
        webhookId = null;
        status = null;
        search = null;
        responseCode = null;
        applied = LogQuery.Filter.last24Hours();
        details.clear();
        firstPage();
        showInAddress();
    }

    /** New filters start on the first page. */
    private static void firstPage() {
        jakarta.faces.component.UIComponent table = jakarta.faces.context.FacesContext.getCurrentInstance()
                .getViewRoot().findComponent(":logs:table");
        if (table instanceof org.primefaces.component.datatable.DataTable t) {
            t.setFirst(0);
        }
    }

    public Logs.Detail detail(String id) {
        return details.computeIfAbsent(id, k -> logs.detail(selection.getAccountId(), k));
    }

    public void resend(Logs.Row row) {
        if (!mayWrite()) {
            return;
        }
        try {
            deliveries.resend(selection.getAccountId(), row.id());
            details.remove(row.id());
            Forms.info("Resending", "A new attempt of " + row.id() + " is on its way.");
        } catch (ProblemException e) {
            Forms.show(e, FILTERS);
        }
    }

    public void recover() {
        if (!mayWrite()) {
            return;
        }
        if (recoverWebhookId == null || recoverSince == null) {
            Forms.show(ProblemException.invalid(List.of(
                    recoverWebhookId == null ? new ProblemException.FieldError("recoverWebhook", "choose a webhook")
                            : new ProblemException.FieldError("recoverSince", "enter a time"))), RECOVER_FORM);
            return;
        }
        try {
            recovery = deliveries.recover(selection.getAccountId(), recoverWebhookId, instant(recoverSince));
            Forms.info("Resending failed deliveries", recovery.requeued() + " deliveries since "
                    + InstantConverter.readable(recovery.since()) + " are being sent again.");
        } catch (ProblemException e) {
            Forms.show(new ProblemException(e.kind(), e.getMessage(),
                    List.of(new ProblemException.FieldError("recoverWebhook", e.getMessage()))), RECOVER_FORM);
        }
    }

    /** Of the last recovery's deliveries, how many are done (0 to 100). */
    public int getRecoveryProgress() {
        if (recovery == null || recovery.requeued() == 0) {
            return recovery == null ? 0 : 100;
        }
        long remaining = deliveries.recoveryRemaining(selection.getAccountId(), recovery.webhookId(), recovery.since());
        return (int) Math.max(0, Math.min(100, 100 * (recovery.requeued() - remaining) / recovery.requeued()));
    }

    public StreamedContent getCsv() {
        String accountId = selection.getAccountId();
        LogQuery.Filter filter = applied;
        Logs bean = logs;
        return DefaultStreamedContent.builder()
                .name(LogExport.fileName(accountId == null ? "none" : accountId))
                .contentType(LogsResource.CSV + "; charset=UTF-8")
                .writer(out -> {
                    try {
                        if (accountId != null) {
                            LogExport.write(bean, accountId, filter, out);
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .build();
    }

    /** Viewers see the logs but change nothing: the buttons are hidden, and refused here too. */
    private boolean mayWrite() {
        if (selection.isWritable()) {
            return true;
        }
        Forms.show(new ProblemException(ProblemException.Kind.CONFLICT,
                "Read-only access: resending needs an account admin.", List.of()), FILTERS);
        return false;
    }



    /** "more than 10,000" instead of a count of millions. */
    public String getRowCountText() {
        int n = model.getRowCount();
        return n > LogQuery.COUNT_CAP ? "More than " + String.format("%,d", LogQuery.COUNT_CAP) + " rows: narrow the filters to see them all"
                : String.format("%,d", n) + (n == 1 ? " row" : " rows");
    }

    /** A form's time: a wall-clock time in the user's zone (UTC unless they chose another). */
    private Instant instant(LocalDateTime t) {
        return t == null ? null : t.atZone(display.getZone()).toInstant();
    }

    private LocalDateTime local(Instant t) {
        return LocalDateTime.ofInstant(t, display.getZone());
    }

    public String getResponseCode() {
        return responseCode;
    }

    public void setResponseCode(String responseCode) {
        this.responseCode = responseCode;
    }

    public Map<String, String> getAddress() {
        return address;
    }

    public LazyDataModel<Logs.Row> getModel() {
        return model;
    }

    public List<Webhooks.WebhookView> getWebhooks() {
        return Rendering.once(this, "webhooks", () ->
                selection.getAccountId() == null ? List.of() : webhooks.list(selection.getAccountId()));
    }

    public EventType[] getEvents() {
        return EventType.values();
    }

    public LogQuery.Status[] getStatuses() {
        return LogQuery.Status.values();
    }

    public LocalDateTime getFrom() {
        return from;
    }

    public void setFrom(LocalDateTime from) {
        this.from = from;
    }

    public LocalDateTime getTo() {
        return to;
    }

    public void setTo(LocalDateTime to) {
        this.to = to;
    }

    public String getEvent() {
        return event;
    }

    public void setEvent(String event) {
        this.event = event;
    }

    public Long getWebhookId() {
        return webhookId;
    }

    public void setWebhookId(Long webhookId) {
        this.webhookId = webhookId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public Long getRecoverWebhookId() {
        return recoverWebhookId;
    }

    public void setRecoverWebhookId(Long recoverWebhookId) {
        this.recoverWebhookId = recoverWebhookId;
    }

    public LocalDateTime getRecoverSince() {
        return recoverSince;
    }

    public void setRecoverSince(LocalDateTime recoverSince) {
        this.recoverSince = recoverSince;
    }

    public Deliveries.Recovery getRecovery() {
        return recovery;
    }
}
