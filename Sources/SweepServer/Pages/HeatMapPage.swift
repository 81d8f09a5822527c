import Foundation
import Hummingbird
import SweepAPI

/// The map page `sweep serve` offers at /heatmap: a form that asks the API for the SVG picture
/// with the user's token (kept in the tab's session storage) and shows it. The page itself holds
/// no data, so it is public; every number comes from GET /v1/heatmap with the caller's role.
enum HeatMapPage {
    static let html = """
    <!doctype html>
    <html lang="zh-CN"><head><meta charset="utf-8"><title>Sweep 热力图 heat map</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <style>
      body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 1.5rem; color: #222; }
      form { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; margin-bottom: 1rem; }
      label { display: flex; flex-direction: column; font-size: .85rem; }
      input, select { font: inherit; padding: .25rem .4rem; }
      #map svg { max-width: 100%; height: auto; border: 1px solid #ddd; }
      #status { color: #a33; margin: .5rem 0; white-space: pre-wrap; }
    </style></head>
    <body>
    <h1>违法热点图 · Repeat-offender heat map</h1>
    <form id="f">
      <label>令牌 Token <input id="token" type="password" size="24" placeholder="swp_…" required></label>
      <label>起 From <input id="from" type="month" required></label>
      <label>止（不含）To <input id="to" type="month" required></label>
      <label>网格 Grid <select id="shape"><option value="cell">square</option><option value="hex">hexagon</option></select></label>
      <label>大小 Size <input id="size" value="500m" size="7"></label>
      <label>场所 Kind <select id="kind"><option value="">all</option><option>internet_cafe</option><option>tobacco_retail</option></select></label>
      <label>重复阈值 k <input id="k" type="number" value="2" min="1" max="100" style="width:4em"></label>
      <button>显示 Show</button>
    </form>
    <div id="status"></div>
    <div id="map"></div>
    <script>
      const $ = (id) => document.getElementById(id);
      const now = new Date(), y = now.getFullYear(), m = now.getMonth() + 1;
      $("to").value = `${y}-${String(m).padStart(2, "0")}`;
      $("from").value = `${y - 1}-${String(m).padStart(2, "0")}`;
      $("token").value = sessionStorage.getItem("sweepToken") || "";
      $("f").addEventListener("submit", async (e) => {
        e.preventDefault();
        sessionStorage.setItem("sweepToken", $("token").value);
        const q = new URLSearchParams({ from: $("from").value, to: $("to").value, k: $("k").value, format: "svg" });
        q.set($("shape").value, $("size").value);
        if ($("kind").value) q.set("kind", $("kind").value);
        $("status").textContent = "…";
        const r = await fetch(`/v1/heatmap?${q}`, { headers: { Authorization: `Bearer ${$("token").value}` } });
        const body = await r.text();
        if (!r.ok) {
          let msg = body;
          try { const p = JSON.parse(body); msg = (p.errors || []).map((x) => `${x.location}: ${x.reason}`).join("\\n") || p.detail; } catch {}
          $("status").textContent = msg; $("map").innerHTML = ""; return;
        }
        $("status").textContent = "";
        $("map").innerHTML = body;
      });
    </script>
    </body></html>
    """

    static func register(on routes: SecuredRoutes) {
        routes.publicGET(APIPath.heatmapPage) { _, _ in
            TextResponse.make(html, contentType: "text/html; charset=utf-8")
        }
    }
}
