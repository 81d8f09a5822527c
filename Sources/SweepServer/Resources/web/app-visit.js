// One visit, recorded at the door: planned (a stop of today's sweep) or unplanned (a venue from the
// phone's copy of the registry, picked by search or by distance). The visit gets its submission_id
// the moment the form opens, so every later retry is the same submission. The minors'-data guard
// runs before anything is queued, with the server's rules.
import * as store from "/assets/app-store.js";
import * as outbox from "/assets/app-sync.js";
import { submissionIssues } from "/assets/app-guard.js";
import { reduce } from "/assets/app-photo.js";
import { t, chinaDay } from "/assets/app-text.js";
import { escape } from "/assets/app-today.js";

const OUTCOMES = ["inspected", "venue_closed", "not_found", "entry_refused"];

function localInput(date) {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return shifted.toISOString().slice(0, 16);
}

function defaultBasis(type) {
  const b = (type.legal_bases || []).find((x) => x.role === "penalty") || (type.legal_bases || [])[0];
  return b ? `${b.instrument} ${b.version} 第${b.article}条${b.item ? `第${b.item}项` : ""}` : "—";
}

/** The catalogue entries `department` may record: the code's lead or assisting departments. */
export function recordable(types, department) {
  return types.filter((v) => v.lead_department === department || (v.assisting_departments || []).includes(department));
}

/**
 * Draws the form into `view`. `target` is {stop, sweep} for a planned visit or {venue} for an
 * unplanned one; `draft` is an outbox item being corrected (its submission_id is kept).
 */
