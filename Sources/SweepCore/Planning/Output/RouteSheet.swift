import Foundation

/// Printable route sheets: self-contained HTML (A4 portrait, print CSS, inline SVG map), in
/// Chinese with English sub-labels, times in China Standard Time.
///
/// The output contains no script and loads nothing, so it can be saved, mailed and printed on an
/// offline machine. All data text is HTML-escaped, because venue names come from registries and
/// public tips and must never become markup.
public enum RouteSheet {
    /// The route sheet of one team's sweep.
    ///
    /// - Parameters:
    ///   - sweep: the sweep to print, normally one of `plan.sweeps`.
    ///   - plan: the plan the sweep belongs to (campaign name, plan id and revision).
    ///   - generatedAt: the time printed as "generated"; passed in so output is reproducible.
    /// - Returns: a complete HTML document.
    public static func html(for sweep: SweepView, plan: PlanView, generatedAt: Date) -> String {
        document(title: title(plan: plan, sweep: sweep), body: RouteSheetSection.render(sweep, plan: plan, generatedAt: generatedAt))
    }

    /// All sweeps of a plan in one document, one sheet per sweep, each starting on a new page.
    /// Sweeps are printed in plan order.
    public static func html(forPlan plan: PlanView, generatedAt: Date) -> String {
        let body: String
        if plan.sweeps.isEmpty {
            body = """
            <section class="sheet"><h1>路线单 <span class="en">Route sheet</span></h1>
            <p>\(HTMLText.escape(plan.campaignName)) · 方案 Plan #\(plan.planId) r\(plan.revision)：无出勤小组 no sweeps.</p></section>
            """
        } else {
            body = plan.sweeps.map { RouteSheetSection.render($0, plan: plan, generatedAt: generatedAt) }.joined(separator: "\n")
        }
        let title = "路线单 Route sheets – \(plan.campaignName) #\(plan.planId) r\(plan.revision)"
        return document(title: title, body: body)
    }

    static func title(plan: PlanView, sweep: SweepView) -> String {
        "路线单 Route sheet – \(plan.campaignName) – \(sweep.day) \(sweep.shiftName) \(sweep.label)"
    }

    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex, nofollow">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(RouteSheetStyle.css)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
