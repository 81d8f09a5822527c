// The app's views: today's list, a visit (planned, unplanned, or a refused one to correct), the
// outbox. Loaded after the first screen is drawn.
import * as store from "/assets/app-store.js";
import * as outbox from "/assets/app-sync.js";
import * as today from "/assets/app-today.js";
import { t } from "/assets/app-text.js";

const visitModule = () => import("/assets/app-visit.js");
let view = null;
let principal = null;
let say = () => {};

/** Loads the visit form ahead of need, so it opens without signal too. */
export function preload() { return visitModule(); }

/** Downloads today's work and the registry venues this inspector may see. */
export async function download() {
  await today.download();
  await downloadVenues();
}

/** Draws the view the address names. */
export async function route(into, who, announce) {
  view = into;
  principal = who;
  say = announce;
  const [name, arg] = location.hash.replace(/^#/, "").split("/");
  for (const a of document.querySelectorAll(".tabs a")) a.classList.toggle("active", a.dataset.tab === (name || "today"));
  if (name === "visit") {
    const found = await today.findStop(Number(arg));
    if (!found) { location.hash = "#today"; return; }
    await (await visitModule()).open(view, { target: found, principal, onSaved: savedVisit });
  } else if (name === "unplanned") {
    await unplanned(arg ? Number(arg) : null);
  } else if (name === "edit") {
    const item = await store.get("outbox", arg);
    if (!item) { location.hash = "#queue"; return; }
    const found = item.body.sweep_stop_id ? await today.findStop(item.body.sweep_stop_id) : null;
    const known = ((await store.get("venues", "all")) || []).find((v) => v.id === item.body.venue_id);
    const target = found || { venue: known || { id: item.body.venue_id || null, name: item.label, report: item.report || undefined } };
    await (await visitModule()).open(view, { target, principal, draft: item, onSaved: () => { location.hash = "#queue"; } });
  } else if (name === "queue") {
    await drawQueue();
  } else {
    today.render(view, await today.cached(), await stopStates());
  }
  window.scrollTo(0, 0);
}


async function stopStates() {
  const states = {};
  for (const sent of Object.values((await store.get("meta", "sent")) || {})) if (sent.stop) states[sent.stop] = "done";
  for (const item of await store.all("outbox")) if (item.body.sweep_stop_id) states[item.body.sweep_stop_id] = "queued";
  return states;
}

function savedVisit(body) {
  say(t("saved", { n: body.submission_id.slice(0, 8) }));
  location.hash = "#today";
}

async function unplanned(venueId) {
  const visit = await visitModule();
  const venues = (await store.get("venues", "all")) || [];
  if (venueId) {
    const venue = venues.find((v) => v.id === venueId) || { id: venueId, name: `#${venueId}` };
    await (await visitModule()).open(view, { target: { venue }, principal, onSaved: savedVisit });
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
      principal, onSaved: savedVisit });
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

export async function drawQueue(into = view) {
  view = into;
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

