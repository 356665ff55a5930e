// express-session on the packaged service, through a real Express app on 127.0.0.1: log-in (with
// a new id), a counter across requests, log-out, expiry, errors as express-session expects, and
// overlapping requests of one session (compare-and-set).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import express from "express";
import { SessionConflictError, SessionStateStore, sessionState } from "../index.js";
import { startService } from "./service.js";

let service;
const apps = [];
/** Requests to POST /cart?gate=<name> wait, once their session is read, until the test releases them. */
const gates = new Map();

/** A gate: `arrived` resolves when a request reaches it, `release()` lets that request go on. */
function gate(name) {
  const g = {};
  g.arrived = new Promise((resolve) => (g.arrive = resolve));
  g.released = new Promise((resolve) => (g.release = resolve));
  gates.set(name, g);
  return g;
}

before(async () => {
  service = await startService({ "sessions.timeout.min": "1S" });
});

after(async () => {
  await Promise.all(apps.map((server) => new Promise((resolve) => server.close(resolve))));
  await service?.stop();
});

/** An Express app with sessions in the service, cookies of the given maxAge; answers its base URL. */
async function startApp(maxAge, concurrency) {
  const app = express();
  app.use(sessionState({ url: service.url, secret: "test secret", cookie: { maxAge }, concurrency }));
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
  // Saves before answering, so that a conflict can still be answered (409).
  app.post("/cart", async (req, res) => {
    const g = gates.get(req.query.gate);
    if (g) {
      g.arrive();
      await g.released;
    }
    req.session.cart = [...(req.session.cart ?? []), req.query.item];
    req.session.save((err) => (err ? res.status(err.code === "SESSION_CONFLICT" ? 409 : 500).json({ code: err.code }) : res.json({ cart: req.session.cart })));
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
      const { response, body, setCookie } = await this.request(method, path);
      assert.equal(response.status, 200, JSON.stringify(body));
      return { body, setCookie };
    },
    /** As send, whatever the status. */
    async request(method, path) {
      const response = await fetch(base + path, { method, headers: cookie ? { cookie } : {} });
      const set = response.headers.getSetCookie().find((c) => c.startsWith("connect.sid="));
      if (set) cookie = set.split(";")[0];
      return { response, body: await response.json(), setCookie: set !== undefined };
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

/** The service session's version (its ETag), read without changing it. */
async function serviceVersion(sid) {
  return (await fetch(`${service.url}/sessions/${sid}`)).headers.get("etag");
}

/** Calls a store method with express-session's callback; resolves to {err, value}. */
function call(store, method, ...args) {
  return new Promise((resolve) => store[method](...args, (err, value) => resolve({ err, value })));
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

describe("overlapping requests of one session", () => {
  /** A service session with express-session data saved, as after a first request. */
  async function savedSession(store, data) {
    const created = await (await fetch(`${service.url}/sessions`, { method: "POST" })).json();
    const { err } = await call(store, "set", created.id, { cookie: { originalMaxAge: 60_000 }, ...data });
    assert.equal(err, null);
    return created.id;
  }

  test("two tabs: the save based on a stale read fails with SESSION_CONFLICT, and the other's change stands", async () => {
    const user = browser(await startApp(60_000));
    await user.send("POST", "/login?user=ann");
    const tabA = gate("tab-a");
    const slow = user.request("POST", "/cart?item=apple&gate=tab-a"); // reads the session, then waits
    await tabA.arrived;
    assert.deepEqual((await user.send("POST", "/cart?item=pear")).body, { cart: ["pear"] });
    tabA.release();

    const { response, body } = await slow;
    assert.equal(response.status, 409);
    assert.deepEqual(body, { code: "SESSION_CONFLICT" });
    const data = await serviceData(user.sid());
    assert.deepEqual([data.user, data.cart], ["ann", ["pear"]], "the first save stands");

    // The application decides what to do; here, the user repeats it on the current session.
    assert.deepEqual((await user.send("POST", "/cart?item=apple")).body, { cart: ["pear", "apple"] });
  });

  test("a request that only reads (touch) neither moves the version nor fails another's save", async () => {
    const user = browser(await startApp(60_000));
    await user.send("POST", "/login?user=bob");
    const tabA = gate("tab-a-touch");
    const slow = user.request("POST", "/cart?item=apple&gate=tab-a-touch");
    await tabA.arrived;
    const before = await serviceVersion(user.sid());
    assert.deepEqual((await user.send("GET", "/me")).body, { user: "bob" });
    assert.equal(await serviceVersion(user.sid()), before);
    tabA.release();

    const { response, body } = await slow;
    assert.equal(response.status, 200);
    assert.deepEqual(body, { cart: ["apple"] });
    assert.equal((await serviceSession(user.sid())).timeoutSeconds, 60);
  });

  test("store: get, set, get; a second save of the same read builds on the first", async () => {
    const store = new SessionStateStore({ url: service.url, poolSize: 1 });
    const sid = await savedSession(store, { count: 1 });
    const { value: read } = await call(store, "get", sid);
    read.count = 2;
    assert.equal((await call(store, "set", sid, read)).err, null);
    read.count = 3;
    assert.equal((await call(store, "set", sid, read)).err, null);
    assert.equal((await call(store, "get", sid)).value.count, 3);
  });

  test("store: of two saves based on one version, the second fails and changes nothing", async () => {
    const store = new SessionStateStore({ url: service.url, poolSize: 1 });
    const sid = await savedSession(store, { count: 1 });
    const { value: first } = await call(store, "get", sid);
    const { value: second } = await call(store, "get", sid);
    first.count = 2;
    second.count = 10;
    const { err } = await call(store, "set", sid, first);
    assert.equal(err, null);
    const conflict = (await call(store, "set", sid, second)).err;
    assert.ok(conflict instanceof SessionConflictError);
    assert.equal(conflict.code, "SESSION_CONFLICT");
    assert.equal(conflict.status, 412);
    assert.equal(conflict.type, "urn:session-state:problem:precondition-failed");
    assert.equal((await serviceData(sid)).count, 2);

    // A session never read is created only: data already there is a conflict, not overwritten.
    assert.equal((await call(store, "set", sid, { cookie: { originalMaxAge: 60_000 }, count: 99 })).err?.code, "SESSION_CONFLICT");
    assert.equal((await serviceData(sid)).count, 2);
  });

  test("store: a new timeout is still set by a save that checks the version", async () => {
    const store = new SessionStateStore({ url: service.url, poolSize: 1 });
    const sid = await savedSession(store, { count: 1 });
    const { value: read } = await call(store, "get", sid);
    read.cookie = { originalMaxAge: 120_000 };
    assert.equal((await call(store, "set", sid, read)).err, null);
    assert.equal((await serviceSession(sid)).timeoutSeconds, 120);

    const { value: stale } = await call(store, "get", sid);
    await call(store, "set", sid, (await call(store, "get", sid)).value);
    stale.cookie = { originalMaxAge: 180_000 };
    assert.equal((await call(store, "set", sid, stale)).err?.code, "SESSION_CONFLICT");
    assert.equal((await serviceSession(sid)).timeoutSeconds, 120, "a stale save changes no timeout either");
  });

  test("store: touch keeps the version, and still sets a new timeout", async () => {
    const store = new SessionStateStore({ url: service.url, poolSize: 1 });
    const sid = await savedSession(store, { count: 1 });
    const { value: read } = await call(store, "get", sid);
    const before = await serviceVersion(sid);
    assert.equal((await call(store, "touch", sid, read)).err, null);
    assert.equal(await serviceVersion(sid), before);

    read.cookie = { originalMaxAge: 90_000 };
    assert.equal((await call(store, "touch", sid, read)).err, null);
    assert.equal((await serviceSession(sid)).timeoutSeconds, 90);
    assert.equal((await call(store, "touch", "AAAAAAAAAAAAAAAAAAAAAA", read)).err, null, "a session that is gone fails no touch");
  });

  test("last-write-wins, when asked for: every save overwrites", async () => {
    assert.throws(() => new SessionStateStore({ url: service.url, concurrency: "merge" }), TypeError);
    const store = new SessionStateStore({ url: service.url, poolSize: 1, concurrency: "last-write-wins" });
    const sid = await savedSession(store, { count: 1 });
    const { value: first } = await call(store, "get", sid);
    const { value: second } = await call(store, "get", sid);
    first.count = 2;
    second.count = 10;
    assert.equal((await call(store, "set", sid, first)).err, null);
    assert.equal((await call(store, "set", sid, second)).err, null);
    assert.equal((await serviceData(sid)).count, 10);

    const user = browser(await startApp(60_000, "last-write-wins"));
    await user.send("POST", "/login?user=cy");
    const tabA = gate("tab-a-lww");
    const slow = user.request("POST", "/cart?item=apple&gate=tab-a-lww");
    await tabA.arrived;
    await user.send("POST", "/cart?item=pear");
    tabA.release();
    assert.deepEqual((await slow).body, { cart: ["apple"] }, "the later save undid the other");
  });
});
