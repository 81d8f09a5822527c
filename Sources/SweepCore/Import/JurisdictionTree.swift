/// Where a jurisdiction came from, so that tree checks shared by CSV and GeoJSON can name the spot
/// in the form each format uses.
enum SourcePlace: Sendable, Equatable {
    /// A CSV row starting on this line.
    case line(Int)
    /// A GeoJSON feature at this index of `features`.
    case feature(Int)

    /// `line 5` or `features[2]`.
    var name: String {
        switch self {
        case .line(let line): return "line \(line)"
        case .feature(let index): return "features[\(index)]"
        }
    }

    /// `on line 5` or `at features[2]`, for "(first …)" remarks.
    var reference: String {
        switch self {
        case .line(let line): return "on line \(line)"
        case .feature(let index): return "at features[\(index)]"
        }
    }

    /// The location of one field: `line 5, column parent` or `features[2].properties.parent`.
    func field(_ name: String) -> String {
        switch self {
        case .line(let line): return FieldIssue.row(line, column: name, "").location
        case .feature(let index): return "features[\(index)].properties.\(name)"
        }
    }
}

/// One jurisdiction as read from a file, before the tree checks. Fields are nil when missing or
/// bad; `record` is set only when the entry had no problems of its own.
struct JurisdictionEntry: Sendable {
    var place: SourcePlace
    var code: String?
    var level: JurisdictionLevel?
    var parent: String?
    var record: JurisdictionRecord?
}

/// The checks that need the whole set of jurisdictions: unique codes, parents that exist (in the file
/// or the store), levels that nest, no loops; and the order to insert them in.
enum JurisdictionTree {
    /// Levels from the top; a parent's rank must be lower than its child's.
    static func rank(_ level: JurisdictionLevel) -> Int {
        switch level {
        case .province: return 0
        case .city: return 1
        case .district: return 2
        }
    }

    /// Checks `entries` and returns the good records ordered parents first (file order otherwise).
    static func resolve(_ entries: [JurisdictionEntry], context: ImportContext, issues: inout IssueCollector) -> [ImportedRow<JurisdictionRecord>] {
        // Unique codes, within the file and against the store.
        var indexByCode: [String: Int] = [:]
        var duplicate = [Bool](repeating: false, count: entries.count)
        var exists = [Bool](repeating: false, count: entries.count)
        for (index, entry) in entries.enumerated() {
            guard let code = entry.code else { continue }
            if let first = indexByCode[code] {
                issues.add(FieldIssue(location: entry.place.field("code"), reason: "duplicate jurisdiction code \(code) (first \(entries[first].place.reference))"))
                duplicate[index] = true
            } else {
                indexByCode[code] = index
                if context.jurisdictions[code] != nil {
                    issues.add(FieldIssue(location: entry.place.field("code"), reason: "jurisdiction code \(code) already exists"))
                    exists[index] = true
                }
            }
        }

        // Parents exist and sit higher in the hierarchy.
        var parentFailed = [Bool](repeating: false, count: entries.count)
        for (index, entry) in entries.enumerated() where !duplicate[index] {
            guard let parent = entry.parent else { continue }
            let location = entry.place.field("parent")
            if parent == entry.code {
                issues.add(FieldIssue(location: location, reason: "a jurisdiction cannot be its own parent"))
                parentFailed[index] = true
                continue
            }
            let parentLevel: JurisdictionLevel?
            if let parentIndex = indexByCode[parent] {
                parentLevel = entries[parentIndex].level
            } else if let stored = context.jurisdictions[parent] {
                parentLevel = stored
            } else {
                issues.add(FieldIssue(location: location, reason: "unknown parent \(parent) (not in this file or the registry)"))
                parentFailed[index] = true
                continue
            }
            if let level = entry.level, let parentLevel, rank(parentLevel) >= rank(level) {
                issues.add(FieldIssue(location: location, reason: "a \(level.rawValue) cannot have a \(parentLevel.rawValue) as parent (\(parent) is a \(parentLevel.rawValue)); levels nest province ⊃ city ⊃ district"))
                parentFailed[index] = true
            }
        }

        // Parents before children. Walk up from each entry until reaching one already placed, the
        // store, or a loop; then place the walked path top-down. Iterative, so a long bad chain
        // cannot overflow the stack.
        enum Mark { case unseen, walking, placed }
        var marks = [Mark](repeating: .unseen, count: entries.count)
        var ordered: [ImportedRow<JurisdictionRecord>] = []
        ordered.reserveCapacity(entries.count)
        for start in entries.indices where marks[start] == .unseen && !duplicate[start] {
            var path: [Int] = []
            var current = start
            while true {
                if marks[current] == .placed { break }
                if marks[current] == .walking {
                    let loopStart = path.firstIndex(of: current) ?? 0
                    let codes = path[loopStart...].compactMap { entries[$0].code } + [entries[current].code ?? "?"]
                    issues.add(FieldIssue(location: entries[current].place.field("parent"),
                                          reason: "parent chain loops: \(codes.joined(separator: " → "))"))
                    for member in path[loopStart...] { parentFailed[member] = true }
                    break
                }
                marks[current] = .walking
                path.append(current)
                guard let parent = entries[current].parent, parent != entries[current].code,
                      let parentIndex = indexByCode[parent] else { break }
                current = parentIndex
            }
            for index in path.reversed() {
                marks[index] = .placed
                if !duplicate[index], !exists[index], !parentFailed[index], let record = entries[index].record {
                    ordered.append(ImportedRow(location: entries[index].place.name, record: record))
                }
            }
        }
        return ordered
    }
}
