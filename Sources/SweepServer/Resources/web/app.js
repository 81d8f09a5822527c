// The field app's frame: pairing, the views (today, a visit, an unplanned visit, the outbox), the
// always-visible queue line, and sync when the connection returns.
import * as store from "/assets/app-store.js";
import * as outbox from "/assets/app-sync.js";
import { t, translate } from "/assets/app-text.js";
// The views (today's list, the visit form, the outbox) load with the first screen that shows
// them: on a slow link the pairing screen waits only for what it draws.
const views = () => import("/assets/app-views.js");

const view = document.getElementById("view");
const notice = document.getElementById("notice");
let principal = null;
let storageWorks = true;

function say(text) { notice.textContent = text; notice.hidden = !text; }

async function cachedSession() { return store.get("meta", "session"); }

/** Asks the server who this phone is; without signal the remembered session stands in. */
async function checkSession() {
  let response;
  try {
    response = await fetch("/v1/session", { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } });
  } catch {
    return (await cachedSession()) || null;
  }
  if (response.status === 401) {
    if (await cachedSession()) say(t("sessionEnded"));
    await store.remove("meta", "session");
    return null;
  }
  if (!response.ok) return (await cachedSession()) || null;
  const info = await response.json();
  if (info.via !== "cookie") return null;
  await store.put("meta", "session", info);
  return info;
}

async function pair(code) {
  const status = document.getElementById("pair-status");
  status.textContent = "…";
  const r = await fetch("/v1/session", {
    method: "POST", credentials: "same-origin", cache: "no-store",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ code }),
  }).catch((e) => ({ ok: false, status: 0, error: e }));
  if (!r.ok) { status.textContent = r.status ? await outbox.problemText(r) : String(r.error); return; }
  await store.put("meta", "session", await r.json());
  say("");
  history.replaceState(null, "", "/app/#today");
  await start();
}

function showPairing(code = "") {
  view.replaceChildren(document.getElementById("pair-view").content.cloneNode(true));
  translate(view);
  const input = document.getElementById("pair-code");
  input.value = code;
  document.getElementById("pair-form").addEventListener("submit", (e) => { e.preventDefault(); pair(input.value.trim()); });
  if (code) pair(code);
}

function showWho() {
  const p = principal.principal;
  document.getElementById("who").textContent = `${p.name}${p.department ? " · " + p.department : ""}`;
}

async function route() {
  if (!principal) return;
  await (await views()).route(view, principal.principal, say);
}

function drawQueueLine(state) {
  const line = document.getElementById("queue-line");
  const parts = [];
  if (!navigator.onLine) parts.push(t("offline"));
  parts.push(state.waiting || state.refused ? t("waiting", { n: state.waiting }) : t("allSent"));
  if (state.refused) parts.push(t("refusedCount", { n: state.refused }));
  parts.push(state.lastSync ? t("lastSync", { t: new Date(state.lastSync).toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit", hour12: false }) }) : t("neverSynced"));
  if (state.running) parts.push(t("syncing"));
  line.textContent = parts.join(" · ");
  line.dataset.waiting = String(state.waiting);
  line.dataset.refused = String(state.refused);
  const bar = document.getElementById("syncbar");
  bar.classList.toggle("offline", !navigator.onLine);
  bar.classList.toggle("refused", state.refused > 0);
  if (state.paused === "session") say(t("sessionEnded"));
  if (location.hash.startsWith("#queue") && !state.running && principal) views().then((v) => v.drawQueue(view));
}

/** Marks the first screen as drawn (the tests wait for it, the bench reads the mark's time). */
function ready(state) {
  if (!document.body.dataset.ready) {
    performance.mark(`sweep-ready-${state}`);
    // Once the first screen is drawn: the worker keeps the shell, the rest of the app loads.
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/app/sw.js", { scope: "/app/" }).catch(() => {});
    views().then((v) => v.preload()).catch(() => {});
  }
  document.body.dataset.ready = state;
}

async function start() {
  // A paired phone opens at once from its own copy; the server is asked afterwards, and only a
  // refusal (the session ended) sends it back to pairing.
  const code = new URLSearchParams(location.hash.replace(/^#/, "")).get("pair") || "";
  if (code) { showPairing(code); ready("pairing"); return; }
  const remembered = await cachedSession();
  if (!remembered) {
    // Not paired on this phone: the pairing screen at once; a session the browser already has
    // (signed in at /signin) takes over when the server confirms it.
    showPairing();
    ready("pairing");
    const existing = await checkSession();
    if (existing) await start();
    return;
  }
  principal = remembered;
  showWho();
  await route();
  ready("app");
  const current = await checkSession();
  if (!current && !(await cachedSession())) { principal = null; await start(); return; }
  if (current) principal = current;
  if (navigator.onLine) {
    try {
      await (await views()).download();
      await outbox.markSynced();
      if (!location.hash.match(/^#(visit|edit|unplanned)/)) await route();
    } catch (err) {
      if (err.status === 401) { await store.remove("meta", "session"); principal = null; await start(); return; }
    }
    outbox.sync("start");
  }
}

async function boot() {
  // A mistake in the app is shown, never swallowed: the inspector must know a visit was not saved.
  window.addEventListener("error", (e) => say(`${e.message}`));
  window.addEventListener("unhandledrejection", (e) => say(`${e.reason && e.reason.message ? e.reason.message : e.reason}`));
  translate(document.body);
  outbox.onChange(drawQueueLine);
  document.getElementById("sync-now").addEventListener("click", () => outbox.sync("button"));
  window.addEventListener("online", () => { outbox.sync("online"); outbox.refresh(); });
  window.addEventListener("offline", () => outbox.refresh());
  window.addEventListener("hashchange", () => {
    const pairing = new URLSearchParams(location.hash.replace(/^#/, "")).get("pair");
    if (pairing) showPairing(pairing); else route();
  });
  setInterval(() => { if (navigator.onLine) outbox.sync("timer"); }, 20000);
  // The first screen is drawn first; the storage checks and the worker follow it.
  const starting = start();
  storageWorks = await store.available();
  document.getElementById("storage-off").hidden = storageWorks;
  if (storageWorks) store.persist();
  await outbox.refresh();
  await starting;
}

// What the browser tests reach for: the outbox as the app sees it, and a way to close the database.
window.sweepField = { sync: () => outbox.sync("test"), outbox: () => store.all("outbox"), closeDatabase: store.closeForTest, csrf: outbox.csrf };

boot();
