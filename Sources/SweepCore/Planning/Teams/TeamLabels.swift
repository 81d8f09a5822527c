/// "D03-cafe-evening-CUL-2": day, shift, lead department, and a count within those.
struct TeamLabels {
    private let width: Int
    private var counts: [String: Int] = [:]

    init(dayCount: Int) {
        width = max(2, String(max(0, dayCount - 1)).count)
    }

    mutating func next(day: Int, shift: String, lead: DepartmentCode) -> String {
        let digits = String(day)
        let prefix = "D" + String(repeating: "0", count: max(0, width - digits.count)) + digits + "-\(shift)-\(lead.rawValue)"
        let n = counts[prefix, default: 0] + 1
        counts[prefix] = n
        return "\(prefix)-\(n)"
    }
}
