package com.hcc.webhooks.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium driven by Selenium, signed in as the administrator; downloads nothing. */
public final class Browser implements AutoCloseable {

    public final WebDriver driver;

    public Browser(String user, String password) throws Exception {
        Path profile = Files.createTempDirectory(Product.work(), "chromium-");
        downloads = Files.createTempDirectory(Product.work(), "downloads-");
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        this.user = user;
        this.password = password;
        // A wait looks again when what it reads is replaced under it: PrimeFaces re-renders a table after an AJAX
        // update, and Chromium then answers an element read with a plain WebDriverException ("Node with given id
        // does not belong to the document"), not the StaleElementReferenceException a wait already looks past.
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(WebDriverException.class);
    }

    public final WebDriverWait wait;
    private final String user;
    private final String password;

    /** Opens a portal page, signing in on the way when the portal asks for it. */
    public void open(String url) {
        driver.get(url);
        if (driver.getCurrentUrl().contains("/login.xhtml")) {
            signIn(user, password);
            wait.until(d -> !d.getCurrentUrl().contains("/login.xhtml"));
        }
    }

    /** Fills the sign-in page the browser is on and submits it. */
    public void signIn(String name, String secret) {
        type("login:username", name);
        type("login:password", secret);
        driver.findElement(By.id("login:signIn")).click();
    }
    /** Where files the pages offer for download land. */
    public final Path downloads;

    public void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** Types into a field once it is shown (a page that is still loading, or a dialog still opening, is waited for). */
    public void type(String id, String text) {
        WebElement e = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        e.clear();
        e.sendKeys(text);
    }

    /**
     * A PrimeFaces selectOneMenu: picks the item by its label through the widget's own API, which updates the
     * label (silently), then fires the change (and its ajax) a pick fires, without racing the overlay animation.
     */
    public void choose(String id, String label) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        Object found = ((JavascriptExecutor) driver).executeScript(
                "var w = PrimeFaces.getWidgetById(arguments[0]);"
                        + "var opts = document.getElementById(arguments[0] + '_input').options;"
                        + "for (var i = 0; i < opts.length; i++) { if (opts[i].text === arguments[1]) { w.selectValue(opts[i].value); w.input.trigger('change'); return true; } }"
                        + "return false;",
                id, label);
        if (!Boolean.TRUE.equals(found)) {
            throw new AssertionError("no item '" + label + "' in " + id);
        }
        wait.until(ExpectedConditions.textToBe(By.id(id + "_label"), label));
        awaitAjax();
    }

    /** The label changes at once; a form's ajax re-render comes after: wait for it to finish. */
    public void awaitAjax() {
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return !window.PrimeFaces || PrimeFaces.ajax.Queue.isEmpty()")));
    }

    public Path screenshot(String name) throws Exception {
        Path dir = Files.createDirectories(Product.work().resolve("screenshots"));
        Path file = dir.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
