import { MiddlewareRoute } from "@medusajs/framework/http"
import { rotateBatchOnAdminLogin } from "./admin-login"

/**
 * The routes that hand an administrator a token: a password or SSO login,
 * an SSO callback, the MFA challenge that completes a login, and the refresh
 * that gives an SSO identity its first token with a user.
 */
export const adminLoginMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET", "POST"],
    matcher: "/auth/user/:auth_provider",
    middlewares: [rotateBatchOnAdminLogin],
  },
  {
    method: ["GET", "POST"],
    matcher: "/auth/user/:auth_provider/callback",
    middlewares: [rotateBatchOnAdminLogin],
  },
  {
    method: ["POST"],
    matcher: "/auth/mfa/challenges/:id/verify",
    middlewares: [rotateBatchOnAdminLogin],
  },
  {
    method: ["POST"],
    matcher: "/auth/token/refresh",
    middlewares: [rotateBatchOnAdminLogin],
  },
]
