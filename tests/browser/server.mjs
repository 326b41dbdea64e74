// Starts `donum serve` on a free port of the loopback address for a test, and stops it.
import { spawn } from "node:child_process";

/** Starts DONUM serve ARGS... --port 0; resolves with {url, child} once it printed its address. */
export function startServer(donum, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(donum, ["serve", ...args, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => { child.kill(); reject(new Error("donum serve printed no address within 60 s\n" + err)); }, 60000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/\S+/);
      if (m) { clearTimeout(timer); resolve({ url: m[0], child }); }
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
