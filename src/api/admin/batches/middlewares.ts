import {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
  MiddlewareFunction,
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
  wrapWithPoliciesCheck,
} from "@medusajs/framework/http"
import { FeatureFlag } from "@medusajs/framework/utils"
import { BATCH_ACTION_POLICIES, readOrders, updateOrders } from "../../policies"
import {
  listBatchesQueryConfig,
  listBatchOrdersQueryConfig,
} from "./query-config"
import {
  AdminGetBatchActionOutcomesParams,
  AdminGetBatchActionRunParams,
  AdminGetBatchesParams,
  AdminGetBatchOrdersParams,
  AdminGetBatchPickListParams,
  AdminRotateBatch,
  AdminRunBatchAction,
  AdminRunBatchActionType,
} from "./validators"

// With Medusa's RBAC on (MEDUSA_FF_RBAC) every route's `policies` are checked
// (../../policies.ts says which); without the flag Medusa ignores them.

const proceed: MiddlewareFunction = (_req, _res, next) => next()

/**
 * A batch action also needs what Medusa asks for the same operation on one
 * order. The action is in the body, so the route's static `policies` cannot
 * name it: this checks them once the body is read, each through Medusa's own
 * policy check and in the order Medusa's router checks them, so a refusal is
 * the 403 that Medusa's route would give.
 */
export function checkBatchActionPolicies(
  req: MedusaRequest<AdminRunBatchActionType>,
  res: MedusaResponse,
  next: MedusaNextFunction
) {
  // The router wraps `policies` only under the flag; Medusa's check alone would refuse every token without roles.
  if (!FeatureFlag.isFeatureEnabled("rbac")) {
    return next()
  }
  const check = BATCH_ACTION_POLICIES[req.validatedBody.action].reduceRight<MiddlewareFunction>(
    (then, policy) => wrapWithPoliciesCheck(then, policy),
    proceed
  )
  return check(req, res, next)
}

// Routes under /admin are authenticated by Medusa itself: an admin session,
// an admin bearer token or a secret API key. The `:number` of a route is read
// by its handler (helpers.ts), as Medusa's own routes read their `:id`.
export const adminBatchesMiddlewares: MiddlewareRoute[] = [
  // Every route of the plugin, including one added later without an entry
  // here, needs at least order read (Medusa's `/admin/orders/*` does the same).
  { matcher: "/admin/batches*", policies: readOrders },
  {
    method: ["GET"],
    matcher: "/admin/batches",
    middlewares: [
      validateAndTransformQuery(AdminGetBatchesParams, listBatchesQueryConfig),
    ],
    policies: readOrders,
  },
  { method: ["GET"], matcher: "/admin/batches/current", policies: readOrders },
  { method: ["GET"], matcher: "/admin/batches/open", policies: readOrders },
  { method: ["GET"], matcher: "/admin/batches/allowed-actions", policies: readOrders },
  { method: ["GET"], matcher: "/admin/batches/:number", policies: readOrders },
  {
    method: ["GET"],
    matcher: "/admin/batches/:number/orders",
    middlewares: [
      validateAndTransformQuery(
        AdminGetBatchOrdersParams,
        listBatchOrdersQueryConfig
      ),
    ],
    policies: readOrders,
  },
  { method: ["GET"], matcher: "/admin/batches/:number/print", policies: readOrders },
  {
    method: ["GET"],
    matcher: "/admin/batches/:number/pick-list",
    middlewares: [validateAndTransformQuery(AdminGetBatchPickListParams, {})],
    policies: readOrders,
  },
  { method: ["GET"], matcher: "/admin/batches/:number/export", policies: readOrders },
  {
    method: ["POST"],
    matcher: "/admin/batches/rotate",
    middlewares: [validateAndTransformBody(AdminRotateBatch)],
    policies: updateOrders,
  },
  {
    method: ["POST"],
    matcher: "/admin/batches/:number/actions",
    middlewares: [validateAndTransformBody(AdminRunBatchAction), checkBatchActionPolicies],
    policies: updateOrders,
  },
  { method: ["GET"], matcher: "/admin/batches/:number/actions", policies: readOrders },
  {
    method: ["GET"],
    matcher: "/admin/batches/:number/actions/:id",
    middlewares: [validateAndTransformQuery(AdminGetBatchActionRunParams, {})],
    policies: readOrders,
  },
  {
    method: ["GET"],
    matcher: "/admin/batches/:number/actions/:id/outcomes",
    middlewares: [validateAndTransformQuery(AdminGetBatchActionOutcomesParams, {})],
    policies: readOrders,
  },
]
