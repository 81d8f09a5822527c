import Foundation

/// A stored inspection with every revision of its findings (the history is kept and shown).
public struct InspectionDetail: Sendable, Hashable, Codable {
    public var inspectionId: Int64
    public var submissionId: UUID
    public var venueId: Int64
    public var venueCode: String
    public var venueName: String
    public var sweepStopId: Int64?
    public var origin: String
    public var unplannedReason: String?
    public var outcome: String
    public var arrivedAt: Date
    public var departedAt: Date
    public var positionFlagged: Bool
    public var distanceMetres: Double?
    public var minors: MinorsRecord
    public var recordedAt: Date
    /// Oldest revision first, per department.
    public var findings: [FindingRevision]
    public var cases: [InspectionCase]

    public init(inspectionId: Int64, submissionId: UUID, venueId: Int64, venueCode: String, venueName: String, sweepStopId: Int64?,
                origin: String, unplannedReason: String?, outcome: String, arrivedAt: Date, departedAt: Date, positionFlagged: Bool,
                distanceMetres: Double?, minors: MinorsRecord, recordedAt: Date, findings: [FindingRevision], cases: [InspectionCase]) {
        self.inspectionId = inspectionId
        self.submissionId = submissionId
        self.venueId = venueId
        self.venueCode = venueCode
        self.venueName = venueName
        self.sweepStopId = sweepStopId
        self.origin = origin
        self.unplannedReason = unplannedReason
        self.outcome = outcome
        self.arrivedAt = arrivedAt
        self.departedAt = departedAt
        self.positionFlagged = positionFlagged
        self.distanceMetres = distanceMetres
        self.minors = minors
        self.recordedAt = recordedAt
        self.findings = findings
        self.cases = cases
    }
}

public struct FindingRevision: Sendable, Hashable, Codable {
    public var findingId: Int64
    public var department: DepartmentCode
    public var revision: Int
    public var facts: String
    public var measures: [MeasureInput]
    public var recordedAt: Date
    public var violations: [String]
    public var evidence: [String]

    public init(findingId: Int64, department: DepartmentCode, revision: Int, facts: String, measures: [MeasureInput], recordedAt: Date,
                violations: [String], evidence: [String]) {
        self.findingId = findingId
        self.department = department
        self.revision = revision
        self.facts = facts
        self.measures = measures
        self.recordedAt = recordedAt
        self.violations = violations
        self.evidence = evidence
    }
}

public struct InspectionCase: Sendable, Hashable, Codable {
    public var caseId: Int64
    public var code: String
    public var department: DepartmentCode
    public var state: String

    public init(caseId: Int64, code: String, department: DepartmentCode, state: String) {
        self.caseId = caseId
        self.code = code
        self.department = department
        self.state = state
    }
}
