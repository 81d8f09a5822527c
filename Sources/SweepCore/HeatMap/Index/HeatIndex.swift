import Foundation

/// The heat-map rollup held in memory, so that any month-aligned window at city or province extent
/// is answered by a scan of packed arrays instead of a query over millions of rows.
///
/// It holds the same rows as the `heat_venue_month` table (inspections and violations per venue,
/// month, violation code, department and campaign) with absolute values: applying a row again, or
/// a newer value of it, is always safe, which is what lets the store refresh it from a change feed
/// that may repeat rows. Venues are append-only slots with what the filters need (location, kind,
/// jurisdiction and the jurisdictions above it).
public struct HeatIndex: Sendable {
    /// What the index needs to know about a venue.
    public struct Venue: Sendable, Hashable {
        public var id: Int64
        public var location: GeoPoint?
        public var kind: VenueKind
        /// The venue's jurisdiction code and those above it (district, city, province), nearest first.
        public var places: [String]

        public init(id: Int64, location: GeoPoint?, kind: VenueKind, places: [String]) {
            self.id = id
            self.location = location
            self.kind = kind
            self.places = places
        }
    }

    /// One rollup row with absolute counts.
    public struct Fact: Sendable, Hashable {
        public var venueId: Int64
        /// ``HeatIndex/monthNumber(_:)``: year × 12 + month − 1.
        public var month: Int32
        /// "" on the row that counts inspections.
        public var violationCode: String
        public var departmentCode: String
        /// 0 for visits outside any campaign's plan.
        public var campaignId: Int64
        public var inspections: Int32
        public var violations: Int32

        public init(venueId: Int64, month: Int32, violationCode: String = "", departmentCode: String = "", campaignId: Int64 = 0,
                    inspections: Int32 = 0, violations: Int32 = 0) {
            self.venueId = venueId
            self.month = month
            self.violationCode = violationCode
            self.departmentCode = departmentCode
            self.campaignId = campaignId
            self.inspections = inspections
            self.violations = violations
        }
    }

    // Venues, by slot.
    var venueIDs: [Int64] = []
    var slotOfVenue: [Int64: Int32] = [:]
    var longitude: [Double] = [], latitude: [Double] = []
    var kinds: [VenueKind] = []
    /// Up to three jurisdiction indices per venue (into `placeCodes`), -1 when absent.
    var placeSlots: [(Int32, Int32, Int32)] = []
    var placeCodes: [String] = [], placeLookup: [String: Int32] = [:]
    // Code tables; index 0 is "".
    var codes: [String] = [""], codeLookup: [String: UInt16] = ["": 0]
    var departments: [String] = [""], departmentLookup: [String: UInt8] = ["": 0]
    var months: [Int32: HeatMonthFacts] = [:]
    /// Projected venue positions per UTM zone, shared by copies of this index (slots never move).
    let projections = HeatProjectionCache()

    public init() {}

    public var venueCount: Int { venueIDs.count }
    public var factCount: Int { months.values.reduce(0) { $0 + $1.count } }
    public func contains(venue id: Int64) -> Bool { slotOfVenue[id] != nil }

    /// "2026-03" → 2026 × 12 + 2; nil for anything else.
    public static func monthNumber(_ text: String) -> Int32? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int32(parts[0]), let m = Int32(parts[1]), (1...12).contains(m) else { return nil }
        return y * 12 + m - 1
    }

    /// Adds a venue; a venue already present keeps its slot and what it had.
    public mutating func add(_ venue: Venue) {
        guard slotOfVenue[venue.id] == nil else { return }
        slotOfVenue[venue.id] = Int32(venueIDs.count)
        venueIDs.append(venue.id)
        longitude.append(venue.location?.longitude ?? .nan)
        latitude.append(venue.location?.latitude ?? .nan)
        kinds.append(venue.kind)
        var slots: [Int32] = venue.places.prefix(3).map { code in
            if let i = placeLookup[code] { return i }
            placeCodes.append(code)
            placeLookup[code] = Int32(placeCodes.count - 1)
            return Int32(placeCodes.count - 1)
        }
        while slots.count < 3 { slots.append(-1) }
        placeSlots.append((slots[0], slots[1], slots[2]))
    }

    /// Sets one rollup row to its current counts. Returns false (and changes nothing) when the
    /// venue is unknown: add it first.
    @discardableResult
    public mutating func set(_ fact: Fact) -> Bool {
        guard let venue = slotOfVenue[fact.venueId] else { return false }
        let key = HeatMonthFacts.Key(venue: venue, code: codeIndex(fact.violationCode), department: departmentIndex(fact.departmentCode),
                                     campaign: fact.campaignId)
        months[fact.month, default: HeatMonthFacts()].set(key, inspections: fact.inspections, violations: fact.violations)
        return true
    }

    /// Bulk load of one month's rows, as parallel arrays with codes already indexed through
    /// ``codeIndex(_:)`` and ``departmentIndex(_:)``. Rows of unknown venues are skipped and returned.
    public mutating func load(month: Int32, venueIds: [Int64], codes: [Int32], departments: [Int32], campaigns: [Int64],
                              inspections: [Int32], violations: [Int32]) -> [Int64] {
        var facts = months[month] ?? HeatMonthFacts()
        var unknown: [Int64] = []
        facts.reserve(venueIds.count)
        for i in venueIds.indices {
            guard let venue = slotOfVenue[venueIds[i]] else { unknown.append(venueIds[i]); continue }
            facts.append(.init(venue: venue, code: UInt16(clamping: codes[i]), department: UInt8(clamping: departments[i]), campaign: campaigns[i]),
                         inspections: inspections[i], violations: violations[i])
        }
        months[month] = facts
        return unknown
    }

    /// Brings every month's per-venue totals up to date after loads and changes; until then queries
    /// read the rows themselves (same answer, slower).
    public mutating func summarise() {
        var scratch = [Int32](repeating: 0, count: venueIDs.count)
        for month in months.keys where months[month]?.totalsCurrent == false {
            months[month]?.summarise(scratch: &scratch)
        }
    }

    /// The index of a violation code in this index's table, added if new.
    public mutating func codeIndex(_ code: String) -> UInt16 {
        if let i = codeLookup[code] { return i }
        codes.append(code)
        codeLookup[code] = UInt16(codes.count - 1)
        return UInt16(codes.count - 1)
    }

    public mutating func departmentIndex(_ code: String) -> UInt8 {
        if let i = departmentLookup[code] { return i }
        departments.append(code)
        departmentLookup[code] = UInt8(departments.count - 1)
        return UInt8(departments.count - 1)
    }
}

