import SweepCore

/// Both halves of a published draw as people read them.
enum DrawText {
    static func render(_ d: DrawRecord) -> String {
        var lines = ["random draw, seed \(d.seed)",
                     "targets: \(d.picks.count) drawn from \(d.strata.values.reduce(0, +)) venues in \(d.strata.count) strata (frame digest \(d.frameDigest))"]
        lines.append(TextTable.render(header: ["stratum", "rank", "venue", "name", "planned"],
                                      rows: d.picks.map { [$0.stratum, String($0.rank), $0.venueCode, $0.venueName, $0.planned ? "yes" : "no"] }))
        guard let i = d.inspectors else {
            lines.append("inspectors: not drawn (only random-mode plans draw inspectors)")
            return lines.joined(separator: "\n") + "\n"
        }
        let codes = Dictionary(i.frame.map { ($0.id, $0.code) }, uniquingKeysWith: { a, _ in a })
        let recused = i.frame.filter(\.recused)
        lines.append("")
        lines.append("inspectors: \(i.groups.count) groups of \(i.groupSize) drawn from \(i.frame.count) (frame digest \(i.frameDigest))"
                     + (recused.isEmpty ? "" : "; recused: \(recused.map(\.code).joined(separator: ", "))")
                     + (i.unassigned.isEmpty ? "" : "; reserve: \(i.unassigned.map { codes[$0] ?? String($0) }.joined(separator: ", "))"))
        lines.append(TextTable.render(header: ["group", "department", "inspectors"],
                                      rows: i.groups.map { [String($0.number), $0.department?.rawValue ?? "", $0.inspectorIds.map { codes[$0] ?? String($0) }.joined(separator: " + ")] }))
        lines.append("method: \(i.method)")
        return lines.joined(separator: "\n") + "\n"
    }
}
