import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Campaigns and the inspector roster (availability, limits, conflicts of interest).
enum CampaignHandlers {
    static let planners = AccessRule(.coordinator, .admin)

    static func register(on routes: SecuredRoutes, db: Database) {
        let campaigns = CampaignStore(db: db)
        let roster = InspectorRosterStore(db: db)

        routes.post(APIPath.campaigns, allow: planners) { request, _, principal in
            let spec = try await RequestBody.decode(CampaignSpec.self, from: request)
            return try JSONResponse.make(try await campaigns.create(spec, actor: principal.actor), status: .created)
        }
        routes.get(APIPath.campaigns, allow: AccessRule(.coordinator, .admin, .leader)) { request, _, _ in
            try QueryParameters(request, known: []).finish()
            return try JSONResponse.make(try await campaigns.list())
        }
        routes.get(APIPath.campaign, allow: AccessRule(.coordinator, .admin, .leader)) { _, context, _ in
            try JSONResponse.make(try await campaigns.get(try context.id()))
        }

        routes.get(APIPath.inspectors, allow: planners) { request, _, _ in
            var query = QueryParameters(request, known: ["department", "district"])
            let department = query.string("department"), district = query.string("district")
            try query.finish()
            return try JSONResponse.make(try await roster.roster(department: department, district: district))
        }
        routes.post(APIPath.inspectorUnavailability, allow: planners) { request, context, principal in
            let body = try await RequestBody.decode(UnavailabilityRequest.self, from: request)
            let n = try await roster.setUnavailable(inspector: try context.text("code"), from: body.from, to: body.to, reason: body.reason,
                                                    available: body.available ?? false, actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: "ok", changed: n))
        }
        routes.post(APIPath.inspectorConflicts, allow: planners) { request, context, principal in
            let body = try await RequestBody.decode(ConflictRequest.self, from: request)
            try await roster.declareConflict(inspector: try context.text("code"), venueCode: body.venueCode, operatorKey: body.operatorKey,
                                             note: body.note, actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: "ok", changed: 1), status: .created)
        }
        routes.post(APIPath.inspectorCredential, allow: planners) { request, context, principal in
            let body = try await RequestBody.decode(CredentialRequest.self, from: request)
            try await roster.setCredential(inspector: try context.text("code"), number: body.credentialNumber,
                                           expires: body.credentialExpires, actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: "ok", changed: 1))
        }
        routes.post(APIPath.inspectorLimits, allow: planners) { request, context, principal in
            let body = try await RequestBody.decode(LimitsRequest.self, from: request)
            try await roster.setMaxShiftsPerWeek(inspector: try context.text("code"), body.maxShiftsPerWeek, actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: "ok", changed: 1))
        }
    }
}
