// The page of donum serve on rules whose targets are still XX for the year of the data
// (Debian's chromium, headless, driven by playwright-core): every XX is red and named in a
// banner, no figure is shown until they are all filled; once the user has typed them, the
// totals are those of `donum simulate --set` with the same values (VALUE for a rate,
// its number for a target that counts), and nothing is red.
//   node page_xx_test.mjs DONUM RULES DATA VALUE SCREENSHOT.png
import { execFileSync } from "node:child_process";
import assert from "node:assert/strict";
import { pageTest } from "./server.mjs";

const [donum, rules, data, value, screenshot] = process.argv.slice(2);
await pageTest(donum, [rules, data], {}, async ({ page, server, ok }) => {
  await page.goto(server.url);
  await page.waitForSelector("#etat[data-pret]");

  const convention = await (await fetch(server.url + "api/convention")).json();
  const open = convention.open;
  // VALUE for a rate, its number alone for a target that counts (a percentage is refused there).
  const valueOf = (name) => (convention.slots.find((s) => s.name === name.split("@")[0]).rate ? value : value.replace(/\s*%$/, ""));
  const settings = (name, other) => open.flatMap((n) => ["--set", `${n}=${n === name ? other : valueOf(n)}`]);
  assert.ok(open.length > 0, "these rules have no XX for the year of the data");
  const red = await page.$$eval("input.valeur-reglable.xx", (l) => l.map((i) => i.dataset.nom));
  for (const name of open) assert.ok(red.includes(name), `${name} is not red`);
  const banner = await page.textContent("#xx-bandeau");
  assert.ok(await page.isVisible("#xx-bandeau"), "no banner");
  for (const name of open) assert.ok(banner.includes(name), `${name} not in the banner: ${banner}`);
  assert.equal(await page.textContent("#cout-total"), "XX à fixer");
  assert.equal(await page.getAttribute("#cout-total", "data-valeur"), null);
  ok(`${open.length} XX red and named in the banner, no figure shown`);
  await page.screenshot({ path: screenshot, fullPage: true });  // the page as a user first sees it

  // The user fills them one by one; the figures appear with the last one only.
  for (const [k, name] of open.entries()) {
    const before = await page.getAttribute("#etat", "data-pret");
    const input = page.locator(`input[data-nom="${name}"]`);
    await input.click();
    await input.fill(valueOf(name));
    await input.press("Tab");
    await page.waitForFunction((n) => document.getElementById("etat").dataset.pret !== n, before);
    assert.equal(await input.getAttribute("class").then((c) => c.split(" ").includes("xx")), false, `${name} still red`);
    if (k < open.length - 1) assert.equal(await page.textContent("#cout-total"), "XX à fixer", `a figure after ${k + 1} of ${open.length} XX`);
  }
  assert.equal(await page.textContent("#erreur"), "", "an error after the last XX");
  assert.equal(await page.isVisible("#xx-bandeau"), false, "the banner stays");
  assert.deepEqual(await page.$$eval("input.valeur-reglable.xx", (l) => l.length), 0);
  ok("the banner and the red go once every XX is filled");

  const report = JSON.parse(execFileSync(donum, ["simulate", rules, data, "--format", "json", ...settings()], { maxBuffer: 1 << 26 }).toString());
  const total = report.sections[report.sections.length - 1];
  assert.equal(Number(await page.getAttribute("#cout-total", "data-valeur")), Number(total.euros), "total cost");
  assert.equal(Number(await page.getAttribute("#payes", "data-valeur")), total.paid, "physicians paid");
  ok(`the totals are those of donum simulate with the ${open.length} values: ${total.euros} €, ${total.paid} paid`);

  // A change after the XX are filled is answered from the population evaluated with them.
  const first = open.find((n) => convention.slots.find((s) => s.name === n.split("@")[0]).rate);
  const before = await page.getAttribute("#etat", "data-pret");
  const input = page.locator(`input[data-nom="${first}"]`);
  await input.fill("0%");
  await input.press("Tab");
  await page.waitForFunction((n) => document.getElementById("etat").dataset.pret !== n, before);
  const again = JSON.parse(execFileSync(donum, ["simulate", rules, data, "--format", "json", ...settings(first, "0%")], { maxBuffer: 1 << 26 }).toString());
  assert.equal(Number(await page.getAttribute("#cout-total", "data-valeur")), Number(again.sections[again.sections.length - 1].euros), "total cost after a change");
  ok("a later change is answered as donum simulate answers it");

  console.log(`screenshot: ${screenshot}`);
});
