import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// The inspector roster: availability, weekly limits, conflicts of interest, credentials, within
/// the caller's jurisdictions.
enum RosterRoutes {
    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let roster = app.roster
        let read = Permission(.roster, .read), change = Permission(.roster, .change)

        /// The named inspector must lie within the caller's jurisdictions (403 otherwise; 404 when unknown).
        @Sendable func authorize(_ principal: Principal, _ code: String) async throws {
            try await app.authorize(principal, change, "inspector \(code)") { try await $0.inspector(code: code) }
        }

        routes.get(APIPath.inspectors, needs: read) { request, _, principal in
            let query = QueryParameters(request, known: ["department", "district"])
            let department = query.string("department"), district = query.string("district")
            try query.finish()
            return try JSONResponse.make(try await roster.roster(department: department, district: district, scope: AccessPolicy.listScope(principal, read)))
        }
        routes.post(APIPath.inspectorUnavailability, needs: change) { request, context, principal in
            let code = try context.text("code")
            try await authorize(principal, code)
            let body = try await RequestBody.decode(UnavailabilityRequest.self, from: request)
            let n = try await roster.setUnavailable(inspector: code, from: body.from, to: body.to, reason: body.reason,
                                                    available: body.available ?? false, actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: "ok", changed: n))
        }
        routes.post(APIPath.inspectorConflicts, needs: change) { request, context, principal in
            let code = try context.text("code")
            try await authorize(principal, code)
            let body = try await RequestBody.decode(ConflictRequest.self, from: request)
            try await roster.declareConflict(inspector: code, venueCode: body.venueCode, operatorKey: body.operatorKey,
                                             note: body.note, actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: "ok", changed: 1), status: .created)
        }
        routes.post(APIPath.inspectorCredential, needs: change) { request, context, principal in
            let code = try context.text("code")
            try await authorize(principal, code)
            let body = try await RequestBody.decode(CredentialRequest.self, from: request)
            try await roster.setCredential(inspector: code, number: body.credentialNumber,
                                           expires: body.credentialExpires, reason: body.reason, actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: "ok", changed: 1))
        }
        routes.post(APIPath.inspectorStatus, needs: change) { request, context, principal in
            let code = try context.text("code")
            try await authorize(principal, code)
            let body = try await RequestBody.decode(InspectorStatusRequest.self, from: request)
            try await roster.setStatus(inspector: code, active: body.active, department: body.department, reason: body.reason, actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: "ok", changed: 1))
        }
        routes.post(APIPath.inspectorLimits, needs: change) { request, context, principal in
            let code = try context.text("code")
            try await authorize(principal, code)
            let body = try await RequestBody.decode(LimitsRequest.self, from: request)
            try await roster.setMaxShiftsPerWeek(inspector: code, body.maxShiftsPerWeek, reason: body.reason, actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: "ok", changed: 1))
        }
    }
}
