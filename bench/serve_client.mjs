// Sends 200 different what-ifs to a running `donum serve` (POST /api/live: the report and
// the comparison with the base), first one after the other, then 4 at a time, and prints
// the latency percentiles. Each what-if changes one value: the targets of the years, the
// points and the point value, each at several values. Plain node, no package.
//   node bench/serve_client.mjs URL [COUNT]
import assert from "node:assert/strict";

const [url, countText] = process.argv.slice(2);
const count = Number(countText || 200);
const base = url.replace(/\/?(\?.*)?$/, "");
const token = new URL(url).searchParams.get("token");
const headers = { "Content-Type": "application/json", ...(token ? { "X-Donum-Token": token } : {}) };
const convention = await (await fetch(base + "/api/convention", { headers })).json();

// 200 different single-value changes, spread over every settable value of the years the
// data holds (a value of another year changes nothing: it would be answered at once).
const present = convention.years_present;
const whatIfs = [];
for (let k = 0; whatIfs.length < count; k++) {
  const slot = convention.slots[k % convention.slots.length];
  const round = Math.floor(k / convention.slots.length);
  const years = convention.years.length > 1 ? present.map((y) => "@" + y) : [""];
  const name = slot.name + years[round % years.length];
  const kind = slot.name === convention.point_value ? "point value" : slot.payment ? "points" : "target";
  const value = slot.rate ? `${(round * 7 + k * 3) % 101}%` : kind === "point value" ? `${5 + ((round * 3 + k) % 40) / 10}€` : `${(round * 11 + k * 5) % 300}`;
  whatIfs.push({ set: { [name]: value }, kind });
}

async function ask(whatIf) {
  const start = performance.now();
  const r = await fetch(base + "/api/live", { method: "POST", headers, body: JSON.stringify({ set: whatIf.set }) });
  const body = await r.text();
  const ms = performance.now() - start;
  assert.ok(r.status === 200 || r.status === 400, `status ${r.status}: ${body.slice(0, 300)}`);
  return { ms, ok: r.status === 200, kind: whatIf.kind, touched: r.status === 200 ? JSON.parse(body).rows_touched : 0 };
}

const percentile = (ms, q) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)];

function summary(label, results) {
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const refused = results.filter((r) => !r.ok).length;
  console.log(`${label}: ${ms.length} what-ifs (${refused} refused as invalid), p50 ${percentile(ms, 0.5).toFixed(1)} ms, p95 ${percentile(ms, 0.95).toFixed(1)} ms, p99 ${percentile(ms, 0.99).toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms`);
  // By kind of value: a target flips the rows between its old and new value, points and the
  // point value move the rows they are paid to (docs/serve.md#speed).
  for (const kind of ["target", "points", "point value"]) {
    const of = results.filter((r) => r.ok && r.kind === kind);
    if (!of.length) continue;
    const k = of.map((r) => r.ms).sort((a, b) => a - b);
    const touched = of.map((r) => r.touched).sort((a, b) => a - b);
    console.log(`  ${kind}: ${of.length}, p50 ${percentile(k, 0.5).toFixed(1)} ms, p95 ${percentile(k, 0.95).toFixed(1)} ms; physicians touched p50 ${percentile(touched, 0.5)}, max ${touched[touched.length - 1]}`);
  }
  return percentile(ms, 0.95);
}

await ask({ set: {}, kind: "none" });  // warm the connection
const sequential = [];
for (const w of whatIfs) sequential.push(await ask(w));
const p95 = summary("sequential", sequential);
const parallel = [];
let next = 0;
await Promise.all(Array.from({ length: 4 }, async () => {
  while (next < whatIfs.length) parallel.push(await ask(whatIfs[next++]));
}));
const p95Parallel = summary("4 at a time", parallel);
console.log(`goal: 95th percentile within 20 ms: sequential ${p95 <= 20 ? "met" : "not met"}, 4 at a time ${p95Parallel <= 20 ? "met" : "not met"}`);
