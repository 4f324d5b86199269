// The install into a large store, for `npm run bench`: db:migrate with the
// plugin registered while storefront checkouts keep arriving at a plain
// server of the same database, then the first administrator logins.
const { now } = require("./bench-measure")

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN
}

/** Checkouts `inFlight` at a time until `done()` says stop; each one's latency and outcome. */
async function checkoutsUntil(checkoutOnce, inFlight, done) {
  const outcomes = []
  const worker = async () => {
    while (!done()) {
      const start = now()
      try {
        await checkoutOnce()
        outcomes.push({ ms: now() - start, ok: true })
      } catch (error) {
        outcomes.push({ ms: now() - start, ok: false, error: error.message.split("\n")[0] })
      }
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker))
  return outcomes
}

const describe = (outcomes) => {
  const ms = outcomes.filter((o) => o.ok).map((o) => o.ms)
  return {
    count: outcomes.length,
    failed: outcomes.filter((o) => !o.ok).map((o) => o.error),
    medianMs: quantile(ms, 0.5),
    p95Ms: quantile(ms, 0.95),
    maxMs: Math.max(...ms),
  }
}

/**
 * `migrate()` must run `medusa db:migrate` with the plugin and return its
 * log. Checkouts run for `baselineMs` before it (the same store's normal),
 * and all through it. Returns each part's figures: the checkouts before and
 * during, the migration's time and what its script said.
 */
async function migrateUnderCheckouts({ migrate, checkoutOnce, inFlight, baselineMs = 20_000 }) {
  const baselineUntil = now() + baselineMs
  const before = describe(await checkoutsUntil(checkoutOnce, inFlight, () => now() > baselineUntil))
  let migrating = true
  const during = checkoutsUntil(checkoutOnce, inFlight, () => !migrating)
  const start = now()
  let log
  try {
    log = await migrate()
  } finally {
    migrating = false
  }
  const migrateMs = now() - start
  return {
    migrateMs,
    script: log.match(/medusa-order-batches: queue trigger[^\n]*/)?.[0] ?? null,
    before,
    during: describe(await during),
  }
}

module.exports = { migrateUnderCheckouts }
