// donum serve under bad and heavy requests: malformed JSON, unknown names, wrong values, huge
// and deep bodies, unknown paths, many requests at once. Each gets an error (JSON, 4xx or 503),
// and the server stays up and keeps answering correctly: /api/simulate gives the document of
// `donum simulate --set ... --format json` (manifest aside) before and after. The values it
// gives (the convention, solve's answer, the scenario exported) are values it and the
// command line read back. Last, Ctrl-C stops it cleanly.
//   node robustness_test.mjs DONUM RULES DATA
import { execFileSync } from "node:child_process";
import assert from "node:assert/strict";
import net from "node:net";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signalServer, startServer, stopServer } from "./server.mjs";

const [donum, rules, data] = process.argv.slice(2);
const server = await startServer(donum, [rules, data]);
let failures = 0;
let passed = 0;
const check = async (name, f) => {
  try { await f(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failures++; console.log(`FAIL ${name}: ${e.message}${e.cause ? " (" + e.cause.message + ")" : ""}`); }
};
const post = (path, body, headers = {}) => fetch(server.url.replace(/\/$/, "") + path, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });
const withoutManifest = (doc) => { const d = structuredClone(doc); delete d.manifest; return d; };

const setting = { "volet2.dmp.target@2024": "35%", "volet2.sas.points": "250" };
const expected = withoutManifest(JSON.parse(execFileSync(donum, ["simulate", rules, data, "--format", "json", ...Object.entries(setting).flatMap(([k, v]) => ["--set", `${k}=${v}`])], { maxBuffer: 1 << 26 }).toString()));
const answersCorrectly = async () => {
  const r = await post("/api/simulate", JSON.stringify({ set: setting }));
  assert.equal(r.status, 200);
  assert.deepEqual(withoutManifest(await r.json()), expected);
};
const refused = async (response, status, pattern) => {
  const r = await response;
  assert.equal(r.status, status, `status ${r.status}`);
  const body = await r.json();
  assert.match(body.error, pattern);
};

