// The store of the run, as the tests see it from outside: its address and
// seeded data (from global-setup.js), the admin API read with the store's
// secret key (a login would close the open batch), and storefront checkouts.
const { Client } = require("pg")
const { checkout, request, secretKey } = require("../../scripts/lib/demo-orders")
const { waitFor } = require("../../scripts/lib/wait")

/** The store of the run: `{ url, databaseUrl, admins, catalog, batches }`. */
function store() {
  if (!process.env.E2E_STORE) {
    throw new Error("No store for the browser tests: run them with `npm run test:e2e`.")
  }
  return JSON.parse(process.env.E2E_STORE)
}

/** A GET on the admin API with the secret key. */
const api = (pathname) =>
  request(store().url, "GET", pathname, { headers: secretKey(store().catalog.secretKey) })

const openBatch = async () => (await api("/admin/batches/open")).batch

/** Waits until the order.placed subscriber has put the order into a batch. */
async function waitForBatchOf(orderId) {
  let batch = null
  await waitFor(
    async () => {
      batch = (await api(`/admin/orders/${orderId}?fields=id,*batch`)).order.batch ?? null
      return batch !== null
    },
    30_000,
    `order ${orderId} to get a batch`
  )
  return batch
}

/**
 * A storefront checkout of `items` (`[variantIndex, quantity]` pairs of the
 * seeded catalogue); resolves once the order is in a batch, with the order
 * and that batch.
 */
async function placeOrder(items, email = "e2e.shopper@example.com") {
  const { url, catalog } = store()
  const order = await checkout(url, catalog, {
    email,
    items: items.map(([index, quantity]) => [catalog.variants[index].id, quantity]),
  })
  return { order, batch: await waitForBatchOf(order.id) }
}

/** Every order of a batch, oldest first, with `fields`. */
async function batchOrders(number, fields = "id,display_id") {
  const { orders } = await api(`/admin/batches/${number}/orders?limit=500&fields=${fields}`)
  return orders
}

/** One SQL statement on the store's database, as an operator at psql would run it. */
async function sql(text) {
  const client = new Client({ connectionString: store().databaseUrl })
  await client.connect()
  try {
    return (await client.query(text)).rows
  } finally {
    await client.end()
  }
}

module.exports = { store, api, openBatch, waitForBatchOf, placeOrder, batchOrders, sql }
