// express-session on the packaged service, through a real Express app on 127.0.0.1: log-in (with
// a new id), a counter across requests, log-out, expiry, and errors as express-session expects.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import express from "express";
import { SessionStateStore, sessionState } from "../index.js";
import { startService } from "./service.js";

let service;
const apps = [];

before(async () => {
  service = await startService({ "sessions.timeout.min": "1S" });
});

after(async () => {
  await Promise.all(apps.map((server) => new Promise((resolve) => server.close(resolve))));
  await service?.stop();
});

/** An Express app with sessions in the service, cookies of the given maxAge; answers its base URL. */
async function startApp(maxAge) {
  const app = express();
  app.use(sessionState({ url: service.url, secret: "test secret", cookie: { maxAge } }));
  app.post("/login", (req, res, next) => {
    // A new id on log-in, as against session fixation.
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.user = req.query.user;
      res.json({ user: req.session.user });
    });
  });
  app.get("/me", (req, res) => res.json({ user: req.session.user ?? null }));
  app.post("/count", (req, res) => {
    req.session.count = (req.session.count ?? 0) + 1;
    res.json({ count: req.session.count });
  });
  app.post("/logout", (req, res, next) => req.session.destroy((err) => (err ? next(err) : res.json({}))));
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  apps.push(server);
  return `http://127.0.0.1:${server.address().port}`;
}

/** A browser of one: keeps the session cookie between requests. */
function browser(base) {
  let cookie;
  return {
    async send(method, path) {
      const response = await fetch(base + path, { method, headers: cookie ? { cookie } : {} });
      const set = response.headers.getSetCookie().find((c) => c.startsWith("connect.sid="));
      if (set) cookie = set.split(";")[0];
      assert.equal(response.status, 200, await response.clone().text());
      return { body: await response.json(), setCookie: set !== undefined };
    },
    /** The service's session id that the cookie names (signed: "s:<id>.<signature>"). */
    sid() {
      return decodeURIComponent(cookie.slice("connect.sid=".length)).slice(2).split(".")[0];
    },
  };
}

async function serviceSession(sid) {
  const response = await fetch(`${service.url}/sessions/${sid}`);
  return response.status === 200 ? response.json() : response.status;
}

async function serviceData(sid) {
  const response = await fetch(`${service.url}/sessions/${sid}/items/data`);
  return response.status === 200 ? response.json() : response.status;
}

describe("express-session on the session-state service", () => {
  test("a visitor who stores nothing gets no cookie", async () => {
    const visitor = browser(await startApp(60_000));
    const { body, setCookie } = await visitor.send("GET", "/me");
    assert.deepEqual(body, { user: null });
    assert.equal(setCookie, false);
  });

  test("log-in, a counter across requests, log-out", async () => {
    const user = browser(await startApp(60_000));
    await user.send("POST", "/count");
    const anonymous = user.sid();

    assert.deepEqual((await user.send("POST", "/login?user=ann")).body, { user: "ann" });
    const loggedIn = user.sid();
    assert.notEqual(loggedIn, anonymous, "log-in makes a new session");
    assert.equal(await serviceSession(anonymous), 404, "and ends the old one in the service");

    assert.deepEqual((await user.send("GET", "/me")).body, { user: "ann" });
    for (const expected of [1, 2, 3]) {
      assert.deepEqual((await user.send("POST", "/count")).body, { count: expected });
    }
    const data = await serviceData(loggedIn);
    assert.equal(data.user, "ann");
    assert.equal(data.count, 3);
    assert.equal((await serviceSession(loggedIn)).timeoutSeconds, 60, "the cookie's maxAge is the timeout");

    await user.send("POST", "/logout");
    assert.equal(await serviceSession(loggedIn), 404);
    assert.deepEqual((await user.send("GET", "/me")).body, { user: null });
  });

  test("a session ends when the service expires it", async () => {
    const user = browser(await startApp(1_000));
    await user.send("POST", "/login?user=bob");
    // Reading the session resets its idle timer, and says when it expires: wait until then.
    const { timeoutSeconds, expiresAt } = await serviceSession(user.sid());
    assert.equal(timeoutSeconds, 1);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 100));

    assert.deepEqual((await user.send("GET", "/me")).body, { user: null });
    assert.equal(await serviceSession(user.sid()), 404);
  });

  test("errors reach express-session's callbacks; an unknown session is none", async () => {
    const store = new SessionStateStore({ url: service.url });
    const call = (method, ...args) => new Promise((resolve) => store[method](...args, (err, value) => resolve({ err, value })));

    assert.deepEqual(await call("get", "AAAAAAAAAAAAAAAAAAAAAA"), { err: null, value: null });
    assert.deepEqual(await call("destroy", "AAAAAAAAAAAAAAAAAAAAAA"), { err: null, value: undefined });

    const { err } = await call("set", "AAAAAAAAAAAAAAAAAAAAAA", { cookie: { originalMaxAge: 60_000 } });
    assert.equal(err.status, 404);
    assert.equal(err.type, "urn:session-state:problem:session-not-found");

    const created = await (await fetch(`${service.url}/sessions`, { method: "POST" })).json();
    const tooLong = await call("set", created.id, { cookie: { originalMaxAge: 30 * 24 * 3600 * 1000 } });
    assert.equal(tooLong.err.status, 422, "a maxAge over sessions.timeout.max is refused, not shortened");

    const down = new SessionStateStore({ url: "http://127.0.0.1:9", poolSize: 1 });
    const unreachable = await new Promise((resolve) => down.get("AAAAAAAAAAAAAAAAAAAAAA", resolve));
    assert.ok(unreachable instanceof Error);
  });
});
