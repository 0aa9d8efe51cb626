package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
    static final String LONG_NAME = "Acme Regional Contact Center Operations, East Coast Division (Outbound Sales)";
    static final List<String> PAGES = List.of("/index.xhtml", "/webhooks/access.xhtml", "/webhooks/settings.xhtml",
            "/webhooks/tokens.xhtml", "/reports/logs.xhtml", "/operator/users.xhtml");

    @Test
    void setUpAccessAndAWebhookThenTestDisableAndDelete() throws Exception {
        String db = Product.freshDatabase("portal");
        try (Receiver receiver = new Receiver();
             Product product = Product.startOnMariaDb("portal", db, Map.of(), true);
             Browser browser = new Browser("admin", Product.ADMIN_PASSWORD)) {
            assertEquals(201, product.api().post("/api/v1/accounts", "{\"accountId\":\"12345678\",\"name\":\""
                    + LONG_NAME + "\"}").status());
            WebDriver d = browser.driver;
            WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(20));

            // Access Setup: a bad form first, then a Basic credential
            browser.open(product.baseUrl() + "/webhooks/access.xhtml");
            assertEquals("Access Setup - HCC Webhooks", d.getTitle());
            assertTrue(d.findElement(By.id("accessList:table")).getText().contains("No credentials yet"));
            browser.click("accessList:add");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("accessDialogForm:apiName")));
            browser.click("accessDialogForm:save");
            WebElement apiNameMessage = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[id='accessDialogForm:apiName'] + .ui-message, .ui-message-error")));
            assertTrue(d.findElement(By.id("accessDialogForm")).getText().contains("is required"), apiNameMessage.getText());

            // switching the type shows the API key's fields instead of Basic's
            browser.choose("accessDialogForm:type", "API Key Authentication");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("accessDialogForm:apiKey")));
            assertTrue(d.findElements(By.id("accessDialogForm:clientId")).isEmpty());
            browser.choose("accessDialogForm:type", "OAuth 2.0 Client Credentials");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("accessDialogForm:tokenUrl")));
            assertTrue(d.findElements(By.id("accessDialogForm:apiKey")).isEmpty());
            browser.choose("accessDialogForm:type", "Basic Authentication");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("accessDialogForm:clientId")));
            assertTrue(d.findElements(By.id("accessDialogForm:tokenUrl")).isEmpty());

            browser.type("accessDialogForm:apiName", "crm");
            browser.type("accessDialogForm:clientId", "portal-client");
            browser.type("accessDialogForm:clientSecret", SECRET);
            browser.click("accessDialogForm:save");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("accessList:table"), "portal****"));
            assertTrue(d.findElement(By.id("accessList:table")).getText().contains("crm"));
            assertFalse(d.getPageSource().contains(SECRET), "the secret is never rendered");

            // the other two types, and an edit that keeps the stored secret
            browser.click("accessList:add");
            browser.choose("accessDialogForm:type", "API Key Authentication");
            browser.type("accessDialogForm:apiName", "key-in-body");
            browser.type("accessDialogForm:authKeyName", "api_key");
            browser.type("accessDialogForm:apiKey", "body-key-0123456789");
            d.findElement(By.cssSelector("label[for='accessDialogForm:headerLocation:1']")).click(); // Body
            browser.click("accessDialogForm:save");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("accessList:table"), "key-in-body"));
            browser.click("accessList:add");
            browser.choose("accessDialogForm:type", "OAuth 2.0 Client Credentials");
            browser.type("accessDialogForm:apiName", "idp");
            browser.type("accessDialogForm:clientId", "hcc");
            browser.type("accessDialogForm:clientSecret", "oauth-secret-0123456789");
            browser.type("accessDialogForm:tokenUrl", "https://auth.example.com/oauth/token");
            browser.click("accessDialogForm:save");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("accessList:table"), "auth.example.com"));
            browser.click("accessList:table:0:edit"); // rows sort by API name: crm first
            wait.until(ExpectedConditions.attributeContains(By.id("accessDialogForm:clientSecret"), "placeholder", "portal****"));
            browser.type("accessDialogForm:clientId", "portal-client");
            browser.click("accessDialogForm:save");
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("accessDialog")));
            String listed = product.api().get("/api/v1/accounts/12345678/access").body();
            assertTrue(listed.contains("\"headerLocation\":\"BODY\"") && listed.contains("\"type\":\"OAUTH2\""), listed);
            assertTrue(listed.contains("\"secret\":\"portal****\""), "the edit kept the stored secret: " + listed);
            assertFalse(d.getPageSource().contains("body-key-0123456789") || d.getPageSource().contains("oauth-secret-0123456789"));
            Files.copy(browser.screenshot("access-setup"), Product.work().resolve("screenshots/access-setup.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            // Webhook Settings: a webhook with that credential; its secret is shown once
            browser.open(product.baseUrl() + "/webhooks/settings.xhtml");
            browser.click("webhookList:add");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhookDialogForm:targetUrl")));
            browser.choose("webhookDialogForm:accessId", "crm");
            browser.type("webhookDialogForm:targetUrl", receiver.url("/portal"));
            browser.click("webhookDialogForm:save");
            String signingSecret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secretForm:secret")))
                    .getText();
            assertTrue(signingSecret.startsWith("whsec_"), signingSecret);
            browser.click("copySecret"); // shown once: a Copy button beside it
            wait.until(ExpectedConditions.textToBe(By.id("copySecret"), "Copied"));
            d.navigate().refresh();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhookList:table")));
            assertFalse(d.getPageSource().contains(signingSecret), "the signing secret is shown once only");

            // Send test: the documented sample reaches the receiver, the answer shows inline
            browser.click("webhookList:table:0:test");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhookList:table"), "200 ("));
            assertTrue(d.findElement(By.id("webhookList:table")).getText().contains("{\"received\":true}"),
                    "the receiver's answer is shown inline");
            Receiver.Request sample = receiver.await(r -> r.path().equals("/portal"), 1, Duration.ofSeconds(10)).get(0);
            assertEquals(Seeds.CALL_CREATED.json(), sample.body());
            assertEquals("Basic " + Base64.getEncoder().encodeToString(("portal-client:" + SECRET)
                    .getBytes(StandardCharsets.UTF_8)), sample.header("Authorization"));
            Files.copy(browser.screenshot("webhook-settings"), Product.work().resolve("screenshots/webhook-settings.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            // every page at a laptop's and a desktop's screen, and at a phone's, with a long account name, long URLs and
            // deliveries of several statuses
            List<Long> extra = layoutData(product, receiver);
            List<String> problems = new ArrayList<>();
            for (int[] size : new int[][] {{1280, 800}, {1920, 1080}, {390, 844}}) {
                Layout.viewport(browser, size[0], size[1]);
                for (String page : PAGES) {
                    browser.open(product.baseUrl() + page);
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("content")));
                    browser.awaitAjax();
                    for (String problem : Layout.problems(browser)) {
                        problems.add(size[0] + "x" + size[1] + " " + page + ": " + problem);
                    }
                    if (size[0] == 1280) {
                        String name = page.substring(page.lastIndexOf('/') + 1).replace(".xhtml", "");
                        Files.copy(browser.screenshot("1280-" + name), Product.work().resolve("screenshots/1280-" + name + ".png"),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            assertEquals(List.of(), problems, "layout problems");
            // at a phone's width the menu folds behind a button that opens it
            Layout.viewport(browser, 390, 844);
            browser.open(product.baseUrl() + "/index.xhtml");
            assertFalse(d.findElement(By.id("menuForm:menuLogs")).isDisplayed(), "the menu is folded");
            d.findElement(By.cssSelector(".hcc-menu-toggle")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("menuForm:menuLogs"))).click();
            wait.until(ExpectedConditions.titleIs("Webhooks Logs - HCC Webhooks"));
            Layout.viewport(browser, 1400, 1000);
            for (long id : extra) {
                assertEquals(204, product.api().delete("/api/v1/accounts/12345678/webhooks/" + id).status());
            }
            browser.open(product.baseUrl() + "/webhooks/settings.xhtml");

            // disable, then delete (with confirmation)
            browser.click("webhookList:table:0:toggle");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhookList:table"), "Disabled"));
            browser.click("webhookList:table:0:delete");
            browser.click("webhookList:confirmYes");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhookList:table"), "No webhooks yet"));
            assertEquals("[]", product.api().get("/api/v1/accounts/12345678/webhooks").body());
        }
    }

    /** A webhook with a long URL that answers, one whose endpoint is down, and an event for each; their ids. */
    static List<Long> layoutData(Product product, Receiver receiver) throws Exception {
        Api api = product.api();
        String longUrl = receiver.url("/hooks/" + "contact-center-events-".repeat(5) + "call-saved?tenant=acme-east&source=hcc");
        List<Long> ids = new ArrayList<>();
        for (String hook : List.of("{\"event\":\"call.saved\",\"targetUrl\":\"" + longUrl + "\"}",
                "{\"event\":\"call.ended\",\"targetUrl\":\"http://127.0.0.1:" + Product.freePort() + "/down/"
                        + "call-ended-".repeat(8) + "\"}")) {
            Api.Answer made = api.post("/api/v1/accounts/12345678/webhooks", hook);
            assertEquals(201, made.status(), made.body());
            ids.add(made.json().getJsonObject("webhook").getJsonNumber("id").longValue());
        }
        for (Seeds seed : List.of(Seeds.CALL_CREATED, Seeds.CALL_SAVED, Seeds.CALL_ENDED)) {
            assertEquals(202, api.post("/api/v1/events/" + seed.event, seed.json()).status());
        }
        receiver.await(r -> r.path().startsWith("/hooks/"), 1, Duration.ofSeconds(30));
        return ids;
    }
}
