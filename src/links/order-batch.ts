import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import OrderBatchModule from "../modules/order-batch"

/**
 * Read-only: the plugin's own table holds the assignment, so no link table
 * is written. `GET /admin/orders/:id?fields=*batch` then shows `order.batch`.
 */
export default defineLink(
  { linkable: OrderModule.linkable.order, field: "id" },
  {
    linkable: OrderBatchModule.linkable.orderBatchOrder,
    alias: "batch_assignment",
  },
  {
    readOnly: true,
    shortcut: { property: "batch", path: "batch_assignment.batch" },
  }
)
