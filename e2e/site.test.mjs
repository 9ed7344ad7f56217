// Browser tests of the HTML export, in Debian's Chromium driven by
// playwright-core. SITE_DIR holds a site exported from the test packs and
// the hostile-text fixture; CHROMIUM is the browser binary.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const site = process.env.SITE_DIR;
const url = (name) => "file://" + path.join(site, name);
const PACK = "failed-to-deliver.html";
const MODES = ["Learn", "Practice", "Test", "Rehearse"];
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
// every request that is not a page of the site. seed fixes the session's
// shuffle; clock installs Playwright's fake clock first and pauses it once
// the page has loaded, so only the test's runFor moves time on: a slow
// runner's real seconds must not leak into a timer's reading.
async function open(name, options = {}) {
  const { seed, clock, ...contextOptions } = options;
  const context = await browser.newContext(contextOptions);
  if (seed !== undefined) {
    await context.addInitScript((s) => sessionStorage.setItem("starlint:seed", s), String(seed));
  }
  const page = await context.newPage();
  if (clock) { await page.clock.install(); }
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("dialog", async (d) => { problems.push("dialog: " + d.message()); await d.dismiss(); });
  page.on("request", (r) => { if (!r.url().startsWith("file://" + site + "/")) problems.push("request: " + r.url()); });
  await page.goto(url(name));
  if (clock) { await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000)); }
  return { page, context, problems };
}

// answerKey reads the printed answer key: the right option's text per
// quiz item, in the pack's order (the key follows the options as written).
async function answerKey(page) {
  const items = await page.locator(".answer-key ol").first().locator("li").allTextContents();
  return items.map((t) => t.replace(/^[A-F]\. /, ""));
}

// tabTo presses Tab until the focused element matches test (by its role
// and name as a user would see them), or fails.
async function tabTo(page, what, test, arg) {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press("Tab");
    const hit = await page.evaluate(test, arg);
    if (hit) { return; }
  }
  assert.fail("Tab never reached " + what);
}
const focused = (page) => page.evaluate(() => ({ tag: document.activeElement.tagName, text: document.activeElement.textContent.trim(), cls: document.activeElement.className }));

test("pack page loads with the four modes and no console error or request", async () => {
  const { page, context, problems } = await open(PACK);
  assert.equal(await page.locator("h1").textContent(), "Tell Me About a Time You Failed to Deliver on a Commitment");
  const nav = page.getByRole("navigation", { name: "Preparation mode" });
  for (const m of MODES) { assert.ok(await nav.getByRole("link", { name: m, exact: true }).isVisible(), m); }
  assert.equal(await nav.getByRole("link", { name: "Learn" }).getAttribute("aria-current"), "page");
  assert.ok(await page.locator("#learn").isVisible());
  for (const id of ["practice", "test", "rehearse"]) { assert.equal(await page.locator("#" + id).isVisible(), false, id); }
  assert.deepEqual(problems, []);
  await context.close();
});

test("the URL fragment keeps the mode: a link opens a pack in Test, and switching updates it", async () => {
  const { page, context, problems } = await open(PACK + "#test");
  assert.ok(await page.locator("#test").isVisible());
  assert.equal(await page.locator("#learn").isVisible(), false);
  assert.equal(await page.getByRole("link", { name: "Test", exact: true }).getAttribute("aria-current"), "page");
  await page.getByRole("link", { name: "Rehearse", exact: true }).click();
  assert.ok(page.url().endsWith("#rehearse"));
  assert.ok(await page.locator("#rehearse").isVisible());
  assert.equal(await page.locator("#test").isVisible(), false);
  await page.goBack();
  assert.ok(await page.locator("#test").isVisible(), "Back returns to the previous mode");
  assert.deepEqual(problems, []);
  await context.close();
});

