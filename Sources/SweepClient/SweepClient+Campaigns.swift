import Foundation
import SweepAPI
import SweepCore

extension SweepClient {
    /// `POST /v1/campaigns`.
    public func createCampaign(_ spec: CampaignSpec) async throws -> CampaignRecord { try await json(.POST, APIPath.campaigns, encoding: spec) }
    /// `GET /v1/campaigns`.
    public func campaigns() async throws -> [CampaignRecord] { try await json(.GET, APIPath.campaigns) }
    /// `GET /v1/campaigns/{id}`.
    public func campaign(_ id: Int64) async throws -> CampaignRecord { try await json(.GET, APIPath.expand(APIPath.campaign, ["id": id])) }
}

extension SweepClient {
    /// `POST /v1/campaigns/{id}/close`.
    public func closeCampaign(_ id: Int64, reason: String) async throws -> CampaignRecord {
        try await json(.POST, APIPath.expand(APIPath.campaignClose, ["id": id]), encoding: ReasonRequest(reason: reason))
    }
}
