/// One inspector of the frame the inspector half of a draw was made from.
public struct InspectorFrameEntry: Sendable, Hashable, Codable {
    public var id: Int64
    public var code: String
    public var department: DepartmentCode
    /// Left out because they declared a conflict with a drawn venue or its operator (回避). The
    /// conflict itself is private; that it existed is published.
    public var recused: Bool

    public init(id: Int64, code: String, department: DepartmentCode, recused: Bool) {
        self.id = id
        self.code = code
        self.department = department
        self.recused = recused
    }
}

/// The inspector half of 双随机 as published beside the target draw: the frame, the seed and the
/// method, and what they gave, so anyone can run ``InspectorDraw`` again and get the same pairs.
public struct InspectorDrawRecord: Sendable, Hashable, Codable {
    public var seed: UInt64
    public var groupSize: Int
    public var method: String
    /// FNV-1a 64 of the frame as `department<TAB>id<LF>` lines, sorted by department then id.
    public var frameDigest: String
    public var frame: [InspectorFrameEntry]
    public var groups: [InspectorGroup]
    /// Drawn last in a department with an odd count: the reserve, used alone when a team needs one.
    public var unassigned: [Int64]

    public static let methodText = "InspectorDraw: the frame sorted by id, recused inspectors left out, each department shuffled on its own "
        + "stream (SeededRandom(seed, stream: FNV-1a 64 of \"inspectors/\" + department)) and cut into groups of group_size in draw order; "
        + "teams take a drawn pair together where their rule needs two officers of a department"

    public init(seed: UInt64, groupSize: Int, frame: [InspectorFrameEntry], result: InspectorDrawResult) {
        self.seed = seed
        self.groupSize = groupSize
        self.method = Self.methodText
        self.frame = frame.sorted { $0.id < $1.id }
        self.frameDigest = Self.digest(frame)
        self.groups = result.groups
        self.unassigned = result.unassigned
    }

    public static func digest(_ frame: [InspectorFrameEntry]) -> String {
        var h = FNV1a64()
        for e in frame.sorted(by: { ($0.department.rawValue, $0.id) < ($1.department.rawValue, $1.id) }) {
            h.add(e.department.rawValue)
            h.add([0x09])
            h.add(String(e.id))
            h.add([0x0A])
        }
        return h.hex
    }

    /// Each drawn inspector's place in the draw (group order, then order within the group; the
    /// reserve after every group), which team formation uses to break ties; and each one's partners.
    public var order: (rank: [Int64: Int], partners: [Int64: [Int64]]) {
        var rank: [Int64: Int] = [:], partners: [Int64: [Int64]] = [:]
        for g in groups {
            for id in g.inspectorIds {
                rank[id] = rank.count
                partners[id] = g.inspectorIds.filter { $0 != id }
            }
        }
        for id in unassigned { rank[id] = rank.count }
        return (rank, partners)
    }
}

/// Runs a published draw again from its seed and frame and says where the result differs.
public enum DrawReplay {
    /// Problems found; empty when both halves are reproduced exactly.
    public static func check(_ record: DrawRecord) -> [String] {
        var problems: [String] = []
        if let frame = record.frame {
            var perStratum: [String: DrawRule] = [:]
            for u in frame { perStratum[u.stratum] = .fraction(record.fractions[String(u.stratum.split(separator: "/")[0])] ?? 0.1) }
            let again = StratifiedDraw.draw(frame: frame, rule: .fraction(0.1), perStratum: perStratum, seed: record.seed)
            if again.frameDigest != record.frameDigest { problems.append("target frame digest \(again.frameDigest) ≠ published \(record.frameDigest)") }
            let published = record.picks.map { "\($0.stratum)#\($0.rank)=\($0.venueId)" }
            let replayed = again.picks.map { "\($0.stratum)#\($0.rank)=\($0.venueId)" }
            if published != replayed { problems.append("target picks differ: \(Set(published).symmetricDifference(replayed).sorted().prefix(5).joined(separator: ", "))") }
        } else {
            problems.append("the record has no target frame (plans made before frames were published); only its digest can be compared")
        }
        if let inspectors = record.inspectors {
            if InspectorDrawRecord.digest(inspectors.frame) != inspectors.frameDigest { problems.append("inspector frame digest does not match its frame") }
            let candidates = inspectors.frame.filter { !$0.recused }.map {
                PlannerInspector(id: $0.id, code: $0.code, name: $0.code, department: $0.department, jurisdictionId: 0, districtName: "",
                                 depot: GeoPoint(longitude: 0, latitude: 0), credentialValidThroughDay: Int.max)
            }
            let again = InspectorDraw.draw(candidates: candidates, seed: inspectors.seed, groupSize: inspectors.groupSize)
            if again.groups != inspectors.groups || again.unassigned != inspectors.unassigned {
                problems.append("inspector groups differ from a replay with seed \(inspectors.seed)")
            }
        }
        return problems
    }
}

/// The inspector half as a publishable list: one row per inspector of the frame.
public enum DrawCSV {
    public static func inspectors(_ r: InspectorDrawRecord) -> String {
        var lines = ["group,department,inspector_id,inspector_code,status"]
        let codes = Dictionary(r.frame.map { ($0.id, $0.code) }, uniquingKeysWith: { a, _ in a })
        for g in r.groups {
            for id in g.inspectorIds {
                lines.append(CSVWriter.record([String(g.number), g.department?.rawValue ?? "", String(id), codes[id] ?? "", "drawn"]))
            }
        }
        let byID = Dictionary(r.frame.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in r.unassigned {
            lines.append(CSVWriter.record(["", byID[id]?.department.rawValue ?? "", String(id), codes[id] ?? "", "reserve"]))
        }
        for e in r.frame where e.recused {
            lines.append(CSVWriter.record(["", e.department.rawValue, String(e.id), e.code, "recused"]))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
