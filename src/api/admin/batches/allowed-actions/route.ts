import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { BATCH_ACTIONS } from "../../../../modules/order-batch/types"
import { batchActionPolicies, batchActionPolicyKeys, rolesAllow, rolesOf } from "../../../policies"

/**
 * `GET /admin/batches/allowed-actions`: which batch actions the caller may
 * start, and the policies each needs, so the dashboard offers only those.
 * Decided by the same check as `POST /admin/batches/:number/actions`: the
 * caller's token may hold a wildcard policy (`*:*`) that Medusa's flat list
 * of the user's permissions cannot show for a policy no code registered
 * (Medusa registers none for `capture`).
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const roles = rolesOf(req.auth_context.app_metadata)
  const actions = await Promise.all(
    BATCH_ACTIONS.map(async (action) => ({
      action,
      allowed: await rolesAllow(req.scope, roles, batchActionPolicies(action)),
      policies: batchActionPolicyKeys(action),
    }))
  )
  res.json({ actions })
}
