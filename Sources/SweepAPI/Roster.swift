import Foundation
import SweepCore

/// `POST /v1/inspectors/{code}/unavailability`.
public struct UnavailabilityRequest: Codable, Sendable {
    public var from: String
    public var to: String
    public var reason: String?
    /// True to make the days available again.
    public var available: Bool?

    public init(from: String, to: String, reason: String? = nil, available: Bool? = nil) {
        self.from = from
        self.to = to
        self.reason = reason
        self.available = available
    }
}

/// `POST /v1/inspectors/{code}/conflicts`: exactly one of venue code or operator key.
public struct ConflictRequest: Codable, Sendable {
    public var venueCode: String?
    public var operatorKey: String?
    public var note: String?

    public init(venueCode: String? = nil, operatorKey: String? = nil, note: String? = nil) {
        self.venueCode = venueCode
        self.operatorKey = operatorKey
        self.note = note
    }
}

/// `POST /v1/inspectors/{code}/limits`.
public struct LimitsRequest: Codable, Sendable {
    public var maxShiftsPerWeek: Int
    /// Why (required; kept in the audit log).
    public var reason: String?
    public init(maxShiftsPerWeek: Int, reason: String? = nil) {
        self.maxShiftsPerWeek = maxShiftsPerWeek
        self.reason = reason
    }
}

/// `POST /v1/inspectors/{code}/credential`: a renewed or corrected 执法证.
public struct CredentialRequest: Codable, Sendable {
    public var credentialNumber: String?
    public var credentialExpires: String
    /// Why (required; kept in the audit log).
    public var reason: String?

    public init(credentialNumber: String? = nil, credentialExpires: String, reason: String? = nil) {
        self.credentialNumber = credentialNumber
        self.credentialExpires = credentialExpires
        self.reason = reason
    }
}

/// `POST /v1/inspectors/{code}/status`: an inspector taken off or put back on the roster, or moved
/// to another department.
public struct InspectorStatusRequest: Codable, Sendable {
    public var active: Bool?
    public var department: DepartmentCode?
    /// Why (required; kept in the audit log).
    public var reason: String?

    public init(active: Bool? = nil, department: DepartmentCode? = nil, reason: String? = nil) {
        self.active = active
        self.department = department
        self.reason = reason
    }
}

public struct RosterEntry: Sendable, Hashable, Codable {
    public var id: Int64
    public var code: String
    public var name: String
    public var department: DepartmentCode
    public var districtCode: String
    public var credentialNumber: String
    public var credentialExpires: String
    public var active: Bool
    public var maxShiftsPerWeek: Int
    public var unavailableDays: [String]
    public var conflicts: [String]

    public init(id: Int64, code: String, name: String, department: DepartmentCode, districtCode: String, credentialNumber: String, credentialExpires: String, active: Bool, maxShiftsPerWeek: Int, unavailableDays: [String], conflicts: [String]) {
        self.id = id
        self.code = code
        self.name = name
        self.department = department
        self.districtCode = districtCode
        self.credentialNumber = credentialNumber
        self.credentialExpires = credentialExpires
        self.active = active
        self.maxShiftsPerWeek = maxShiftsPerWeek
        self.unavailableDays = unavailableDays
        self.conflicts = conflicts
    }
}