test("Learn: the table of contents jumps and shows where you are; every key phrase is highlighted", async () => {
  const { page, context, problems } = await open(PACK);
  const toc = page.getByRole("navigation", { name: "Contents" });
  for (const name of ["Scenario", "Situation", "Task", "Action", "Result", "Reflection", "Follow-up questions", "Weak answer", "Principle angles", "By level", "Quiz"]) {
    assert.ok(await toc.getByRole("link", { name, exact: true }).isVisible(), name);
  }
  await toc.getByRole("link", { name: "Quiz", exact: true }).click();
  await page.waitForFunction(() => document.querySelector('.toc a[href="#quiz"]').getAttribute("aria-current") === "location");
  assert.ok(await page.locator("#learn").isVisible(), "a contents link stays in Learn");
  assert.ok(await page.locator("#quiz").isVisible());
  // each listed phrase of a step is marked in its example, by the lint's matching
  for (const step of ["situation", "task", "action", "result"]) {
    const card = page.locator("#step-" + step);
    const marked = (await card.locator("blockquote mark").allTextContents()).join(" | ").toLowerCase();
    for (const phrase of await card.locator("ul li").allTextContents()) {
      const first = phrase.replace(/[“”]/g, "").split(/[\s-]+/)[0].toLowerCase();
      assert.ok(marked.includes(first), `${step}: ${phrase} is not highlighted (marks: ${marked})`);
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("Learn: a quick check is answered in place, outside the score, and focus moves to the feedback", async () => {
  const { page, context, problems } = await open(PACK, { seed: 7 });
  const first = page.locator("#learn .quiz-item.check").nth(0);
  const right = "Nobody had asked me to investigate, so I did";
  const wrong = first.locator(".options button").filter({ hasNotText: right }).first();
  await wrong.click();
  const rightLetter = (await first.locator(".options button", { hasText: right }).textContent()).slice(0, 1);
  assert.equal(await first.locator(".feedback").textContent(), `Not quite: the answer is ${rightLetter}.`);
  assert.equal(await first.locator(".answer-letter").textContent(), rightLetter, "the disclosed key follows the shown order");
  assert.equal(await first.locator("details").evaluate((d) => d.open), true);
  assert.match((await focused(page)).cls, /feedback/);
  assert.equal(await page.locator("#score").textContent(), "Score: 0 of 5 (0 answered)");
  assert.deepEqual(problems, []);
  await context.close();
});

test("options are shuffled per session with a seeded order, and the key stays right", async () => {
  const orders = [];
  for (const seed of [1, 2, 3]) {
    const { page, context, problems } = await open(PACK, { seed });
    const key = await answerKey(page);
    const items = page.locator("#learn .quiz-item:not(.check)");
    const seen = [];
    for (let i = 0; i < key.length; i++) {
      const buttons = items.nth(i).locator(".options button");
      const texts = await buttons.allTextContents();
      assert.deepEqual(texts.map((t) => t.slice(0, 1)), ["A", "B", "C", "D"].slice(0, texts.length), "letters follow the shown order");
      seen.push(texts.map((t) => t.slice(3)).join("|"));
      const rightButton = buttons.filter({ hasText: key[i] });
      await rightButton.click();
      assert.equal(await items.nth(i).locator(".feedback").textContent(), "Correct.", `item ${i + 1}, seed ${seed}`);
      assert.match(await rightButton.getAttribute("class"), /correct/);
    }
    assert.equal(await page.locator("#score").textContent(), `Score: ${key.length} of ${key.length} (${key.length} answered)`);
    // the same seed gives the same order after a reload (one session)
    await page.reload();
    const again = [];
    for (let i = 0; i < key.length; i++) { again.push((await items.nth(i).locator(".options button").allTextContents()).map((t) => t.slice(3)).join("|")); }
    assert.deepEqual(again, seen, "the order holds within a session");
    orders.push(seen.join("\n"));
    assert.deepEqual(problems, []);
    await context.close();
  }
  assert.ok(new Set(orders).size > 1, "three sessions all showed the same order");
});

test("Practice: one question at a time, hint before the answer, feedback, solution, next, previous, retry", async () => {
  const { page, context, problems } = await open(PACK + "#practice", { seed: 4 });
  const practice = page.locator("#practice");
  const key = await answerKey(page);
  assert.equal(await practice.locator(".progress-label").textContent(), "1 / 5");
  assert.equal(await practice.locator(".question").count(), 1);
  // the hint comes before answering
  const hint = practice.getByRole("button", { name: "Hint" });
  assert.equal(await hint.getAttribute("aria-expanded"), "false");
  assert.equal(await practice.getByText("Failure reflection and recovery").isVisible(), false);
  await hint.click();
  assert.ok(await practice.getByText("Failure reflection and recovery").isVisible());
  assert.equal(await practice.locator(".options button").first().isEnabled(), true, "the hint does not answer");
  assert.equal(await practice.locator(".solution").count(), 0);
  // a wrong answer: feedback with the shown letter, the solution and mistakes open, focus on the feedback
  await practice.locator(".options button").filter({ hasNotText: key[0] }).first().click();
  const letter = (await practice.locator(".options button", { hasText: key[0] }).textContent()).slice(0, 1);
  assert.equal(await practice.locator(".feedback").textContent(), `Not quite: the answer is ${letter}.`);
  assert.ok(await practice.locator(".solution").getByText("Solution").isVisible());
  const mistakes = await page.evaluate(() => JSON.parse(document.getElementById("study-data").textContent).quiz[0].mistakes.length);
  assert.equal(await practice.locator(".solution").getByText("Common mistakes").count(), mistakes ? 1 : 0);
  assert.match((await focused(page)).cls, /feedback/);
  // next and previous keep what was answered
  await practice.getByRole("button", { name: "Next" }).click();
  assert.equal(await practice.locator(".progress-label").textContent(), "2 / 5");
  assert.equal(await practice.locator(".feedback").textContent(), "");
  await practice.getByRole("button", { name: "Previous" }).click();
  assert.equal(await practice.locator(".progress-label").textContent(), "1 / 5");
  assert.match(await practice.locator(".feedback").textContent(), /^Not quite/);
  // retry clears the answer
  await practice.getByRole("button", { name: "Retry" }).click();
  assert.equal(await practice.locator(".options button").first().isEnabled(), true);
  await practice.locator(".options button", { hasText: key[0] }).click();
  assert.equal(await practice.locator(".feedback").textContent(), "Correct.");
  assert.deepEqual(problems, []);
  await context.close();
});

test("Test: no hints, one at a time, then a score per difficulty, a verdict and a review", async () => {
  const { page, context, problems } = await open(PACK + "#test", { seed: 5 });
  const key = await answerKey(page);
  const test = page.locator("#test");
  assert.match(await test.textContent(), /5 questions: 2 easy, 2 medium, 1 hard/);
  await test.getByRole("button", { name: "Start the test" }).click();
  // answer the first two right, the rest wrong; questions come in the test's own order
  const questions = await page.evaluate(() => JSON.parse(document.getElementById("study-data").textContent).quiz.map((q) => q.question));
  let missed = 0;
  for (let i = 0; i < 5; i++) {
    assert.equal(await test.locator(".progress-label").textContent(), `${i + 1} / 5`);
    assert.equal(await test.getByRole("button", { name: "Hint" }).count(), 0, "no hint in a test");
    assert.equal(await test.locator(".feedback").count(), 0, "no feedback before the end");
    const text = await test.locator(".question").evaluate((q) => q.firstChild.textContent.trim());
    const right = key[questions.indexOf(text)];
    assert.ok(right, "the question is the pack's: " + text);
    if (i < 2) { await test.locator(".options button", { hasText: right }).click(); } else { await test.locator(".options button").filter({ hasNotText: right }).first().click(); missed++; }
    await test.getByRole("button", { name: i === 4 ? "See the result" : "Next", exact: true }).click();
  }
  assert.equal(await test.getByRole("heading", { level: 3 }).textContent(), "Result: 2 of 5");
  const table = test.getByRole("table", { name: "Score per difficulty" });
  const rows = await table.locator("tr").allTextContents();
  assert.deepEqual(rows.slice(1).map((r) => r.replace(/ of \d+/, "").replace(/\d+$/, "")), ["easy", "medium", "hard"]);
  const totals = (await table.locator("td").allTextContents()).map((t) => Number(t.split(" of ")[1]));
  assert.deepEqual(totals, [2, 2, 1]);
  assert.match(await test.locator(".verdict").textContent(), /Verdict: needs work/);
  assert.equal(await test.locator(".review").count(), missed);
  assert.ok(await test.locator(".review").first().getByText("Solution").isVisible());
  assert.ok(await test.locator(".review").first().getByText(/^You chose: /).isVisible());
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "H3", "focus moves to the result");
  assert.match(await page.locator("#pack-progress").textContent(), /best test 2 of 5/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("Test on the index: across all packs or one category, up to 10 questions", async () => {
  const { page, context, problems } = await open("index.html", { seed: 6 });
  const test = page.locator("#test");
  const pool = await page.evaluate(() => JSON.parse(document.getElementById("study-data").textContent).quiz);
  const n = Math.min(10, pool.length);
  assert.ok(pool.length >= 9, "the index holds every test pack's questions: " + pool.length);
  assert.match(await test.textContent(), new RegExp(n + " questions: \\d+ easy, \\d+ medium, \\d+ hard"));
  await page.getByLabel("Questions from").selectOption("Security <b>Bold</b> & Co");
  assert.match(await test.textContent(), /1 questions?: 1 easy, 0 medium, 0 hard/);
  await page.getByLabel("Questions from").selectOption("");
  await test.getByRole("button", { name: "Start the test" }).click();
  for (let i = 0; i < n; i++) {
    await test.locator(".options button").first().click();
    await test.getByRole("button", { name: i === n - 1 ? "See the result" : "Next", exact: true }).click();
  }
  assert.match(await test.getByRole("heading", { level: 3 }).textContent(), new RegExp("^Result: \\d+ of " + n + "$"));
  assert.match(await test.locator(".verdict").textContent(), /Verdict: (strong|needs work)/);
  // a missed question says which pack it is from
  if (await test.locator(".review").count()) {
    assert.ok((await test.locator(".review .meta").first().textContent()).length > 0);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("Rehearse: a countdown from each step's target, the strong example to compare, the total against each level", async () => {
  const { page, context, problems } = await open(PACK + "#rehearse", { clock: true });
  const step = page.locator("#rehearse .rehearse-step").first(); // situation, 30s
  assert.ok(await step.getByText("“I noticed”").isVisible(), "key phrases are the prompts");
  assert.equal(await step.getByRole("timer").textContent(), "0:30");
  assert.equal(await step.locator("details").evaluate((d) => d.open), false);
  await step.getByRole("button", { name: "Start" }).click();
  await page.clock.runFor(10_000);
  assert.equal(await step.getByRole("timer").textContent(), "0:20");
  await page.clock.runFor(25_000);
  assert.equal(await step.getByRole("timer").textContent(), "+0:05", "past the target it counts over");
  await step.getByRole("button", { name: "Stop" }).click();
  assert.equal(await step.locator(".took").textContent(), "You took 0:35 of 0:30, 0:05 over.");
  assert.equal(await step.locator("details").evaluate((d) => d.open), true, "the strong example opens to compare");
  const total = page.locator("#rehearse-total");
  assert.match(await total.textContent(), /Your total: 0:35 \(1 of 5 steps\)/);
  const levels = await total.locator(".level-times li").allTextContents();
  assert.ok(levels.length >= 1, "levels with durations are listed");
  assert.ok(levels.every((l) => /— (within|\d+:\d\d under|\d+:\d\d over)$/.test(l)), levels.join("; "));
  assert.deepEqual(problems, []);
  await context.close();
});

test("progress is kept after a reload, shown on the index, and can be reset", async () => {
  const { page, context, problems } = await open(PACK + "#practice", { seed: 8 });
  assert.equal(await page.locator("#pack-progress").textContent(), "Not studied yet.");
  const key = await answerKey(page);
  await page.locator("#practice .options button", { hasText: key[0] }).click();
  await page.reload();
  assert.match(await page.locator("#pack-progress").textContent(), /^Answered 1 of 5 \(1 right\) · last studied /);
  assert.equal(await page.locator("#practice .feedback").textContent(), "Last time you got this right.");
  await page.goto(url("index.html"));
  const line = page.locator('li[data-pack="failed-to-deliver"] .progress');
  assert.match(await line.textContent(), /^Answered 1 of 5 \(1 right\)/);
  assert.equal(await page.locator('li[data-pack="disagreed-with-manager"] .progress').isVisible(), false);
  await page.getByRole("button", { name: "Reset all progress" }).click();
  assert.equal(await line.isVisible(), false);
  await page.goto(url(PACK));
  assert.equal(await page.locator("#pack-progress").textContent(), "Not studied yet.");
  assert.deepEqual(problems, []);
  await context.close();
});

test("keyboard only: every mode works from the Tab key", async () => {
  const { page, context, problems } = await open(PACK, { seed: 9, clock: true });
  const key = await answerKey(page);
  const link = (name) => document.activeElement.tagName === "A" && document.activeElement.textContent.trim() === name;
  // Practice: the mode link, the hint, an option, then Next
  await tabTo(page, "the Practice link", link, "Practice");
  await page.keyboard.press("Enter");
  assert.ok(await page.locator("#practice").isVisible());
  await tabTo(page, "Hint", () => document.activeElement.textContent === "Hint");
  await page.keyboard.press("Enter");
  assert.ok(await page.locator("#practice-hint").isVisible());
  await tabTo(page, "an option", () => document.activeElement.closest("#practice .options") !== null);
  await page.keyboard.press("Enter");
  assert.match((await focused(page)).cls, /feedback/);
  await tabTo(page, "Next", () => document.activeElement.textContent === "Next");
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("#practice .progress-label").textContent(), "2 / 5");
  // Test: start, answer each with Enter, Tab to Next
  await page.keyboard.press("Shift+Tab");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator("body").focus();
  await tabTo(page, "the Test link", link, "Test");
  await page.keyboard.press("Enter");
  await tabTo(page, "Start the test", () => document.activeElement.textContent === "Start the test");
  await page.keyboard.press("Enter");
  for (let i = 0; i < 5; i++) {
    assert.ok(await page.evaluate(() => document.activeElement.closest("#test") !== null), "focus stays in the test");
    await tabTo(page, "an option", () => document.activeElement.closest("#test .options") !== null);
    await page.keyboard.press("Enter");
    await tabTo(page, "Next", () => /^(Next|See the result)$/.test(document.activeElement.textContent));
    await page.keyboard.press("Enter");
  }
  assert.match(await page.locator("#test h3").textContent(), /^Result: \d of 5$/);
  assert.equal((await focused(page)).tag, "H3");
  // Rehearse: Start and Stop from the keyboard
  await page.locator("body").focus();
  await tabTo(page, "the Rehearse link", link, "Rehearse");
  await page.keyboard.press("Enter");
  await tabTo(page, "Start", () => document.activeElement.textContent === "Start");
  await page.keyboard.press("Enter");
  await page.clock.runFor(3_000);
  await page.keyboard.press("Enter");
  assert.match(await page.locator("#rehearse .took").first().textContent(), /^You took 0:03 of /);
  // Learn: a quiz option by keyboard
  await page.locator("body").focus();
  await tabTo(page, "the Learn link", link, "Learn");
  await page.keyboard.press("Enter");
  await tabTo(page, "a quiz option", () => document.activeElement.closest("#quiz ~ .quiz-item .options, #learn .quiz-item:not(.check) .options") !== null);
  await page.keyboard.press("Enter");
  assert.match((await focused(page)).cls, /feedback/);
  void key;
  assert.deepEqual(problems, []);
  await context.close();
});

test("pack text with script, event handlers and javascript: links renders as text", async () => {
  const { page, context, problems } = await open("hostile-text.html");
  assert.equal(await page.locator("main script:not(#study-data), main img, main iframe, main svg, main b").count(), 0);
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  const text = await page.locator("#learn").textContent();
  assert.ok(text.includes("<script>alert('scenario')</script>"), "the script tag shows as text");
  assert.ok(text.includes('<a href="javascript:alert(2)">this link</a>'), "the link shows as text");
  for (const mode of ["practice", "test"]) {
    await page.getByRole("link", { name: mode[0].toUpperCase() + mode.slice(1), exact: true }).click();
    assert.ok((await page.locator("#" + mode).textContent()).length > 0);
  }
  await page.locator("#test").getByRole("button", { name: "Start the test" }).click();
  assert.ok((await page.locator("#test .question").textContent()).includes("<script>alert(9)</script>"));
  await page.getByRole("link", { name: "Practice", exact: true }).click();
  await page.locator("#practice .options button").last().click();
  assert.ok(await page.locator("#practice .solution").getByText("Common mistakes").isVisible());
  assert.ok(await page.locator("#practice .solution").getByText("Choosing javascript:alert(11)").isVisible());
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
  assert.deepEqual(problems, []);
  await context.close();
});

test("without JavaScript everything stays readable, each answer is reachable, and script-only controls are hidden", async () => {
  const { page, context } = await open(PACK, { javaScriptEnabled: false });
  await page.emulateMedia({ media: "print" });
  assert.ok((await page.locator(".answer-key").textContent()).includes("D. Manager-assigned investigation -- no self-initiation"), "unshuffled, the key has the pack's letters");
  await page.emulateMedia({ media: "screen" });
  assert.equal(await page.getByRole("navigation", { name: "Preparation mode" }).count(), 0, "the mode switcher is hidden");
  assert.equal(await page.getByRole("button", { name: "Reset progress" }).count(), 0);
  for (const id of ["practice", "test", "rehearse"]) { assert.equal(await page.locator("#" + id).isVisible(), false); }
  const items = page.locator(".quiz-item");
  assert.equal(await items.count(), 8);
  for (let i = 0; i < 8; i++) {
    const item = items.nth(i);
    assert.equal(await item.getByRole("button").count(), 0);
    await item.getByText("Show the answer").click();
    assert.ok(await item.getByText("Answer:").isVisible(), `answer ${i + 1}`);
  }
  assert.ok(await page.getByRole("navigation", { name: "Contents" }).isVisible());
  const index = await context.newPage();
  await index.goto(url("index.html"));
  assert.equal(await index.getByLabel("Filter packs").isVisible(), false, "the filter needs script: hidden");
  assert.equal(await index.locator("#test").isVisible(), false);
  assert.equal(await index.locator("li[data-search]").count(), 3);
  await context.close();
});

test("print: a compact layout with an answer key", async () => {
  const { page, context } = await open(PACK, { seed: 1 });
  await page.emulateMedia({ media: "print" });
  assert.ok(await page.getByRole("heading", { name: "Answer key" }).isVisible());
  // the printed key names the letters as the page shows them (shuffled)
  const right = "Manager-assigned investigation -- no self-initiation";
  const shown = (await page.locator("#learn .quiz-item:not(.check)").nth(1).locator(".options button", { hasText: right }).textContent()).slice(0, 1);
  const key = await page.locator(".answer-key").textContent();
  assert.ok(key.includes(`${shown}. ${right}`), key);
  for (const hidden of [".modes", ".toc", "#practice", "#test", "#rehearse", ".progress-bar"]) {
    assert.equal(await page.locator(hidden).isVisible(), false, hidden);
  }
  const pdf = await page.pdf({ format: "A4" });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  console.log(`# ${PACK} prints on ${pages} A4 pages`);
  assert.ok(pages >= 1 && pages <= 6, `the pack prints on ${pages} A4 pages`);
  await context.close();
});

for (const mode of MODES) {
  test(`${mode} at 390 px wide has no horizontal scrolling`, async () => {
    const { page, context, problems } = await open(PACK + "#" + mode.toLowerCase(), { viewport: { width: 390, height: 844 }, seed: 2 });
    if (mode === "Test") { await page.locator("#test").getByRole("button", { name: "Start the test" }).click(); }
    if (mode === "Practice") { await page.locator("#practice .options button").first().click(); }
    assert.ok(await page.locator("#" + mode.toLowerCase()).isVisible());
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), "scrollWidth " + await page.evaluate(() => document.documentElement.scrollWidth));
    assert.deepEqual(problems, []);
    await context.close();
  });
}

async function axe(page) {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.map((n) => n.target).join(", ")})`);
}

for (const scheme of ["light", "dark"]) {
  for (const mode of MODES) {
    test(`axe finds no serious or critical violation in ${mode} (${scheme})`, async () => {
      // bypassCSP lets the test inject axe; the page itself allows no script but its own
      const { page, context } = await open(PACK + "#" + mode.toLowerCase(), { bypassCSP: true, colorScheme: scheme, seed: 3 });
      if (mode === "Practice") {
        await page.locator("#practice").getByRole("button", { name: "Hint" }).click();
        await page.locator("#practice .options button").first().click();
      }
      if (mode === "Test") {
        await page.locator("#test").getByRole("button", { name: "Start the test" }).click();
        assert.deepEqual(await axe(page), [], "a test question");
        for (let i = 0; i < 5; i++) {
          await page.locator("#test .options button").first().click();
          await page.locator("#test .controls button").click();
        }
      }
      if (mode === "Rehearse") {
        await page.locator("#rehearse .start").first().click();
        await page.locator("#rehearse .start").first().click();
      }
      assert.deepEqual(await axe(page), []);
      await context.close();
    });
  }
  for (const name of ["index.html", "hostile-text.html"]) {
    test(`axe finds no serious or critical violation on ${name} (${scheme})`, async () => {
      const { page, context } = await open(name, { bypassCSP: true, colorScheme: scheme });
      assert.deepEqual(await axe(page), []);
      await context.close();
    });
  }
}
