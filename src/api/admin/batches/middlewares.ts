import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { PolicyOperation } from "@medusajs/framework/utils"
import {
  listBatchesQueryConfig,
  listBatchOrdersQueryConfig,
} from "./query-config"
import {
  AdminGetBatchesParams,
  AdminGetBatchOrdersParams,
  AdminGetBatchPickListParams,
  AdminRotateBatch,
  AdminRunBatchAction,
} from "./validators"

// A batch is a set of orders: with Medusa's RBAC on (MEDUSA_FF_RBAC), reading
// one needs the role's `order` read, and closing a batch or running an action
// over its orders needs `order` update, as Medusa's own /admin/orders routes
// ask. Without the flag Medusa ignores `policies`.
const readOrders = [{ resource: "order", operation: PolicyOperation.read }]
const updateOrders = [{ resource: "order", operation: PolicyOperation.update }]

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
    middlewares: [validateAndTransformBody(AdminRunBatchAction)],
    policies: updateOrders,
  },
  { method: ["GET"], matcher: "/admin/batches/:number/actions", policies: readOrders },
  { method: ["GET"], matcher: "/admin/batches/:number/actions/:id", policies: readOrders },
]
