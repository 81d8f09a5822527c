import Foundation

/// One sweep's sheet inside a route sheet document: header, confidentiality notice, members,
/// map, stops and signatures.
enum RouteSheetSection {
    private static func e(_ text: String) -> String { HTMLText.escape(text) }

    /// A bilingual label: Chinese, then the English in a lighter span.
    private static func label(_ zh: String, _ en: String) -> String { "\(zh) <span class=\"en\">\(en)</span>" }

    static func render(_ sweep: SweepView, plan: PlanView, generatedAt: Date) -> String {
        [
            "<section class=\"sheet\">",
            "<h1>\(label("路线单", "Route sheet")) · \(e(plan.campaignName))</h1>",
            header(sweep, plan: plan, generatedAt: generatedAt),
            confidentialNotice,
            members(sweep),
            map(sweep),
            stops(sweep),
            signatures(sweep),
            "</section>",
        ].joined(separator: "\n")
    }

    static let confidentialNotice = """
    <p class="confidential">保密 CONFIDENTIAL — unannounced inspection, do not disclose before the visit<br>\
    本次为突击检查，检查前不得以任何方式向检查对象或无关人员泄露检查时间、对象和路线。</p>
    """

    static func shiftWindow(_ sweep: SweepView) -> String {
        "\(PlanOutputTime.clock(sweep.shiftStart))–\(PlanOutputTime.clock(sweep.shiftEnd, after: sweep.shiftStart))"
    }

    static func header(_ sweep: SweepView, plan: PlanView, generatedAt: Date) -> String {
        let kinds = sweep.kinds.map(PlanOutputLabels.bilingual).joined(separator: "、")
        let rows: [(String, String, String)] = [
            ("行动", "Campaign", e(plan.campaignName)),
            ("方案", "Plan", "#\(plan.planId) · 第 \(plan.revision) 版 revision \(plan.revision)"),
            ("日期", "Day", e(sweep.day)),
            ("班次", "Shift", "\(e(sweep.shiftName)) \(shiftWindow(sweep))"),
            ("小组", "Team", "\(e(sweep.label)) <span class=\"code\">(sweep #\(sweep.sweepId))</span>"),
            ("牵头部门", "Lead department", e(PlanOutputLabels.bilingual(sweep.leadDepartment))),
            ("检查类型", "Kinds", kinds.isEmpty ? "—" : e(kinds)),
            ("状态", "Status", e(PlanOutputLabels.bilingualStatus(sweep.status))),
            ("生成时间", "Generated", "\(PlanOutputTime.dayAndClock(generatedAt)) CST (UTC+8)"),
        ]
        let items = rows.map { "<dt>\(label($0.0, $0.1))</dt><dd>\($0.2)</dd>" }.joined(separator: "\n")
        return "<dl class=\"header\">\n\(items)\n</dl>"
    }

    static func members(_ sweep: SweepView) -> String {
        let rows = sweep.members.map { m in
            """
            <tr><td>\(e(m.name)) <span class="code">\(e(m.code))</span></td><td>\(e(PlanOutputLabels.bilingual(m.department)))</td>\
            <td>\(e(m.credentialNumber))</td><td>\(m.isLead ? "★ 组长 lead" : "")</td></tr>
            """
        }.joined(separator: "\n")
        return """
        <h2>\(label("小组成员", "Team members")) (\(sweep.members.count))</h2>
        <table class="members">
        <thead><tr><th>\(label("姓名", "Name"))</th><th>\(label("部门", "Department"))</th>\
        <th>\(label("执法证号", "Credential no."))</th><th>\(label("带队", "Lead"))</th></tr></thead>
        <tbody>
        \(rows)
        </tbody>
        </table>
        """
    }

    static func map(_ sweep: SweepView) -> String {
        // The legend lives outside the SVG so the map holds exactly one circle per stop.
        let kinds = Array(Set(sweep.stops.map(\.kind)).union(sweep.kinds)).sorted()
        let legend = (["<span class=\"item\"><span class=\"swatch depot\"></span>出发/返回 Depot</span>"] + kinds.map {
            "<span class=\"item\"><span class=\"swatch\" style=\"background: \(PlanOutputLabels.colour($0))\"></span>\(e(PlanOutputLabels.bilingual($0)))</span>"
        }).joined(separator: " ")
        return """
        <h2>\(label("路线图", "Route map"))</h2>
        <div class="map">
        \(RouteMapSVG.render(sweep))
        <div class="legend">\(legend)</div>
        </div>
        """
    }

