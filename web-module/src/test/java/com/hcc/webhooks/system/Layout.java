package com.hcc.webhooks.system;

import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * What a page looks like to a user at a given screen size, checked in the browser: the top bar in one row (above
 * 900 px; below, the menu folds behind a button), no sideways scrolling of the page, and no text cut off (an
 * ellipsis or a clipped box) without its full text on hover. Text kept for screen readers only (PrimeFaces'
 * visually hidden helpers) is not shown, so not checked.
 */
final class Layout {

    private Layout() {
    }

    /** Sets the viewport (not the window, which adds the browser's frame) to width x height. */
    static void viewport(Browser browser, int width, int height) {
        browser.driver.manage().window().setSize(new Dimension(width, height));
        JavascriptExecutor js = (JavascriptExecutor) browser.driver;
        long w = ((Number) js.executeScript("return window.innerWidth")).longValue();
        long h = ((Number) js.executeScript("return window.innerHeight")).longValue();
        if (w != width || h != height) {
            browser.driver.manage().window().setSize(new Dimension((int) (2 * width - w), (int) (2 * height - h)));
        }
    }

    /** The problems of the page the browser shows, one per line; empty when there are none. */
    static List<String> problems(Browser browser) {
        Object found = ((JavascriptExecutor) browser.driver).executeScript(
                "var p = [];"
                + "var bar = document.querySelector('.hcc-topbar');"
                + "var one = 72;" // one row of the bar: the menubar's height and its padding
                + "if (bar && window.innerWidth > 900 && bar.getBoundingClientRect().height > one)"
                + "  p.push('the top bar takes more than one row: ' + Math.round(bar.getBoundingClientRect().height) + ' px');"
                + "var doc = document.documentElement;"
                + "if (doc.scrollWidth > window.innerWidth + 1)"
                + "  p.push('the page scrolls sideways: ' + doc.scrollWidth + ' px wide in ' + window.innerWidth);"
                + "document.querySelectorAll('.hcc-topbar *, td, td *').forEach(function (e) {"
                + "  if (!e.clientWidth || e.offsetParent === null || e.closest('.ui-helper-hidden-accessible')) return;"
                + "  var s = getComputedStyle(e);"
                + "  var clips = s.overflowX === 'hidden' || s.overflowX === 'clip' || s.textOverflow === 'ellipsis';"
                + "  if (clips && e.scrollWidth > e.clientWidth + 1 && !e.closest('[title]'))"
                + "    p.push('text cut without its full text on hover: <' + e.tagName.toLowerCase() + ' class=\"'"
                + "      + e.className + '\"> ' + (e.textContent || '').trim().slice(0, 60));"
                + "});"
                + "return p;");
        List<String> problems = new ArrayList<>();
        if (found instanceof List<?> list) {
            list.forEach(o -> problems.add(String.valueOf(o)));
        }
        return problems;
    }
}
