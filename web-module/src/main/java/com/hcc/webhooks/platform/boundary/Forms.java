package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.platform.control.ProblemException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/**
 * Shows a refusal in the portal: each field's message beside its input, and only there (the growl shows messages
 * of no field); a message for a field the page has no input for goes to the growl, naming the field.
 */
public final class Forms {

    private Forms() {
    }

    /** @param form the client id of the form whose inputs are named as the API's fields */
    public static void show(ProblemException e, String form) {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (e.errors().isEmpty()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
        for (ProblemException.FieldError error : e.errors()) {
            String id = form + ":" + error.field();
            if (faces.getViewRoot() != null && faces.getViewRoot().findComponent(":" + id) != null) {
                faces.addMessage(id, new FacesMessage(FacesMessage.SEVERITY_ERROR, error.message(), error.message()));
            } else {
                // no input of that name on the page: said at the top, naming the field, rather than lost
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, error.field() + ": " + error.message(), null));
            }
        }
        faces.validationFailed();
    }

    public static void info(String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, detail));
    }
}
