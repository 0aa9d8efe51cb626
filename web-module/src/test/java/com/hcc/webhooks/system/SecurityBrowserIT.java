package com.hcc.webhooks.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Signing in and out, an operator creating users, an account admin creating and revoking an API token, and
 * a viewer's read-only portal, in headless Chromium; then the browser-facing hardening (headers, cookie,
 * sign-in throttling).
 */
class SecurityBrowserIT {

    static final String A = "12345678";
    static final String PASSWORD = "portal-password-123";

    @Test
    void signInUsersTokensAndAReadOnlyViewer() throws Exception {
        try (Receiver receiver = new Receiver();
             Product product = Product.startOnMariaDb("security", Product.freshDatabase("security"), Map.of(), true);
             Browser browser = new Browser("admin", Product.ADMIN_PASSWORD)) {
            Api operator = product.api();
            assertEquals(201, operator.post("/api/v1/accounts", "{\"accountId\":\"" + A + "\",\"name\":\"Acme\"}").status());
            assertEquals(201, operator.post("/api/v1/accounts/" + A + "/webhooks", "{\"event\":\"call.created\",\"targetUrl\":\""
                    + receiver.url("/a") + "\"}").status());
            assertEquals(202, operator.post("/api/v1/events/call.created", Seeds.CALL_CREATED.json()).status());
            receiver.await(r -> r.path().equals("/a"), 1, Duration.ofSeconds(30));
            WebDriver d = browser.driver;

            // a page asks for sign-in, a wrong password is refused with a message, then back to the page asked for
            d.get(product.baseUrl() + "/reports/logs.xhtml");
            browser.wait.until(ExpectedConditions.titleIs("Sign in - HCC Webhooks"));
            browser.screenshot("sign-in");
            browser.signIn("admin", "not-the-password");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login:messages"), "Wrong user name or password"));
            browser.signIn("admin", Product.ADMIN_PASSWORD);
            browser.wait.until(ExpectedConditions.titleIs("Webhooks Logs - HCC Webhooks"));
            assertTrue(d.findElement(By.id("userForm:who")).getText().contains("admin (Platform operator)"));

            // the operator creates a viewer and an account admin (a bad form first: messages beside the fields)
            browser.open(product.baseUrl() + "/operator/users.xhtml");
            browser.click("userDialogForm:createUser");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("userDialogForm"), "at least 12 characters"));
            createUser(browser, "viewer-a", "Account viewer");
            createUser(browser, "admin-a", "Account admin");
            browser.screenshot("accounts-and-users");

            // signing out ends the session
            browser.click("userForm:signOut");
            browser.wait.until(ExpectedConditions.titleIs("Sign in - HCC Webhooks"));
            d.get(product.baseUrl() + "/index.xhtml");
            browser.wait.until(ExpectedConditions.titleIs("Sign in - HCC Webhooks"));

            // the account admin creates a token: shown once, works, and stops working when revoked
            browser.signIn("admin-a", PASSWORD);
            browser.wait.until(ExpectedConditions.titleIs("Overview - HCC Webhooks"));
            d.get(product.baseUrl() + "/webhooks/tokens.xhtml");
            browser.wait.until(ExpectedConditions.titleIs("API Tokens - HCC Webhooks")); // an admin's page: not refused
            browser.type("tokenForm:name", "CRM sync");
            browser.choose("tokenForm:scope", "Write");
            browser.click("tokenForm:create");
            String token = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tokenForm:secret"))).getText();
            assertTrue(token.startsWith("hcc_") && token.length() > 40, token);
            browser.screenshot("api-tokens");
            assertEquals(200, bearer(product, token, "/api/v1/accounts/" + A + "/webhooks").statusCode());
            d.navigate().refresh();
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens:table"), token.substring(0, 10)));
            assertFalse(d.getPageSource().contains(token), "shown once only");
            browser.click("tokens:table:0:revoke");
            browser.click("tokens:confirmYes");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens:table"), "Revoked"));
            assertEquals(401, bearer(product, token, "/api/v1/accounts/" + A + "/webhooks").statusCode());
            browser.click("userForm:signOut");
            browser.wait.until(ExpectedConditions.titleIs("Sign in - HCC Webhooks"));

