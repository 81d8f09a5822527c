import { api, requireSession, showWho } from "/assets/session.js";

const $ = (id) => document.getElementById(id);
const now = new Date(), y = now.getFullYear(), m = String(now.getMonth() + 1).padStart(2, "0");
$("to").value = `${y}-${m}`;
$("from").value = `${y - 1}-${m}`;

const s = await requireSession();
if (s) showWho(s, $("who"));

$("f").addEventListener("submit", async (e) => {
  e.preventDefault();
  const q = new URLSearchParams({ from: $("from").value, to: $("to").value, k: $("k").value, format: "svg" });
  q.set($("shape").value, $("size").value);
  if ($("kind").value) q.set("kind", $("kind").value);
  $("status").textContent = "…";
  try {
    const r = await api(`/v1/heatmap?${q}`, { accept: "image/svg+xml" });
    $("map").innerHTML = await r.text();
    $("status").textContent = "";
  } catch (err) {
    $("map").innerHTML = "";
    $("status").textContent = err.message;
  }
});
