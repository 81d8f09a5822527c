/// The candidate preferences, as comparisons over roster positions.
struct CandidateOrder {
    let roster: [PlannerInspector]
    /// Shifts booked so far, including earlier teams of the same day.
    let shifts: [Int]
    /// The seeded shuffle position in 双随机 mode; nil for the deterministic district-and-id order
    /// (the roster is sorted by id, so the position is the id order).
    let tieRank: [Int]?

    func leadPrecedes(_ a: Int, _ b: Int) -> Bool {
        if shifts[a] != shifts[b] { return shifts[a] < shifts[b] }
        if let r = tieRank { return r[a] < r[b] }
        if roster[a].districtName != roster[b].districtName { return roster[a].districtName < roster[b].districtName }
        return a < b
    }

    func memberPrecedes(_ a: Int, _ b: Int, lead: Int) -> Bool {
        let district = roster[lead].districtName
        let fa = roster[a].districtName != district, fb = roster[b].districtName != district
        if fa != fb { return !fa }
        if shifts[a] != shifts[b] { return shifts[a] < shifts[b] }
        if let r = tieRank { return r[a] < r[b] }
        return a < b
    }

    /// The first `k` of `candidates` in member order, without sorting them all (teams need one or two per department).
    func best(_ k: Int, of candidates: [Int], lead: Int) -> [Int] {
        var pool = candidates
        var out: [Int] = []
        while out.count < k, let i = pool.indices.min(by: { memberPrecedes(pool[$0], pool[$1], lead: lead) }) {
            out.append(pool.remove(at: i))
        }
        return out
    }
}
