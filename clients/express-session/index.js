// An express-session store on the session-state service's HTTP API (README, "Use it from
// Express"). Each express-session session is one service session, with the same id, that holds
// the express-session data as one item, "data"; the cookie's maxAge becomes the service session's
// idle timeout (timeoutSeconds).
//
// Ids: the service makes session ids itself (POST /sessions), while express-session asks for a new
// id synchronously (its genid option). So the store keeps a small pool of service sessions created
// ahead, and its genid hands one out. Nothing else has to map one id to another: the cookie holds
// the service's id. An id handed out for a request that never saved its session goes back to the
// pool (with saveUninitialized: false, the default of sessionState(), no cookie named it). The
// pool is refilled in the background; the `ready` middleware, and get() and regenerate() before
// they let express-session make a new id, wait until it holds one.
//
// Not implemented: all(), length() and clear(). The service cannot list or count the sessions of
// one application (it has no such operation, and other applications may share it), and these are
// optional in express-session.
import session from "express-session";

const { Store } = session;

/** An answer of the service that is not a success: status and the problem's type, title and detail. */
export class SessionStateError extends Error {
  constructor(status, problem) {
    super(`session-state service answered ${status}: ${problem.title ?? ""}${problem.detail ? ` (${problem.detail})` : ""}`);
    this.name = "SessionStateError";
    this.status = status;
    this.type = problem.type;
  }
}

function problemOf(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { title: text.slice(0, 200) };
  }
}

export class SessionStateStore extends Store {
  #url;
  #timeoutSeconds;
  #poolSize;
  #poolTimeoutSeconds;
  /** Service sessions created ahead and not handed out: {id, createdAt} (ms), oldest first. */
  #pool = [];
  #filling = null;
  /** Pool entries handed out by genid whose session was not saved yet, by id. */
  #issued = new Map();

  /**
   * @param {object} options
   * @param {string} options.url the service's base URL, such as http://session-state:8080
   * @param {number} [options.timeoutSeconds] idle timeout of sessions whose cookie has no maxAge
   *   (browser-session cookies); the service's default (sessions.timeout.default) when absent
   * @param {number} [options.poolSize] service sessions kept ready for new express sessions (8)
   * @param {number} [options.poolTimeoutSeconds] idle timeout of a session waiting in the pool
   *   (300); it is handed out only during the first half of it
   */
  constructor({ url, timeoutSeconds, poolSize = 8, poolTimeoutSeconds = 300 }) {
    super();
    this.#url = url.replace(/\/+$/, "");
    this.#timeoutSeconds = timeoutSeconds;
    this.#poolSize = poolSize;
    this.#poolTimeoutSeconds = poolTimeoutSeconds;
    this.#refill().catch(() => {}); // the first request that needs an id reports a failure
  }

  /** express-session's genid option: a service session id from the pool (throws when none is ready). */
  genid = (req) => {
    const entry = this.#take();
    if (entry === undefined) {
      throw new Error("session-state: no session id ready; use sessionState(), or store.ready before express-session");
    }
    this.#issued.set(entry.id, entry);
    req.res?.once("close", () => {
      if (this.#issued.delete(entry.id)) this.#pool.push(entry);
    });
    return entry.id;
  };

  /** Middleware for before express-session: waits until the pool holds an id for genid. */
  ready = (req, res, next) => {
    this.#ensureOne().then(() => next(), next);
  };

  get(sid, callback) {
    this.#call("GET", `/sessions/${encodeURIComponent(sid)}/items/data`)
      .then(async (data) => {
        if (data === undefined) await this.#ensureOne().catch(() => {}); // express-session makes a new id next
        callback(null, data ?? null);
      }, callback);
  }

  set(sid, sess, callback = () => {}) {
    this.#issued.delete(sid);
    this.#applyTimeout(sid, sess)
      .then(() => this.#call("PUT", `/sessions/${encodeURIComponent(sid)}/items/data`, sess, true))
      .then(() => callback(null), callback);
  }

  touch(sid, sess, callback = () => {}) {
    this.#applyTimeout(sid, sess, true).then(() => callback(null), callback);
  }

  destroy(sid, callback = () => {}) {
    this.#call("DELETE", `/sessions/${encodeURIComponent(sid)}`).then(() => callback(null), callback);
  }

  /** As express-session's own, but waits for a pool id before it makes the new session. */
  regenerate(req, callback) {
    this.destroy(req.sessionID, (err) => {
      this.#ensureOne().then(() => {
        this.generate(req);
        callback(err);
      }, (poolError) => callback(err ?? poolError));
    });
  }

  /**
   * Sets the service session's timeout from the cookie (which also resets its idle timer), or, with
   * no timeout to set and `touchOnly`, touches it. A session that is gone fails only a write.
   */
  #applyTimeout(sid, sess, touchOnly = false) {
    const maxAge = sess?.cookie?.originalMaxAge;
    const timeoutSeconds = typeof maxAge === "number" ? Math.ceil(maxAge / 1000) : this.#timeoutSeconds;
    const path = `/sessions/${encodeURIComponent(sid)}`;
    if (timeoutSeconds !== undefined) return this.#call("PATCH", path, { timeoutSeconds }, !touchOnly);
    return touchOnly ? this.#call("POST", `${path}/touch`) : Promise.resolve();
  }

  /**
   * One request; resolves to the JSON body (null for none), or to undefined on a 404 unless
   * `mustExist`. Anything else rejects with a SessionStateError.
   */
  async #call(method, path, body, mustExist = false) {
    const response = await fetch(this.#url + path, {
      method,
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status === 404 && !mustExist) return undefined;
    if (!response.ok) throw new SessionStateError(response.status, problemOf(text));
    return text ? JSON.parse(text) : null;
  }

  /** Drops the pool's sessions that are past the first half of their timeout (they expire by themselves). */
  #dropStale() {
    const freshAfter = Date.now() - (this.#poolTimeoutSeconds * 1000) / 2;
    this.#pool = this.#pool.filter((entry) => entry.createdAt >= freshAfter);
  }

  #take() {
    this.#dropStale();
    const entry = this.#pool.shift();
    if (this.#pool.length < this.#poolSize) this.#refill().catch(() => {});
    return entry;
  }

  async #ensureOne() {
    this.#dropStale();
    if (this.#pool.length === 0) await this.#refill();
  }

  /** Creates sessions until the pool is full; one fill at a time. */
  #refill() {
    this.#filling ??= (async () => {
      try {
        const missing = this.#poolSize - this.#pool.length;
        const created = await Promise.all(Array.from({ length: Math.max(missing, 1) }, () => this.#create()));
        this.#pool.push(...created);
      } finally {
        this.#filling = null;
      }
    })();
    return this.#filling;
  }

  async #create() {
    const createdAt = Date.now();
    const created = await this.#call("POST", "/sessions", { timeoutSeconds: this.#poolTimeoutSeconds }, true);
    return { id: created.id, createdAt };
  }
}

/**
 * express-session on this service, as one middleware list: `app.use(sessionState({ url, secret }))`.
 * Takes express-session's options (secret, cookie, name...) and the store's (url, timeoutSeconds,
 * poolSize, poolTimeoutSeconds); resave and saveUninitialized default to false.
 */
export function sessionState({ url, timeoutSeconds, poolSize, poolTimeoutSeconds, ...options }) {
  const store = new SessionStateStore({ url, timeoutSeconds, poolSize, poolTimeoutSeconds });
  return [store.ready, session({ resave: false, saveUninitialized: false, ...options, store, genid: store.genid })];
}
