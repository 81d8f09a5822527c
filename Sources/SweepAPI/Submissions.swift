import Foundation
import SweepCore

/// The answer to a submission, stored and replayed verbatim to retries.
public struct SubmissionResult: Sendable, Hashable, Codable {
    public var inspectionId: Int64
    public var submissionId: UUID
    public var replayed: Bool
    public var positionFlagged: Bool
    public var distanceMetres: Double?
    public var findings: [FindingResult]
    public var reinspections: [ReinspectionResult]

    public init(inspectionId: Int64, submissionId: UUID, replayed: Bool, positionFlagged: Bool, distanceMetres: Double? = nil, findings: [FindingResult], reinspections: [ReinspectionResult]) {
        self.inspectionId = inspectionId
        self.submissionId = submissionId
        self.replayed = replayed
        self.positionFlagged = positionFlagged
        self.distanceMetres = distanceMetres
        self.findings = findings
        self.reinspections = reinspections
    }
}

public struct FindingResult: Sendable, Hashable, Codable {
    public var findingId: Int64
    public var department: DepartmentCode
    public var revision: Int
    public var violations: [OpenedCase]

    public init(findingId: Int64, department: DepartmentCode, revision: Int, violations: [OpenedCase]) {
        self.findingId = findingId
        self.department = department
        self.revision = revision
        self.violations = violations
    }
}

public struct OpenedCase: Sendable, Hashable, Codable {
    public var code: String
    public var caseId: Int64
    public var state: String
    public var department: DepartmentCode
    public var suggestion: SanctionSuggestion?

    public init(code: String, caseId: Int64, state: String, department: DepartmentCode, suggestion: SanctionSuggestion? = nil) {
        self.code = code
        self.caseId = caseId
        self.state = state
        self.department = department
        self.suggestion = suggestion
    }
}

public struct ReinspectionResult: Sendable, Hashable, Codable {
    public var caseId: Int64
    public var code: String
    public var passed: Bool

    public init(caseId: Int64, code: String, passed: Bool) {
        self.caseId = caseId
        self.code = code
        self.passed = passed
    }
}

/// One item of a batch answer: its position, id, HTTP status and result or problem.
public struct BatchItemResult: Codable, Sendable {
    public var index: Int
    public var submissionId: UUID?
    public var status: Int
    public var result: SubmissionResult?
    public var problem: ProblemDetails?

    public init(index: Int, submissionId: UUID? = nil, status: Int, result: SubmissionResult? = nil, problem: ProblemDetails? = nil) {
        self.index = index
        self.submissionId = submissionId
        self.status = status
        self.result = result
        self.problem = problem
    }
}

public struct BatchResponse: Codable, Sendable {
    public var results: [BatchItemResult]

    public init(results: [BatchItemResult]) {
        self.results = results
    }
}
