package com.hcc.webhooks.platform.boundary;

import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseId;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Values a page shows, read once per rendering: Faces evaluates a getter each time the page refers to it (a table's
 * value several times a render, the top bar's account on every page part), and a backing bean's getter that asks an
 * EJB would ask it each time. Only while the response is rendered, so that what an action changed earlier in the
 * same request is read after the change; outside a render (an action, a test) every call computes.
 */
public final class Rendering {

    private static final String KEY = Rendering.class.getName();

    private Rendering() {
    }

    /** The value of {@code compute} for this owner and name, computed at most once while this response is rendered. */
    @SuppressWarnings("unchecked")
    public static <T> T once(Object owner, String name, Supplier<T> compute) {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (faces == null || faces.getCurrentPhaseId() != PhaseId.RENDER_RESPONSE) {
            return compute.get();
        }
        Map<String, Object> request = faces.getExternalContext().getRequestMap();
        Map<Object, Map<String, Object>> values = (Map<Object, Map<String, Object>>) request
                .computeIfAbsent(KEY, k -> new IdentityHashMap<>());
        Map<String, Object> ofOwner = values.computeIfAbsent(owner, o -> new java.util.HashMap<>());
        if (ofOwner.containsKey(name)) {
            return (T) ofOwner.get(name);
        }
        T value = compute.get();
        ofOwner.put(name, value);
        return value;
    }
}
