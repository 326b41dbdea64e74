// The page of donum serve in English (DONUM_LANG=en, as --lang en) in a real browser: its
// labels, table and status in English, numbers written the English way, a changed target
// giving the totals of `donum simulate --set`, the sweep chart drawn from the English
// columns, a wrong value refused with the English message; a screenshot.
//   node page_en_test.mjs DONUM RULES DATA NAME VALUE SCREENSHOT.png
import { execFileSync } from "node:child_process";
import assert from "node:assert/strict";
import { pageTest, typeValue } from "./server.mjs";

const [donum, rules, data, name, value, screenshot] = process.argv.slice(2);
await pageTest(donum, [rules, data], { env: { ...process.env, DONUM_LANG: "en" } }, async ({ page, server, ok }) => {
  await page.goto(server.url);
  await page.waitForSelector("#etat[data-pret]");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.title(), "donum — negotiation table");
  const labels = await page.$$eval("#resume .libelle", (l) => l.map((e) => e.textContent));
  assert.deepEqual(labels.slice(0, 3), ["Total cost", "Physicians paid", "Mean amount"]);
  assert.ok(labels[3].startsWith("Change in cost vs "), labels[3]);
  const heads = await page.$$eval("#convention th", (l) => l.map((e) => e.textContent));
  assert.deepEqual([heads[0], heads[1], heads[heads.length - 1]], ["Indicator", "Target 2023", "Cost"]);
  ok("labels and table headings in English");

  const input = page.locator(`input[data-nom="${name}"]`);
  await typeValue(page, input, value);
  const report = JSON.parse(execFileSync(donum, ["simulate", rules, data, "--set", `${name}=${value}`, "--format", "json"], { maxBuffer: 1 << 26 }).toString());
  const total = report.sections[report.sections.length - 1];
  assert.equal(Number(await page.getAttribute("#cout-total", "data-valeur")), Number(total.euros), "total cost");
  assert.equal(Number(await page.getAttribute("#payes", "data-valeur")), total.paid, "physicians paid");
  // 2,722 (90.7 %): thousands with a comma, the decimal point.
  const paid = await page.textContent("#payes");
  assert.match(paid, /^\d{1,3}(,\d{3})* \(\d+(\.\d)? %\)$/, `physicians paid written ${paid}`);
  assert.match(await page.textContent("#etat"), /^Recalculated in \d+ ms \([\d,]+ physicians touched by the change\)\.$/);
  ok(`${name}=${value}: the totals of donum simulate, written the English way (${paid})`);

  await input.click();
  assert.ok((await page.textContent("#balayage-nom")).includes(", target "), "the sweep's title");
  await page.waitForSelector("#graphique svg");
  await page.waitForTimeout(500);
  const curves = await page.$$eval("#graphique svg path", (l) => l.map((p) => p.getAttribute("d")));
  assert.equal(curves.length, 2, "cost and share curves from the English columns");
  for (const d of curves) assert.ok(/^M[0-9.]+ [0-9.]+ L/.test(d) && !d.includes("NaN"), `a curve without numbers: ${d.slice(0, 80)}`);
  assert.ok((await page.textContent("#graphique")).includes("current value"), "the current value marked");
  await page.screenshot({ path: screenshot, fullPage: true });
  ok("the sweep chart is drawn, in English");

  await typeValue(page, input, "140%");
  assert.match(await page.textContent("#erreur"), /error: 140 % is above 100 %/);
  assert.equal(await page.textContent("#etat"), "Not recalculated: correct the value shown.");
  ok("a wrong value is refused with the English message");
  console.log(`screenshot: ${screenshot}`);
});
