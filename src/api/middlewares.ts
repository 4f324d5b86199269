import { defineMiddlewares } from "@medusajs/framework/http"
import { adminBatchesMiddlewares } from "./admin/batches/middlewares"
import { adminLoginMiddlewares } from "./auth/middlewares"

export default defineMiddlewares({
  routes: [...adminBatchesMiddlewares, ...adminLoginMiddlewares],
})
