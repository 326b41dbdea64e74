// What the browser tests share: `donum serve` started on a free port of the loopback address and
// stopped, and Debian's chromium launched for the page tests.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

/**
 * Starts DONUM serve ARGS... --port 0 (in `options.cwd`, with `options.env`, when given);
 * resolves with {url, child, output()} once it printed its address.
 */
export function startServer(donum, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(donum, ["serve", ...args, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"], ...options });
    let out = "";
    let err = "";
    const timer = setTimeout(() => { child.kill(); reject(new Error("donum serve printed no address within 60 s\n" + err)); }, 60000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/\S+/);
      if (m) { clearTimeout(timer); resolve({ url: m[0], child, output: () => out }); }
    });
    child.stderr.on("data", (d) => { err += d; });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`donum serve exited with ${code}\n${err}`)); });
  });
}

/** Stops the server started by startServer. */
export function stopServer(server) {
  server.child.removeAllListeners("exit");
  server.child.kill("SIGTERM");
}

/** Sends SIGNAL to the server started by startServer; resolves with its exit code and everything it printed. */
export function signalServer(server, signal) {
  server.child.removeAllListeners("exit");
  return new Promise((resolve) => {
    let err = "";
    server.child.stderr.on("data", (d) => { err += d; });
    server.child.on("exit", (code, by) => resolve({ code, signal: by, out: server.output(), err }));
    server.child.kill(signal);
  });
}

/**
 * Debian's chromium, headless, with its profile in PROFILE (a fresh folder): nothing fetched
 * but what the page asks for (no updates, sync or background requests), one window size.
 */
export function launchChromium(profile) {
  return chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * Runs a page test: `donum serve ARGS...` (spawn `options`) and a headless chromium of a
 * fresh profile; body({page, server, ok}) opens the page and checks it, ok(WHAT) printing
 * each check passed. The page must then have thrown no script error. Prints the count,
 * sets the exit code on a failure, stops the server and removes the profile.
 */
export async function pageTest(donum, args, options, body) {
  const profile = mkdtempSync(join(tmpdir(), "donum-chromium-"));
  const server = await startServer(donum, args, options);
  let context;
  let passed = 0;
  const ok = (what) => {
    passed++;
    console.log(`ok   ${what}`);
  };
  try {
    context = await launchChromium(profile);
    const page = context.pages()[0] || (await context.newPage());
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await body({ page, server, ok });
    assert.deepEqual(errors, [], "errors in the page");
    ok("no script error in the page");
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
}

/** Types VALUE into INPUT (a locator) as a user would, leaves the field and waits for the page's answer. */
export async function typeValue(page, input, value) {
  const before = await page.getAttribute("#etat", "data-pret");
  await input.click();
  await input.fill(value);
  await input.press("Tab");
  await page.waitForFunction((n) => document.getElementById("etat").dataset.pret !== n, before);
}
