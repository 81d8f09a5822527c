import Foundation
import SweepAPI
import SweepCore

/// The leadership dashboard, rendered on the server: the figures of the report routes as HTML with
/// SVG charts, no script at all (these networks are often closed, and a page without JavaScript
/// cannot be broken by one). Each figure carries `data-figure` so a test can compare it with the API.
enum DashboardPage {
    struct Filters {
        var campaign: Int64?
        var from: String
        var to: String
        var district: String?
        var department: DepartmentCode?
        var asOf: String
    }

    static func render(filters: Filters, campaigns: [CampaignRecord], compliance: ComplianceReport, departments: DepartmentReport,
                       progress: ProgressReport?, heatMap: HeatMapPanel, who: String) -> String {
        var html = """
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
            <title>领导看板 · Sweep dashboard</title><link rel="stylesheet" href="/assets/style.css"></head>
            <body><header class="who"><span>Sweep 专项整治</span><span data-who>\(e(who))</span></header><main>
            <h1>领导看板 Dashboard</h1>
            <p class="label" data-asof="\(e(compliance.asOf))">截至 as of \(e(compliance.asOf)) · \(e(compliance.from)) – \(e(compliance.to))（不含 to）</p>
            """
        html += filterForm(filters, campaigns: campaigns)
        if let progress { html += progressSection(progress) }
        html += complianceSection(compliance)
        html += heatMap.html()
        html += departmentSection(departments, only: filters.department)
        html += "</main></body></html>\n"
        return html
    }

    static func e(_ s: String) -> String { HTMLText.escape(s) }

    static func pct(_ x: Double?) -> String { x.map { String(format: "%.1f %%", $0 * 100) } ?? "—" }

    static func filterForm(_ f: Filters, campaigns: [CampaignRecord]) -> String {
        var options = "<option value=\"\">— 时间段 by dates —</option>"
        for c in campaigns {
            options += "<option value=\"\(c.id)\"\(c.id == f.campaign ? " selected" : "")>\(e(c.spec.name)) (\(e(c.spec.startsOn))…\(e(c.spec.endsOn)))</option>"
        }
        return """
            <form class="grid" method="get" action="\(APIPath.dashboardPage)">
            <label>行动 Campaign<select name="campaign">\(options)</select></label>
            <label>从 From<input type="date" name="from" value="\(e(f.from))"></label>
            <label>至 To<input type="date" name="to" value="\(e(f.to))"></label>
            <label>辖区 District<input name="district" value="\(e(f.district ?? ""))" placeholder="420102"></label>
            <label>部门 Department<select name="department">\(departmentOptions(f.department))</select></label>
            <button>更新 Show</button></form>
            """
    }

    static func departmentOptions(_ chosen: DepartmentCode?) -> String {
        var options = "<option value=\"\">— 全部 all —</option>"
        for d in DepartmentCode.inspecting {
            options += "<option value=\"\(d)\"\(chosen == d ? " selected" : "")>\(d)</option>"
        }
        return options
    }

    static func progressSection(_ r: ProgressReport) -> String {
        let t = r.progress.total
        var html = """
            <section id="progress"><h2>进度 Progress</h2><div class="figures">
            <div class="figure"><small>计划 planned</small><b data-figure="planned">\(t.planned)</b></div>
            <div class="figure"><small>已检查 visited</small><b data-figure="visited">\(t.visited)</b></div>
            <div class="figure"><small>漏检 missed</small><b data-figure="missed">\(t.missed)</b></div>
            <div class="figure"><small>发现违法 violations</small><b data-figure="violations">\(t.violations)</b></div>
            <div class="figure"><small>结案 cases closed</small><b data-figure="cases_closed">\(t.casesClosed)</b></div></div>
            """
        html += "<div class=\"chart\">" + bars(r.progress.byDay.map { ($0.key, Double($0.counts.planned), Double($0.counts.visited)) },
                                               caption: "每日 计划 / 已检查 planned / visited per day") + "</div>"
        if let trend = r.trend { html += "<h3>趋势 Trend (hit rate per week)</h3><div class=\"chart\">" + trendChart(trend) + "</div>" }
        html += "<div class=\"scroll\"><table class=\"data\"><tr><th>选取方式 chosen by</th><th>检查 visits</th><th>命中 with violation</th><th>命中率 hit rate</th></tr>"
        for g in r.progress.byMethod {
            let c = g.counts
            html += "<tr><td>\(e(g.key.isEmpty ? "—" : g.key))</td><td>\(c.visited)</td><td>\(c.visitsWithViolation)</td><td>\(c.visited > 0 ? pct(Double(c.visitsWithViolation) / Double(c.visited)) : "—")</td></tr>"
        }
        html += "</table></div><p class=\"label\">只有随机抽查（random_draw）的命中率反映违法普遍程度；其余选取方式会高估。Only the random draw's hit rate says how common violations are.</p></section>"
        return html
    }

