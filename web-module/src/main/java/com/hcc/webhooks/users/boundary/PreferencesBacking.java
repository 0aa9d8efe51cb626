package com.hcc.webhooks.users.boundary;

import com.hcc.webhooks.platform.boundary.Caller;
import com.hcc.webhooks.platform.boundary.Display;
import com.hcc.webhooks.platform.boundary.Forms;
import com.hcc.webhooks.platform.control.ProblemException;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.PrimeFaces;

/** The signed-in user's own settings in the top bar: the time zone the portal shows times in (UTC by default). */
@Named
@ViewScoped
public class PreferencesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Users users;

    @Inject
    Caller caller;

    @Inject
    Display display;

    private String zone;

    public void open() {
        zone = display.getZone().getId().equals("Z") ? "UTC" : display.getZone().getId();
    }

    public void save() {
        try {
            users.setTimeZone(caller.getName(), zone);
            PrimeFaces.current().executeScript("location.reload()");
        } catch (ProblemException e) {
            Forms.show(e, "zoneForm");
        }
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }
}
