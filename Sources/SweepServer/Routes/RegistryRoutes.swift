import Hummingbird
import SweepAPI
import SweepCore

/// Registry reads: venues, jurisdictions, departments, the violation catalogue.
/// Every principal may read the registry, limited to the jurisdictions in its scope.
enum RegistryRoutes {
    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let registry: any RegistryReading = app.registry
        routes.get(APIPath.venues, needs: Permission(.venue, .read)) { request, _, principal in
            var query = QueryParameters(request, known: ["kind", "district", "licensed", "status", "near_school_m", "school_kinds", "after", "limit"])
            var filter = VenueFilter(scope: principal.scope)
            filter.kind = query.enumeration("kind", VenueKind.self)
            filter.jurisdiction = query.string("district")
            filter.licensed = query.bool("licensed")
            filter.status = query.enumeration("status", VenueStatus.self)
            filter.nearSchoolMetres = query.double("near_school_m")
            filter.nearSchoolKinds = query.enumerationList("school_kinds", SchoolKind.self)
            filter.after = query.int("after").map(Int64.init)
            filter.limit = query.int("limit") ?? 100
            query.including { try filter.validate() }
            try query.finish()
            let page = try await registry.venues(filter)
            return try JSONResponse.make(VenueListResponse(items: page.items, nextAfter: page.nextAfter))
        }

        routes.get(APIPath.venue, needs: Permission(.venue, .read)) { request, context, principal in
            guard let raw = context.parameters.get("id"), let id = Int64(raw), id > 0 else {
                throw SweepError.invalid(field: "id", reason: "must be a positive integer venue id")
            }
            return try JSONResponse.make(try await registry.venue(id: id, scope: principal.scope))
        }

        routes.get(APIPath.jurisdictions, needs: Permission(.catalogue, .read)) { _, _, _ in
            try JSONResponse.make(try await registry.jurisdictions())
        }

        routes.get(APIPath.departments, needs: Permission(.catalogue, .read)) { _, _, _ in
            try JSONResponse.make(try await registry.departments())
        }

        routes.get(APIPath.violationTypes, needs: Permission(.catalogue, .read)) { _, _, _ in
            try JSONResponse.make(try await registry.violationTypes())
        }
    }
}
