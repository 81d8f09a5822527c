import Foundation

/// What an inspector submits for one visit (POST /v1/submissions, `sweep submit FILE.json`).
/// The client generates `submission_id` (a UUID) so that a retried submission is recognised and
/// answered with the original result instead of being stored twice.
public struct Submission: Sendable, Hashable, Codable {
    public var submissionId: UUID
    /// The venue, by id or code (one of them); for a planned visit it must match the stop's venue.
    public var venueId: Int64?
    public var venueCode: String?
    /// The dispatched stop this visit carries out; nil for an unplanned visit.
    public var sweepStopId: Int64?
    /// Defaults to CAMPAIGN for a planned stop; required (with `unplanned_reason`) otherwise.
    public var origin: InspectionOrigin?
    public var unplannedReason: String?
    public var arrivedAt: Date
    public var departedAt: Date
    public var devicePosition: GeoPoint?
    /// How far off the position may be, in metres (the Geolocation API's `accuracy`).
    public var positionAccuracyMetres: Double?
    public var outcome: InspectionOutcome
    public var minors: MinorsRecord?
    public var findings: [FindingInput]

    public init(submissionId: UUID, venueId: Int64? = nil, venueCode: String? = nil, sweepStopId: Int64? = nil, origin: InspectionOrigin? = nil,
                unplannedReason: String? = nil, arrivedAt: Date, departedAt: Date, devicePosition: GeoPoint? = nil,
                outcome: InspectionOutcome, minors: MinorsRecord? = nil, findings: [FindingInput] = [], positionAccuracyMetres: Double? = nil) {
        self.positionAccuracyMetres = positionAccuracyMetres
        self.submissionId = submissionId
        self.venueId = venueId
        self.venueCode = venueCode
        self.sweepStopId = sweepStopId
        self.origin = origin
        self.unplannedReason = unplannedReason
        self.arrivedAt = arrivedAt
        self.departedAt = departedAt
        self.devicePosition = devicePosition
        self.outcome = outcome
        self.minors = minors
        self.findings = findings
    }
}

/// Minors found on the premises: counts and age bands only (PIPL 28/31, minors law 103).
public struct MinorsRecord: Sendable, Hashable, Codable {
    public var count: Int
    public var under14: Int
    public var from14to15: Int
    public var from16to17: Int
    /// A reference to the venue's own log entry (e.g. its register line), never an identity.
    public var logReference: String?
    public var guardiansCalled: Bool
    public var policeCalled: Bool
    public var mandatoryReportFiled: Bool

    public init(count: Int, under14: Int = 0, from14to15: Int = 0, from16to17: Int = 0, logReference: String? = nil,
                guardiansCalled: Bool = false, policeCalled: Bool = false, mandatoryReportFiled: Bool = false) {
        self.count = count
        self.under14 = under14
        self.from14to15 = from14to15
        self.from16to17 = from16to17
        self.logReference = logReference
        self.guardiansCalled = guardiansCalled
        self.policeCalled = policeCalled
        self.mandatoryReportFiled = mandatoryReportFiled
    }

    enum CodingKeys: String, CodingKey {
        case count, under14, from14to15, from16to17, logReference, guardiansCalled, policeCalled, mandatoryReportFiled
    }

    /// Only `count` is required: bands default to 0 and the flags to false, as a device that did
    /// not ask would report them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        count = try c.decode(Int.self, forKey: .count)
        under14 = try c.decodeIfPresent(Int.self, forKey: .under14) ?? 0
        from14to15 = try c.decodeIfPresent(Int.self, forKey: .from14to15) ?? 0
        from16to17 = try c.decodeIfPresent(Int.self, forKey: .from16to17) ?? 0
        logReference = try c.decodeIfPresent(String.self, forKey: .logReference)
        guardiansCalled = try c.decodeIfPresent(Bool.self, forKey: .guardiansCalled) ?? false
        policeCalled = try c.decodeIfPresent(Bool.self, forKey: .policeCalled) ?? false
        mandatoryReportFiled = try c.decodeIfPresent(Bool.self, forKey: .mandatoryReportFiled) ?? false
    }
}

/// One department's finding: its violations with the legal basis chosen, facts, on-the-spot
/// measures and evidence (uploaded separately, referenced by SHA-256).
public struct FindingInput: Sendable, Hashable, Codable {
    public var department: DepartmentCode
    public var facts: String
    public var violations: [ViolationInput]
    public var measures: [MeasureInput]
    /// Hex SHA-256 of evidence already uploaded (POST /v1/evidence).
    public var evidence: [String]

    public init(department: DepartmentCode, facts: String = "", violations: [ViolationInput] = [], measures: [MeasureInput] = [],
                evidence: [String] = []) {
        self.department = department
        self.facts = facts
        self.violations = violations
        self.measures = measures
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey { case department, facts, violations, measures, evidence }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        department = try c.decode(DepartmentCode.self, forKey: .department)
        facts = try c.decodeIfPresent(String.self, forKey: .facts) ?? ""
        violations = try c.decodeIfPresent([ViolationInput].self, forKey: .violations) ?? []
        measures = try c.decodeIfPresent([MeasureInput].self, forKey: .measures) ?? []
        evidence = try c.decodeIfPresent([String].self, forKey: .evidence) ?? []
    }
}

public struct ViolationInput: Sendable, Hashable, Codable {
    public var code: String
    /// The basis chosen; nil takes the catalogue's penalty basis (one act, two rule sets: the
    /// handler records both and chooses — 行政处罚法 29).
    public var legalBasis: ChosenBasis?

    public init(code: String, legalBasis: ChosenBasis? = nil) {
        self.code = code
        self.legalBasis = legalBasis
    }
}

public struct ChosenBasis: Sendable, Hashable, Codable {
    public var instrument: String
    public var version: String
    public var article: String

    public init(instrument: String, version: String, article: String) {
        self.instrument = instrument
        self.version = version
        self.article = article
    }
}

/// An on-the-spot measure.
public struct MeasureInput: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case orderToCorrect = "order_to_correct"
        case sealing
        case seizure
    }
    public var kind: Kind
    /// Order to correct: the deadline day (YYYY-MM-DD); absent = on the spot (当场).
    public var deadline: String?
    /// Seizure: what and how many.
    public var items: [SeizedItem]?
    public var note: String?

    public init(kind: Kind, deadline: String? = nil, items: [SeizedItem]? = nil, note: String? = nil) {
        self.kind = kind
        self.deadline = deadline
        self.items = items
        self.note = note
    }
}

public struct SeizedItem: Sendable, Hashable, Codable {
    public var name: String
    public var count: Int

    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}
