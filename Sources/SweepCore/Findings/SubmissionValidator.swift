import Foundation

/// What the validator needs besides the submission: the catalogue, the venue, the stop, the clock.
public struct SubmissionContext: Sendable {
    public var catalogue: [String: ViolationTypeInfo]
    public var venueId: Int64
    public var venueLocation: GeoPoint?
    /// The venue of the stop named by `sweep_stop_id`, and whether that sweep is dispatched.
    public var stopVenueId: Int64?
    public var stopDispatched: Bool
    public var now: Date
    /// Beyond this distance from the venue the submission is accepted but flagged.
    public var positionToleranceMetres: Double

    public init(catalogue: [String: ViolationTypeInfo], venueId: Int64, venueLocation: GeoPoint?, stopVenueId: Int64? = nil,
                stopDispatched: Bool = false, now: Date, positionToleranceMetres: Double = 300) {
        self.catalogue = catalogue
        self.venueId = venueId
        self.venueLocation = venueLocation
        self.stopVenueId = stopVenueId
        self.stopDispatched = stopDispatched
        self.now = now
        self.positionToleranceMetres = positionToleranceMetres
    }
}

/// A submission that passed every check, with what the store needs to write it.
public struct ValidatedSubmission: Sendable, Hashable {
    public var submission: Submission
    public var origin: InspectionOrigin
    public var positionFlagged: Bool
    public var distanceMetres: Double?
    /// Per finding, per violation: the legal basis recorded (chosen or the catalogue's penalty basis).
    public var bases: [[ChosenBasis]]
}

/// Checks a submission and reports every problem at once, with its JSON path.
public enum SubmissionValidator {
    /// Late submissions keep their times; older than this is refused as probably wrong.
    public static let maxAgeDays = 60.0

