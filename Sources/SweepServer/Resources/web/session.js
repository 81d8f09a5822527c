// How Sweep's pages talk to the API in a browser: the session cookie goes along by itself
// (same origin, HttpOnly, SameSite=Strict); writes add the session's X-CSRF-Token.

let current = null;

/** The signed-in session ({principal, via, expires_at, csrf_token}) or null when signed out. */
export async function session() {
  const r = await fetch("/v1/session", { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (r.status === 401) { current = null; return null; }
  if (!r.ok) throw new Error(await problem(r));
  current = await r.json();
  return current;
}

/** Sends the user to the sign-in page, to come back here afterwards. */
export function goSignIn() {
  const next = location.pathname + location.search;
  location.assign(`/signin?next=${encodeURIComponent(next)}`);
}

/** The session, or a redirect to sign in when there is none. */
export async function requireSession() {
  const s = await session();
  if (!s) goSignIn();
  return s;
}

/** fetch for the API: JSON in, the session's CSRF token on writes; throws the problem's words. */
export async function api(path, { method = "GET", body, accept = "application/json" } = {}) {
  const headers = { Accept: accept };
  if (method !== "GET" && method !== "HEAD") {
    if (!current) await session();
    if (current && current.csrf_token) headers["X-CSRF-Token"] = current.csrf_token;
  }
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(path, { method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body) });
  if (r.status === 401) { goSignIn(); throw new Error("signed out"); }
  if (!r.ok) throw new Error(await problem(r));
  return r;
}

export async function signOut() {
  try { await api("/v1/session/end", { method: "POST" }); } catch { /* already signed out */ }
  current = null;
  location.assign("/signin");
}

/** The words of an application/problem+json answer: each field's location and reason, or the detail. */
export async function problem(r) {
  const text = await r.text();
  try {
    const p = JSON.parse(text);
    const fields = (p.errors || []).map((x) => `${x.location}: ${x.reason}`).join("\n");
    return fields || p.detail || `${r.status} ${r.statusText}`;
  } catch {
    return text || `${r.status} ${r.statusText}`;
  }
}

/** Fills the page header's "signed in as" line and its sign-out button. */
export function showWho(s, element) {
  const p = s.principal;
  const where = p.scope && p.scope.length ? p.scope.join(", ") : "全省 province-wide";
  element.querySelector("[data-who]").textContent = `${p.name} · ${p.role}${p.department ? " · " + p.department : ""} · ${where}`;
  element.querySelector("[data-signout]").addEventListener("click", signOut);
  element.hidden = false;
}
