import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// The inspector roster: availability, weekly limits, conflicts of interest, credentials.
enum RosterRoutes {
    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let roster = app.roster
        let planners = CampaignRoutes.planners

        routes.get(APIPath.inspectors, allow: planners) { request, _, _ in
            let query = QueryParameters(request, known: ["department", "district"])
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
