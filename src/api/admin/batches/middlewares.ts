import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  listBatchesQueryConfig,
  listBatchOrdersQueryConfig,
} from "./query-config"
import {
  AdminGetBatchesParams,
  AdminGetBatchOrdersParams,
  AdminGetBatchPickListParams,
  AdminRotateBatch,
} from "./validators"

// Routes under /admin are authenticated by Medusa itself: an admin session,
// an admin bearer token or a secret API key. The `:number` of a route is read
// by its handler (helpers.ts), as Medusa's own routes read their `:id`.
export const adminBatchesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/batches",
    middlewares: [
      validateAndTransformQuery(AdminGetBatchesParams, listBatchesQueryConfig),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/batches/:number/orders",
    middlewares: [
      validateAndTransformQuery(
        AdminGetBatchOrdersParams,
        listBatchOrdersQueryConfig
      ),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/batches/:number/pick-list",
    middlewares: [validateAndTransformQuery(AdminGetBatchPickListParams, {})],
  },
  {
    method: ["POST"],
    matcher: "/admin/batches/rotate",
    middlewares: [validateAndTransformBody(AdminRotateBatch)],
  },
]
