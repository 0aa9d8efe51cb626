package com.hcc.webhooks.logs.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Reports -> Overview: counts and the latest deliveries. */
@Named
@ViewScoped
public class OverviewBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int RECENT = 25;

    @EJB
    transient Overview overview;

    private Overview.Summary summary;
    private List<Overview.RecentDelivery> recent;

    @PostConstruct
    void load() {
        summary = overview.summary();
        recent = overview.recent(RECENT);
    }

    public void refresh() {
        load();
    }

    public Overview.Summary getSummary() {
        return summary;
    }

    public List<Overview.RecentDelivery> getRecent() {
        return recent;
    }
}
