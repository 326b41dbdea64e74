// The page of donum serve in a real browser (Debian's chromium, headless, driven by
// playwright-core): it opens the page, changes a target as a user would, reads the totals
// shown, checks them against `donum simulate --set`, types a wrong value and reads the
// message, checks that it asked nothing of another server, and saves a screenshot.
//   node page_test.mjs DONUM RULES DATA NAME VALUE SCREENSHOT.png
import { execFileSync } from "node:child_process";
import assert from "node:assert/strict";
import { pageTest, typeValue } from "./server.mjs";

const [donum, rules, data, name, value, screenshot] = process.argv.slice(2);
await pageTest(donum, [rules, data], {}, async ({ page, server, ok }) => {
  // The page works offline: every request it makes goes to the server that served it.
  const elsewhere = [];
  page.on("request", (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) elsewhere.push(r.url()); });
  await page.goto(server.url);
  await page.waitForSelector("#etat[data-pret]");
  const before = await page.getAttribute("#cout-total", "data-valeur");

  // A user changes the target and leaves the field.
  const input = page.locator(`input[data-nom="${name}"]`);
  await typeValue(page, input, value);
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
  ok(`${name}=${value}: the page shows ${shown.euros} €, ${shown.paid} paid, mean ${shown.mean} €, as donum simulate does`);
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
  ok("the sweep chart of the edited value is drawn");
  assert.ok(decodeURIComponent(page.url()).includes(`"${name}":"${value}"`), "state in the address");
  ok("the state is in the address");

  // A wrong value gets the command line's message, and the totals stay.
  await typeValue(page, input, "140%");
  assert.match(await page.textContent("#erreur"), /erreur : 140 % est au-dessus de 100 %/);
  assert.equal(await page.getAttribute("#cout-total", "data-valeur"), shown.euros);
  assert.ok(await input.evaluate((e) => e.classList.contains("invalide")), "the wrong value's input is not marked");
  ok("a wrong value is refused with the command line's message");
  assert.deepEqual(elsewhere, [], "requests to another server");
  ok("every request went to donum serve (the page needs no network)");
  console.log(`screenshot: ${screenshot}`);
});
