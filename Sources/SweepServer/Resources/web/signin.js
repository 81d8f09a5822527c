import { problem, session } from "/assets/session.js";

// Only a path on this server: never an open redirect to another site.
function next() {
  const n = new URLSearchParams(location.search).get("next") || "/heatmap";
  return n.startsWith("/") && !n.startsWith("//") && !n.startsWith("/\\") ? n : "/heatmap";
}

const form = document.getElementById("signin");
const status = document.getElementById("status");

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  status.textContent = "…";
  document.getElementById("go").disabled = true;
  try {
    const r = await fetch("/v1/session", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ code: document.getElementById("code").value }),
    });
    if (!r.ok) { status.textContent = await problem(r); return; }
    status.textContent = "";
    location.assign(next());
  } catch (err) {
    status.textContent = `网络错误 network error: ${err.message}`;
  } finally {
    document.getElementById("go").disabled = false;
  }
});

// Already signed in: straight on.
session().then((s) => { if (s && s.via === "cookie") location.assign(next()); }).catch(() => {});
