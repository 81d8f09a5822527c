// Today's work: the inspector's own dispatched sweeps, downloaded whole while there is signal
// (stops, hours, why each was chosen, the catalogue) and drawn from the phone's copy afterwards.
// The server sends only sweeps that went out: nothing sealed reaches the phone before dispatch.
import * as store from "/assets/app-store.js";
import { t, clock, chinaDay } from "/assets/app-text.js";

async function getJSON(path) {
  const r = await fetch(path, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } });
  if (!r.ok) { const e = new Error(`${path}: ${r.status}`); e.status = r.status; throw e; }
  return r.json();
}

/** Fetches the sweeps from today on and the catalogue; keeps the old copy when the network fails. */
export async function download() {
  const plans = await getJSON("/v1/plans");
  const today = chinaDay();
  const sweeps = [];
  for (const summary of plans) {
    const plan = await getJSON(`/v1/plans/${summary.plan_id}`);
    for (const sweep of plan.sweeps) {
      if (sweep.day < today) continue;
      sweeps.push({ ...sweep, plan_id: plan.plan_id, campaign_name: plan.campaign_name });
    }
  }
  sweeps.sort((a, b) => (a.day + a.shift_start).localeCompare(b.day + b.shift_start));
  const [types, departments] = await Promise.all([getJSON("/v1/violation-types"), getJSON("/v1/departments")]);
  await store.put("plans", "sweeps", { downloadedAt: new Date().toISOString(), sweeps });
  await store.put("catalogue", "types", types);
  await store.put("catalogue", "departments", departments);
}

export async function cached() {
  return (await store.get("plans", "sweeps")) || { downloadedAt: null, sweeps: [] };
}

/** Finds a stop (with its sweep) in the phone's copy. */
export async function findStop(stopId) {
  for (const sweep of (await cached()).sweeps) {
    const stop = sweep.stops.find((s) => s.stop_id === stopId);
    if (stop) return { sweep, stop };
  }
  return null;
}

function reasonText(r) {
  if (!r) return "";
  if (r.method === "random_draw") return `随机抽取 random draw · ${r.stratum || ""}${r.frame_size ? ` · 1/${r.frame_size}` : ""}`;
  const parts = (r.parts || []).filter((p) => p.points >= 0.05).sort((a, b) => b.points - a.points).slice(0, 3)
    .map((p) => `${p.detail || p.name}`).join("；");
  const head = { risk: "风险", reinspection_due: "回头看 re-inspection", quota: "配额 quota" }[r.method] || r.method;
  return `${head} ${Number(r.score).toFixed(1)}${parts ? `：${parts}` : ""}${r.note ? `（${r.note}）` : ""}`;
}

/** The route as a small drawing: depot, stops in order, back to the depot. No tiles, no network. */
function routeMap(sweep) {
  const points = [sweep.depot, ...sweep.stops.map((s) => s.location)];
  const lons = points.map((p) => p.longitude), lats = points.map((p) => p.latitude);
  const minLon = Math.min(...lons), maxLon = Math.max(...lons), minLat = Math.min(...lats), maxLat = Math.max(...lats);
  const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const w = Math.max((maxLon - minLon) * k, 1e-4), h = Math.max(maxLat - minLat, 1e-4);
  const scale = Math.min(300 / w, 160 / h);
  const xy = (p) => [10 + (p.longitude - minLon) * k * scale, 10 + (maxLat - p.latitude) * scale];
  const path = [...points, sweep.depot].map((p) => xy(p).map((v) => v.toFixed(1)).join(",")).join(" ");
  const dots = sweep.stops.map((s) => {
    const [x, y] = xy(s.location);
    return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="8" fill="#0b57d0"/><text x="${x.toFixed(1)}" y="${(y + 4).toFixed(1)}" font-size="10" text-anchor="middle" fill="#fff">${s.seq}</text>`;
  }).join("");
  const [dx, dy] = xy(sweep.depot);
  return `<svg viewBox="0 0 ${(20 + w * scale).toFixed(0)} ${(20 + h * scale).toFixed(0)}" role="img" aria-label="route">
    <polyline points="${path}" fill="none" stroke="#5f6368" stroke-width="1.5" stroke-dasharray="4 3"/>
    <rect x="${(dx - 5).toFixed(1)}" y="${(dy - 5).toFixed(1)}" width="10" height="10" fill="#1e6b34"/>${dots}</svg>`;
}

const escape = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** Draws the sweeps into `view`; `states` maps stop ids to "done" or "queued". */
export function render(view, data, states) {
  const today = chinaDay();
  if (data.sweeps.length === 0) {
    view.innerHTML = `<h1>${t("tabToday")}</h1><p>${t("noSweeps")}</p>`;
  } else {
    view.innerHTML = `<h1>${t("tabToday")}</h1>` + data.sweeps.map((sweep) => `
      <section class="card sweep" data-sweep="${sweep.sweep_id}">
        <h2>${sweep.day === today ? t("today") : `${t("upcoming")} ${escape(sweep.day)}`} · ${escape(sweep.label)} · ${escape(sweep.shift_name)}
          ${clock(sweep.shift_start)}–${clock(sweep.shift_end)}</h2>
        <p class="muted">${escape(sweep.campaign_name)} · ${sweep.members.map((m) => `${escape(m.name)} ${escape(m.department)}${m.is_lead ? "★" : ""}`).join("，")}</p>
        <div class="route">${routeMap(sweep)}</div>
        <ol class="stops">${sweep.stops.map((s) => `
          <li class="stop ${states[s.stop_id] || ""}" data-stop="${s.stop_id}">
            <span class="seq">${s.seq}</span>
            <div>
              <strong>${clock(s.start)} ${escape(s.venue_name)}</strong>
              <div class="muted">${escape(s.address)} · ${escape(s.venue_code)}</div>
              <div class="muted">${t("hours")}：${escape(s.opening_hours || "—")}</div>
              <div class="muted">${t("why")}：${escape(reasonText(s.reason))}</div>
              ${states[s.stop_id] ? `<div class="ok">${t(states[s.stop_id])}</div>` : ""}
              <a class="button wide" href="#visit/${s.stop_id}" data-record="${s.stop_id}">${t("record")}</a>
            </div>
          </li>`).join("")}</ol>
      </section>`).join("");
  }
  if (data.downloadedAt) view.insertAdjacentHTML("beforeend", `<p class="muted">${t("downloaded", { t: new Date(data.downloadedAt).toLocaleString("zh-CN", { hour12: false }) })}</p>`);
}

export { escape, getJSON };
