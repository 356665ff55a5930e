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
// Concurrent requests of one session (two browser tabs) each read the session and save it whole.
// By default (concurrency: "compare-and-set") a save is conditional: get() remembers the session's
// version (its ETag; the service counts one version per session, and every change of content,
// including a PATCH of timeoutSeconds, moves it, while reads and touches do not), and set() sends
// it as If-Match, so a save based on a read that another request has overtaken fails with a
// SessionConflictError (code "SESSION_CONFLICT") instead of undoing the other request's change.
// A session that was never read (a new one) is created with If-None-Match: *. The version travels
// with the object get() answered, and with the Session express-session makes of it
// (createSession), in a WeakMap: nothing is kept per id, and nothing outlives the request.
// Since a PATCH moves the version, set() and touch() send one only when the timeout differs from
// the one the session was read with (the data holds the cookie that the last save set it from);
// when set() does send one, the PATCH carries the If-Match and the PUT the version it answered.
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
    this.problem = problem;
  }
}

/**
 * A save that lost a race: another request changed the session since this one read it (412
 * precondition-failed). Nothing of the session's data was saved; merging and retrying is the
 * application's choice. `code` is "SESSION_CONFLICT".
 */
export class SessionConflictError extends SessionStateError {
  constructor(problem) {
    super(412, problem);
    this.name = "SessionConflictError";
    this.code = "SESSION_CONFLICT";
    this.message = "session-state: another request changed the session since this one read it; this save was not applied";
  }
}

