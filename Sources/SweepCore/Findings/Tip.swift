import Foundation

/// A tip as received from a hotline operator (POST /v1/tips). The text may name the caller, who
/// may be a minor: identity is stripped before anything is stored.
public struct TipIntake: Sendable, Hashable, Codable {
    public var channel: String
    public var channelReference: String?
    public var receivedAt: Date
    public var text: String
    public var venueCode: String?
    public var location: GeoPoint?
    public var department: DepartmentCode?

    public init(channel: String, channelReference: String? = nil, receivedAt: Date, text: String, venueCode: String? = nil,
                location: GeoPoint? = nil, department: DepartmentCode? = nil) {
        self.channel = channel
        self.channelReference = channelReference
        self.receivedAt = receivedAt
        self.text = text
        self.venueCode = venueCode
        self.location = location
        self.department = department
    }
}

/// Where a tip goes: an existing venue, or a new suspected (unlicensed) venue, and a department.
public struct TipTriage: Sendable, Hashable, Codable {
    public struct NewVenue: Sendable, Hashable, Codable {
        public var name: String
        public var address: String
        public var district: String
        public var kind: VenueKind
        public var location: GeoPoint

        public init(name: String, address: String, district: String, kind: VenueKind = .internetCafe, location: GeoPoint) {
            self.name = name
            self.address = address
            self.district = district
            self.kind = kind
            self.location = location
        }
    }
    public var venueCode: String?
    public var newVenue: NewVenue?
    public var department: DepartmentCode?

    public init(venueCode: String? = nil, newVenue: NewVenue? = nil, department: DepartmentCode? = nil) {
        self.venueCode = venueCode
        self.newVenue = newVenue
        self.department = department
    }
}

/// A stored tip: the allegation with identity removed, what kinds of identity were removed, status and feedback.
public struct TipRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var channel: String
    public var channelReference: String?
    public var receivedAt: Date
    public var venueCode: String?
    public var allegation: String
    public var department: DepartmentCode?
    public var status: String
    public var removedIdentity: [String]
    public var caseId: Int64?
    public var feedback: String?

    public init(id: Int64, channel: String, channelReference: String?, receivedAt: Date, venueCode: String?, allegation: String,
                department: DepartmentCode?, status: String, removedIdentity: [String], caseId: Int64?, feedback: String?) {
        self.id = id
        self.channel = channel
        self.channelReference = channelReference
        self.receivedAt = receivedAt
        self.venueCode = venueCode
        self.allegation = allegation
        self.department = department
        self.status = status
        self.removedIdentity = removedIdentity
        self.caseId = caseId
        self.feedback = feedback
    }
}

/// Closing a tip that led to no case: founded (acted on without a case) or unfounded, with the
/// feedback the channel that sent it receives (the 12355/12345 platform through the event feed).
public struct TipClosure: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case closed
        case unfounded
    }

    public var outcome: Outcome
    public var feedback: String

    public init(outcome: Outcome, feedback: String) {
        self.outcome = outcome
        self.feedback = feedback
    }

    /// The feedback, checked: said, and short enough for a hotline's reply field.
    public func checkedFeedback() throws -> String {
        let text = feedback.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { throw SweepError.invalid(field: "feedback", reason: "say what was done: the caller hears it") }
        if text.count > 2000 { throw SweepError.invalid(field: "feedback", reason: "at most 2000 characters, got \(text.count)") }
        return text
    }
}