    static func complianceSection(_ r: ComplianceReport) -> String {
        var html = "<section id=\"compliance\"><h2>合规估计 Compliance</h2><p class=\"label\">\(e(r.summary.estimateLabel))</p>"
        for k in r.summary.kinds {
            html += "<h3>\(e(k.kind))</h3><div class=\"figures\"><div class=\"figure\"><small>违法比例 share in violation</small>"
            html += "<b data-figure=\"share-\(e(k.kind))\">\(pct(k.share?.estimate))</b><small>95 %: \(pct(k.share?.low)) – \(pct(k.share?.high)) · n = \(k.share?.sampled ?? 0)</small></div></div>"
            let rows = k.districts.filter { $0.share != nil }
            html += "<div class=\"chart\">" + intervals(rows.map { ($0.districtName + ($0.aboveCity ? " ▲" : ""), $0.share!) }, city: k.share?.estimate) + "</div>"
            let flagged = k.districts.filter(\.aboveCity).map(\.districtName)
            if !flagged.isEmpty { html += "<p class=\"flag\">显著高于全市 above the city (Holm): \(e(flagged.joined(separator: "、")))</p>" }
            if !k.uncoveredDistricts.isEmpty { html += "<p class=\"label\">未抽查 not drawn: \(e(k.uncoveredDistricts.joined(separator: ", ")))</p>" }
        }
        html += "<h3>定向检查命中率 Targeted hit rates</h3><p class=\"label\">\(e(r.summary.targetedLabel))</p>"
        html += "<div class=\"scroll\"><table class=\"data\"><tr><th>类别 kind</th><th>选取 chosen by</th><th>检查 visits</th><th>命中率 hit rate</th></tr>"
        for t in r.summary.targeted {
            html += "<tr><td>\(e(t.kind))</td><td>\(e(t.origin))</td><td>\(t.visits.map(String.init) ?? "&lt;\(r.suppressedBelow ?? 0)")</td><td>\(pct(t.rate))</td></tr>"
        }
        return html + "</table></div></section>"
    }

    /// One row per department, each followed by its districts; `only` keeps one department.
    static func departmentSection(_ r: DepartmentReport, only: DepartmentCode? = nil) -> String {
        var html = "<section id=\"departments\"><h2>部门考评 Departments</h2><div class=\"scroll\"><table class=\"data\"><tr><th>部门</th><th>案件 cases</th>"
            + "<th>决定天数 中位/P90 days</th><th>移送按期 referrals in time</th><th>整改复查 verified</th><th>逾期 overdue</th><th>举报答复 tips answered</th></tr>"
        for d in r.departments where only == nil || d.department == only {
            html += departmentRow(d, label: d.department.rawValue, figure: "cases-\(d.department.rawValue)")
            for x in r.districts where x.department == d.department {
                html += departmentRow(x, label: "　" + (x.districtName ?? x.district ?? ""), figure: "cases-\(d.department.rawValue)-\(x.district ?? "")")
            }
        }
        html += "</table></div>"
        if r.districtsWithheld > 0 {
            html += "<p class=\"label\">\(r.districtsWithheld) 个部门×辖区行因数量小于 \(r.suppressedBelow ?? 0) 未显示 rows withheld (small counts)</p>"
        }
        html += "<details><summary>定义 Definitions</summary><dl>"
        for key in r.definitions.keys.sorted() { html += "<dt>\(e(key))</dt><dd>\(e(r.definitions[key]!))</dd>" }
        return html + "</dl></details></section>"
    }

    /// Median and P90 days to decision, or a dash where they are withheld or there is nothing to show.
    static func dayFigures(_ d: DepartmentEvaluation, separator: String = " / ") -> String {
        func days(_ x: Double?) -> String { x.map { String(format: "%.1f", $0) } ?? "—" }
        return d.suppressed ? "—" : days(d.medianDaysToDecision) + separator + days(d.p90DaysToDecision)
    }

    static func departmentRow(_ d: DepartmentEvaluation, label: String, figure: String) -> String {
        "<tr><td>\(e(label))</td><td data-figure=\"\(e(figure))\">\(d.cases)</td><td>\(dayFigures(d))</td>"
            + "<td>\(d.acceptedInTime)/\(d.referralsReceived)</td><td>\(d.rectificationsVerified)/\(d.rectificationsDue)</td><td>\(d.overdue)</td>"
            + "<td>\(d.tipsAnsweredWithFeedback)/\(d.tipsRouted)</td></tr>"
    }