const CONCURRENCY = ["compare-and-set", "last-write-wins"];

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
  #compareAndSet;
  /** The version a session was read at, {etag, timeoutSeconds}, by the object get() answered and its Session. */
  #versions = new WeakMap();

  /**
   * @param {object} options
   * @param {string} options.url the service's base URL, such as http://session-state:8080
   * @param {number} [options.timeoutSeconds] idle timeout of sessions whose cookie has no maxAge
   *   (browser-session cookies); the service's default (sessions.timeout.default) when absent
   * @param {number} [options.poolSize] service sessions kept ready for new express sessions (8)
   * @param {number} [options.poolTimeoutSeconds] idle timeout of a session waiting in the pool
   *   (300); it is handed out only during the first half of it
   * @param {"compare-and-set"|"last-write-wins"} [options.concurrency] "compare-and-set" (the
   *   default): a save fails with a SessionConflictError when another request changed the session
   *   since it was read; "last-write-wins": every save overwrites
   */
  constructor({ url, timeoutSeconds, poolSize = 8, poolTimeoutSeconds = 300, concurrency = "compare-and-set" }) {
    super();
    if (!CONCURRENCY.includes(concurrency)) {
      throw new TypeError(`session-state: concurrency must be one of ${CONCURRENCY.join(", ")}, not ${concurrency}`);
    }
    this.#compareAndSet = concurrency === "compare-and-set";
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
    this.#request("GET", `/sessions/${encodeURIComponent(sid)}/items/data`)
      .then(async ({ value: data, etag }) => {
        if (data === undefined) await this.#ensureOne().catch(() => {}); // express-session makes a new id next
        if (data !== null && typeof data === "object") this.#versions.set(data, { etag, timeoutSeconds: this.#timeoutOf(data) });
        callback(null, data ?? null);
      }, callback);
  }

  /** As express-session's own; the Session it makes keeps the version of the data it is made of. */
  createSession(req, sess) {
    const version = this.#versions.get(sess);
    const session = super.createSession(req, sess);
    if (version !== undefined) this.#versions.set(session, version);
    return session;
  }

  set(sid, sess, callback = () => {}) {
    this.#issued.delete(sid);
    this.#save(sid, sess).then((version) => {
      this.#versions.set(sess, version); // a second save in the same request builds on this one
      callback(null);
    }, callback);
  }

  touch(sid, sess, callback = () => {}) {
    const path = `/sessions/${encodeURIComponent(sid)}`;
    const read = this.#versions.get(sess);
    const timeoutSeconds = this.#timeoutOf(sess);
    // A PATCH moves the version, and would fail another request's save: only for a new timeout.
    const touched = timeoutSeconds !== undefined && timeoutSeconds !== read?.timeoutSeconds
      ? this.#request("PATCH", path, { body: { timeoutSeconds } }).then(({ value, etag }) => {
          if (value !== undefined && read !== undefined) this.#versions.set(sess, { etag, timeoutSeconds });
        })
      : this.#request("POST", `${path}/touch`);
    touched.then(() => callback(null), callback);
  }

  destroy(sid, callback = () => {}) {
    this.#request("DELETE", `/sessions/${encodeURIComponent(sid)}`).then(() => callback(null), callback);
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
   * Sets the timeout from the cookie when it differs from the one the session was read with, then
   * stores the data; with compare-and-set, each conditional on the version read (If-Match), or, for
   * a session never read, on there being no data yet (If-None-Match: *). Resolves to the version
   * saved.
   */
  async #save(sid, sess) {
    const path = `/sessions/${encodeURIComponent(sid)}`;
    const read = this.#versions.get(sess);
    const timeoutSeconds = this.#timeoutOf(sess);
    let etag = read?.etag;
    try {
      if (timeoutSeconds !== undefined && timeoutSeconds !== read?.timeoutSeconds) {
        const condition = read === undefined ? {} : this.#condition(read, read.etag); // a new session: the PUT checks
        ({ etag } = await this.#request("PATCH", path, { body: { timeoutSeconds }, mustExist: true, ...condition }));
      }
      const saved = await this.#request("PUT", `${path}/items/data`, { body: sess, mustExist: true, ...this.#condition(read, etag) });
      return { etag: saved.etag, timeoutSeconds: timeoutSeconds ?? read?.timeoutSeconds };
    } catch (err) {
      throw err instanceof SessionStateError && err.status === 412 ? new SessionConflictError(err.problem) : err;
    }
  }

  /** The precondition headers of a write of a session read as `read` (undefined: never read), now at `etag`. */
  #condition(read, etag) {
    if (!this.#compareAndSet) return {};
    if (read === undefined) return { headers: { "if-none-match": "*" } };
    return etag ? { headers: { "if-match": etag } } : {};
  }

  /** The service timeout for a session's cookie: its maxAge, or the store's timeoutSeconds (may be undefined). */
  #timeoutOf(sess) {
    const maxAge = sess?.cookie?.originalMaxAge;
    return typeof maxAge === "number" ? Math.ceil(maxAge / 1000) : this.#timeoutSeconds;
  }

  /**
   * One request; resolves to {value, etag}: the JSON body (null for none), or undefined on a 404
   * unless `mustExist`, and the ETag header. Anything else rejects with a SessionStateError.
   */
  async #request(method, path, { body, headers = {}, mustExist = false } = {}) {
    const response = await fetch(this.#url + path, {
      method,
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status === 404 && !mustExist) return { value: undefined, etag: undefined };
    if (!response.ok) throw new SessionStateError(response.status, problemOf(text));
    return { value: text ? JSON.parse(text) : null, etag: response.headers.get("etag") ?? undefined };
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
    const { value } = await this.#request("POST", "/sessions", { body: { timeoutSeconds: this.#poolTimeoutSeconds }, mustExist: true });
    return { id: value.id, createdAt };
  }
}

/**
 * express-session on this service, as one middleware list: `app.use(sessionState({ url, secret }))`.
 * Takes express-session's options (secret, cookie, name...) and the store's (url, timeoutSeconds,
 * poolSize, poolTimeoutSeconds, concurrency); resave and saveUninitialized default to false.
 */
export function sessionState({ url, timeoutSeconds, poolSize, poolTimeoutSeconds, concurrency, ...options }) {
  const store = new SessionStateStore({ url, timeoutSeconds, poolSize, poolTimeoutSeconds, concurrency });
  return [store.ready, session({ resave: false, saveUninitialized: false, ...options, store, genid: store.genid })];
}
