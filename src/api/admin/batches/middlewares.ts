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
  AdminRotateBatch,
} from "./validators"

// Routes under /admin are authenticated by Medusa itself: an admin session,
// an admin bearer token or a secret API key.
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
    method: ["POST"],
    matcher: "/admin/batches/rotate",
    middlewares: [validateAndTransformBody(AdminRotateBatch)],
  },
]
