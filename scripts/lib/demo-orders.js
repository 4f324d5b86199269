// Orders for a demo store, placed the way a shop's customers place them:
// real checkouts through the store API, with real administrator logins
// (POST /auth/user/emailpass, which closes the open batch) in between.
const { waitFor } = require("./wait")

/** A JSON request to a running store; throws with Medusa's error message. */
async function request(baseUrl, method, path, { body, headers = {} } = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  })
  const text = await response.text()
  let data
  try {
    data = text ? JSON.parse(text) : {}
  } catch {
    data = { message: text.slice(0, 200) }
  }
  if (!response.ok) {
    const error = new Error(`${method} ${path} answered ${response.status}: ${data.message ?? text}`)
    error.status = response.status
    error.body = data
    throw error
  }
  return data
}

const bearer = (token) => ({ authorization: `Bearer ${token}` })
const secretKey = (key) => ({
  authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}`,
})

/** An administrator's emailpass login: the dashboard's first request. */
async function login(baseUrl, { email, password }) {
  const { token } = await request(baseUrl, "POST", "/auth/user/emailpass", {
    body: { email, password },
  })
  if (!token) {
    throw new Error(`The login of ${email} returned no token`)
  }
  return token
}

/**
 * A storefront checkout: cart, shipping method, payment session with the
 * catalogue's payment provider (`pp_system_default` unless the seed said
 * otherwise), completion. `items` are `[variantId, quantity]`.
 */
async function checkout(baseUrl, catalog, { email, items, address = {} }) {
  const headers = { "x-publishable-api-key": catalog.publishableKey }
  const shipping_address = {
    first_name: "Ada",
    last_name: "Lovelace",
    address_1: "1 Analytical Way",
    city: "Berlin",
    country_code: "de",
    postal_code: "10115",
    ...address,
  }
  const { cart } = await request(baseUrl, "POST", "/store/carts", {
    headers,
    body: {
      region_id: catalog.regionId,
      sales_channel_id: catalog.salesChannelId,
      email,
      shipping_address,
      billing_address: shipping_address,
      items: items.map(([variant_id, quantity]) => ({ variant_id, quantity })),
    },
  })
  await request(baseUrl, "POST", `/store/carts/${cart.id}/shipping-methods`, {
    headers,
    body: { option_id: catalog.shippingOptionId },
  })
  const { payment_collection } = await request(baseUrl, "POST", "/store/payment-collections", {
    headers,
    body: { cart_id: cart.id },
  })
  await request(
    baseUrl,
    "POST",
    `/store/payment-collections/${payment_collection.id}/payment-sessions`,
    { headers, body: { provider_id: catalog.paymentProviderId ?? "pp_system_default" } }
  )
  const completed = await request(baseUrl, "POST", `/store/carts/${cart.id}/complete`, { headers })
  if (completed.type !== "order") {
    // Medusa answers a completion that failed (payment not authorized, say)
    // with 200 and the cart beside an error, not with an HTTP error.
    const error = new Error(`The checkout of ${email} placed no order: ${JSON.stringify(completed.error)}`)
    Object.assign(error, { body: completed.error, completionFailed: true })
    throw error
  }
  return completed.order
}

const CUSTOMERS = [
  { first_name: "Ada", last_name: "Lovelace", city: "Berlin", country_code: "de", postal_code: "10115", address_1: "1 Analytical Way" },
  { first_name: "Grace", last_name: "Hopper", city: "Amsterdam", country_code: "nl", postal_code: "1011 AB", address_1: "Damrak 70" },
  { first_name: "Alan", last_name: "Turing", city: "London", country_code: "gb", postal_code: "NW1 2DB", address_1: "96 Euston Road" },
  { first_name: "Marie", last_name: "Curie", city: "Paris", country_code: "fr", postal_code: "75005", address_1: "11 Rue Pierre et Marie Curie" },
  { first_name: "Emmy", last_name: "Noether", city: "Hamburg", country_code: "de", postal_code: "20095", address_1: "Mönckebergstr. 7" },
]

/**
 * Sizes of the batches to fill, oldest first; a login closes each but the
 * last, which stays open so the "next batch" preview has orders too.
 */
const DEFAULT_PLAN = [3, 4, 3, 2]

/**
 * Places `plan[i]` checkouts, then logs in (closing that batch), for every
 * batch but the last, whose orders stay in the open batch. Logins take turns
 * between `admins` so the history shows who closed what. Waits until the
 * open batch holds its orders (the order.placed subscriber runs after the
 * checkout answered). Returns the orders per batch and the last login's token.
 */
async function placeDemoOrders(baseUrl, catalog, admins, { plan = DEFAULT_PLAN, log = () => {} } = {}) {
  const batches = []
  let token
  let n = 0
  for (const [i, size] of plan.entries()) {
    const orders = []
    for (let k = 0; k < size; k++, n++) {
      const customer = CUSTOMERS[n % CUSTOMERS.length]
      const first = catalog.variants[n % catalog.variants.length]
      const second = catalog.variants[(n * 3 + 1) % catalog.variants.length]
      const items = [[first.id, 1 + (n % 3)]]
      if (n % 2 === 0 && second.id !== first.id) {
        items.push([second.id, 1])
      }
      const { first_name, last_name } = customer
      orders.push(
        await checkout(baseUrl, catalog, {
          email: `${first_name}.${last_name}@example.com`.toLowerCase(),
          items,
          address: customer,
        })
      )
    }
    batches.push(orders)
    const last = i === plan.length - 1
    log(`  ${orders.length} orders placed${last ? " (left in the open batch)" : ", then an admin login closes the batch"}`)
    if (!last) {
      token = await login(baseUrl, admins[i % admins.length])
    }
  }
  // Read with the secret key: a login would close the open batch.
  const expected = batches[batches.length - 1].length
  const headers = secretKey(catalog.secretKey)
  await waitFor(
    async () => (await request(baseUrl, "GET", "/admin/batches/open", { headers })).batch.order_count === expected,
    30_000,
    "the last orders to join the open batch"
  )
  return { batches, token }
}

module.exports = { request, bearer, secretKey, login, checkout, placeDemoOrders, DEFAULT_PLAN }
