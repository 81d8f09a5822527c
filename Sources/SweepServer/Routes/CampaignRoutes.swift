import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Campaigns: create, list, read.
enum CampaignRoutes {
    static let planners = AccessRule(.coordinator, .admin)

    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let campaigns = app.campaigns

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
    }
}
