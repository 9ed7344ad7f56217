// Browser tests of the HTML export, in Debian's Chromium driven by
// playwright-core. SITE_DIR holds a site exported from packs/ and the
// hostile-text fixture; CHROMIUM is the browser binary.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const site = process.env.SITE_DIR;
const url = (name) => "file://" + path.join(site, name);
let browser;

before(async () => {
  assert.ok(site, "SITE_DIR must name an exported site");
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
after(async () => { await browser?.close(); });

// open loads a page and records console errors, page errors, dialogs and
// every request that is not the page's own file.
async function open(name, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("dialog", async (d) => { problems.push("dialog: " + d.message()); await d.dismiss(); });
  page.on("request", (r) => { if (r.url() !== url(name)) problems.push("request: " + r.url()); });
  await page.goto(url(name));
  return { page, context, problems };
}

test("pack page loads with no console error and no request", async () => {
  const { page, context, problems } = await open("failed-to-deliver.html");
  assert.equal(await page.locator("h1").textContent(), "Tell Me About a Time You Failed to Deliver on a Commitment");
  assert.equal(await page.locator(".quiz-item:not(.check)").count(), 5);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a quick check after the weak answer is answered like a quiz item, outside the score", async () => {
  const { page, context, problems } = await open("failed-to-deliver.html");
  const checks = page.locator(".quiz-item.check");
  assert.equal(await checks.count(), 3);
  const first = checks.nth(0); // answer B
  await first.getByRole("button", { name: /^A\. / }).click();
  assert.equal(await first.locator(".feedback").textContent(), "Not quite: the answer is B.");
  assert.equal(await first.locator("details").evaluate((d) => d.open), true);
  assert.ok(await first.getByText("Only this phrase shows the candidate").isVisible());
  assert.equal(await page.locator("#score").textContent(), "Score: 0 of 5 (0 answered)");
  assert.deepEqual(problems, []);
  await context.close();
});

test("choosing a quiz option marks it and reveals the solution; the score is kept", async () => {
  const { page, context, problems } = await open("failed-to-deliver.html");
  const score = page.locator("#score");
  assert.equal(await score.textContent(), "Score: 0 of 5 (0 answered)");

  const second = page.locator(".quiz-item:not(.check)").nth(1); // answer D
  assert.equal(await second.locator("details").evaluate((d) => d.open), false);
  await second.getByRole("button", { name: /^A\. / }).click();
  assert.equal(await second.locator(".feedback").textContent(), "Not quite: the answer is D.");
  assert.match(await second.getByRole("button", { name: /^A\. / }).getAttribute("class"), /incorrect/);
  assert.match(await second.getByRole("button", { name: /^D\. / }).getAttribute("class"), /correct/);
  assert.equal(await second.locator("details").evaluate((d) => d.open), true);
  assert.ok(await second.getByText("Hint:").isVisible());
  assert.equal(await score.textContent(), "Score: 0 of 5 (1 answered)");

  // keyboard: Tab to the first item's first option, press Enter
  const first = page.locator(".quiz-item:not(.check)").nth(0); // answer A
  await first.getByRole("button", { name: /^A\. / }).focus();
  await page.keyboard.press("Enter");
  assert.equal(await first.locator(".feedback").textContent(), "Correct.");
  assert.equal(await score.textContent(), "Score: 1 of 5 (2 answered)");

  // an answered item does not change again
  await second.getByRole("button", { name: /^D\. / }).click({ force: true });
  assert.equal(await score.textContent(), "Score: 1 of 5 (2 answered)");
  assert.deepEqual(problems, []);
  await context.close();
});

test("pack text with script, event handlers and javascript: links renders as text", async () => {
  const { page, context, problems } = await open("hostile-text.html");
  assert.equal(await page.locator("main script, main img, main iframe, main svg, main b").count(), 0);
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  const text = await page.locator("main").textContent();
  assert.ok(text.includes("<script>alert('scenario')</script>"), "the script tag shows as text");
  assert.ok(text.includes('<a href="javascript:alert(2)">this link</a>'), "the link shows as text");
  await page.locator(".quiz-item:not(.check)").first().getByRole("button", { name: /^A\. / }).click();
  assert.equal(await page.locator(".quiz-item .feedback").first().textContent(), "Correct.");
  assert.deepEqual(problems, [], "no dialog, error or request");
  await context.close();
});

test("the index filter narrows the list", async () => {
  const { page, context, problems } = await open("index.html");
  assert.equal(await page.locator("li[data-search]:visible").count(), 3);
  await page.getByLabel("Filter packs").fill("disagree");
  assert.equal(await page.locator("li[data-search]:visible").count(), 1);
  await page.getByLabel("Filter packs").fill("no such pack");
  assert.ok(await page.getByText("No pack matches the filter.").isVisible());
  await page.getByRole("link", { name: /Failed to Deliver/ }).count();
  assert.deepEqual(problems, []);
  await context.close();
});

test("without JavaScript the quiz shows its answers in a disclosure", async () => {
  const { page, context } = await open("failed-to-deliver.html", { javaScriptEnabled: false });
  const item = page.locator(".quiz-item:not(.check)").first();
  assert.equal(await item.locator(".options li").count(), 4);
  assert.equal(await item.getByRole("button").count(), 0);
  await item.getByText("Show the answer").click();
  assert.ok(await item.getByText("Answer:").isVisible());
  await context.close();
});

for (const scheme of ["light", "dark"]) {
  for (const name of ["index.html", "failed-to-deliver.html", "hostile-text.html"]) {
    test(`axe finds no serious or critical violation on ${name} (${scheme})`, async () => {
      // bypassCSP lets the test inject axe; the page itself allows no script but its own
      const { page, context } = await open(name, { bypassCSP: true, colorScheme: scheme });
      await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
      const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`), []);
      await context.close();
    });
  }
}
