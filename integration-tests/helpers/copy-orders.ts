import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

// The bench's copy of a storefront order (its items, shipping method and
// addresses), written through Medusa's order module as createOrderWorkflow does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { orderInput } = require("../../scripts/lib/bench-actions")

/**
 * `count` orders copied from the placed orders `sourceIds`, in one call of
 * the order module's createOrders: a big batch in seconds where checkouts
 * take minutes. They emit no `order.placed`; the plugin's trigger queues
 * them and the next rotation assigns them. Returns their ids.
 */
export async function copyOrders(container: MedusaContainer, sourceIds: string[], count: number): Promise<string[]> {
  const { data: sources } = await container.resolve("query").graph({
    entity: "order",
    fields: [
      "id", "region_id", "customer_id", "sales_channel_id", "currency_code",
      "shipping_address.*", "billing_address.*", "items.*", "items.tax_lines.*",
      "shipping_methods.*", "shipping_methods.tax_lines.*",
    ],
    filters: { id: sourceIds },
  })
  const input = Array.from({ length: count }, (_, n) => orderInput(sources[n % sources.length], n))
  const created = await container.resolve(Modules.ORDER).createOrders(input)
  return created.map((order: { id: string }) => order.id)
}
