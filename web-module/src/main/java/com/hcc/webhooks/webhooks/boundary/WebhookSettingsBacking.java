package com.hcc.webhooks.webhooks.boundary;

import com.hcc.webhooks.delivery.boundary.Deliveries;
import com.hcc.webhooks.credentials.boundary.Credentials;
import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.boundary.AccountSelection;
import com.hcc.webhooks.platform.boundary.Rendering;
import com.hcc.webhooks.platform.boundary.Forms;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.webhooks.entity.RequestMethod;
import com.hcc.webhooks.webhooks.entity.Webhook;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.primefaces.PrimeFaces;

/** Webhooks -> Webhook Settings: which events go where; send a test; enable, disable, delete, rotate. */
@Named
@ViewScoped
public class WebhookSettingsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "webhookDialogForm";

    @EJB
    transient Webhooks webhooks;

    @EJB
    transient Credentials credentials;

    @Inject
    AccountSelection selection;

    private Long id;
    private RequestMethod requestMethod = RequestMethod.POST;
    private String event = EventType.CALL_CREATED.wireName();
    private Long accessId;
    private String targetUrl;
    private boolean enabled = true;
    private Integer timeoutSeconds = Webhook.DEFAULT_TIMEOUT_SECONDS;
    private Integer maxPerSecond;
    private Integer maxConcurrent;
    private boolean ordered = true;
    private String filter;
    /** Shown once after a create or a rotation, then forgotten. */
    private String revealedSecret;
    private final Map<Long, Deliveries.TestResult> tests = new HashMap<>();

    public List<Webhooks.WebhookView> getWebhooks() {
        return Rendering.once(this, "webhooks", () ->
                selection.getAccountId() == null ? List.of() : webhooks.list(selection.getAccountId()));
    }

    public List<Credentials.AccessView> getAccesses() {
        return Rendering.once(this, "accesses", () ->
                selection.getAccountId() == null ? List.of() : credentials.list(selection.getAccountId()));
    }

    public EventType[] getEvents() {
        return EventType.values();
    }

    public RequestMethod[] getMethods() {
        return RequestMethod.values();
    }

    public void newWebhook() {
        id = null;
        requestMethod = RequestMethod.POST;
        event = EventType.CALL_CREATED.wireName();
        accessId = null;
        targetUrl = null;
        enabled = true;
        timeoutSeconds = Webhook.DEFAULT_TIMEOUT_SECONDS;
        maxPerSecond = null;
        maxConcurrent = null;
        ordered = true;
        filter = null;
    }

    public void edit(Webhooks.WebhookView w) {
        id = w.id();
        requestMethod = w.requestMethod();
        event = w.event();
        accessId = w.accessId();
        targetUrl = w.targetUrl();
        enabled = w.enabled();
        timeoutSeconds = w.timeoutSeconds();
        maxPerSecond = w.maxPerSecond();
        maxConcurrent = w.maxConcurrent();
        ordered = w.ordered();
        filter = w.filter();
    }

    private Webhooks.WebhookInput input(Boolean enabledValue) {
        return new Webhooks.WebhookInput(requestMethod, event, accessId, targetUrl, enabledValue, timeoutSeconds,
                maxPerSecond, maxConcurrent, ordered, filter);
    }

    public void save() {
        try {
            if (id == null) {
                revealedSecret = webhooks.create(selection.getAccountId(), input(enabled)).signingSecret();
                PrimeFaces.current().executeScript("PF('webhookDialog').hide();PF('secretDialog').show()");
            } else {
                webhooks.update(selection.getAccountId(), id, input(enabled));
                PrimeFaces.current().executeScript("PF('webhookDialog').hide()");
            }
            Forms.info("Webhook saved", targetUrl);
        } catch (ProblemException e) {
            Forms.show(e, FORM);
        }
    }

    public void toggle(Webhooks.WebhookView w) {
        edit(w);
        try {
            webhooks.update(selection.getAccountId(), w.id(), input(!w.enabled()));
            Forms.info(w.enabled() ? "Webhook disabled" : "Webhook enabled", w.targetUrl());
        } catch (ProblemException e) {
            Forms.show(e, FORM);
        }
    }

    /** The webhook the address names ({@code ?webhook=<id>}): its row is marked. */
    private Long focus;

    public Long getFocus() {
        return focus;
    }

    public void setFocus(Long focus) {
        this.focus = focus;
    }

    /** The rows ticked for a bulk change. */
    private List<Webhooks.WebhookView> selected = new java.util.ArrayList<>();

    public void enableSelected() {
        changeSelected(true);
    }

    public void disableSelected() {
        changeSelected(false);
    }

    /** Each ticked webhook not already so enabled or disabled; one that is refused is named, the others go on. */
    private void changeSelected(boolean enable) {
        if (selected == null || selected.isEmpty()) {
            Forms.show(ProblemException.conflict("Tick the webhooks to " + (enable ? "enable" : "disable") + " first."), FORM);
            return;
        }
        int changed = 0;
        List<String> refused = new java.util.ArrayList<>();
        for (Webhooks.WebhookView w : selected) {
            if (w.enabled() == enable) {
                continue;
            }
            edit(w);
            try {
                webhooks.update(selection.getAccountId(), w.id(), input(enable));
                changed++;
            } catch (ProblemException e) {
                refused.add(w.targetUrl() + ": " + e.getMessage());
            }
        }
        selected = new java.util.ArrayList<>();
        Forms.info((enable ? "Enabled " : "Disabled ") + changed + (changed == 1 ? " webhook" : " webhooks"),
                refused.isEmpty() ? null : "Not changed: " + String.join("; ", refused));
    }

    public List<Webhooks.WebhookView> getSelected() {
        return selected;
    }

    public void setSelected(List<Webhooks.WebhookView> selected) {
        this.selected = selected;
    }

    public void delete(Webhooks.WebhookView w) {
        webhooks.delete(selection.getAccountId(), w.id());
        tests.remove(w.id());
        Forms.info("Webhook deleted", w.targetUrl());
    }

    public void sendTest(Webhooks.WebhookView w) {
        tests.put(w.id(), webhooks.sendTest(selection.getAccountId(), w.id()));
    }

    public Deliveries.TestResult test(long webhookId) {
        return tests.get(webhookId);
    }

    public void rotate(Webhooks.WebhookView w) {
        revealedSecret = webhooks.rotateSigningSecret(selection.getAccountId(), w.id());
    }

    /** Reads the once-shown secret and forgets it, so a later render or a serialized view never has it. */
    public String takeRevealedSecret() {
        String s = revealedSecret;
        revealedSecret = null;
        return s;
    }

    public boolean isEditing() {
        return id != null;
    }

    public RequestMethod getRequestMethod() {
        return requestMethod;
    }

    public void setRequestMethod(RequestMethod requestMethod) {
        this.requestMethod = requestMethod;
    }

    public String getEvent() {
        return event;
    }

    public void setEvent(String event) {
        this.event = event;
    }

    public Long getAccessId() {
        return accessId;
    }

    public void setAccessId(Long accessId) {
        this.accessId = accessId;
    }

    public String getTargetUrl() {
        return targetUrl;
    }

    public void setTargetUrl(String targetUrl) {
        this.targetUrl = targetUrl;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Integer getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public void setTimeoutSeconds(Integer timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public Integer getMaxPerSecond() {
        return maxPerSecond;
    }

    public void setMaxPerSecond(Integer maxPerSecond) {
        this.maxPerSecond = maxPerSecond;
    }

    public Integer getMaxConcurrent() {
        return maxConcurrent;
    }

    public void setMaxConcurrent(Integer maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
    }

    public boolean isOrdered() {
        return ordered;
    }

    public void setOrdered(boolean ordered) {
        this.ordered = ordered;
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter;
    }
}
