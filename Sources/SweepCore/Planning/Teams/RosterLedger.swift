/// Who already works when, so that nobody gets two shifts on a day or more than their weekly cap.
/// Inspectors are addressed by their position in the formation's sorted roster, and days must be
/// booked in increasing order (formation walks the campaign day by day), which keeps this to arrays.
struct RosterLedger {
    let weeks: CampaignWeeks
    private var lastDay: [Int]
    private var week: [Int]
    private var inWeek: [Int]
    private(set) var shifts: [Int]

    init(weeks: CampaignWeeks, count: Int) {
        self.weeks = weeks
        lastDay = Array(repeating: Int.min, count: count)
        week = Array(repeating: Int.min, count: count)
        inWeek = Array(repeating: 0, count: count)
        shifts = Array(repeating: 0, count: count)
    }

    /// Schedulable on the day, not yet on a shift that day, and under the cap for the day's Monday–Sunday week.
    func isFree(_ i: Int, _ p: PlannerInspector, on day: Int) -> Bool {
        guard p.isSchedulable(on: day), lastDay[i] != day else { return false }
        let used = week[i] == weeks.week(of: day) ? inWeek[i] : 0
        return used < p.maxShiftsPerWeek
    }

    mutating func book(_ i: Int, on day: Int) {
        let w = weeks.week(of: day)
        if week[i] != w {
            week[i] = w
            inWeek[i] = 0
        }
        inWeek[i] += 1
        lastDay[i] = day
        shifts[i] += 1
    }
}
