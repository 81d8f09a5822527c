/// Collects per-day shortages into runs of days with the same numbers.
struct ShortageRuns {
    private struct Key: Hashable {
        let kind: TargetKind
        let department: DepartmentCode
    }
    private struct Run {
        let first: Int
        var last: Int
        let available: Int
        let needed: Int
    }

    let district: String?
    let dayLabel: (Int) -> String
    private var open: [Key: Run] = [:]
    private(set) var closed: [TeamShortage] = []

    init(district: String?, dayLabel: @escaping (Int) -> String) {
        self.district = district
        self.dayLabel = dayLabel
    }

    /// Records one day on which teams of `kind` were wanted. A department without a shortage that
    /// day ends its run, so a run never spans a day on which the kind was fully staffed.
    mutating func observe(kind: TargetKind, day: Int, departments: [DepartmentCode], missing: [DepartmentCode: (available: Int, needed: Int)]) {
        for d in departments {
            let key = Key(kind: kind, department: d)
            guard let m = missing[d] else { close(key); continue }
            if var run = open[key], run.available == m.available, run.needed == m.needed {
                run.last = day
                open[key] = run
            } else {
                close(key)
                open[key] = Run(first: day, last: day, available: m.available, needed: m.needed)
            }
        }
    }

    mutating func add(_ shortage: TeamShortage) { closed.append(shortage) }

    /// All shortages, by first day, kind and department.
    mutating func finish() -> [TeamShortage] {
        for key in Array(open.keys) { close(key) }
        return closed.sorted { a, b in
            if a.firstDay != b.firstDay { return a.firstDay < b.firstDay }
            if a.kind != b.kind { return a.kind < b.kind }
            return a.department.rawValue < b.department.rawValue
        }
    }

    private mutating func close(_ key: Key) {
        guard let run = open.removeValue(forKey: key) else { return }
        closed.append(TeamShortage(kind: key.kind, department: key.department, firstDay: run.first, lastDay: run.last, district: district,
                                   available: run.available, needed: run.needed, dayLabel: dayLabel))
    }
}
