// Starts ONE seeded store for the whole browser-test run: a copy of this
// repository built with `medusa build` and served with `medusa start` (the
// built admin loads at once, and no file change elsewhere restarts it), on
// an embedded PostgreSQL and a free port, with orders from real checkouts
// over several batches. The tests read what they need from E2E_STORE.
const fs = require("node:fs")
const path = require("node:path")
const { startSeededStore } = require("../scripts/lib/demo-store")
const { snapshotStore } = require("./support/store-snapshot")

module.exports = async () => {
  if (process.env.E2E_STORE) {
    // A store that is already running (its JSON as below): quicker while
    // writing tests; nothing is started or stopped.
    return
  }
  const started = Date.now()
  const log = (line) =>
    console.log(`[e2e] ${line} (${((Date.now() - started) / 1000).toFixed(0)} s)`)
  console.log("")
  // The store's log stays after the run, for a test that failed.
  const storeLog = process.env.E2E_STORE_LOG ?? path.resolve(__dirname, "../.cache/e2e-store.log")
  fs.mkdirSync(path.dirname(storeLog), { recursive: true })
  fs.rmSync(storeLog, { force: true })
  const dir = snapshotStore()
  let store = null
  let stopped = null
  // Read by global-teardown.js; the signals cover a run cut short (Ctrl-C),
  // which would otherwise leave the store and its database running.
  globalThis.e2eStop = () =>
    (stopped ??= (async () => {
      await store?.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    })())
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => globalThis.e2eStop().finally(() => process.exit(130)))
  }
  try {
    store = await startSeededStore({
      cwd: dir,
      command: "start",
      build: true,
      // "test": plain-HTTP cookies (production would mark them Secure) and
      // the built admin (development would start Vite).
      env: { NODE_ENV: "test" },
      output: storeLog,
      log,
    })
  } catch (error) {
    await globalThis.e2eStop()
    throw error
  }
  process.env.E2E_STORE = JSON.stringify({
    url: store.url,
    databaseUrl: store.databaseUrl,
    admins: store.admins,
    catalog: store.catalog,
    batches: store.batches.map((orders) => orders.map(({ id, display_id }) => ({ id, display_id }))),
  })
  log(`store ready at ${store.url}`)
}
