package com.hcc.webhooks.credentials.boundary;

import com.hcc.webhooks.credentials.entity.AuthType;
import com.hcc.webhooks.credentials.entity.HeaderLocation;
import com.hcc.webhooks.platform.boundary.AccountSelection;
import com.hcc.webhooks.platform.boundary.Rendering;
import com.hcc.webhooks.platform.boundary.Forms;
import com.hcc.webhooks.platform.control.ProblemException;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.primefaces.PrimeFaces;

/** Webhooks -> Access Setup: the account's credentials, one dialog to add or edit. Secrets go in, never out. */
@Named
@ViewScoped
public class AccessSetupBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "accessDialogForm";

    @EJB
    transient Credentials credentials;

    @Inject
    AccountSelection selection;

    private Long id;
    private AuthType type = AuthType.BASIC;
    private String apiName;
    private String authKeyName;
    private String clientId;
    private String clientSecret;
    private String apiKey;
    private HeaderLocation headerLocation = HeaderLocation.HEADER;
    private String secretHint;
    private String tokenUrl;
    private String scope;
    private String audience;

    public List<Credentials.AccessView> getAccesses() {
        return Rendering.once(this, "accesses", () ->
                selection.getAccountId() == null ? List.of() : credentials.list(selection.getAccountId()));
    }

    public AuthType[] getTypes() {
        return AuthType.values();
    }

    public HeaderLocation[] getLocations() {
        return HeaderLocation.values();
    }

    public void newAccess() {
        id = null;
        type = AuthType.BASIC;
        apiName = null;
        authKeyName = "Authorization";
        clientId = null;
        clientSecret = null;
        apiKey = null;
        headerLocation = HeaderLocation.HEADER;
        secretHint = null;
        tokenUrl = null;
        scope = null;
        audience = null;
    }

    public void edit(Credentials.AccessView a) {
        id = a.id();
        type = a.type();
        apiName = a.apiName();
        authKeyName = a.authKeyName();
        clientId = a.clientId();
        clientSecret = null;
        apiKey = null;
        headerLocation = a.headerLocation() == null ? HeaderLocation.HEADER : a.headerLocation();
        secretHint = a.secret();
        tokenUrl = a.tokenUrl();
        scope = a.scope();
        audience = a.audience();
    }

    public void save() {
        Credentials.AccessInput in = new Credentials.AccessInput(type, apiName, authKeyName, clientId,
                secretGiven(clientSecret), secretGiven(apiKey), headerLocation, tokenUrl, scope, audience);
        try {
            if (id == null) {
                credentials.create(selection.getAccountId(), in);
            } else {
                credentials.update(selection.getAccountId(), id, in);
            }
            Forms.info("Access saved", apiName);
            PrimeFaces.current().executeScript("PF('accessDialog').hide()");
        } catch (ProblemException e) {
            Forms.show(e, FORM);
        } finally {
            clientSecret = null;
            apiKey = null;
        }
    }

    /** The delete confirmation: for one in use, that it cannot be deleted and what to do first. */
    public String deleteQuestion(Credentials.AccessView a) {
        if (a.webhooks() == 0) {
            return "Delete " + a.apiName() + "?";
        }
        String them = a.webhooks() == 1 ? "1 webhook" : a.webhooks() + " webhooks";
        return a.apiName() + " is used by " + them + ", so it cannot be deleted: change or delete "
                + (a.webhooks() == 1 ? "that webhook" : "them") + " in Webhook Settings first.";
    }

    public void delete(Credentials.AccessView a) {
        try {
            credentials.delete(selection.getAccountId(), a.id());
            Forms.info("Access deleted", a.apiName());
        } catch (ProblemException e) {
            Forms.show(e, FORM);
        }
    }

    /** A secret field left empty keeps the stored secret; a secret that is given is taken exactly as typed. */
    private static String secretGiven(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public boolean isEditing() {
        return id != null;
    }

    /** Basic and OAuth 2.0 both take a client id and secret; an API key takes a key and a location. */
    public boolean isBasic() {
        return type != AuthType.API_KEY;
    }

    public boolean isOauth() {
        return type == AuthType.OAUTH2;
    }

    public String getTokenUrl() {
        return tokenUrl;
    }

    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public AuthType getType() {
        return type;
    }

    public void setType(AuthType type) {
        this.type = type;
    }

    public String getApiName() {
        return apiName;
    }

    public void setApiName(String apiName) {
        this.apiName = apiName;
    }

    public String getAuthKeyName() {
        return authKeyName;
    }

    public void setAuthKeyName(String authKeyName) {
        this.authKeyName = authKeyName;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    /** Write-only: never read back into the page. */
    public String getClientSecret() {
        return null;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    /** Write-only: never read back into the page. */
    public String getApiKey() {
        return null;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public HeaderLocation getHeaderLocation() {
        return headerLocation;
    }

    public void setHeaderLocation(HeaderLocation headerLocation) {
        this.headerLocation = headerLocation;
    }

    public String getSecretHint() {
        return secretHint;
    }
}
