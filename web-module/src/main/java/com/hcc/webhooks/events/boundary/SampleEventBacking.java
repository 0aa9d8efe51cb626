package com.hcc.webhooks.events.boundary;

import com.hcc.webhooks.events.entity.EventSource;
import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.boundary.AccountSelection;
import com.hcc.webhooks.platform.boundary.Forms;
import com.hcc.webhooks.platform.control.Jsons;
import com.hcc.webhooks.platform.control.ProblemException;
import com.hcc.webhooks.platform.control.ProblemException.FieldError;
import com.hcc.webhooks.webhooks.control.SeedSamples;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.util.List;
import org.primefaces.PrimeFaces;

/**
 * "Send sample event" (Webhook Settings): the documented sample of an event, filed under the shown account and
 * editable, published through the intake like a dialer's event (source PORTAL): it is delivered to every webhook
 * that takes it and shows in the Webhooks Logs; one the intake refuses is kept as a rejected event, as any.
 */
@Named
@ViewScoped
public class SampleEventBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "sampleForm";

    @EJB
    transient Intake intake;

    @Inject
    AccountSelection selection;

    private String event = EventType.CALL_CREATED.wireName();
    private String payload;
    /** What the last publish came to; what its "See it in Webhooks Logs" link searches for. */
    private Published published;

    /** A publish's outcome as the page says it. */
    public record Published(boolean accepted, String search) implements Serializable {
    }

    /** The dialog opens on the first event's sample. */
    public void open() {
        event = EventType.CALL_CREATED.wireName();
        load();
    }

    /** The chosen event's sample (replacing what was typed). */
    public void load() {
        payload = selection.getAccountId() == null ? null
                : SeedSamples.forAccount(EventType.fromWireName(event).orElse(EventType.CALL_CREATED), selection.getAccountId());
    }

    public void publish() {
        String accountId = selection.getAccountId();
        if (accountId == null || !selection.isWritable()) {
            Forms.show(ProblemException.conflict("Publishing a sample needs an account you administer."), FORM);
            return;
        }
        if (payload == null || payload.isBlank()) {
            Forms.show(ProblemException.invalid(List.of(new FieldError("payload", "is empty: enter the event's JSON,"
                    + " or choose the event again for its sample"))), FORM);
            return;
        }
        Intake.Receipt r = intake.receive(EventSource.PORTAL, event, payload, null, accountId);
        if (!r.accepted()) {
            published = new Published(false, "rej_" + r.eventId());
            Forms.show(ProblemException.invalid(List.of(new FieldError("payload", r.reason()
                    + ". It is kept as rejected event rej_" + r.eventId() + " in Webhooks Logs."))), FORM);
            return;
        }
        published = new Published(true, callId(payload));
        PrimeFaces.current().executeScript("PF('sampleDialog').hide()");
        Forms.info("Sample event published", r.deliveries() == 0
                ? "No enabled webhook takes this event, so nothing was sent; it is stored like any event."
                : r.deliveries() == 1 ? "1 delivery is on its way." : r.deliveries() + " deliveries are on their way.");
    }

    /** The payload's call_id, what the logs find its deliveries by (null when it has none). */
    private static String callId(String json) {
        try {
            JsonObject o = Jsons.createReader(json).readObject();
            return o.get("call_id") instanceof JsonNumber n ? n.toString() : null;
        } catch (RuntimeException e) {
            return null; // accepted, so it was JSON; an accepted event without call_id is found by time
        }
    }

    /** The events producers publish (an operational notification is HCC Webhooks' own). */
    public List<EventType> getEvents() {
        return EventType.produced();
    }

    public Published getPublished() {
        return published;
    }

    public String getEvent() {
        return event;
    }

    public void setEvent(String event) {
        this.event = event;
    }

    public String getPayload() {
        return payload;
    }

    public void setPayload(String payload) {
        this.payload = payload;
    }
}