try {
  await check("simulate gives donum simulate's document", answersCorrectly);
  await check("malformed JSON", () => refused(post("/api/live", "{\"set\": {"), 400, /JSON mal formé/));
  await check("not an object", () => refused(post("/api/live", "[1, 2]"), 400, /objet JSON/));
  await check("unknown key", () => refused(post("/api/live", JSON.stringify({ sett: {} })), 400, /clé inconnue « sett »/));
  const cli = (() => { try { execFileSync(donum, ["simulate", rules, data, "--set", "volet2.dmp.targt=35%"], { stdio: "pipe" }); return ""; } catch (e) { return e.stderr.toString(); } })();
  await check("unknown name: the command line's message", async () => {
    const r = await post("/api/live", JSON.stringify({ set: { "volet2.dmp.targt": "35%" } }));
    assert.equal(r.status, 400);
    const body = await r.json();
    assert.ok(cli.includes(body.error.trim().split("\n")[0]), `${body.error} not in ${cli}`);
  });
  await check("value out of range", () => refused(post("/api/live", JSON.stringify({ set: { "volet2.dmp.target": "140%" } })), 400, /^--set:1:19: erreur : 140 % est au-dessus de 100 %/));
  await check("decimal comma", () => refused(post("/api/live", JSON.stringify({ set: { "volet2.dmp.target": "22,5%" } })), 400, /--set:1:/));
  await check("a value that is not a string", () => refused(post("/api/live", JSON.stringify({ set: { "volet2.dmp.target": [1] } })), 400, /doit être une chaîne/));
  await check("huge body", () => refused(post("/api/live", JSON.stringify({ scenario: "#".repeat(600000) })), 413, /dépasse/).catch(async (e) => {
    // cpp-httplib may refuse a body above its limit before reading it: 413 without our JSON.
    const r = await post("/api/live", JSON.stringify({ scenario: "#".repeat(600000) }));
    if (r.status !== 413) throw e;
  }));
  await check("deep nesting", () => refused(post("/api/live", "[".repeat(100000) + "]".repeat(100000)), 400, /imbriqué/));
  await check("too many values", () => refused(post("/api/live", JSON.stringify({ set: Object.fromEntries(Array.from({ length: 1500 }, (_, k) => [`x${k}`, "1"])) })), 400, /au plus 1000/));
  await check("a scenario that reads a file", () => refused(post("/api/live", JSON.stringify({ scenario: "scenario s \"S\" extends \"/etc/passwd\"\n" })), 400, /ne peut pas étendre un fichier/));
  await check("unknown path", async () => { const r = await fetch(server.url + "../../etc/passwd"); assert.ok(r.status === 404 || r.status === 400); });
  await check("unknown endpoint", async () => { const r = await fetch(server.url + "api/nothing"); assert.equal(r.status, 404); });
  await check("200 requests at once: answers or 503, never a wrong answer", async () => {
    // Each on its own connection: the server widens the backlog of 5 that Debian's
    // cpp-httplib listens with, so no connection is reset by the kernel.
    const answers = await Promise.all(Array.from({ length: 200 }, () => post("/api/simulate", JSON.stringify({ set: setting }))
      .then(async (r) => [r.status, r.status === 200 ? withoutManifest(await r.json()) : await r.json()])));
    for (const [status, body] of answers) {
      assert.ok(status === 200 || status === 503, `status ${status}`);
      if (status === 200) assert.deepEqual(body, expected);
      else assert.match(body.error, /trop de requêtes/);
    }
  });
  await check("every value the API gives is one it reads back", async () => {
    // The inputs of the page hold them and send them again: the rule language's syntax, not
    // the French text of the reports ("22.5", "7 €", never "22,5").
    const c = await (await fetch(server.url + "api/convention")).json();
    const set = {};
    for (const s of c.slots) c.years.forEach((y, k) => { if (s.values[k] !== null) set[c.years.length > 1 ? `${s.name}@${y}` : s.name] = s.values[k]; });
    const all = await post("/api/simulate", JSON.stringify({ set }));
    const allBody = await all.json();
    assert.equal(all.status, 200, JSON.stringify(allBody));
    const none = await post("/api/simulate", JSON.stringify({}));
    assert.deepEqual(withoutManifest(allBody), withoutManifest(await none.json()));
    const solved = await (await post("/api/solve", JSON.stringify({ vary: "point_value", budget: "20M€" }))).json();
    const applied = await post("/api/live", JSON.stringify({ set: { point_value: solved.value } }));
    assert.equal(applied.status, 200, `the value of solve, ${solved.value}`);
    assert.equal((await applied.json()).report.sections.at(-1).euros, solved.euros);
  });
  await check("the scenario exported gives donum simulate --scenario the page's report", async () => {
    const set = { point_value: "7.5€", "volet2.dmp.target@2024": "497/1954", "volet2.aat.points@2024": "22.5", "volet2.mss.target@2024": "12.5%" };
    const exported = await post("/api/export", JSON.stringify({ set, what: "scenario" }));
    assert.equal(exported.status, 200);
    const folder = mkdtempSync(join(tmpdir(), "donum-scenario-"));
    try {
      writeFileSync(join(folder, "page.donum"), await exported.text());
      const cli = withoutManifest(JSON.parse(execFileSync(donum, ["simulate", rules, data, "--format", "json", "--scenario", join(folder, "page.donum")], { maxBuffer: 1 << 26 }).toString()));
      const page = await post("/api/simulate", JSON.stringify({ set }));
      assert.deepEqual(withoutManifest(await page.json()), cli);
    } finally { rmSync(folder, { recursive: true, force: true }); }
  });
  await check("still up and correct afterwards", answersCorrectly);
  await check("Ctrl-C stops the server cleanly, once the request it is reading is answered", async () => {
    // A request whose body is half sent when the signal comes: the server reads the rest,
    // answers it, says it stops and exits with 0 (not killed by the signal).
    const body = JSON.stringify({ set: setting });
    const { hostname, port } = new URL(server.url);
    const socket = net.connect(Number(port), hostname);
    await new Promise((resolve, reject) => { socket.once("connect", resolve); socket.once("error", reject); });
    let answer = "";
    socket.on("data", (d) => { answer += d; });
    const closed = new Promise((resolve) => socket.on("close", resolve));
    socket.write(`POST /api/live HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopping = signalServer(server, "SIGINT");
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.write(body.slice(10));
    await closed;
    const stopped = await Promise.race([stopping, new Promise((resolve) => setTimeout(() => resolve(null), 10000))]);
    assert.ok(stopped, "still running 10 s after Ctrl-C");
    assert.match(answer, /^HTTP\/1.1 200 /, `the request being read got: ${answer.slice(0, 200)}`);
    assert.equal(stopped.signal, null, `killed by ${stopped.signal}`);
    assert.equal(stopped.code, 0, stopped.err);
    assert.match(stopped.out, /arrêt demandé \(Ctrl-C\)[^]*arrêté\./);
  });
} finally {
  if (server.child.exitCode === null && server.child.signalCode === null) stopServer(server);
}
console.log(`${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
