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
            WebDriver d = browser.driver;
            WebDriverWait wait = browser.wait;

            // the first delivery without leaving the portal starts with the account, made in Platform
            browser.open(product.baseUrl() + "/operator/users.xhtml");
            browser.type("newAccountForm:accountId", "12345678");
            browser.type("newAccountForm:name", LONG_NAME);
            browser.click("newAccountForm:createAccount");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("accounts:table"), LONG_NAME));
            // and the top bar offers it at once, not "none yet: create one" until the next page
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("accountForm:account")));
            assertTrue(d.findElement(By.id("accountForm")).getText().contains("12345678"), d.findElement(By.id("accountForm")).getText());

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
            // each problem once, beside its field, in the customer's words
            browser.type("webhookDialogForm:targetUrl", "https://crm.example.com/" + "x".repeat(2025)); // 2,049 characters
            typeNumber(d, "webhookDialogForm:timeoutSeconds_input", "15999");
            browser.click("webhookDialogForm:save");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhookDialogForm"),
                    "is too long: at most 2,048 characters (this one has 2,049)"));
            assertTrue(d.findElement(By.id("webhookDialogForm")).getText().contains("must be between 1 and 30"));
            assertEquals("15999", d.findElement(By.id("webhookDialogForm:timeoutSeconds_input")).getAttribute("value"),
                    "the number as typed, without a thousands separator");
            browser.type("webhookDialogForm:targetUrl", "http://10.0.0.1/hook");
            typeNumber(d, "webhookDialogForm:timeoutSeconds_input", "15");
            browser.click("webhookDialogForm:save");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhookDialogForm"),
                    "cannot be reached from HCC Webhooks"));
            assertFalse(d.findElement(By.id("webhookDialogForm")).getText().contains("hcc.delivery"),
                    "no server setting a customer cannot touch");
            assertTrue(d.findElements(By.cssSelector(".ui-growl-item")).isEmpty(), "said beside the field only");
            browser.type("webhookDialogForm:targetUrl", "");
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

            // the test is in the logs, marked as a test, one attempt, with nothing to resend
            browser.click("webhookList:table:0:testLog");
            wait.until(ExpectedConditions.titleIs("Webhooks Logs - HCC Webhooks"));
            assertTrue(d.getCurrentUrl().contains("search=msg_test_"), "the filter is in the address: " + d.getCurrentUrl());
            assertEquals(sample.header("webhook-id"), d.findElement(By.id("filters:search")).getAttribute("value"));
            String testRow = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logs:table"))).getText();
            assertTrue(testRow.contains("Test") && testRow.contains("Succeeded") && testRow.contains("1 row"), testRow);
            assertTrue(d.findElements(By.id("logs:table:0:resend")).isEmpty(), "a test is not resent");

            // Send sample event: the sample, filed under the account and editable, through the intake like a
            // dialer's event; a broken one is refused beside the payload and kept as a rejected event
            browser.open(product.baseUrl() + "/webhooks/settings.xhtml");
            browser.click("webhookList:sample");
            WebElement payload = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sampleForm:payload")));
            wait.until(d2 -> payload.getAttribute("value").contains("\"account_id\": \"12345678\""));
            String offered = payload.getAttribute("value");
            payload.clear();
            payload.sendKeys("{\"call_id\": ");
            browser.click("sampleForm:publish");
            String refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[id='sampleForm:payloadMessage'].ui-message-error"))).getText();
            assertTrue(refusal.contains("rejected event rej_"), refusal);
            assertEquals(1, receiver.requests().size(), "nothing sent for a refused sample");
            browser.choose("sampleForm:event", "Call Ended"); // another event's sample, then this one's again
            // the payload's input is rendered anew: found again each time
            java.util.function.Supplier<String> payloadText = () -> d.findElement(By.id("sampleForm:payload")).getAttribute("value");
            wait.until(d2 -> !offered.equals(payloadText.get()));
            browser.choose("sampleForm:event", "Call Created");
            wait.until(d2 -> offered.equals(payloadText.get()));
            browser.click("sampleForm:publish");
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("sampleDialog")));
            Receiver.Request published = receiver.await(r -> r.path().equals("/portal"), 2, Duration.ofSeconds(20)).get(1);
            assertEquals(jakarta.json.Json.createReader(new java.io.StringReader(Seeds.CALL_CREATED.json())).readObject(),
                    jakarta.json.Json.createReader(new java.io.StringReader(published.body())).readObject(),
                    "the documented sample, filed under the account (the seed's own)");
            assertTrue(published.header("webhook-id").startsWith("msg_") && !published.header("webhook-id").startsWith("msg_test_"));
            browser.click("webhookList:publishedLog");
            wait.until(ExpectedConditions.titleIs("Webhooks Logs - HCC Webhooks"));
            assertTrue(d.getCurrentUrl().contains("search=11142"), d.getCurrentUrl());
            String sampleRow = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logs:table"))).getText();
            assertTrue(sampleRow.contains("Succeeded") && sampleRow.contains("11142") && !sampleRow.contains("Test"), sampleRow);
            // the address opens the same view for anyone with the account
            browser.open(d.getCurrentUrl());
            assertEquals("11142", wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("filters:search")))
                    .getAttribute("value"));
            // ticked rows are resent together, each with its own webhook-id
            d.findElement(By.cssSelector("[id='logs:table_data'] tr:first-child .ui-selection-column .ui-chkbox-box")).click();
            browser.click("logs:resendSelected");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("growl_container"), "Resending 1 delivery"));
            String sampleId = published.header("webhook-id");
            receiver.await(r -> sampleId.equals(r.header("webhook-id")), 2, Duration.ofSeconds(20));

            // deleting an access a webhook uses: said in the confirmation, before, not after
            browser.open(product.baseUrl() + "/webhooks/access.xhtml");
            browser.click("accessList:table:0:delete"); // crm, used by the webhook
            String question = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".ui-confirm-dialog .ui-confirm-dialog-message"))).getText();
            assertEquals("crm is used by 1 webhook, so it cannot be deleted: change or delete that webhook in Webhook"
                    + " Settings first.", question);
            d.findElement(By.cssSelector(".ui-confirm-dialog .ui-confirmdialog-no")).click();
            browser.click("accessList:table:1:delete"); // idp, unused
            wait.until(ExpectedConditions.textToBe(By.cssSelector(".ui-confirm-dialog .ui-confirm-dialog-message"),
                    "Delete idp?"));
            d.findElement(By.cssSelector(".ui-confirm-dialog .ui-confirmdialog-no")).click();

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
            // at a laptop's width a click on a menu opens it: it used to open on hover and close on the click that
            // followed (found by a new user, 2026-12-04)
            Layout.viewport(browser, 1280, 800);
            browser.open(product.baseUrl() + "/index.xhtml");
            d.findElement(By.xpath("//*[@id='menuForm:menu']//a[span[normalize-space()='Reports']]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("menuForm:menuLogs"))).click();
            wait.until(ExpectedConditions.titleIs("Webhooks Logs - HCC Webhooks"));
            // and the logs' table fits it, Resend included, without scrolling sideways (it was 1362 pixels wide)
            browser.awaitAjax();
            Object overflow = ((org.openqa.selenium.JavascriptExecutor) d).executeScript("var w = document.querySelector("
                    + "\"[id='logs:table'] .ui-datatable-tablewrapper\"); return w.scrollWidth - w.clientWidth;");
            assertEquals(0L, ((Number) overflow).longValue(), "pixels of the logs' table beyond a 1280x800 screen");
            // a mistyped address says so, and leads back (it said "Something went wrong")
            browser.open(product.baseUrl() + "/does-not-exist.xhtml");
            assertEquals("Page not found - HCC Webhooks", d.getTitle());
            d.findElement(By.id("back")).click();
            wait.until(ExpectedConditions.titleIs("Overview - HCC Webhooks"));
            // at a phone's width the menu folds behind a button that opens it
            Layout.viewport(browser, 390, 844);
            browser.open(product.baseUrl() + "/index.xhtml");
            assertFalse(d.findElement(By.id("menuForm:menuLogs")).isDisplayed(), "the menu is folded");
            d.findElement(By.cssSelector(".hcc-menu-toggle")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("menuForm:menuLogs"))).click();
            wait.until(ExpectedConditions.titleIs("Webhooks Logs - HCC Webhooks"));
            Layout.viewport(browser, 1400, 1000);
            // Overview refreshes itself every 30 s until told not to; Webhooks Logs only when told to
            browser.open(product.baseUrl() + "/index.xhtml");
            String unclaimed = d.findElement(By.id("overview:unclaimedTable")).getText();
            assertTrue(unclaimed.contains("no account: neither the accountId property nor the payload's account_id is set")
                    && unclaimed.contains("777001") && unclaimed.contains("Call Saved"), unclaimed);
            // a webhook's line leads to that webhook, marked in Webhook Settings
            d.findElement(By.id("overview:webhookHealth:0:webhookSettings")).click();
            wait.until(ExpectedConditions.titleIs("Webhook Settings - HCC Webhooks"));
            String marked = d.findElement(By.cssSelector("[id='webhookList:table_data'] tr.hcc-focus")).getText();
            assertTrue(marked.contains(receiver.url("/portal")), marked);
            browser.open(product.baseUrl() + "/index.xhtml");
            org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) d;
            assertEquals(Boolean.TRUE, js.executeScript("return PF('overviewPoll').isActive()"));
            d.findElement(By.id("autoRefresh")).click();
            assertEquals(Boolean.FALSE, js.executeScript("return PF('overviewPoll').isActive()"));
            browser.open(product.baseUrl() + "/reports/logs.xhtml");
            assertEquals(Boolean.FALSE, js.executeScript("return PF('logsPoll').isActive()"));
            d.findElement(By.id("autoRefresh")).click();
            assertEquals(Boolean.TRUE, js.executeScript("return PF('logsPoll').isActive()"));
            // the keyboard's paths: the skip link comes first and lands in the page, a dialog opens on Enter and
            // closes on Esc, tabbing into a date field does not open its calendar
            browser.open(product.baseUrl() + "/webhooks/settings.xhtml");
            new org.openqa.selenium.interactions.Actions(d).sendKeys(org.openqa.selenium.Keys.TAB).perform();
            assertEquals("Skip to content", d.switchTo().activeElement().getText());
            d.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
            assertEquals("content", d.switchTo().activeElement().getAttribute("id"));
            d.findElement(By.id("webhookList:add")).sendKeys(org.openqa.selenium.Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhookDialogForm:targetUrl")));
            new org.openqa.selenium.interactions.Actions(d).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("webhookDialog")));
            browser.open(product.baseUrl() + "/reports/logs.xhtml");
            js.executeScript("document.getElementById('filters:from_input').focus()");
            for (int tab = 0; tab < 4; tab++) { // From, its button, To, its button, on to Event
                d.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
            }
            Thread.sleep(300);
            By calendar = By.cssSelector(".ui-datepicker.ui-input-overlay");
            assertTrue(d.findElements(calendar).stream().noneMatch(WebElement::isDisplayed),
                    "no calendar opened by tabbing through the date fields (focus now on "
                            + d.switchTo().activeElement().getAttribute("id") + ")");
            d.findElement(By.cssSelector("[id='filters:from'] .ui-datepicker-trigger")).click(); // its button opens it
            wait.until(d2 -> d2.findElements(calendar).stream().anyMatch(WebElement::isDisplayed));
            // bulk: tick the two extra webhooks, disable them together
            browser.open(product.baseUrl() + "/webhooks/settings.xhtml");
            for (int row : new int[] {2, 3}) {
                d.findElement(By.cssSelector("[id='webhookList:table_data'] tr:nth-child(" + row + ") .ui-selection-column .ui-chkbox-box"))
                        .click();
            }
            browser.click("webhookList:disableSelected");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("growl_container"), "Disabled 2 webhooks"));
            for (long id : extra) {
                assertFalse(product.api().get("/api/v1/accounts/12345678/webhooks/" + id).json().getBoolean("enabled"));
            }
            assertTrue(product.api().get("/api/v1/accounts/12345678/webhooks").body().contains("\"enabled\":true"),
                    "the one not ticked stays enabled");
            for (long id : extra) {
                assertEquals(204, product.api().delete("/api/v1/accounts/12345678/webhooks/" + id).status());
            }
            browser.open(product.baseUrl() + "/webhooks/settings.xhtml");

            // told when a webhook breaks: a webhook of the account that takes "Webhook Disabled" is notified, signed
            browser.click("webhookList:add");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhookDialogForm:targetUrl")));
            browser.choose("webhookDialogForm:event", "Webhook Disabled");
            browser.type("webhookDialogForm:targetUrl", receiver.url("/ops"));
            browser.click("webhookDialogForm:save");
            String opsSecret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secretForm:secret"))).getText();
            d.navigate().refresh();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhookList:table"), "Webhook Disabled"));

            // disable (the notification goes out), then delete (with confirmation)
            browser.click("webhookList:table:0:toggle");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhookList:table"), "Disabled"));
            Receiver.Request notice = receiver.await(r -> r.path().equals("/ops"), 1, Duration.ofSeconds(20)).get(0);
            ProductSystemIT.verifyStandardWebhooksSignature(notice, opsSecret);
            jakarta.json.JsonObject n = jakarta.json.Json.createReader(new java.io.StringReader(notice.body())).readObject();
            assertEquals("webhook.disabled", n.getString("type"));
            assertEquals("12345678", n.getString("account_id"));
            assertEquals(receiver.url("/portal"), n.getString("target_url"));
            assertEquals("Disabled by a user of the account.", n.getString("reason"));
            browser.click("webhookList:table:0:delete");
            browser.click("webhookList:confirmYes");
            wait.until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("webhookList:table"),
                    "Call Created")));
            browser.click("webhookList:table:0:delete");
            browser.click("webhookList:confirmYes");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhookList:table"), "No webhooks yet"));
            assertEquals("[]", product.api().get("/api/v1/accounts/12345678/webhooks").body());
        }
    }

    /** Replaces a number field's text as a user does (select all, type): clear() leaves AutoNumeric's old value. */
    static void typeNumber(WebDriver d, String id, String text) {
        WebElement e = d.findElement(By.id(id));
        e.click();
        e.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), org.openqa.selenium.Keys.BACK_SPACE);
        e.sendKeys(text);
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
        // a rejected event that names no account: no account's logs list it, the operator's Overview does
        assertEquals(422, api.post("/api/v1/events/call.saved", "{\"call_id\": 777001, \"note\": \""
                + "a dialer that forgot the account ".repeat(12) + "\"}").status());
        receiver.await(r -> r.path().startsWith("/hooks/"), 1, Duration.ofSeconds(30));
        return ids;
    }
}
