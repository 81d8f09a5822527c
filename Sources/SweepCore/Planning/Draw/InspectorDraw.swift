/// One randomly formed group of inspectors.
public struct InspectorGroup: Sendable, Hashable, Codable {
    /// 1-based, in draw order.
    public var number: Int
    /// The members' department when groups are drawn per department, nil for mixed groups.
    public var department: DepartmentCode?
    /// Members in draw order.
    public var inspectorIds: [Int64]

    public init(number: Int, department: DepartmentCode?, inspectorIds: [Int64]) {
        self.number = number
        self.department = department
        self.inspectorIds = inspectorIds
    }
}

/// The outcome of an inspector draw, complete enough to replay it for an audit.
public struct InspectorDrawResult: Sendable, Hashable, Codable {
    public var seed: UInt64
    public var groupSize: Int
    public var groups: [InspectorGroup]
    /// Candidates left out because they declared a conflict with a venue or operator to be visited (行政处罚法 43).
    public var recused: [Int64]
    /// Candidates drawn last when their department's count is not a multiple of the group size: the reserve.
    public var unassigned: [Int64]

    public init(seed: UInt64, groupSize: Int, groups: [InspectorGroup], recused: [Int64], unassigned: [Int64]) {
        self.seed = seed
        self.groupSize = groupSize
        self.groups = groups
        self.recused = recused
        self.unassigned = unassigned
    }
}

/// The inspector half of 双随机: candidates drawn at random into groups (pairs by default, since
/// 行政处罚法 42 wants two certified officers per action), reproducibly for a seed.
public enum InspectorDraw {
    /// Groups `candidates` at random.
    ///
    /// - Candidates who declared a conflict with any of `venueIds` or `operatorKeys` (what the groups
    ///   will visit) are recused first, so no group contains a conflicted member.
    /// - With `sameDepartment` (the default) each department is grouped on its own, because officers
    ///   act only under their own department's powers and a mixed pair is not two certified officers
    ///   for either. Departments then draw from separate streams, so one department's roster
    ///   changes do not reshuffle another's groups.
    /// - The result does not depend on the order of `candidates` (they are sorted by id first);
    ///   a repeated id counts once. A group size below 1 counts as 1.
    public static func draw(candidates: [PlannerInspector], seed: UInt64, groupSize: Int = 2, venueIds: Set<Int64> = [],
                            operatorKeys: Set<String> = [], sameDepartment: Bool = true) -> InspectorDrawResult {
        let size = max(1, groupSize)
        var seen = Set<Int64>()
        let sorted = candidates.sorted { $0.id < $1.id }.filter { seen.insert($0.id).inserted }
        var recused: [Int64] = []
        var eligible: [PlannerInspector] = []
        for c in sorted {
            let conflicted = c.conflictVenueIds.contains(where: venueIds.contains) || c.conflictOperatorKeys.contains(where: operatorKeys.contains)
            if conflicted { recused.append(c.id) } else { eligible.append(c) }
        }

        let pools: [(DepartmentCode?, [Int64])]
        if sameDepartment {
            let byDepartment = Dictionary(grouping: eligible, by: \.department)
            pools = byDepartment.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key, $0.value.map(\.id)) }
        } else {
            pools = [(nil, eligible.map(\.id))]
        }

        var groups: [InspectorGroup] = []
        var unassigned: [Int64] = []
        for (department, ids) in pools {
            var order = ids
            var random = SeededRandom(seed: seed, stream: FNV1a64.hash("inspectors/" + (department?.rawValue ?? "*")))
            random.shuffle(&order)
            let full = order.count / size * size
            for start in stride(from: 0, to: full, by: size) {
                groups.append(InspectorGroup(number: groups.count + 1, department: department, inspectorIds: Array(order[start..<start + size])))
            }
            unassigned += order[full...]
        }
        return InspectorDrawResult(seed: seed, groupSize: size, groups: groups, recused: recused, unassigned: unassigned)
    }
}
