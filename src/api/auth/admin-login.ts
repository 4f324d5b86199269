import {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { rotateBatchWorkflow } from "../../workflows"

type LoginAnswer = {
  token?: unknown
  mfa_required?: boolean
  verification_required?: boolean
}

/**
 * The administrator a login answer lets in: its token must carry a user
 * actor. A failed login, a token still waiting for MFA or verification, or
 * an SSO identity with no user yet carries none.
 */
export function adminOfLoginAnswer(body: unknown): string | null {
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
      ? String(payload.actor_id)
      : null
  } catch {
    return null
  }
}

/**
 * Medusa emits no login event, so this wraps the answer of the routes that
 * issue an administrator's token and runs the rotation workflow for a
 * successful administrator login; what the login closes is the workflow's
 * business (the plugin's options). The workflow commits before the token
 * reaches the client, so its very next request sees the new current batch.
 * `POST /auth/session` and `/auth/token/refresh` only turn or renew an
 * existing login and are not wrapped.
 */
export function rotateBatchOnAdminLogin(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  const send = res.json.bind(res)

  res.json = (body: unknown) => {
    const userId = res.statusCode < 300 ? adminOfLoginAnswer(body) : null
    if (!userId) {
      return send(body)
    }
    rotateBatchWorkflow(req.scope)
      .run({ input: { reason: "login", actor_id: userId, user_id: userId } })
      .then(() => send(body), next)
    return res
  }

  next()
}
