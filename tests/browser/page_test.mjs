// The page of donum serve in a real browser (Debian's chromium, headless, driven by
// playwright-core): it opens the page, changes a target as a user would, reads the totals
// shown, checks them against `donum simulate --set`, types a wrong value and reads the
// message, checks that it asked nothing of another server, and saves a screenshot.
//   node page_test.mjs DONUM RULES DATA NAME VALUE SCREENSHOT.png
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { launchChromium, startServer, stopServer } from "./server.mjs";

const [donum, rules, data, name, value, screenshot] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "donum-chromium-"));
const server = await startServer(donum, [rules, data]);
let context;
let passed = 0;
try {
  context = await launchChromium(profile);
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // The page works offline: every request it makes goes to the server that served it.
  const elsewhere = [];
  page.on("request", (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) elsewhere.push(r.url()); });
  await page.goto(server.url);
  await page.waitForSelector("#etat[data-pret]");
  const before = await page.getAttribute("#cout-total", "data-valeur");
  const ready = await page.getAttribute("#etat", "data-pret");

  // A user changes the target and leaves the field.
  const input = page.locator(`input[data-nom="${name}"]`);
  await input.click();
  await input.fill(value);
  await input.press("Tab");
  await page.waitForFunction((n) => document.getElementById("etat").dataset.pret !== n, ready);
  const shown = {
    euros: await page.getAttribute("#cout-total", "data-valeur"),
    paid: await page.getAttribute("#payes", "data-valeur"),
    mean: await page.getAttribute("#moyenne", "data-valeur"),
    losers: await page.getAttribute("#perdants", "data-valeur"),
  };
  const report = JSON.parse(execFileSync(donum, ["simulate", rules, data, "--set", `${name}=${value}`, "--format", "json"], { maxBuffer: 1 << 26 }).toString());
  const total = report.sections[report.sections.length - 1];
  assert.notEqual(shown.euros, before, "the total did not change");
  assert.equal(Number(shown.euros), Number(total.euros), "total cost");
  assert.equal(Number(shown.paid), total.paid, "physicians paid");
  assert.equal(Number(shown.mean), Number(total.amounts.mean), "mean amount");
  assert.ok(Number(shown.losers) > 0, "losers against the rules as written");
  passed++;
  console.log(`ok   ${name}=${value}: the page shows ${shown.euros} €, ${shown.paid} paid, mean ${shown.mean} €, as donum simulate does`);
  await input.click();
  // Titled with the indicator's label, as the table writes it, the dotted name in its tooltip.
  const swept = await page.textContent("#balayage-nom");
  const label = await input.evaluate((e) => e.closest("tr").querySelector("td").textContent);
  assert.ok(swept.startsWith(label + ", ") && !swept.includes(name.split("@")[0]), `the sweep follows the edited value, by its label (it shows ${swept})`);
  assert.equal(await page.getAttribute("#balayage-nom", "title"), name, "the dotted name in the tooltip");
  await page.waitForSelector("#graphique svg");
  await page.waitForTimeout(500);
  // Both curves drawn, cost and share, from numbers the page could read.
  const curves = await page.$$eval("#graphique svg path", (l) => l.map((p) => p.getAttribute("d")));
  assert.equal(curves.length, 2, "cost and share curves");
  for (const d of curves) assert.ok(/^M[0-9.]+ [0-9.]+ L[0-9.]+ [0-9.]+/.test(d) && !d.includes("NaN"), `a curve without numbers: ${d.slice(0, 80)}`);
  await page.screenshot({ path: screenshot, fullPage: true });
  passed++;
  console.log("ok   the sweep chart of the edited value is drawn");
  assert.ok(decodeURIComponent(page.url()).includes(`"${name}":"${value}"`), "state in the address");
  passed++;
  console.log("ok   the state is in the address");

  // A wrong value gets the command line's message, and the totals stay.
  const pret = await page.getAttribute("#etat", "data-pret");
  await input.fill("140%");
  await input.press("Tab");
  await page.waitForFunction((n) => document.getElementById("etat").dataset.pret !== n, pret);
  assert.match(await page.textContent("#erreur"), /erreur : 140 % est au-dessus de 100 %/);
  assert.equal(await page.getAttribute("#cout-total", "data-valeur"), shown.euros);
  assert.ok(await input.evaluate((e) => e.classList.contains("invalide")), "the wrong value's input is not marked");
  passed++;
  console.log("ok   a wrong value is refused with the command line's message");
  assert.deepEqual(errors, [], "errors in the page");
  passed++;
  console.log("ok   no script error in the page");
  assert.deepEqual(elsewhere, [], "requests to another server");
  passed++;
  console.log("ok   every request went to donum serve (the page needs no network)");
  console.log(`screenshot: ${screenshot}`);
  console.log(`${passed} passed, 0 failed`);
} catch (e) {
  console.log(`FAIL ${e.message}`);
  console.log(`${passed} passed, 1 failed`);
  process.exitCode = 1;
} finally {
  if (context) await context.close();
  stopServer(server);
  rmSync(profile, { recursive: true, force: true });
}
