import { AxiosInstance } from "axios"
import { SeededStore } from "./seed-store"

export type CheckoutOptions = {
  email?: string
  items?: { variant_id: string; quantity: number }[]
  address?: Record<string, string>
}

/**
 * A real storefront checkout through the store API: cart, shipping method,
 * payment session with `pp_system_default`, completion. Returns the order.
 */
export async function checkout(
  api: AxiosInstance,
  store: SeededStore,
  { email = "shopper@example.com", items, address }: CheckoutOptions = {}
): Promise<{ id: string; display_id: number }> {
  const headers = { "x-publishable-api-key": store.publishableKey }
  const shipping_address = {
    first_name: "Ada",
    last_name: "Lovelace",
    address_1: "1 Analytical Way",
    city: "Berlin",
    country_code: "de",
    postal_code: "10115",
    ...address,
  }

  const {
    data: { cart },
  } = await api.post(
    "/store/carts",
    {
      region_id: store.regionId,
      sales_channel_id: store.salesChannelId,
      email,
      shipping_address,
      billing_address: shipping_address,
      items: items ?? [{ variant_id: store.variants[0].id, quantity: 1 }],
    },
    { headers }
  )
  await api.post(
    `/store/carts/${cart.id}/shipping-methods`,
    { option_id: store.shippingOptionId },
    { headers }
  )
  const {
    data: { payment_collection },
  } = await api.post("/store/payment-collections", { cart_id: cart.id }, { headers })
  await api.post(
    `/store/payment-collections/${payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    { headers }
  )
  const { data } = await api.post(`/store/carts/${cart.id}/complete`, {}, { headers })
  if (data.type !== "order") {
    throw new Error(`Checkout did not place an order: ${JSON.stringify(data.error)}`)
  }
  return data.order
}
