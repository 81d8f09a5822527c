import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Maintaining the registry's standing: venues closed and reopened, licences suspended, revoked,
/// expired and reinstated — by coordinators within their jurisdictions and admins, each with a reason.
/// Case decisions make the same changes themselves (CaseStore).
enum RegistryLifecycleRoutes {
    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let change = Permission(.venue, .change)
        routes.post(APIPath.venueClose, needs: change) { request, context, principal in
            let id = try context.id()
            try await app.authorize(principal, change, "venue \(id)") { try await $0.venue(id) }
            let body = try await RequestBody.decode(VenueStandingChange.self, from: request)
            let (day, _) = try LicenceStatusChange.days(on: body.on)
            return try JSONResponse.make(try await app.registryLifecycle.closeVenue(id, on: day, reason: body.reason, actor: principal.actor))
        }

        routes.post(APIPath.venueReopen, needs: change) { request, context, principal in
            let id = try context.id()
            try await app.authorize(principal, change, "venue \(id)") { try await $0.venue(id) }
            let body = try await RequestBody.decode(VenueStandingChange.self, from: request)
            let (day, _) = try LicenceStatusChange.days(on: body.on)
            return try JSONResponse.make(try await app.registryLifecycle.reopenVenue(id, on: day, reason: body.reason, actor: principal.actor))
        }

        routes.post(APIPath.licenceStatus, needs: change) { request, context, principal in
            let id = try context.id()
            try await app.authorize(principal, change, "licence \(id)") { try await $0.licence(id) }
            let body = try await RequestBody.decode(LicenceStatusChange.self, from: request)
            let (day, until) = try LicenceStatusChange.days(on: body.on, until: body.until)
            return try JSONResponse.make(try await app.registryLifecycle.setLicence(id, to: body.status, until: until, on: day, reason: body.reason,
                                                                                     actor: principal.actor))
        }

        routes.get(APIPath.events, needs: Permission(.event, .read)) { request, _, principal in
            var query = QueryParameters(request, known: ["after", "limit"])
            let after = query.string("after")
            let limit = query.int("limit") ?? 100
            if !(1...1000).contains(limit) { query.including { throw SweepError.invalid(field: "limit", reason: "must be between 1 and 1000") } }
            try query.finish()
            let cursor = try after.map(EventCursor.init(parsing:))
            let scope = AccessPolicy.listScope(principal, Permission(.event, .read))
            return try JSONResponse.make(try await app.events.list(after: cursor, limit: limit, scope: scope))
        }
    }
}