    public static func validate(_ s: Submission, keys: [(path: String, key: String)], context: SubmissionContext) throws -> ValidatedSubmission {
        var issues: [FieldIssue] = []
        func add(_ location: String, _ reason: String) { issues.append(FieldIssue(location: location, reason: reason)) }

        // Minors' identities never enter the system: refuse identifying keys and text anywhere.
        issues += MinorsDataGuard.forbiddenKeyIssues(keys: keys)
        var texts: [(path: String, value: String)] = [("unplanned_reason", s.unplannedReason ?? ""), ("minors.log_reference", s.minors?.logReference ?? "")]
        for (i, f) in s.findings.enumerated() {
            texts.append(("findings[\(i)].facts", f.facts))
            for (j, m) in f.measures.enumerated() {
                texts.append(("findings[\(i)].measures[\(j)].note", m.note ?? ""))
                for (k, item) in (m.items ?? []).enumerated() { texts.append(("findings[\(i)].measures[\(j)].items[\(k)].name", item.name)) }
            }
        }
        issues += MinorsDataGuard.issues(inFields: texts.filter { !$0.value.isEmpty })

        if s.departedAt < s.arrivedAt { add("departed_at", "is before arrived_at") }
        if s.arrivedAt > context.now.addingTimeInterval(10 * 60) { add("arrived_at", "is in the future; check the device clock") }
        if context.now.timeIntervalSince(s.arrivedAt) > maxAgeDays * 86_400 {
            add("arrived_at", "is more than \(Int(maxAgeDays)) days ago; late submissions keep their times, but this looks like a wrong date")
        }
        if s.departedAt.timeIntervalSince(s.arrivedAt) > 16 * 3600 { add("departed_at", "a visit of more than 16 hours is not plausible") }

        var origin = s.origin ?? .campaign
        if let stop = s.sweepStopId {
            if let stopVenue = context.stopVenueId {
                if stopVenue != context.venueId { add("sweep_stop_id", "stop \(stop) is planned at another venue (\(stopVenue)), not \(context.venueId)") }
                else if !context.stopDispatched { add("sweep_stop_id", "stop \(stop) belongs to a sweep that is not dispatched") }
            } else { add("sweep_stop_id", "stop \(stop) does not exist") }
        } else {
            if s.origin == nil { add("origin", "an unplanned visit needs an origin: RANDOM, CAMPAIGN, TIP, REFERRAL or FOLLOW_UP") }
            if (s.unplannedReason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add("unplanned_reason", "an unplanned visit (no sweep_stop_id) needs a reason, e.g. \"black café found en route\"")
            }
            origin = s.origin ?? .campaign
        }

        if let m = s.minors {
            if m.count < 0 || m.under14 < 0 || m.from14to15 < 0 || m.from16to17 < 0 { add("minors", "counts cannot be negative") }
            if m.under14 + m.from14to15 + m.from16to17 > m.count { add("minors.count", "is smaller than the sum of the age bands") }
            if m.count > 500 { add("minors.count", "more than 500 minors in one venue is not plausible") }
        }
        if s.outcome != .inspected, s.findings.contains(where: { !$0.violations.isEmpty }),
           !(s.outcome == .entryRefused) {
            add("findings", "outcome \(s.outcome.rawValue) records no violations; use outcome inspected")
        }

        var seen = Set<DepartmentCode>()
        var bases: [[ChosenBasis]] = []
        for (i, f) in s.findings.enumerated() {
            let at = "findings[\(i)]"
            if !seen.insert(f.department).inserted { add("\(at).department", "a second finding for \(f.department.rawValue): one finding per department") }
            var chosen: [ChosenBasis] = []
            var codes = Set<String>()
            for (j, v) in f.violations.enumerated() {
                let vat = "\(at).violations[\(j)]"
                if !codes.insert(v.code).inserted { add("\(vat).code", "\(v.code) is listed twice in this finding") }
                guard let type = context.catalogue[v.code] else {
                    add("\(vat).code", "unknown violation code \(v.code); GET /v1/violation-types lists them"); chosen.append(ChosenBasis(instrument: "", version: "", article: "")); continue
                }
                let competent = [type.leadDepartment] + type.assistingDepartments
                if !competent.contains(f.department) {
                    add("\(vat).code", "\(v.code) is handled by \(competent.map(\.rawValue).joined(separator: "/")), not \(f.department.rawValue): record it in that department's finding, or refer it")
                }
                let options = type.legalBases.filter { $0.role == "penalty" }
                if let basis = v.legalBasis {
                    if !type.legalBases.contains(where: { $0.instrument == basis.instrument && $0.version == basis.version && $0.article == basis.article }) {
                        let list = options.map { "\($0.instrument) \($0.version) art. \($0.article)" }.joined(separator: "; ")
                        add("\(vat).legal_basis", "\(basis.instrument) \(basis.version) art. \(basis.article) is not a basis of \(v.code); choose one of: \(list)")
                    }
                    chosen.append(basis)
                } else if let first = options.first ?? type.legalBases.first {
                    chosen.append(ChosenBasis(instrument: first.instrument, version: first.version, article: first.article))
                } else {
                    chosen.append(ChosenBasis(instrument: "", version: "", article: ""))
                }
            }
            bases.append(chosen)
            for (j, m) in f.measures.enumerated() {
                let mat = "\(at).measures[\(j)]"
                if let d = m.deadline {
                    if let day = ISODay.parse(d) {
                        if day.addingTimeInterval(86_400) < s.arrivedAt { add("\(mat).deadline", "\(d) is before the visit") }
                    } else { add("\(mat).deadline", "\"\(d)\" is not YYYY-MM-DD") }
                }
                if m.kind == .seizure {
                    let items = m.items ?? []
                    if items.isEmpty { add("\(mat).items", "a seizure lists what was seized and how many") }
                    for (k, item) in items.enumerated() {
                        if item.name.trimmingCharacters(in: .whitespaces).isEmpty { add("\(mat).items[\(k)].name", "must not be empty") }
                        if item.count <= 0 { add("\(mat).items[\(k)].count", "must be at least 1") }
                    }
                } else if m.items != nil {
                    add("\(mat).items", "only a seizure has items")
                }
            }
            for (k, e) in f.evidence.enumerated() where !isSHA256Hex(e) {
                add("\(at).evidence[\(k)]", "must be the 64-character hex SHA-256 returned by POST /v1/evidence")
            }
        }

        if let p = s.devicePosition {
            if !(p.longitude.isFinite && (-180...180).contains(p.longitude)) { add("device_position.longitude", "must be between -180 and 180") }
            if !(p.latitude.isFinite && (-90...90).contains(p.latitude)) { add("device_position.latitude", "must be between -90 and 90") }
        }

        if let accuracy = s.positionAccuracyMetres {
            if s.devicePosition == nil { add("position_accuracy_metres", "needs device_position: it is that position's accuracy") }
            if !(accuracy.isFinite && (0...100_000).contains(accuracy)) { add("position_accuracy_metres", "must be between 0 and 100000 metres") }
        }

        if !issues.isEmpty { throw SweepError.invalid(issues) }
        var distance: Double?
        if let p = s.devicePosition, let v = context.venueLocation { distance = p.distance(to: v) }
        // Flagged only when even the nearest place the phone may have been lies beyond the tolerance.
        let nearest = (distance ?? 0) - (s.positionAccuracyMetres ?? 0)
        return ValidatedSubmission(submission: s, origin: origin, positionFlagged: nearest > context.positionToleranceMetres,
                                   distanceMetres: distance, bases: bases)
    }

    static func isSHA256Hex(_ s: String) -> Bool {
        s.utf8.count == 64 && s.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
