import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Campaigns: create, list, read. A coordinator plans only campaigns whose area lies within their
/// jurisdictions.
enum CampaignRoutes {
    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let campaigns = app.campaigns
        let create = Permission(.campaign, .create), read = Permission(.campaign, .read)

        routes.post(APIPath.campaigns, needs: create) { request, _, principal in
            let spec = try await RequestBody.decode(CampaignSpec.self, from: request)
            let area = try await app.facts.jurisdictions(spec.jurisdictions, name: "a campaign over \(spec.jurisdictions.joined(separator: ", "))")
            // Unknown codes are the store's to name (422); the policy judges the ones that exist.
            if area.places.count == Set(spec.jurisdictions).count { try AccessPolicy.require(principal, create, area) }
            return try JSONResponse.make(try await campaigns.create(spec, actor: principal.actor), status: .created)
        }
        routes.get(APIPath.campaigns, needs: read) { request, _, principal in
            try QueryParameters(request, known: []).finish()
            return try JSONResponse.make(try await campaigns.list(scope: AccessPolicy.listScope(principal, read)))
        }
        routes.get(APIPath.campaign, needs: read) { _, context, principal in
            let id = try context.id()
            try await app.authorize(principal, read, "campaign \(id)") { try await $0.campaign(id) }
            return try JSONResponse.make(try await campaigns.get(id))
        }
        let change = Permission(.campaign, .change)
        routes.post(APIPath.campaignClose, needs: change) { request, context, principal in
            let id = try context.id()
            try await app.authorize(principal, change, "campaign \(id)") { try await $0.campaign(id) }
            let body = try await RequestBody.decode(ReasonRequest.self, from: request)
            return try JSONResponse.make(try await campaigns.close(id, reason: body.reason, actor: principal.actor))
        }
        routes.get(APIPath.campaignProgress, needs: read) { _, context, principal in
            let id = try context.id()
            try await app.authorize(principal, read, "campaign \(id)") { try await $0.campaign(id) }
            return try JSONResponse.make(try await app.planProgress.progress(campaign: id))
        }
    }
}