/// One month's rollup rows as parallel arrays (a scan touches only what it reads), with a lookup
/// from row key to position built the first time a row of the month is updated in place.
struct HeatMonthFacts: Sendable {
    struct Key: Hashable, Sendable {
        var venue: Int32
        var code: UInt16
        var department: UInt8
        var campaign: Int64
    }

    var venue: [Int32] = [], code: [UInt16] = [], department: [UInt8] = [], campaign: [Int64] = []
    var inspections: [Int32] = [], violations: [Int32] = []
    private var positions: [Key: Int32]?
    /// The month's rows summed per venue, for windows without code, department or campaign
    /// filters (most maps): fewer rows to read, and narrower. Stale after a change until ``summarise(venues:)``.
    var totals: (venue: [Int32], inspections: [Int32], violations: [Int32]) = ([], [], [])
    var totalsCurrent = false

    var count: Int { venue.count }

    mutating func reserve(_ n: Int) {
        venue.reserveCapacity(venue.count + n); code.reserveCapacity(code.count + n); department.reserveCapacity(department.count + n)
        campaign.reserveCapacity(campaign.count + n); inspections.reserveCapacity(inspections.count + n); violations.reserveCapacity(violations.count + n)
    }

    /// Appends without checking for an existing row: only for bulk loads of distinct keys.
    mutating func append(_ key: Key, inspections i: Int32, violations v: Int32) {
        venue.append(key.venue); code.append(key.code); department.append(key.department); campaign.append(key.campaign)
        inspections.append(i); violations.append(v)
        positions?[key] = Int32(venue.count - 1)
        totalsCurrent = false
    }

    /// Recomputes the per-venue totals; `scratch` is a zeroed buffer of one slot per venue, left zeroed.
    mutating func summarise(scratch: inout [Int32]) {
        guard !totalsCurrent else { return }
        var order: [Int32] = []
        var sumInspections: [Int32] = [], sumViolations: [Int32] = []
        for i in venue.indices {
            let v = Int(venue[i])
            var at = scratch[v]
            if at == 0 {
                order.append(venue[i]); sumInspections.append(0); sumViolations.append(0)
                at = Int32(order.count)
                scratch[v] = at
            }
            sumInspections[Int(at) - 1] &+= inspections[i]
            sumViolations[Int(at) - 1] &+= violations[i]
        }
        for v in order { scratch[Int(v)] = 0 }
        totals = (order, sumInspections, sumViolations)
        totalsCurrent = true
    }

    mutating func set(_ key: Key, inspections i: Int32, violations v: Int32) {
        if positions == nil {
            var p: [Key: Int32] = [:]
            p.reserveCapacity(venue.count)
            for n in venue.indices { p[Key(venue: venue[n], code: code[n], department: department[n], campaign: campaign[n])] = Int32(n) }
            positions = p
        }
        if let n = positions?[key] {
            inspections[Int(n)] = i
            violations[Int(n)] = v
            totalsCurrent = false
        } else {
            append(key, inspections: i, violations: v)
        }
    }
}

/// Venue positions projected into a UTM zone, computed once per zone and extended as venues are added.
final class HeatProjectionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var zones: [UTMProjection: (x: [Double], y: [Double])] = [:]

    func coordinates(_ projection: UTMProjection, longitude: [Double], latitude: [Double]) -> (x: [Double], y: [Double]) {
        lock.lock()
        defer { lock.unlock() }
        var (xs, ys) = zones[projection] ?? ([], [])
        guard xs.count < longitude.count else { return (xs, ys) }
        xs.reserveCapacity(longitude.count); ys.reserveCapacity(longitude.count)
        for i in xs.count..<longitude.count {
            if longitude[i].isFinite && latitude[i].isFinite {
                let p = projection.forward(GeoPoint(longitude: longitude[i], latitude: latitude[i]))
                xs.append(p.x); ys.append(p.y)
            } else {
                xs.append(.nan); ys.append(.nan)
            }
        }
        zones[projection] = (xs, ys)
        return (xs, ys)
    }
}
