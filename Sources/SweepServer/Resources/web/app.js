// The field app's frame: pairing, the views (today, a visit, an unplanned visit, the outbox), the
// always-visible queue line, and sync when the connection returns.
import * as store from "/assets/app-store.js";
import * as outbox from "/assets/app-sync.js";
// Today's list loads with the first screen that shows it (the pairing screen does not).
let today = null;
const todayModule = async () => (today ||= await import("/assets/app-today.js"));
// The visit form (with the guard and the photo code) loads when first needed: the first screen on
// a slow link waits only for what it draws.
const visitModule = () => import("/assets/app-visit.js");
import { t, translate } from "/assets/app-text.js";

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

async function stopStates() {
  await todayModule();
  const states = {};
  for (const sent of Object.values((await store.get("meta", "sent")) || {})) if (sent.stop) states[sent.stop] = "done";
  for (const item of await store.all("outbox")) if (item.body.sweep_stop_id) states[item.body.sweep_stop_id] = "queued";
  return states;
}

async function route() {
  if (!principal) return;
  await todayModule();
  const [name, arg] = location.hash.replace(/^#/, "").split("/");
  for (const a of document.querySelectorAll(".tabs a")) a.classList.toggle("active", a.dataset.tab === (name || "today"));
  if (name === "visit") {
    const found = await today.findStop(Number(arg));
    if (!found) { location.hash = "#today"; return; }
    await (await visitModule()).open(view, { target: found, principal: principal.principal, onSaved: savedVisit });
  } else if (name === "unplanned") {
    await unplanned(arg ? Number(arg) : null);
  } else if (name === "edit") {
    const item = await store.get("outbox", arg);
    if (!item) { location.hash = "#queue"; return; }
    const found = item.body.sweep_stop_id ? await today.findStop(item.body.sweep_stop_id) : null;
    const known = ((await store.get("venues", "all")) || []).find((v) => v.id === item.body.venue_id);
    const target = found || { venue: known || { id: item.body.venue_id || null, name: item.label, report: item.report || undefined } };
    await (await visitModule()).open(view, { target, principal: principal.principal, draft: item, onSaved: () => { location.hash = "#queue"; } });
  } else if (name === "queue") {
    await drawQueue();
  } else {
    today.render(view, await today.cached(), await stopStates());
  }
  window.scrollTo(0, 0);
}

function savedVisit(body) {
  say(t("saved", { n: body.submission_id.slice(0, 8) }));
  location.hash = "#today";
}

async function unplanned(venueId) {
  await todayModule();
  const visit = await visitModule();
  const venues = (await store.get("venues", "all")) || [];
  if (venueId) {
    const venue = venues.find((v) => v.id === venueId) || { id: venueId, name: `#${venueId}` };
    await visit.open(view, { target: { venue }, principal: principal.principal, onSaved: savedVisit });
    return;
  }
  view.innerHTML = `<h1>${t("unplannedTitle")}</h1>
    <input id="venue-q" type="search" placeholder="${t("venueSearch")}" aria-label="${t("venueSearch")}">
    <ul class="stops" id="venue-list"></ul>
    <form class="card" id="new-venue" novalidate>
      <h2>${t("newVenue")}</h2>
      <p class="muted">${t("newVenueHelp")}</p>
      <label>${t("venueName")}<input id="nv-name" required></label>
      <label>${t("venueAddress")}<input id="nv-address"></label>
      <label>${t("venueKind")}<select id="nv-kind"><option value="internet_cafe">${t("k_internet_cafe")}</option>
        <option value="tobacco_retail">${t("k_tobacco_retail")}</option><option value="other">${t("k_other")}</option></select></label>
      <p id="nv-status" class="status" role="alert"></p>
      <button type="submit" class="wide" id="nv-go">${t("newVenueVisit")}</button>
    </form>`;
  let position = null;
  document.getElementById("new-venue").addEventListener("submit", (e) => {
    e.preventDefault();
    const name = document.getElementById("nv-name").value.trim();
    const status = document.getElementById("nv-status");
    if (!name) { status.textContent = t("venueNameNeeded"); return; }
    if (!position) { status.textContent = t("positionNeeded"); return; }
    const report = { report_id: crypto.randomUUID(), name, address: document.getElementById("nv-address").value.trim(),
      kind: document.getElementById("nv-kind").value, location: position };
    visit.open(view, { target: { venue: { id: null, name, address: report.address, code: t("newVenue"), report } },
      principal: principal.principal, onSaved: savedVisit });
  });
  const draw = () => {
    const found = visit.searchVenues(venues, document.getElementById("venue-q").value, position);
    document.getElementById("venue-list").innerHTML = found.map((v) => `<li class="stop"><span class="seq">·</span><div>
      <strong>${today.escape(v.name)}</strong><div class="muted">${today.escape(v.address)} · ${today.escape(v.code)}${v.licensed ? "" : " · 无证 unlicensed"}</div>
      <a class="button wide" href="#unplanned/${v.id}" data-venue="${v.id}">${t("pick")}</a></div></li>`).join("");
  };
  document.getElementById("venue-q").addEventListener("input", draw);
  draw();
  navigator.geolocation?.getCurrentPosition((p) => { position = { longitude: p.coords.longitude, latitude: p.coords.latitude }; draw(); }, () => {}, { timeout: 10000, maximumAge: 60000 });
}

async function drawQueue() {
  await todayModule();
  const items = (await store.all("outbox")).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  view.innerHTML = `<h1>${t("queueTitle")}</h1>` + (items.length === 0 ? `<p>${t("queueEmpty")}</p>` : items.map((i) => `
    <section class="card outbox-item ${i.state}" data-item="${i.id}">
      <strong>${today.escape(i.label)}</strong>
      <div class="muted">${new Date(i.createdAt).toLocaleString("zh-CN", { hour12: false })} · ${t("photoCount", { n: i.photos.length })} · ${i.id.slice(0, 8)}</div>
      ${i.problem ? `<div class="problem">${i.state === "refused" ? t("refusedBy") : ""}${today.escape(i.problem)}</div>` : ""}
      ${i.state === "refused" ? `<a class="button wide" href="#edit/${i.id}" data-edit="${i.id}">${t("edit")}</a>
        <button type="button" class="quiet wide" data-retry="${i.id}">${t("retry")}</button>` : ""}
    </section>`).join(""));
  for (const b of view.querySelectorAll("[data-retry]")) b.addEventListener("click", () => outbox.resend(b.dataset.retry).then(drawQueue));
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
  if (location.hash.startsWith("#queue") && !state.running) drawQueue();
}

/** Marks the first screen as drawn (the tests wait for it, the bench reads the mark's time). */
function ready(state) {
  if (!document.body.dataset.ready) performance.mark(`sweep-ready-${state}`);
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
      await todayModule();
      await today.download();
      await downloadVenues();
      await outbox.markSynced();
      if (!location.hash.match(/^#(visit|edit|unplanned)/)) await route();
    } catch (err) {
      if (err.status === 401) { await store.remove("meta", "session"); principal = null; await start(); return; }
    }
    outbox.sync("start");
  }
}

/** The registry venues this inspector may see, for unplanned visits without signal. */
async function downloadVenues() {
  const venues = [];
  let after = null;
  for (let page = 0; page < 20; page++) {
    const batch = await today.getJSON(`/v1/venues?limit=1000${after ? `&after=${after}` : ""}`);
    venues.push(...batch.items.map((v) => ({ id: v.id, code: v.code, name: v.name, address: v.address, licensed: v.licensed, location: v.location })));
    if (!batch.next_after) break;
    after = batch.next_after;
  }
  await store.put("venues", "all", venues);
}

async function boot() {
  // A mistake in the app is shown, never swallowed: the inspector must know a visit was not saved.
  window.addEventListener("error", (e) => say(`${e.message}`));
  window.addEventListener("unhandledrejection", (e) => say(`${e.reason && e.reason.message ? e.reason.message : e.reason}`));
  translate(document.body);
  storageWorks = await store.available();
  if (!storageWorks) say(t("noStorage"));
  else store.persist();
  outbox.onChange(drawQueueLine);
  document.getElementById("sync-now").addEventListener("click", () => outbox.sync("button"));
  window.addEventListener("online", () => { outbox.sync("online"); outbox.refresh(); });
  window.addEventListener("offline", () => outbox.refresh());
  window.addEventListener("hashchange", () => {
    const pairing = new URLSearchParams(location.hash.replace(/^#/, "")).get("pair");
    if (pairing) showPairing(pairing); else route();
  });
  setInterval(() => { if (navigator.onLine) outbox.sync("timer"); }, 20000);
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/app/sw.js", { scope: "/app/" }).catch(() => {});
  await outbox.refresh();
  await start();
  visitModule().catch(() => {});
  todayModule().catch(() => {});
}

// What the browser tests reach for: the outbox as the app sees it, and a way to close the database.
window.sweepField = { sync: () => outbox.sync("test"), outbox: () => store.all("outbox"), closeDatabase: store.closeForTest, csrf: outbox.csrf };

boot();
