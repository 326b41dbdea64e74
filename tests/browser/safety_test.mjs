// donum serve's safety rules, over HTTP: it listens on 127.0.0.1 unless told otherwise;
// on another address every request needs the token (generated and printed, or given), as
// `?token=`, the X-Donum-Token header or the cookie the page receives; and it writes
// nothing on disk, exports included (they are downloads): run in an empty folder that is
// also its HOME, beside copies of the rules and the data, it leaves that folder as it was.
//   node safety_test.mjs DONUM RULES DATA
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { startServer, stopServer } from "./server.mjs";

const [donum, rules, data] = process.argv.slice(2);
let failures = 0;
let passed = 0;
const check = async (name, f) => {
  try { await f(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failures++; console.log(`FAIL ${name}: ${e.message}${e.cause ? " (" + e.cause.message + ")" : ""}`); }
};
const setting = { set: { "volet2.dmp.target@2024": "35%" } };
const post = (url, path, body, headers = {}) => fetch(new URL(path, url), { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });

await check("127.0.0.1 by default, without a token", async () => {
  const server = await startServer(donum, [rules, data]);
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal((await post(server.url, "/api/live", setting)).status, 200);
  } finally { stopServer(server); }
});

await check("another address: a token is generated, printed and asked on every request", async () => {
  const server = await startServer(donum, [rules, data, "--host", "0.0.0.0"]);
  try {
    const printed = new URL(server.url);
    const token = printed.searchParams.get("token");
    assert.ok(token && token.length >= 32, `no token in ${server.url}`);
    const at = `http://127.0.0.1:${printed.port}/`;
    for (const path of ["", "app.js", "api/convention"]) {
      const r = await fetch(at + path);
      assert.equal(r.status, 401, `/${path} without the token`);
      assert.match((await r.json()).error, /jeton[^]*token=/);
    }
    assert.equal((await post(at, "/api/live", setting)).status, 401);
    assert.equal((await post(at, "/api/live", setting, { "X-Donum-Token": token.slice(0, -1) + (token.endsWith("a") ? "b" : "a") })).status, 401, "a wrong token");
    assert.equal((await post(at, "/api/live", setting, { "X-Donum-Token": token })).status, 200, "the header");
    const page = await fetch(`${at}?token=${token}`);
    assert.equal(page.status, 200, "?token=");
    const cookie = page.headers.get("set-cookie");
    assert.match(cookie, /donum_token=.*HttpOnly/);
    assert.equal((await post(at, "/api/live", setting, { Cookie: cookie.split(";")[0] })).status, 200, "the cookie");
  } finally { stopServer(server); }
});

await check("--token T: the token given is the one asked", async () => {
  const server = await startServer(donum, [rules, data, "--host", "0.0.0.0", "--token", "une-phrase-secrète-assez-longue"]);
  try {
    assert.equal(new URL(server.url).searchParams.get("token"), "une-phrase-secrète-assez-longue");
    const at = `http://127.0.0.1:${new URL(server.url).port}/`;
    assert.equal((await post(at, "/api/live", setting, { "X-Donum-Token": "une-autre-phrase" })).status, 401, "another token");
    assert.equal((await fetch(server.url)).status, 200);
  } finally { stopServer(server); }
});

await check("nothing written on disk, exports included", async () => {
  const folder = mkdtempSync(join(tmpdir(), "donum-serve-"));
  const listing = () => readdirSync(folder, { recursive: true }).sort().map((f) => [f, statSync(join(folder, f)).size, statSync(join(folder, f)).mtimeMs]);
  try {
    copyFileSync(rules, join(folder, "regles.donum"));
    copyFileSync(data, join(folder, "donnees.csv"));
    const before = listing();
    const server = await startServer(donum, ["regles.donum", "donnees.csv"], { cwd: folder, env: { ...process.env, HOME: folder, TMPDIR: folder } });
    try {
      // One after the other: eight at once would meet the server's limit of computations at
      // once (503, "try again") on a slow build, which is another test's subject.
      const requests = [
        ["/api/live", setting],
        ["/api/simulate", setting],
        ["/api/sweep", { ...setting, sweep: "volet2.mss.target@2024=0%..100%:10%", format: "csv" }],
        ["/api/solve", { vary: "volet2.dmp.target@2024", budget: "12M€" }],
        ["/api/physician", { ...setting, id: "M000001" }],
        ["/api/export", { ...setting, what: "scenario" }],
        ["/api/export", { ...setting, what: "report.csv" }],
        ["/api/export", { ...setting, what: "report.xlsx" }],
      ];
      const answers = [];
      for (const [path, body] of requests) answers.push(await post(server.url, path, body));
      for (const r of answers) assert.equal(r.status, 200, `${r.url}: ${r.status}`);
      const scenario = answers[5];
      assert.match(scenario.headers.get("content-disposition"), /attachment; filename="scenario.donum"/);
      assert.match(await scenario.text(), /set volet2\.dmp\.target@2024 = 35 ?%/);
      assert.match(answers[6].headers.get("content-disposition"), /attachment; filename="rapport.csv"/);
      assert.match(answers[7].headers.get("content-disposition"), /attachment; filename="rapport.xlsx"/);
      assert.equal(Buffer.from(await answers[7].arrayBuffer()).subarray(0, 2).toString(), "PK", "a workbook is a zip");
    } finally { stopServer(server); }
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(listing(), before, "the folder changed");
    assert.equal(readFileSync(join(folder, "regles.donum"), "utf8"), readFileSync(rules, "utf8"));
  } finally { rmSync(folder, { recursive: true, force: true }); }
});

console.log(`${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