    /// Hit rate per week: this campaign, the previous one and the same weeks a year before, as lines.
    static func trendChart(_ trend: CampaignTrend) -> String {
        let series: [(WeeklySeries, String, String)] = [(trend.current, "#0b57d0", ""), (trend.yearBefore, "#5f6368", "4 3")]
            + (trend.previousCampaign.map { [($0, "#a3261c", "2 2")] } ?? [])
        let weeks = max(1, series.map { $0.0.weeks.count }.max() ?? 1)
        let width = 640.0, height = 160.0, left = 40.0, bottom = 20.0
        let x = { (w: Int) in left + (weeks == 1 ? 0 : Double(w - 1) / Double(weeks - 1)) * (width - left - 10) }
        let y = { (rate: Double) in (height - bottom) * (1 - rate) + 4 }
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height + 40))\" role=\"img\" aria-label=\"trend\"><title>hit rate per week</title>"
        for tick in [0.0, 0.5, 1.0] {
            svg += "<line x1=\"\(left)\" y1=\"\(y(tick))\" x2=\"\(width - 10)\" y2=\"\(y(tick))\" stroke=\"#d9d9de\"/>"
            svg += "<text x=\"0\" y=\"\(y(tick) + 4)\" font-size=\"11\">\(Int(tick * 100)) %</text>"
        }
        for (i, (s, colour, dash)) in series.enumerated() {
            let points = s.weeks.compactMap { p in p.hitRate.map { "\(x(p.week)),\(y($0))" } }.joined(separator: " ")
            if !points.isEmpty {
                svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>"
            }
            for p in s.weeks { if let rate = p.hitRate { svg += "<circle cx=\"\(x(p.week))\" cy=\"\(y(rate))\" r=\"3\" fill=\"\(colour)\"/>" } }
            svg += "<text x=\"\(left + Double(i) * 200)\" y=\"\(height + 30)\" font-size=\"11\" fill=\"\(colour)\">\(e(s.label))</text>"
        }
        return svg + "</svg>"
    }

    /// Paired bars per key (e.g. planned and visited per day).
    static func bars(_ rows: [(String, Double, Double)], caption: String) -> String {
        guard !rows.isEmpty else { return "" }
        let width = 640.0, rowHeight = 22.0, labelWidth = 110.0
        let top = max(1, rows.map { max($0.1, $0.2) }.max() ?? 1)
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(Double(rows.count) * rowHeight + 24))\" role=\"img\" aria-label=\"\(e(caption))\"><title>\(e(caption))</title>"
        for (i, r) in rows.enumerated() {
            let y = Double(i) * rowHeight + 4
            let scale = (width - labelWidth - 40) / top
            svg += "<text x=\"0\" y=\"\(y + 13)\" font-size=\"12\">\(e(r.0))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(max(0, r.1 * scale))\" height=\"8\" fill=\"#c6d4f0\"/>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 9)\" width=\"\(max(0, r.2 * scale))\" height=\"8\" fill=\"#0b57d0\"/>"
            svg += "<text x=\"\(labelWidth + max(r.1, r.2) * scale + 4)\" y=\"\(y + 13)\" font-size=\"11\">\(Int(r.2))/\(Int(r.1))</text>"
        }
        return svg + "</svg>"
    }

    /// Each district's share with its 95 % interval, against the city's share.
    static func intervals(_ rows: [(String, ShareEstimate)], city: Double?) -> String {
        guard !rows.isEmpty else { return "" }
        let width = 640.0, rowHeight = 22.0, labelWidth = 130.0, plot = width - labelWidth - 60
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(Double(rows.count) * rowHeight + 24))\" role=\"img\" aria-label=\"share by district\"><title>share by district, 95 % interval</title>"
        if let city {
            let x = labelWidth + city * plot
            svg += "<line x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"\(Double(rows.count) * rowHeight)\" stroke=\"#a3261c\" stroke-dasharray=\"4 3\"/>"
        }
        for (i, (name, s)) in rows.enumerated() {
            let y = Double(i) * rowHeight + 10
            svg += "<text x=\"0\" y=\"\(y + 4)\" font-size=\"12\">\(e(name))</text>"
            svg += "<line x1=\"\(labelWidth + s.low * plot)\" y1=\"\(y)\" x2=\"\(labelWidth + s.high * plot)\" y2=\"\(y)\" stroke=\"#5f6368\" stroke-width=\"2\"/>"
            svg += "<circle cx=\"\(labelWidth + s.estimate * plot)\" cy=\"\(y)\" r=\"4\" fill=\"#0b57d0\"/>"
            svg += "<text x=\"\(labelWidth + plot + 6)\" y=\"\(y + 4)\" font-size=\"11\">\(pct(s.estimate))</text>"
        }
        return svg + "</svg>"
    }
}
