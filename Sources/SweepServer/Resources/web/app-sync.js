// The outbox: a visit leaves the phone only when the server has acknowledged it (2xx). A refusal
// (4xx) stays, with the server's words, for the inspector to correct and resend; a network failure
// or a server in trouble (5xx) leaves everything waiting for the next attempt. Photos go first and
// are marked one by one, so an upload that broke off resumes where it stopped.
import * as store from "/assets/app-store.js";

const listeners = new Set();
let running = null;
let paused = null;

/** Calls `listener(state)` whenever the queue or its sync changes. */
export function onChange(listener) { listeners.add(listener); }

async function announce(extra = {}) {
  const items = await store.all("outbox");
  const meta = (await store.get("meta", "sync")) || {};
  const state = {
    waiting: items.filter((i) => i.state !== "refused").length,
    refused: items.filter((i) => i.state === "refused").length,
    lastSync: meta.lastSync || null,
    running: Boolean(running),
    paused,
    ...extra,
  };
  for (const l of listeners) l(state);
  return state;
}

export const refresh = () => announce();

/** Records a successful exchange with the server (a download counts: the phone is up to date). */
export async function markSynced() {
  await store.put("meta", "sync", { ...((await store.get("meta", "sync")) || {}), lastSync: new Date().toISOString() });
  await announce();
}

/** The session's CSRF token, remembered so the phone can send after a restart without signal. */
export async function csrf() {
  const session = await store.get("meta", "session");
  return session ? session.csrf_token : "";
}

/** The words of an application/problem+json answer: each field's location and reason, or the detail. */
export async function problemText(response) {
  const text = await response.text();
  try {
    const p = JSON.parse(text);
    const fields = (p.errors || []).map((x) => `${x.location}: ${x.reason}`).join("\n");
    return fields || p.detail || `${response.status} ${response.statusText}`;
  } catch {
    return text || `${response.status} ${response.statusText}`;
  }
}

/** Puts a visit in the outbox; its photos (Blobs) are kept beside it until they are uploaded. */
export async function enqueue(body, label, photos, report = null) {
  for (const p of photos) await store.put("photos", p.sha256, p.blob);
  const item = {
    id: body.submission_id, label, body, report, createdAt: new Date().toISOString(), state: "waiting", problem: null, attempts: 0,
    photos: photos.map((p) => ({ sha256: p.sha256, type: p.type, size: p.blob.size, uploaded: false })),
  };
  await store.put("outbox", item.id, item);
  await announce();
  sync("queued");
  return item;
}

/** Replaces a refused visit's body after the inspector corrected it; the submission_id stays. */
export async function resend(id, body, photos = []) {
  const item = await store.get("outbox", id);
  if (!item) return;
  for (const p of photos) await store.put("photos", p.sha256, p.blob);
  item.photos.push(...photos.map((p) => ({ sha256: p.sha256, type: p.type, size: p.blob.size, uploaded: false })));
  item.body = body || item.body;
  item.state = "waiting";
  item.problem = null;
  await store.put("outbox", id, item);
  await announce();
  return sync("resend");
}

/** Sends what is waiting, oldest first; one run at a time. */
export function sync(reason = "") {
  if (!running) {
    running = drain(reason).finally(() => { running = null; announce(); });
    announce();
  }
  return running;
}

async function post(path, body, type) {
  return fetch(path, {
    method: "POST", credentials: "same-origin", cache: "no-store",
    headers: { "Content-Type": type, Accept: "application/json", "X-CSRF-Token": await csrf() },
    body,
  });
}

async function drain() {
  const items = (await store.all("outbox")).filter((i) => i.state !== "refused").sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  let reached = false;
  for (const item of items) {
    item.attempts += 1;
    item.lastTriedAt = new Date().toISOString();
    let outcome;
    try {
      outcome = await send(item);
      reached = true;
    } catch {
      await store.put("outbox", item.id, item);
      break; // no connection: the rest waits too
    }
    if (outcome === "stop") break;
  }
  if (reached || items.length === 0) {
    const meta = (await store.get("meta", "sync")) || {};
    if (reached) meta.lastSync = new Date().toISOString();
    await store.put("meta", "sync", meta);
  }
}

/** One visit: the venue it found (if new), its photos, then the visit itself. Returns "sent", "refused", or "stop" to wait. */
async function send(item) {
  if (item.report && !item.body.venue_id) {
    // Idempotent by report_id: a retry after a lost answer finds the venue registered the first time.
    const answer = await post("/v1/venues/suspected", JSON.stringify(item.report), "application/json");
    if (!(await judge(item, answer))) return item.state === "refused" ? "refused" : "stop";
    item.body.venue_id = (await answer.json()).summary.id;
    await store.put("outbox", item.id, item);
  }
  for (const photo of item.photos) {
    if (photo.uploaded) continue;
    const blob = await store.get("photos", photo.sha256);
    if (!blob) { photo.uploaded = true; continue; } // already confirmed and cleared on an earlier run
    const answer = await post("/v1/evidence", blob, photo.type);
    if (!(await judge(item, answer))) return item.state === "refused" ? "refused" : "stop";
    const stored = await answer.json();
    if (stored.sha256 && stored.sha256 !== photo.sha256) {
      item.state = "refused";
      item.problem = `photo hash mismatch: the phone computed ${photo.sha256}, the server stored ${stored.sha256}`;
      await store.put("outbox", item.id, item);
      return "refused";
    }
    photo.uploaded = true;
    await store.put("outbox", item.id, item);
  }
  const answer = await post("/v1/submissions", JSON.stringify(item.body), "application/json");
  if (!(await judge(item, answer))) return item.state === "refused" ? "refused" : "stop";
  const result = await answer.json();
  const sent = (await store.get("meta", "sent")) || {};
  sent[item.id] = { stop: item.body.sweep_stop_id || null, label: item.label, inspectionId: result.inspection_id, at: new Date().toISOString() };
  await store.put("meta", "sent", sent);
  await store.remove("outbox", item.id);
  for (const photo of item.photos) await store.remove("photos", photo.sha256);
  paused = null;
  return "sent";
}

/** true for 2xx; otherwise records why and leaves the item queued. */
async function judge(item, answer) {
  if (answer.ok) return true;
  if (answer.status === 401 || (answer.status === 403 && (await answer.clone().text()).includes("CSRF"))) {
    paused = "session";
  } else if (answer.status >= 400 && answer.status < 500 && answer.status !== 408 && answer.status !== 429) {
    item.state = "refused";
    item.problem = `${answer.status}: ${await problemText(answer)}`;
  } else {
    item.problem = `${answer.status}: ${await problemText(answer)}`;
  }
  await store.put("outbox", item.id, item);
  return false;
}
