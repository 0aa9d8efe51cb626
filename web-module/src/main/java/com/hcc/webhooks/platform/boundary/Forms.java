package com.hcc.webhooks.platform.boundary;

import com.hcc.webhooks.platform.control.ProblemException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Shows a refusal in the portal: each field's message beside its input, anything else in the growl. */
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
            faces.addMessage(form + ":" + error.field(),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, error.message(), error.message()));
        }
        faces.validationFailed();
    }

    public static void info(String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, detail));
    }
}
