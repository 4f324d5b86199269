import { AxiosInstance } from "axios"
import { SeededStore } from "./seed-store"

// The same storefront checkout that the demo store and the browser tests use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const demoOrders = require("../../scripts/lib/demo-orders")

export type CheckoutOptions = {
  email?: string
  items?: { variant_id: string; quantity: number }[]
  address?: Record<string, string>
}

/**
 * A real storefront checkout through the store API of the server behind
 * `api`: cart, shipping method, payment session with `pp_system_default`,
 * completion. Returns the order.
 */
export async function checkout(
  api: AxiosInstance,
  store: SeededStore,
  { email = "shopper@example.com", items, address }: CheckoutOptions = {}
): Promise<{ id: string; display_id: number }> {
  return await demoOrders.checkout(api.defaults.baseURL, store, {
    email,
    items: (items ?? [{ variant_id: store.variants[0].id, quantity: 1 }]).map(
      (item) => [item.variant_id, item.quantity]
    ),
    address,
  })
}
