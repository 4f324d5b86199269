#!/usr/bin/env node
// Benchmarks the plugin's routes against Medusa's own routes of the same
// kind, measured in the same run on the same store, and prints each as a
// ratio. Absolute times depend on the machine; the ratios are the figures.
//
//   npm run bench   (BENCH_ROUNDS=200, BENCH_BULK_ORDERS=50000 by default)
const { startSeededStore } = require("./lib/demo-store")
const { request, bearer, secretKey } = require("./lib/demo-orders")
const { parseUrl, query } = require("./lib/pg-client")

const ROUNDS = Number(process.env.BENCH_ROUNDS || 200)
const LOGIN_ROUNDS = Math.max(10, Math.round(ROUNDS / 10))
/** Orders added straight to the database to see what a large store costs a login. */
const BULK_ORDERS = Number(process.env.BENCH_BULK_ORDERS ?? 50_000)

/**
 * Copies one placed order `count` times in SQL, as an import would: orders
 * that never raised order.placed, so the next close sweeps them in.
 */
async function importOrders(databaseUrl, count) {
  const { conn, database } = parseUrl(databaseUrl)
  const rows = await query(
    conn,
    database,
    `SELECT column_name FROM information_schema.columns
      WHERE table_name = 'order' AND table_schema = current_schema()
        AND column_name NOT IN ('id', 'display_id')`
  )
  const columns = rows.map((r) => `"${r.column_name}"`).join(", ")
  await query(
    conn,
    database,
    `INSERT INTO "order" (id, ${columns})
     SELECT 'order_bench_' || g, ${columns}
       FROM "order", generate_series(1, $1) g
      WHERE "order".id = (SELECT id FROM "order" WHERE is_draft_order = false LIMIT 1)`,
    [count]
  )
}

async function timeEach(rounds, fn) {
  for (let i = 0; i < Math.min(20, rounds); i++) await fn(i) // warm-up
  const times = []
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint()
    await fn(i)
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] }
}

async function main() {
  console.log("starting a seeded store (embedded PostgreSQL, admin disabled)…")
  const store = await startSeededStore({
    command: "start",
    env: { MEDUSA_ADMIN_DISABLE: "true", LOG_LEVEL: "error" },
    plan: [20, 20, 20, 20],
    log: (line) => console.log(`  ${line}`),
  })
  try {
    const { url, catalog, admins } = store
    const key = secretKey(catalog.secretKey)
    const get = (path) => () => request(url, "GET", path, { headers: key })
    const { batch: current } = await request(url, "GET", "/admin/batches/current", { headers: key })

    // A customer with a password, for a login that rotates nothing.
    const publishable = { "x-publishable-api-key": catalog.publishableKey }
    const shopper = { email: "bench-shopper@example.com", password: "bench-password" }
    const { token } = await request(url, "POST", "/auth/customer/emailpass/register", { body: shopper })
    await request(url, "POST", "/store/customers", {
      body: { email: shopper.email },
      headers: { ...publishable, ...bearer(token) },
    })

    const pairs = [
      ["GET /admin/batches/current", get("/admin/batches/current"), "GET /admin/stores", get("/admin/stores")],
      ["GET /admin/batches?limit=20", get("/admin/batches?limit=20"), "GET /admin/regions?limit=20", get("/admin/regions?limit=20")],
      [
        `GET /admin/batches/${current.number}/orders?limit=20`,
        get(`/admin/batches/${current.number}/orders?limit=20`),
        "GET /admin/orders?limit=20",
        get("/admin/orders?limit=20"),
      ],
    ]
    const rows = []
    for (const [ours, oursFn, theirs, theirsFn] of pairs) {
      const a = await timeEach(ROUNDS, oursFn)
      const b = await timeEach(ROUNDS, theirsFn)
      rows.push([ours, a, theirs, b])
    }
    // Both logins check a password the same way; the admin's also rotates.
    const admin = admins[0]
    const a = await timeEach(LOGIN_ROUNDS, () =>
      request(url, "POST", "/auth/user/emailpass", { body: { email: admin.email, password: admin.password } })
    )
    const b = await timeEach(LOGIN_ROUNDS, () =>
      request(url, "POST", "/auth/customer/emailpass", { body: shopper })
    )
    rows.push(["POST /auth/user/emailpass (rotates)", a, "POST /auth/customer/emailpass", b])

    // A large store: the close's anti-join reads every order.
    let firstSweep
    let totalsFilled
    if (BULK_ORDERS > 0) {
      await importOrders(store.databaseUrl, BULK_ORDERS)
      const loginAdmin = () =>
        request(url, "POST", "/auth/user/emailpass", { body: { email: admin.email, password: admin.password } })
      const start = process.hrtime.bigint()
      await loginAdmin()
      firstSweep = Number(process.hrtime.bigint() - start) / 1e6
      // The swept orders' totals are read after the login answered; time that
      // too, and measure the next logins once it is done.
      const { conn, database } = parseUrl(store.databaseUrl)
      for (;;) {
        const [{ missing }] = await query(
          conn,
          database,
          "SELECT count(*)::int AS missing FROM order_batch_order WHERE total IS NULL"
        )
        if (!missing) break
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      totalsFilled = Number(process.hrtime.bigint() - start) / 1e6
      const c = await timeEach(LOGIN_ROUNDS, loginAdmin)
      const d = await timeEach(LOGIN_ROUNDS, () =>
        request(url, "POST", "/auth/customer/emailpass", { body: shopper })
      )
      rows.push([`POST /auth/user/emailpass, store with ${BULK_ORDERS + 80} orders`, c, "POST /auth/customer/emailpass", d])
    }

    console.log(`\n${ROUNDS} sequential requests a route (${LOGIN_ROUNDS} for logins), after a warm-up:\n`)
    console.log("| plugin route | median ms | p95 ms | Medusa route | median ms | p95 ms | ratio (median) |")
    console.log("| --- | --- | --- | --- | --- | --- | --- |")
    for (const [ours, x, theirs, y] of rows) {
      console.log(
        `| ${ours} | ${x.median.toFixed(1)} | ${x.p95.toFixed(1)} | ${theirs} | ${y.median.toFixed(1)} | ${y.p95.toFixed(1)} | ${(x.median / y.median).toFixed(2)} |`
      )
    }
    if (firstSweep !== undefined) {
      console.log(
        `\nThe first login after ${BULK_ORDERS} orders were imported without order.placed ` +
          `swept them all into its batch in ${firstSweep.toFixed(0)} ms; their totals were ` +
          `filled in the background ${(totalsFilled / 1000).toFixed(1)} s after the login started.`
      )
    }
  } finally {
    await store.stop()
  }
}

main().catch((error) => {
  console.error(error.message)
  process.exit(1)
})
