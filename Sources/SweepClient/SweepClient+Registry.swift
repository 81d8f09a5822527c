import Foundation
import SweepAPI
import SweepCore

/// `GET /v1/venues` filters (all optional).
public struct VenueQuery: Sendable {
    public var kind: String?
    public var district: String?
    public var licensed: String?
    public var status: String?
    public var nearSchoolMetres: Double?
    public var schoolKinds: String?
    public var after: Int64?
    public var limit: Int?

    public init(kind: String? = nil, district: String? = nil, licensed: String? = nil, status: String? = nil, nearSchoolMetres: Double? = nil,
                schoolKinds: String? = nil, after: Int64? = nil, limit: Int? = nil) {
        self.kind = kind
        self.district = district
        self.licensed = licensed
        self.status = status
        self.nearSchoolMetres = nearSchoolMetres
        self.schoolKinds = schoolKinds
        self.after = after
        self.limit = limit
    }
}

extension SweepClient {
    /// `GET /v1/venues`: one page.
    public func venues(_ f: VenueQuery) async throws -> VenueListResponse {
        var q = Query()
        q.add("kind", f.kind); q.add("district", f.district); q.add("licensed", f.licensed); q.add("status", f.status)
        q.add("near_school_m", f.nearSchoolMetres); q.add("school_kinds", f.schoolKinds); q.add("after", f.after); q.add("limit", f.limit)
        return try await json(.GET, APIPath.venues, query: q.items)
    }
    /// `GET /v1/venues/{id}`.
    public func venue(_ id: Int64) async throws -> VenueDetail { try await json(.GET, APIPath.expand(APIPath.venue, ["id": id])) }
    /// `GET /v1/jurisdictions`.
    public func jurisdictions() async throws -> [JurisdictionRecord] { try await json(.GET, APIPath.jurisdictions) }
    /// `GET /v1/departments`.
    public func departments() async throws -> [DepartmentInfo] { try await json(.GET, APIPath.departments) }
    /// `GET /v1/violation-types`: the catalogue.
    public func violationTypes() async throws -> [ViolationTypeInfo] { try await json(.GET, APIPath.violationTypes) }
}

extension SweepClient {
    /// `POST /v1/venues/{id}/close`: the venue's registry history after the change.
    public func closeVenue(_ id: Int64, _ change: VenueStandingChange) async throws -> [RegistryChangeRecord] {
        try await json(.POST, APIPath.expand(APIPath.venueClose, ["id": id]), encoding: change)
    }

    /// `POST /v1/venues/{id}/reopen`.
    public func reopenVenue(_ id: Int64, _ change: VenueStandingChange) async throws -> [RegistryChangeRecord] {
        try await json(.POST, APIPath.expand(APIPath.venueReopen, ["id": id]), encoding: change)
    }

    /// `POST /v1/licences/{id}/status`.
    public func setLicenceStatus(_ id: Int64, _ change: LicenceStatusChange) async throws -> [RegistryChangeRecord] {
        try await json(.POST, APIPath.expand(APIPath.licenceStatus, ["id": id]), encoding: change)
    }

    /// `GET /v1/events`: events after `after`, oldest first.
    public func events(after: String? = nil, limit: Int? = nil) async throws -> EventPage {
        var q = Query()
        q.add("after", after)
        q.add("limit", limit)
        return try await json(.GET, APIPath.events, query: q.items)
    }
}

extension SweepClient {
    /// `POST /v1/venues`: registers a venue; the stored venue (with any relocation link found).
    public func registerVenue(_ registration: VenueRegistration) async throws -> VenueDetail {
        try await json(.POST, APIPath.venues, encoding: registration)
    }

    /// `POST /v1/venues/suspected`: a venue found in the field; a retry with the same report id gives the same venue.
    public func reportSuspectedVenue(_ report: SuspectedVenueReport) async throws -> VenueDetail {
        try await json(.POST, APIPath.venuesSuspected, encoding: report)
    }

    /// `POST /v1/venues/{id}/correct`.
    public func correctVenue(_ id: Int64, _ correction: VenueCorrection) async throws -> VenueDetail {
        try await json(.POST, APIPath.expand(APIPath.venueCorrect, ["id": id]), encoding: correction)
    }

    /// `POST /v1/venues/{id}/licences`.
    public func issueLicence(venue id: Int64, _ licence: LicenceIssue) async throws -> VenueDetail {
        try await json(.POST, APIPath.expand(APIPath.venueLicences, ["id": id]), encoding: licence)
    }

    /// `POST /v1/schools`.
    public func addSchool(_ school: SchoolRegistration) async throws -> SchoolRecord {
        try await json(.POST, APIPath.schools, encoding: school)
    }
}
