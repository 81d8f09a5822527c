import Foundation
import SweepCore
import SweepStore

extension AppServices {
    /// The scope check for one target: its facts are loaded and `AccessPolicy` decides. A target
    /// that does not exist is answered exactly like one outside the caller's scope (404), so that
    /// existence does not leak — unless `missingIsNotFound` is false, when the store refuses it
    /// afterwards with the field that names it; admins skip the lookup.
    func authorize(_ principal: Principal, _ permission: Permission, _ what: String, missingIsNotFound: Bool = true,
                   _ load: (AccessFacts) async throws -> AccessTarget?) async throws {
        switch AccessPolicy.rule(permission, for: principal.role) {
        case .everywhere?, .anyone?: return
        // A province-wide token passes a place-only rule whatever the place: no lookup needed.
        case .jurisdiction? where principal.scope.isEmpty, .clipped? where principal.scope.isEmpty: return
        case nil: try AccessPolicy.admit(principal, permission).enforce()
        default: break
        }
        guard let target = try await load(facts) else {
            if missingIsNotFound { throw SweepError.notFound(what) }
            return
        }
        try AccessPolicy.require(principal, permission, target)
    }
}
