package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Webhooks -> Access Setup and Webhook Settings, used in headless Chromium the way a customer uses them. */
class PortalSetupBrowserIT {

    static final String SECRET = "portal-secret-123456";

    @Test
    void setUpAccessAndAWebhookThenTestDisableAndDelete() throws Exception {
        String db = Product.freshDatabase("portal");
        try (Receiver receiver = new Receiver();
             Product product = Product.startOnMariaDb("portal", db, Map.of(), true);
             Browser browser = new Browser("admin", Product.ADMIN_PASSWORD)) {
            assertEquals(201, product.api().post("/api/v1/accounts", "{\"accountId\":\"12345678\",\"name\":\"Acme\"}").status());
            WebDriver d = browser.driver;
            DRIVER.set(d);
            WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(20));

            // Access Setup: a bad form first, then a Basic credential
            d.get(product.baseUrl() + "/webhooks/access.xhtml");
            assertEquals("Access Setup - HCC Webhooks", d.getTitle());
            assertTrue(d.findElement(By.id("accessList:table")).getText().contains("No credentials yet"));
            click(wait, "accessList:add");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("accessDialogForm:apiName")));
            click(wait, "accessDialogForm:save");
            WebElement apiNameMessage = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[id='accessDialogForm:apiName'] + .ui-message, .ui-message-error")));
            assertTrue(d.findElement(By.id("accessDialogForm")).getText().contains("is required"), apiNameMessage.getText());

            // switching the type shows the API key's fields instead of Basic's
            choose(wait, "accessDialogForm:type", "API Key Authentication");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("accessDialogForm:apiKey")));
            assertTrue(d.findElements(By.id("accessDialogForm:clientId")).isEmpty());
            choose(wait, "accessDialogForm:type", "OAuth 2.0 Client Credentials");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("accessDialogForm:tokenUrl")));
            assertTrue(d.findElements(By.id("accessDialogForm:apiKey")).isEmpty());
            choose(wait, "accessDialogForm:type", "Basic Authentication");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("accessDialogForm:clientId")));
            assertTrue(d.findElements(By.id("accessDialogForm:tokenUrl")).isEmpty());

            type(d, "accessDialogForm:apiName", "crm");
            type(d, "accessDialogForm:clientId", "portal-client");
            type(d, "accessDialogForm:clientSecret", SECRET);
            click(wait, "accessDialogForm:save");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("accessList:table"), "portal****"));
            assertTrue(d.findElement(By.id("accessList:table")).getText().contains("crm"));
            assertFalse(d.getPageSource().contains(SECRET), "the secret is never rendered");

            // the other two types, and an edit that keeps the stored secret
            click(wait, "accessList:add");
            choose(wait, "accessDialogForm:type", "API Key Authentication");
            type(d, "accessDialogForm:apiName", "key-in-body");
            type(d, "accessDialogForm:authKeyName", "api_key");
            type(d, "accessDialogForm:apiKey", "body-key-0123456789");
            d.findElement(By.cssSelector("label[for='accessDialogForm:headerLocation:1']")).click(); // Body
            click(wait, "accessDialogForm:save");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("accessList:table"), "key-in-body"));
            click(wait, "accessList:add");
            choose(wait, "accessDialogForm:type", "OAuth 2.0 Client Credentials");
            type(d, "accessDialogForm:apiName", "idp");
            type(d, "accessDialogForm:clientId", "hcc");
            type(d, "accessDialogForm:clientSecret", "oauth-secret-0123456789");
            type(d, "accessDialogForm:tokenUrl", "https://auth.example.com/oauth/token");
            click(wait, "accessDialogForm:save");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("accessList:table"), "auth.example.com"));
            click(wait, "accessList:table:0:edit"); // rows sort by API name: crm first
            wait.until(ExpectedConditions.attributeContains(By.id("accessDialogForm:clientSecret"), "placeholder", "portal****"));
            type(d, "accessDialogForm:clientId", "portal-client");
            click(wait, "accessDialogForm:save");
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("accessDialog")));
            String listed = product.api().get("/api/v1/accounts/12345678/access").body();
            assertTrue(listed.contains("\"headerLocation\":\"BODY\"") && listed.contains("\"type\":\"OAUTH2\""), listed);
            assertTrue(listed.contains("\"secret\":\"portal****\""), "the edit kept the stored secret: " + listed);
            assertFalse(d.getPageSource().contains("body-key-0123456789") || d.getPageSource().contains("oauth-secret-0123456789"));
            Files.copy(browser.screenshot("access-setup"), Product.work().resolve("screenshots/access-setup.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            // Webhook Settings: a webhook with that credential; its secret is shown once
            d.get(product.baseUrl() + "/webhooks/settings.xhtml");
            click(wait, "webhookList:add");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhookDialogForm:targetUrl")));
            choose(wait, "webhookDialogForm:accessId", "crm");
            type(d, "webhookDialogForm:targetUrl", receiver.url("/portal"));
            click(wait, "webhookDialogForm:save");
            String signingSecret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secretForm:secret")))
                    .getText();
            assertTrue(signingSecret.startsWith("whsec_"), signingSecret);
            d.navigate().refresh();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhookList:table")));
            assertFalse(d.getPageSource().contains(signingSecret), "the signing secret is shown once only");

            // Send test: the documented sample reaches the receiver, the answer shows inline
            click(wait, "webhookList:table:0:test");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhookList:table"), "200 ("));
            assertTrue(d.findElement(By.id("webhookList:table")).getText().contains("{\"received\":true}"),
                    "the receiver's answer is shown inline");
            Receiver.Request sample = receiver.await(r -> r.path().equals("/portal"), 1, Duration.ofSeconds(10)).get(0);
            assertEquals(Seeds.CALL_CREATED.json(), sample.body());
            assertEquals("Basic " + Base64.getEncoder().encodeToString(("portal-client:" + SECRET)
                    .getBytes(StandardCharsets.UTF_8)), sample.header("Authorization"));
            Files.copy(browser.screenshot("webhook-settings"), Product.work().resolve("screenshots/webhook-settings.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            // disable, then delete (with confirmation)
            click(wait, "webhookList:table:0:toggle");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhookList:table"), "Disabled"));
            click(wait, "webhookList:table:0:delete");
            click(wait, "webhookList:confirmYes");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhookList:table"), "No webhooks yet"));
            assertEquals("[]", product.api().get("/api/v1/accounts/12345678/webhooks").body());
        }
    }

    static final ThreadLocal<WebDriver> DRIVER = new ThreadLocal<>();

    static void click(WebDriverWait wait, String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    static void type(WebDriver d, String id, String text) {
        WebElement e = d.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    /**
     * A PrimeFaces selectOneMenu: picks the item by its label through the widget's own API, which updates the
     * label (silently), then fires the change (and its ajax) a pick fires, without racing the overlay animation.
     */
    static void choose(WebDriverWait wait, String id, String label) {
        WebDriver d = DRIVER.get();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "var w = PrimeFaces.getWidgetById(arguments[0]);"
                        + "var opts = document.getElementById(arguments[0] + '_input').options;"
                        + "for (var i = 0; i < opts.length; i++) { if (opts[i].text === arguments[1]) { w.selectValue(opts[i].value); w.input.trigger('change'); } }",
                id, label);
        wait.until(ExpectedConditions.textToBe(By.id(id + "_label"), label));
        // the label changes at once; the form's ajax re-render comes after: wait for it to finish
        wait.until(driver -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return PrimeFaces.ajax.Queue.isEmpty()")));
    }
}
