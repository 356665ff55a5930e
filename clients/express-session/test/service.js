// Starts the packaged session-state service (target/quarkus-app/quarkus-run.jar, built by
// `./mvnw package`) on 127.0.0.1 on a free port, with the given -D settings, and stops it.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { once } from "node:events";
import path from "node:path";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const jar = process.env.SESSION_STATE_JAR ?? path.join(root, "target", "quarkus-app", "quarkus-run.jar");

export async function freePort() {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  await once(server, "close");
  return port;
}

export async function startService(settings = {}) {
  if (!existsSync(jar)) throw new Error(`${jar} is missing: build it with ./mvnw package -DskipTests`);
  const port = await freePort();
  // Health and metrics are on the management interface, a port of their own.
  const managementPort = await freePort();
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin", "java") : "java";
  const args = ["-Dquarkus.http.host=127.0.0.1", `-Dquarkus.http.port=${port}`,
    "-Dquarkus.management.host=127.0.0.1", `-Dquarkus.management.port=${managementPort}`,
    ...Object.entries(settings).map(([key, value]) => `-D${key}=${value}`), "-jar", jar];
  const child = spawn(java, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${managementPort}/q/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`the service was not ready within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
    },
  };
}