    static func stops(_ sweep: SweepView) -> String {
        let reference = sweep.shiftStart
        let rows = sweep.stops.map { s in
            """
            <tr><td class="num">\(s.seq)</td>\
            <td class="time">\(PlanOutputTime.clock(s.eta, after: reference))</td>\
            <td class="time">\(PlanOutputTime.clock(s.start, after: reference))</td>\
            <td class="time">\(PlanOutputTime.clock(s.departure, after: reference))</td>\
            <td>\(e(s.venueName))<br><span class="code">\(e(s.venueCode))</span></td>\
            <td>\(e(s.address))</td>\
            <td>\(e(PlanOutputLabels.bilingual(s.kind)))</td>\
            <td class="num">\(PlanOutputTime.minutes(s.travelSeconds))</td>\
            <td class="num">\(PlanOutputTime.minutes(s.serviceSeconds))</td>\
            <td>\(e(s.reason.summary))</td></tr>
            """
        }.joined(separator: "\n")
        let travel = PlanOutputTime.minutes(sweep.stops.map(\.travelSeconds).reduce(0, +))
        let service = PlanOutputTime.minutes(sweep.stops.map(\.serviceSeconds).reduce(0, +))
        return """
        <h2>\(label("检查站点", "Stops")) (\(sweep.stops.count))</h2>
        <table class="stops">
        <thead><tr><th>\(label("序号", "Seq"))</th><th>\(label("预计到达", "ETA"))</th><th>\(label("开始", "Start"))</th>\
        <th>\(label("离开", "Departure"))</th><th>\(label("场所", "Venue"))</th><th>\(label("地址", "Address"))</th>\
        <th>\(label("类型", "Kind"))</th><th>\(label("路程", "Travel")) min</th><th>\(label("检查", "Service")) min</th>\
        <th>\(label("选取理由", "Why chosen"))</th></tr></thead>
        <tbody>
        \(rows.isEmpty ? "<tr><td colspan=\"10\">无站点 No stops</td></tr>" : rows)
        </tbody>
        </table>
        <p class="totals">\(label("合计", "Totals")): 路程 travel \(travel) min · 检查 service \(service) min · \
        时间为北京时间 times in China Standard Time (UTC+8); (+1) = 次日 next day.</p>
        """
    }

    static func signatures(_ sweep: SweepView) -> String {
        let team = sweep.members.map {
            "<tr><td>\(e($0.name))</td><td>\(e($0.credentialNumber))</td><td></td></tr>"
        }.joined(separator: "\n")
        let onSite = sweep.stops.map {
            "<tr><td class=\"num\">\($0.seq)</td><td>\(e($0.venueName))</td><td></td><td></td><td></td></tr>"
        }.joined(separator: "\n")
        return """
        <div class="signatures">
        <h2>\(label("执法人员签名", "Inspector signatures"))</h2>
        <table class="sign">
        <thead><tr><th>\(label("姓名", "Name"))</th><th>\(label("执法证号", "Credential no."))</th>\
        <th>\(label("签名", "Signature"))</th></tr></thead>
        <tbody>
        \(team)
        </tbody>
        </table>
        <h2>\(label("现场记录", "On-site record"))</h2>
        <table class="sign">
        <thead><tr><th>\(label("序号", "Seq"))</th><th>\(label("场所", "Venue"))</th>\
        <th>\(label("当事人签名", "Party signature"))</th><th>\(label("见证人签名", "Witness signature"))</th>\
        <th>\(label("时间", "Time"))</th></tr></thead>
        <tbody>
        \(onSite.isEmpty ? "<tr><td colspan=\"5\"></td></tr>" : onSite)
        </tbody>
        </table>
        <p class="note">当事人拒绝签名的，由见证人签名并由执法人员注明情况。\
        If the party refuses to sign, the witness signs and an inspector notes the refusal.</p>
        </div>
        """
    }
}
