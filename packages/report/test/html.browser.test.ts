// Opens the HTML report in headless Debian Chromium (never a downloaded browser), takes a 1280×800 screenshot
// and fails on any console message of level error, page error or failed request.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { sampleReport } from "../scripts/render-sample";
import { renderHtml } from "../src/index";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  // Loud on purpose: the suite skips rather than downloading a browser.
  process.stderr.write(
    "\n!!! @faultline/report: /usr/bin/chromium is missing, the HTML screenshot test is SKIPPED (apt-get install chromium) !!!\n\n",
  );
}

describe.skipIf(!hasChromium)("renderHtml in Chromium", () => {
  it("renders the sample report without a console error, offline, and screenshots it", async () => {
    const html = renderHtml(sampleReport());
    const dir = new URL("../.tmp/", import.meta.url);
    mkdirSync(dir, { recursive: true });
    const file = new URL("report.html", dir);
    writeFileSync(file, html);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, offline: true });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(`console: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
      const requests: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(file.href, { waitUntil: "load" });
      const charts = await page.locator("figure svg").count();
      const box = await page.locator("figure svg").first().boundingBox();
      await page.screenshot({ path: new URL("report.png", dir).pathname });
      await page.screenshot({ path: new URL("report-full.png", dir).pathname, fullPage: true });
      expect(problems).toEqual([]);
      // Only the file itself: no CDN, font or image request.
      expect(requests).toEqual([file.href]);
      expect(charts).toBe(5);
      expect(box?.width).toBeGreaterThan(900);
    } finally {
      await browser.close();
    }
  });
});
