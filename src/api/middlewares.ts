import { defineMiddlewares } from "@medusajs/framework/http"
import { adminBatchDocumentsMiddlewares } from "./admin/batches/documents-middlewares"
import { adminBatchesMiddlewares } from "./admin/batches/middlewares"
import { adminLoginMiddlewares } from "./auth/middlewares"

export default defineMiddlewares({
  routes: [...adminBatchesMiddlewares, ...adminBatchDocumentsMiddlewares, ...adminLoginMiddlewares],
})