            // the viewer reads the logs and changes nothing
            browser.signIn("viewer-a", PASSWORD);
            browser.wait.until(ExpectedConditions.titleIs("Overview - HCC Webhooks"));
            assertTrue(d.findElements(By.xpath("//span[text()='Webhooks']")).isEmpty(), "no Webhooks menu for a viewer");
            assertEquals(A, d.findElement(By.id("accountForm:accountName")).getText());
            d.get(product.baseUrl() + "/reports/logs.xhtml");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("logs:table"), "Call Created"));
            // a user's own time zone: local times, the zone named in the header, UTC on hover; the API stays UTC
            java.time.ZoneId chicago = java.time.ZoneId.of("America/Chicago");
            String header = "Time (America/Chicago, UTC" + chicago.getRules().getOffset(java.time.Instant.now()).getId() + ")";
            assertTrue(d.findElement(By.id("logs:table")).getText().contains("Time (UTC)"), "UTC by default");
            assertFalse(d.getPageSource().contains("Pacific/Auckland"), "the ~600 zones come with the dialog, not every page");
            browser.click("userForm:zone");
            browser.choose("zoneForm:timeZone", "America/Chicago");
            browser.click("zoneForm:save");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("logs:table"), header));
            java.time.Instant sent = java.time.Instant.parse(operator.get("/api/v1/accounts/" + A + "/logs").json()
                    .getJsonArray("items").getJsonObject(0).getString("time"));
            WebElement time = d.findElement(By.cssSelector("[id='logs:table_data'] tr .hcc-time"));
            assertEquals(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(chicago).format(sent),
                    time.getText());
            assertEquals(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC)
                    .format(sent) + " UTC", time.getAttribute("title"));
            assertTrue(d.findElements(By.id("logs:table:0:resend")).isEmpty(), "no Resend for a viewer");
            assertTrue(d.findElements(By.id("filters:recoverOpen")).isEmpty(), "no bulk resend for a viewer");
            browser.screenshot("viewer-logs");
            d.get(product.baseUrl() + "/webhooks/settings.xhtml");
            assertFalse(d.getPageSource().contains(receiver.url("/a")), "Webhook Settings is refused to a viewer");
            assertTrue(d.findElement(By.id("forbidden")).getText().contains("account administrators"), "said why");
            d.findElement(By.id("back")).click(); // and the way back works
            browser.wait.until(ExpectedConditions.titleIs("Overview - HCC Webhooks"));
            d.get(product.baseUrl() + "/operator/users.xhtml");
            assertFalse(d.getPageSource().contains("Create user"), "the operator's page is refused to a viewer");
            d.get(product.baseUrl() + "/index.xhtml"); // the forbidden page has no top bar
            browser.click("userForm:signOut");
            browser.wait.until(ExpectedConditions.titleIs("Sign in - HCC Webhooks"));

            // the operator renames the account and makes the viewer an admin with a new password
            browser.signIn("admin", Product.ADMIN_PASSWORD);
            browser.wait.until(ExpectedConditions.titleIs("Overview - HCC Webhooks"));
            browser.open(product.baseUrl() + "/operator/users.xhtml");
            browser.click("accounts:table:0:rename");
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("accountEditForm:name")));
            browser.type("accountEditForm:name", "Acme East");
            browser.click("accountEditForm:save");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("accounts:table"), "Acme East"));
            assertEquals("Acme East", operator.get("/api/v1/accounts/" + A).json().getString("name"));
            d.findElement(By.xpath("//tr[td[text()='viewer-a']]//button[contains(@id,':edit')]")).click();
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("userEditForm:password")));
            browser.choose("userEditForm:role", "Account admin");
            browser.type("userEditForm:password", "short");
            browser.click("userEditForm:save");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("userEditForm"),
                    "at least 12 characters, or empty to keep it"));
            browser.type("userEditForm:password", PASSWORD + "-new");
            browser.click("userEditForm:save");
            browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("userEditDialog")));
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users:table"), "Account admin"));
            assertTrue(d.findElements(By.xpath("//tr[td[text()='admin']]//button[contains(@id,':toggle')]")).isEmpty(),
                    "no Disable on one's own row");
            browser.click("userForm:signOut");
            browser.wait.until(ExpectedConditions.titleIs("Sign in - HCC Webhooks"));
            browser.signIn("viewer-a", PASSWORD);
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login:messages"), "Wrong user name or password"));
            browser.signIn("viewer-a", PASSWORD + "-new");
            browser.wait.until(ExpectedConditions.titleIs("Overview - HCC Webhooks"));
            assertFalse(d.findElements(By.xpath("//span[text()='Webhooks']")).isEmpty(), "an admin now: the Webhooks menu");
        }
    }

    @Test
    void pagesAreHardenedAndSignInIsThrottled() throws Exception {
        try (Product product = Product.startOnMariaDb("hardening", Product.freshDatabase("hardening"), Map.of(), true)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(product.baseUrl() + "/login.xhtml")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String csp = login.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), csp);
            assertEquals("nosniff", login.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertEquals("same-origin", login.headers().firstValue("Referrer-Policy").orElse(""));
            String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID")).findFirst().orElse("");
            for (String flag : List.of("HttpOnly", "Secure", "SameSite=Lax")) {
                assertTrue(cookie.contains(flag), flag + " in " + cookie);
            }

            Api operator = product.api();
            assertEquals(201, operator.post("/api/v1/accounts", "{\"accountId\":\"t\",\"name\":\"T\"}").status());
            assertEquals(201, operator.post("/api/v1/users", "{\"username\":\"slow\",\"password\":\"" + PASSWORD
                    + "\",\"role\":\"ACCOUNT_VIEWER\",\"accountId\":\"t\"}").status());
            Api wrong = new Api(product.baseUrl(), "slow", "wrong-password-000");
            for (int i = 0; i < 5; i++) {
                assertEquals(401, wrong.get("/api/v1/accounts").status());
            }
            assertEquals(401, new Api(product.baseUrl(), "slow", PASSWORD).get("/api/v1/accounts").status(),
                    "locked for a moment after five failures, even with the right password");
            assertTrue(operator.get("/api/v1/users").body().contains("\"locked\":true"));
            assertEquals(200, operator.get("/api/v1/accounts").status(), "other users are not affected");
        }
    }

    static void createUser(Browser browser, String name, String role) {
        browser.type("userDialogForm:username", name);
        browser.type("userDialogForm:password", PASSWORD);
        browser.choose("userDialogForm:role", role);
        browser.choose("userDialogForm:accountId", A + " - Acme");
        browser.click("userDialogForm:createUser");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users:table"), name));
    }

    static HttpResponse<String> bearer(Product product, String token, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(product.baseUrl() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
