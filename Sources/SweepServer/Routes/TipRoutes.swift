import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Tips: intake with the caller's identity stripped, triage to a venue and a department.
enum TipRoutes {
    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let tips = app.tips
        let create = Permission(.tip, .create), read = Permission(.tip, .read), change = Permission(.tip, .change)

        routes.post(APIPath.tips, needs: create) { request, _, principal in
            let intake = try await RequestBody.decode(TipIntake.self, from: request)
            var target = try await app.facts.tipIntake(venueCode: intake.venueCode, location: intake.location)
            // A tip that names no place lands in the taker's jurisdiction when they have exactly one.
            let fallback = target.places.isEmpty && principal.scope.count == 1 ? principal.scope[0] : nil
            if let fallback { target.places = [[fallback]] }
            try AccessPolicy.require(principal, create, target)
            return try JSONResponse.make(try await tips.intake(intake, actor: principal.actor, fallbackJurisdiction: fallback), status: .created)
        }
        routes.get(APIPath.tips, needs: read) { request, _, principal in
            var query = QueryParameters(request, known: ["status", "limit"])
            let status = query.string("status"), limit = query.int("limit") ?? 100
            if !(1...1000).contains(limit) { query.including { throw SweepError.invalid(field: "limit", reason: "must be 1–1000, got \(limit)") } }
            try query.finish()
            return try JSONResponse.make(try await tips.list(status: status, limit: limit, scope: AccessPolicy.listScope(principal, read)))
        }
        routes.post(APIPath.tipTriage, needs: change) { request, context, principal in
            let id = try context.id()
            try await app.authorize(principal, change, "tip \(id)") { try await $0.tip(id) }
            let triage = try await RequestBody.decode(TipTriage.self, from: request)
            // The venue it is routed to must lie within the caller's jurisdictions too.
            if let code = triage.venueCode {
                var place = try await app.facts.tipIntake(venueCode: code, location: nil)
                place.name = "venue \(code)"
                try AccessPolicy.require(principal, Permission(.tip, .create), place)
            } else if let venue = triage.newVenue {
                let place = try await app.facts.jurisdictions([venue.district], name: "district \(venue.district)")
                try AccessPolicy.require(principal, Permission(.tip, .create), place)
            }
            return try JSONResponse.make(try await tips.triage(id, triage, actor: principal.actor))
        }
        routes.post(APIPath.tipClose, needs: change) { request, context, principal in
            let id = try context.id()
            try await app.authorize(principal, change, "tip \(id)") { try await $0.tip(id) }
            let closure = try await RequestBody.decode(TipClosure.self, from: request)
            return try JSONResponse.make(try await tips.close(id, closure, actor: principal.actor))
        }
    }
}
