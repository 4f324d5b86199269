import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminGetBatchPickListParams } from "./documents-validators"

/** Validation for the batch documents (print, pick list, export). */
export const adminBatchDocumentsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/batches/:number/pick-list",
    middlewares: [validateAndTransformQuery(AdminGetBatchPickListParams, {})],
  },
]
