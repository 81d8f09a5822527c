import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Keeping the registry between imports: venues registered and corrected, licences issued, schools
/// added — by coordinators within their jurisdictions and admins, each with a reason.
enum RegistryMaintenanceRoutes {
    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let change = Permission(.venue, .change)
        routes.post(APIPath.venues, needs: change) { request, _, principal in
            let body = try await RequestBody.decode(VenueRegistration.self, from: request)
            let district = body.district ?? ""
            try await app.authorize(principal, change, "district \(district)") { try await $0.jurisdictions([district], name: "district \(district)") }
            let (record, reason) = try body.validated()
            let id = try await app.registryMaintenance.registerVenue(record, reason: reason, actor: principal.actor)
            return try JSONResponse.make(try await app.registry.venue(id: id, scope: principal.scope), status: .created)
        }

        // Inspectors report what they find on the way; the district is where the phone is, unless named.
        let report = Permission(.venue, .create)
        routes.post(APIPath.venuesSuspected, needs: report) { request, _, principal in
            let body = try await RequestBody.decode(SuspectedVenueReport.self, from: request)
            let district: String
            if let named = body.district {
                district = named
            } else {
                guard let place = body.location else { throw SweepError.invalid(field: "location", reason: "required: the phone's position where the venue was found") }
                guard let found = try await app.registryMaintenance.district(at: place) else {
                    throw SweepError.invalid(field: "location", reason: "lies in no district Sweep knows; give district")
                }
                district = found
            }
            try await app.authorize(principal, report, "district \(district)") { try await $0.jurisdictions([district], name: "district \(district)") }
            let (id, created) = try await app.registryMaintenance.reportSuspectedVenue(body, district: district, actor: principal.actor)
            return try JSONResponse.make(try await app.registry.venue(id: id, scope: principal.scope), status: created ? .created : .ok)
        }

        routes.post(APIPath.venueCorrect, needs: change) { request, context, principal in
            let id = try context.id()
            try await app.authorize(principal, change, "venue \(id)") { try await $0.venue(id) }
            let body = try await RequestBody.decode(VenueCorrection.self, from: request)
            // Moving a venue to another district needs the right there too.
            if let district = body.district {
                try await app.authorize(principal, change, "district \(district)") { try await $0.jurisdictions([district], name: "district \(district)") }
            }
            _ = try await app.registryMaintenance.correctVenue(id, body, actor: principal.actor)
            return try JSONResponse.make(try await app.registry.venue(id: id, scope: principal.scope))
        }

        routes.post(APIPath.venueLicences, needs: change) { request, context, principal in
            let id = try context.id()
            try await app.authorize(principal, change, "venue \(id)") { try await $0.venue(id) }
            let (licence, reason) = try await RequestBody.decode(LicenceIssue.self, from: request).validated()
            _ = try await app.registryMaintenance.issueLicence(venueId: id, licence, reason: reason, actor: principal.actor)
            return try JSONResponse.make(try await app.registry.venue(id: id, scope: principal.scope), status: .created)
        }

        let schools = Permission(.school, .change)
        routes.post(APIPath.schools, needs: schools) { request, _, principal in
            let body = try await RequestBody.decode(SchoolRegistration.self, from: request)
            let district = body.district ?? ""
            try await app.authorize(principal, schools, "district \(district)") { try await $0.jurisdictions([district], name: "district \(district)") }
            let (record, reason) = try body.validated()
            _ = try await app.registryMaintenance.addSchool(record, reason: reason, actor: principal.actor)
            return try JSONResponse.make(record, status: .created)
        }
    }
}
