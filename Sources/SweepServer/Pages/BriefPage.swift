import Foundation
import SweepAPI
import SweepCore

/// The one-page brief per campaign: A4, Chinese, the key figures, the compliance estimate with its
/// interval, the departments, relocations and overdue cases, and the moment it reflects. Its style is
/// inline so the same document prints to PDF from a file with nothing else beside it.
enum BriefPage {
    /// A repeat offender the reader may see named.
    struct Offender: Sendable {
        var code: String
        var name: String
        var district: String
        var violations: Int
    }

    /// One line naming the repeat offenders, or nothing.
    static func offendersLine(_ offenders: [Offender]) -> String {
        guard !offenders.isEmpty else { return "" }
        let e = DashboardPage.e
        return "<p class=\"note\" data-offenders>违法最多的场所：" + offenders.map { "\(e($0.name))（\(e($0.district))）\($0.violations) 次" }.joined(separator: "；") + "</p>"
    }

    static func render(campaign: CampaignRecord, progress: ProgressReport, compliance: ComplianceReport, departments: DepartmentReport,
                       relocations: Int, heatMap: HeatMapPanel, repeatVenues: Int, offenders: [Offender] = []) -> String {
        let e = DashboardPage.e, pct = DashboardPage.pct
        let t = progress.progress.total
        var html = """
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>\(e(campaign.spec.name)) · 简报</title><style>
            @page { size: A4; margin: 14mm 14mm 12mm; }
            body { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; font-size: 10.5pt; color: #1d1d1f; margin: 0; }
            h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 5mm 0 2mm; border-bottom: 1px solid #999; }
            .asof { color: #555; font-size: 9pt; } .grid { display: flex; gap: 3mm; flex-wrap: wrap; }
            .fig { border: 1px solid #ccc; padding: 2mm 3mm; min-width: 28mm; } .fig b { font-size: 15pt; display: block; }
            table { border-collapse: collapse; width: 100%; font-size: 9pt; } th, td { border-bottom: 1px solid #ddd; padding: 1mm 1.5mm; text-align: right; }
            th:first-child, td:first-child { text-align: left; } .note { color: #555; font-size: 8.5pt; } .flag { color: #a3261c; }
            svg { width: 100%; height: auto; max-height: 30mm; } .half svg { max-height: 52mm; } .map svg { width: auto; max-width: 100%; }
            .two { display: flex; gap: 4mm; align-items: flex-start; } .two > * { flex: 1; }
            </style></head><body>
            <h1>\(e(campaign.spec.name)) 专项整治行动简报</h1>
            <p class="asof" data-asof="\(e(progress.asOf))">行动期间 \(e(campaign.spec.startsOn)) 至 \(e(campaign.spec.endsOn)) · 截至 \(e(progress.asOf))（此时刻以后补报的记录不计入，复算结果相同）</p>
            <h2>进度</h2><div class="grid">
            <div class="fig">计划检查<b data-figure="planned">\(t.planned)</b></div><div class="fig">已检查<b data-figure="visited">\(t.visited)</b></div>
            <div class="fig">漏检<b>\(t.missed)</b></div><div class="fig">发现违法<b data-figure="violations">\(t.violations)</b></div>
            <div class="fig">已结案<b>\(t.casesClosed)</b></div><div class="fig">疑似异地重开<b>\(relocations)</b></div>
            <div class="fig">屡查屡犯场所<b data-figure="repeat_venues">\(e(SmallCountSuppression.suppress(repeatVenues, threshold: compliance.suppressedBelow ?? 0).description))</b></div></div>
            """
        html += DashboardPage.bars(progress.progress.byDay.map { ($0.key, Double($0.counts.planned), Double($0.counts.visited)) }, caption: "每日 计划/已检查")
        html += "<h2>合规估计（仅随机抽查）</h2><p class=\"note\">\(e(compliance.summary.estimateLabel))</p><table><tr><th>类别</th><th>违法比例</th><th>95% 区间</th><th>抽查数</th><th>显著高于全市的辖区</th></tr>"
        for k in compliance.summary.kinds {
            let flagged = k.districts.filter(\.aboveCity).map(\.districtName).joined(separator: "、")
            html += "<tr><td>\(e(k.kind))</td><td data-figure=\"share-\(e(k.kind))\">\(pct(k.share?.estimate))</td><td>\(pct(k.share?.low)) – \(pct(k.share?.high))</td>"
                + "<td>\(k.share?.sampled ?? 0)</td><td class=\"flag\">\(e(flagged))</td></tr>"
        }
        html += "</table><p class=\"note\">\(e(compliance.summary.targetedLabel))</p>"
        // The trend and the heat map side by side, so the page holds both.
        html += "<div class=\"two\"><div class=\"half\"><h2>趋势（每周命中率）</h2>"
            + (progress.trend.map { DashboardPage.trendChart($0) + "<p class=\"note\">本次行动 · 上次行动 · 去年同期</p>" } ?? "")
        html += "</div><div class=\"half\"><h2>违法热点（当前数据，500 m，Gi*）</h2><div class=\"map\">\(heatMap.svg)</div>"
        if heatMap.hotSpots.isEmpty {
            html += "<p class=\"note\">无显著热点</p>"
        } else {
            html += "<table><tr><th>热点中心</th><th>违法</th><th>z</th></tr>"
            for (k, h) in heatMap.hotSpots.prefix(3).enumerated() {
                html += "<tr><td>\(String(format: "%.3f°N %.3f°E", h.centre.latitude, h.centre.longitude))</td>"
                    + "<td data-figure=\"hotspot-\(k + 1)\">\(e(h.violations))</td><td>\(String(format: "%.1f", h.z))</td></tr>"
            }
            html += "</table>"
        }
        html += offendersLine(offenders)
        html += "</div></div>"
        html += "<h2>部门考评</h2><table><tr><th>部门</th><th>案件</th><th>决定天数 中位/P90</th><th>移送按期</th><th>整改复查</th><th>逾期</th><th>举报答复</th></tr>"
        for d in departments.departments {
            html += "<tr><td>\(e(d.department.rawValue))</td><td>\(d.cases)</td><td>\(DashboardPage.dayFigures(d, separator: "/"))</td><td>\(d.acceptedInTime)/\(d.referralsReceived)</td>"
                + "<td>\(d.rectificationsVerified)/\(d.rectificationsDue)</td><td>\(d.overdue)</td><td>\(d.tipsAnsweredWithFeedback)/\(d.tipsRouted)</td></tr>"
        }
        html += "</table><p class=\"note\">未成年人只以人数计；小于 \(compliance.suppressedBelow ?? 5) 的数字不向领导显示。定义见 docs/reports.md。</p></body></html>\n"
        return html
    }
}