export async function open(view, { target, principal, draft = null, onSaved }) {
  const types = (await store.get("catalogue", "types")) || [];
  const department = principal.department || "CUL";
  const mine = recordable(types, department);
  const venue = target.stop
    ? { id: target.stop.venue_id, name: target.stop.venue_name, code: target.stop.venue_code, address: target.stop.address }
    : target.venue;
  const others = target.sweep ? [...new Set(target.sweep.members.map((m) => m.department))].filter((d) => d !== department) : [];
  const body0 = draft ? draft.body : null;
  const submissionId = body0 ? body0.submission_id : crypto.randomUUID();
  const photos = [];
  // A visit being corrected keeps every measure it had: the form shows them as they were sent.
  const measure0 = (kind) => (body0?.findings?.[0]?.measures || []).find((m) => m.kind === kind);
  let position = body0 ? body0.device_position : (venue.report ? venue.report.location : null);
  let accuracy = body0 ? body0.position_accuracy_metres ?? null : null;

  view.innerHTML = `
    <h1>${t("visitTitle")} · ${escape(venue.name)}</h1>
    <p class="muted">${escape(venue.address || "")} · ${escape(venue.code || "")}${target.stop ? ` · #${target.stop.seq}` : ""}</p>
    <form id="visit" novalidate>
      ${target.stop ? "" : `<label>${t("unplannedReason")}<input id="unplanned-reason" required value="${escape(body0?.unplanned_reason || "")}"></label>
        <label>${t("origin")}<select id="origin">${["CAMPAIGN", "TIP", "REFERRAL", "RANDOM", "FOLLOW_UP"].map((o) => `<option ${body0?.origin === o ? "selected" : ""}>${o}</option>`).join("")}</select></label>`}
      <label>${t("outcome")}<select id="outcome">${OUTCOMES.map((o) => `<option value="${o}" ${body0?.outcome === o ? "selected" : ""}>${t(`o_${o}`)}</option>`).join("")}</select></label>
      <div>
        <label>${t("arrived")}<input id="arrived" type="datetime-local" value="${localInput(body0 ? new Date(body0.arrived_at) : new Date())}"></label>
        <label>${t("departed")}<input id="departed" type="datetime-local" value="${body0 ? localInput(new Date(body0.departed_at)) : ""}"></label>
      </div>
      <div class="card"><strong>${t("position")}</strong> <span id="position">${t("locating")}</span>
        <button type="button" class="quiet small" id="relocate">${t("relocate")}</button></div>
      <fieldset class="card" id="minors"><legend>${t("minors")}</legend>
        <div class="row4">
          <label>${t("count")}<input id="m-count" type="number" min="0" inputmode="numeric" value="${body0?.minors?.count ?? 0}"></label>
          <label>${t("under14")}<input id="m-under14" type="number" min="0" inputmode="numeric" value="${body0?.minors?.under14 ?? 0}"></label>
          <label>${t("from14to15")}<input id="m-from14to15" type="number" min="0" inputmode="numeric" value="${body0?.minors?.from14to15 ?? 0}"></label>
          <label>${t("from16to17")}<input id="m-from16to17" type="number" min="0" inputmode="numeric" value="${body0?.minors?.from16to17 ?? 0}"></label>
        </div>
        <label>${t("logReference")}<input id="m-log" value="${escape(body0?.minors?.log_reference || "")}"></label>
        <label class="inline"><input type="checkbox" id="m-guardians" ${body0?.minors?.guardians_called ? "checked" : ""}>${t("guardians")}</label>
        <label class="inline"><input type="checkbox" id="m-police" ${body0?.minors?.police_called ? "checked" : ""}>${t("police")}</label>
        <label class="inline"><input type="checkbox" id="m-mandatory" ${body0?.minors?.mandatory_report_filed ? "checked" : ""}>${t("mandatory")}</label>
      </fieldset>
      <fieldset class="card" id="finding"><legend>${t("findingFor", { d: escape(department) })}</legend>
        <input id="v-search" type="search" placeholder="${t("searchViolations")}" aria-label="${t("searchViolations")}">
        <div class="chosen" id="v-chosen"></div>
        <div class="picker" id="v-list"></div>
        <h2>${t("measures")}</h2>
        <label class="inline"><input type="checkbox" id="me-order" ${measure0("order_to_correct") ? "checked" : ""}>${t("orderToCorrect")}</label>
        <label>${t("deadline")}<input id="me-deadline" type="date" value="${escape(measure0("order_to_correct")?.deadline || "")}"></label>
        <label class="inline"><input type="checkbox" id="me-sealing" ${measure0("sealing") ? "checked" : ""}>${t("sealing")}</label>
        <label class="inline"><input type="checkbox" id="me-seizure" ${measure0("seizure") ? "checked" : ""}>${t("seizure")}</label>
        <div class="row"><label>${t("itemName")}<input id="me-item" value="${escape(measure0("seizure")?.items?.[0]?.name || "")}"></label>
          <label>${t("itemCount")}<input id="me-count" type="number" min="1" inputmode="numeric" value="${measure0("seizure")?.items?.[0]?.count ?? ""}"></label></div>
        <label>${t("facts")}<textarea id="facts">${escape(body0?.findings?.[0]?.facts || "")}</textarea></label>
        <label class="button quiet wide" for="photo">${t("addPhoto")}</label>
        <input id="photo" type="file" accept="image/*" capture="environment" hidden>
        <div class="photos" id="photos"></div>
      </fieldset>
      ${others.length ? `<p class="muted">${t("otherDepartments", { d: others.join("、") })}</p>` : ""}
      <div id="visit-status" class="status" role="alert"></div>
      <button type="submit" class="wide" id="save">${t("save")}</button>
    </form>`;

  const $ = (id) => view.querySelector(`#${id}`);
  const chosen = new Set((body0?.findings?.[0]?.violations || []).map((v) => v.code));
  const drawList = () => {
    const q = $("v-search").value.trim().toLowerCase();
    const shown = mine.filter((v) => !q || v.title_zh.toLowerCase().includes(q) || v.code.toLowerCase().includes(q) || v.title_en.toLowerCase().includes(q)).slice(0, 60);
    $("v-list").innerHTML = shown.map((v) => `<label><input type="checkbox" data-code="${escape(v.code)}" ${chosen.has(v.code) ? "checked" : ""}>
      <span>${escape(v.title_zh)}<small>${escape(v.code)} · ${t("defaultBasis")}：${escape(defaultBasis(v))}</small></span></label>`).join("");
    $("v-chosen").textContent = [...chosen].join("，");
  };
  $("v-search").addEventListener("input", drawList);
  $("v-list").addEventListener("change", (e) => {
    const code = e.target.dataset.code;
    if (!code) return;
    if (e.target.checked) chosen.add(code); else chosen.delete(code);
    $("v-chosen").textContent = [...chosen].join("，");
  });
  drawList();

  const locate = () => {
    if (!navigator.geolocation) { $("position").textContent = t("noPosition"); return; }
    $("position").textContent = t("locating");
    navigator.geolocation.getCurrentPosition((p) => {
      position = { longitude: p.coords.longitude, latitude: p.coords.latitude };
      accuracy = Math.round(p.coords.accuracy);
      $("position").textContent = `${p.coords.latitude.toFixed(5)}, ${p.coords.longitude.toFixed(5)} ±${Math.round(p.coords.accuracy)} m`;
      $("position").dataset.accuracy = String(Math.round(p.coords.accuracy));
    }, () => { $("position").textContent = position ? `${position.latitude.toFixed(5)}, ${position.longitude.toFixed(5)}` : t("noPosition"); },
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  };
  $("relocate").addEventListener("click", locate);
  locate();

  $("photo").addEventListener("change", async () => {
    const file = $("photo").files[0];
    if (!file) return;
    try {
      const photo = await reduce(file);
      photos.push(photo);
      const img = document.createElement("img");
      img.src = URL.createObjectURL(photo.blob);
      img.alt = photo.sha256;
      img.dataset.sha256 = photo.sha256;
      $("photos").append(img);
    } catch (err) {
      $("visit-status").textContent = err.message;
    }
    $("photo").value = "";
  });

  $("visit").addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = collect();
    const issues = submissionIssues(body);
    if (issues.length) {
      $("visit-status").textContent = `${t("stopped")}\n` + issues.map((i) => `${i.location}: ${i.reason}`).join("\n");
      return;
    }
    $("save").disabled = true;
    try {
      if (draft) await outbox.resend(draft.id, body, photos);
      else await outbox.enqueue(body, venue.name, photos, venue.report || null);
      onSaved(body);
    } catch (err) {
      $("visit-status").textContent = err.message;
      $("save").disabled = false;
    }
  });

  function collect() {
    const number = (id) => Math.max(0, parseInt($(id).value || "0", 10) || 0);
    const arrived = $("arrived").value ? new Date($("arrived").value) : new Date();
    const departed = $("departed").value ? new Date($("departed").value) : new Date();
    const body = {
      submission_id: submissionId,
      arrived_at: arrived.toISOString(),
      departed_at: (departed < arrived ? arrived : departed).toISOString(),
      outcome: $("outcome").value,
      findings: [],
    };
    // A venue reported from here gets its id when the report is sent, just before the visit.
    if (venue.id) body.venue_id = venue.id;
    if (target.stop) body.sweep_stop_id = target.stop.stop_id;
    else { body.origin = $("origin").value; body.unplanned_reason = $("unplanned-reason").value.trim(); }
    if (position) body.device_position = position;
    if (position && accuracy != null) body.position_accuracy_metres = accuracy;
    const count = number("m-count");
    if (count > 0 || $("m-log").value.trim()) {
      body.minors = {
        count, under14: number("m-under14"), from14to15: number("m-from14to15"), from16to17: number("m-from16to17"),
        guardians_called: $("m-guardians").checked, police_called: $("m-police").checked, mandatory_report_filed: $("m-mandatory").checked,
      };
      if ($("m-log").value.trim()) body.minors.log_reference = $("m-log").value.trim();
    }
    const measures = [];
    if ($("me-order").checked) measures.push($("me-deadline").value ? { kind: "order_to_correct", deadline: $("me-deadline").value } : { kind: "order_to_correct" });
    if ($("me-sealing").checked) measures.push({ kind: "sealing" });
    if ($("me-seizure").checked) measures.push({ kind: "seizure", items: [{ name: $("me-item").value.trim(), count: number("me-count") }] });
    const evidence = [...(body0?.findings?.[0]?.evidence || []), ...photos.map((p) => p.sha256)];
    const facts = $("facts").value.trim();
    if (chosen.size || measures.length || facts || evidence.length) {
      body.findings.push({ department, facts, violations: [...chosen].map((code) => ({ code })), measures, evidence });
    }
    return body;
  }
}

/** Venues near `position` first (or all, by name), filtered by what was typed: the unplanned visit's picker. */
export function searchVenues(venues, query, position) {
  const q = query.trim().toLowerCase();
  let found = venues.filter((v) => !q || v.name.toLowerCase().includes(q) || v.code.toLowerCase().includes(q) || (v.address || "").toLowerCase().includes(q));
  if (position) {
    const d = (v) => v.location ? Math.hypot((v.location.longitude - position.longitude) * Math.cos(position.latitude * Math.PI / 180), v.location.latitude - position.latitude) : 9;
    found = found.map((v) => [d(v), v]).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  }
  return found.slice(0, 30);
}

export { chinaDay };
