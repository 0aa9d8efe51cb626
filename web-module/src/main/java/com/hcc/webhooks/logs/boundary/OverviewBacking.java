package com.hcc.webhooks.logs.boundary;

import com.hcc.webhooks.platform.control.Jsons;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Reports -> Overview: counts, the selected account's last 24 hours by hour and by webhook, the latest deliveries. */
@Named
@ViewScoped
public class OverviewBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int RECENT = 25;

    @EJB
    transient Overview overview;

    @jakarta.inject.Inject
    com.hcc.webhooks.platform.boundary.AccountSelection selection;

    @jakarta.inject.Inject
    com.hcc.webhooks.platform.boundary.Caller caller;

    private Overview.Summary summary;
    private List<Overview.RecentDelivery> recent;
    private Overview.AccountReport report;

    @Inject
    com.hcc.webhooks.platform.boundary.Display display;
    /** Operators: rejected events no account's logs list. */
    private List<Overview.Unclaimed> unclaimed = List.of();

    @PostConstruct
    void load() {
        // an operator sees the whole platform; everyone else only their account
        String scope = caller.isOperator() ? null : selection.getAccountId();
        if (!caller.isOperator() && scope == null) {
            summary = new Overview.Summary(0, 0, 0, 0, java.util.Map.of());
            recent = List.of();
            return;
        }
        summary = overview.summary(scope);
        recent = overview.recent(scope, RECENT);
        unclaimed = caller.isOperator() ? overview.unclaimed(RECENT) : List.of();
        report = selection.getAccountId() == null ? null : overview.report(selection.getAccountId());
    }

    public Overview.AccountReport getReport() {
        return report;
    }

    /** Deliveries per hour by outcome, as a Chart.js stacked bar chart configuration. */
    public String getHourlyChart() {
        if (report == null) {
            return "{}";
        }
        java.time.format.DateTimeFormatter hh = java.time.format.DateTimeFormatter.ofPattern("HH:00")
                .withZone(display.getZone());
        jakarta.json.JsonArrayBuilder labels = Jsons.createArrayBuilder();
        jakarta.json.JsonArrayBuilder ok = Jsons.createArrayBuilder();
        jakarta.json.JsonArrayBuilder failed = Jsons.createArrayBuilder();
        jakarta.json.JsonArrayBuilder open = Jsons.createArrayBuilder();
        for (Overview.Hour h : report.hours()) {
            labels.add(hh.format(h.start()));
            ok.add(h.succeeded());
            failed.add(h.failed());
            open.add(h.open());
        }
        return Jsons.createObjectBuilder()
                .add("type", "bar")
                .add("data", Jsons.createObjectBuilder().add("labels", labels).add("datasets",
                        Jsons.createArrayBuilder()
                                .add(dataset("Succeeded", ok, "#16a34a"))
                                .add(dataset("Failed", failed, "#dc2626"))
                                .add(dataset("Pending or retrying", open, "#d97706"))))
                .add("options", Jsons.createObjectBuilder()
                        .add("animation", false)
                        .add("maintainAspectRatio", false)
                        .add("scales", Jsons.createObjectBuilder()
                                .add("x", Jsons.createObjectBuilder().add("stacked", true))
                                .add("y", Jsons.createObjectBuilder().add("stacked", true).add("beginAtZero", true)
                                        .add("ticks", Jsons.createObjectBuilder().add("precision", 0))))) // counts: no 0.1
                .build().toString();
    }

    private static jakarta.json.JsonObjectBuilder dataset(String label, jakarta.json.JsonArrayBuilder data, String color) {
        return Jsons.createObjectBuilder().add("label", label).add("data", data).add("backgroundColor", color);
    }

    public void refresh() {
        load();
    }

    public Overview.Summary getSummary() {
        return summary;
    }

    public List<Overview.Unclaimed> getUnclaimed() {
        return unclaimed;
    }

    public List<Overview.RecentDelivery> getRecent() {
        return recent;
    }
}
