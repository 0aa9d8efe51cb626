package com.hcc.webhooks.webhooks.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hcc.webhooks.events.entity.EventType;
import com.hcc.webhooks.platform.control.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhooksValidationTest {

    static Webhooks.WebhookInput input(String event, String url, Integer timeout, Integer perSecond, String filter) {
        return new Webhooks.WebhookInput(null, event, null, url, null, timeout, perSecond, null, null, filter);
    }

    @Test
    void acceptsAWellFormedWebhook() {
        assertEquals(EventType.LEAD_REG_F_BLOCKED,
                Webhooks.validate(input("lead.reg_f_blocked", "https://crm.example.com/h", 30, 10, "camp_id == 235")));
    }

    @Test
    void namesEveryWrongField() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> Webhooks.validate(input("call.nope", "crm.example.com/h", 31, 0, "camp_id = 1")));
        assertEquals(List.of("event", "targetUrl", "timeoutSeconds", "maxPerSecond", "filter"),
                e.errors().stream().map(ProblemException.FieldError::field).toList());
        assertEquals(ProblemException.Kind.INVALID, e.kind());
    }

    @Test
    void aTargetUrlWithAUserNameOrPasswordIsRefused() {
        for (String url : List.of("http://user:pw@crm.example.com/h", "https://user@crm.example.com/h",
                "https://u%40x:p@crm.example.com:8443/h")) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> Webhooks.validate(input("call.created", url, null, null, null)), url);
            assertEquals(List.of("targetUrl"), e.errors().stream().map(ProblemException.FieldError::field).toList());
            assertEquals(true, e.errors().get(0).message().contains("user name or password"), e.errors().get(0).message());
        }
        assertEquals(EventType.CALL_CREATED, Webhooks.validate(input("call.created",
                "https://crm.example.com/h?email=a@b.example", null, null, null)), "an @ in the query is no user info");
    }
}
