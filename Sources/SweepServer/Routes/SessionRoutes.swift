import Foundation
import HTTPTypes
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Browser sign-in: codes issued by admins and coordinators, exchanged once for a session cookie;
/// how a request is signed in; sign-out. Bearer tokens stay for the CLI and other systems.
enum SessionRoutes {
    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        routes.publicPOST(APIPath.session) { request, context in
            try app.signinThrottle.check(context.remoteAddress)
            let body = try await RequestBody.decode(SigninRequest.self, from: request)
            let signedIn: SessionStore.SignedIn
            do {
                signedIn = try await app.sessions.signIn(code: body.code, userAgent: request.headers[.userAgent], lifetime: app.settings.sessionLifetime)
            } catch let error as SweepError {
                if case .unauthenticated = error { app.signinThrottle.failed(context.remoteAddress) }
                throw error
            }
            var response = try JSONResponse.make(info(signedIn), status: .created)
            response.headers[.cacheControl] = "no-store"
            response.setCookie(BrowserCookies.session(signedIn.secret ?? "", expiresAt: signedIn.expiresAt, request: request, settings: app.settings))
            return response
        }

        routes.get(APIPath.session, needs: Permission(.session, .read)) { _, context, principal in
            guard let session = context.session else { return try JSONResponse.make(SessionInfo(principal: principal, via: "bearer")) }
            var response = try JSONResponse.make(info(session))
            response.headers[.cacheControl] = "no-store"
            return response
        }

        routes.post(APIPath.sessionEnd, needs: Permission(.session, .change)) { request, context, principal in
            guard let session = context.session else {
                throw SweepError.conflict("this request is signed in with a bearer token, not a browser session; an admin revokes tokens with `sweep token revoke`")
            }
            try await app.sessions.signOut(sessionId: session.sessionId, principal: principal)
            var response = Response(status: .noContent)
            response.setCookie(BrowserCookies.cleared(request: request, settings: app.settings))
            return response
        }

        routes.post(APIPath.signinCodes, needs: Permission(.signinCode, .create)) { request, _, principal in
            let body = try await RequestBody.decode(SigninCodeRequest.self, from: request)
            let lifetime = try SigninCode.lifetime(minutes: body.expiresInMinutes)
            let target = try await app.sessions.principalId(for: body)
            try await app.authorize(principal, Permission(.signinCode, .create), "principal \(target)") { try await $0.principal(target) }
            let issued = try await app.sessions.issueCode(principalId: target, lifetime: lifetime, actor: principal.actor)
            var response = try JSONResponse.make(issued, status: .created)
            response.headers[.cacheControl] = "no-store"
            return response
        }
        registerDevices(on: routes, app)
    }

    /// Paired phones: coordinators list and sign out the inspectors' sessions of their area, as they pair them.
    static func registerDevices(on routes: SecuredRoutes, _ app: AppServices) {
        let read = Permission(.device, .read), change = Permission(.device, .change)
        routes.get(APIPath.devices, needs: read) { request, _, principal in
            var query = QueryParameters(request, known: ["all", "principal"])
            let all = query.bool("all") ?? false
            let owner = query.int("principal").map(Int64.init)
            if let owner, owner < 1 { query.including { throw SweepError.invalid(field: "principal", reason: "must be a principal id (1 or more), got \(owner)") } }
            try query.finish()
            var visible: [BrowserSessionRecord] = []
            for record in try await app.sessions.list(includeEnded: all) where record.principal.role == .inspector {
                if let owner, record.principal.id != owner { continue }
                // Each phone is shown only where its inspector is the caller's to pair.
                if (try? await app.authorize(principal, read, "principal \(record.principal.id)", { try await $0.principal(record.principal.id) })) != nil {
                    visible.append(record)
                }
            }
            var response = try JSONResponse.make(visible)
            response.headers[.cacheControl] = "no-store"
            return response
        }

        routes.post(APIPath.deviceEnd, needs: change) { request, context, principal in
            let id = try context.id()
            let body = try await RequestBody.decode(DeviceEndRequest.self, from: request)
            guard let record = try await app.sessions.list(includeEnded: true, id: id).first(where: { $0.principal.role == .inspector }) else {
                throw SweepError.notFound("paired phone \(id)")
            }
            try await app.authorize(principal, change, "paired phone \(id)") { try await $0.principal(record.principal.id) }
            _ = try await app.sessions.revoke(sessionId: id, principalId: nil, actor: principal.actor, reason: body.reason)
            return Response(status: .noContent)
        }
    }

    static func info(_ session: SessionStore.SignedIn) -> SessionInfo {
        SessionInfo(principal: session.principal, via: "cookie", sessionId: session.sessionId, expiresAt: session.expiresAt, csrfToken: session.csrfToken)
    }
}
