import {
  AuthenticatedMedusaRequest,
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { rolesOf } from "../policies"
import { rotateAtLogin } from "./rotate-at-login"

type LoginAnswer = {
  token?: unknown
  mfa_required?: boolean
  verification_required?: boolean
}

/** The administrator a login answer lets in, and the roles its token carries. */
export type AdminLogin = { userId: string; roles: string[] }

/**
 * The administrator a login answer lets in: its token must carry a user
 * actor. A failed login, a token still waiting for MFA or verification, or
 * an SSO identity with no user yet carries none. The roles are those Medusa
 * read from the user's roles as it signed the token, which its policy check
 * reads on every request made with it.
 */
export function adminLoginOfAnswer(body: unknown): AdminLogin | null {
  const { token, mfa_required, verification_required } = (body ?? {}) as LoginAnswer
  if (typeof token !== "string" || mfa_required || verification_required) {
    return null
  }
  try {
    // Medusa signed this token a moment ago in this same request.
    const payload = JSON.parse(
      Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")
    )
    return payload?.actor_type === "user" && payload.actor_id
      ? { userId: String(payload.actor_id), roles: rolesOf(payload.app_metadata) }
      : null
  } catch {
    return null
  }
}

/**
 * Medusa emits no login event, so this wraps the answer of the routes that
 * issue an administrator's token and runs the rotation for a successful
 * administrator login (where RBAC is on, only one whose roles may update
 * orders: see rotateAtLogin); what the login closes is the module's
 * business (the plugin's options). The token is sent once the rotation
 * committed, so the client's very next request sees the new current batch,
 * or once it gave up: a login always gets in (see rotateAtLogin).
 *
 * A token refresh is a login only where the token it renews carried no user
 * yet: an SSO identity's first login, whose user was created after the
 * callback. `POST /auth/session` only turns a token into a session.
 */
export function rotateBatchOnAdminLogin(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const send = res.json.bind(res)

  res.json = (body: unknown) => {
    const login = res.statusCode < 300 ? adminLoginOfAnswer(body) : null
    const renewsALogin = isRefresh(req) && !!(req as AuthenticatedMedusaRequest).auth_context?.actor_id
    if (!login || renewsALogin) {
      return send(body)
    }
    rotateAtLogin(req.scope, login.userId, login.roles).finally(() => send(body))
    return res
  }

  next()
}

const isRefresh = (req: MedusaRequest) => req.originalUrl.split("?")[0].endsWith("/auth/token/refresh")
