// The load of the cluster test: storefront checkouts and administrator
// logins spread over several servers, with events fired at fractions of
// the checkouts done (killing and restarting the worker).
const { checkout, login, request, bearer } = require("./demo-orders")

/**
 * The dashboard's login: the token turned into a cookie session, then its
 * first request with the cookie. Behind a TLS-terminating load balancer, as
 * in production (the cookie is Secure, Medusa trusts the proxy's header).
 */
async function sessionLogin(baseUrl, admin) {
  const proxy = { "x-forwarded-proto": "https" }
  const token = await login(baseUrl, admin)
  const response = await fetch(`${baseUrl}/auth/session`, {
    method: "POST",
    headers: { ...proxy, ...bearer(token) },
    signal: AbortSignal.timeout(60_000),
  })
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ")
  if (!response.ok || !cookie) {
    throw new Error(`POST /auth/session answered ${response.status} ${cookie ? "" : "without a cookie"}`)
  }
  return { ...proxy, cookie }
}

/** A JWT client's login: the bearer token on every request. */
const jwtLogin = async (baseUrl, admin) => bearer(await login(baseUrl, admin))

/**
 * Runs `checkouts` checkouts, `inFlight` at a time, servers taking turns,
 * and `logins` logins, login i once i/(logins+1) of the checkouts answered
 * (alternating session and JWT, administrators and servers). `at`:
 * `[fraction, fn]` pairs run once that fraction of checkouts answered.
 * `label` starts the shoppers' email addresses, one phase's apart from another's.
 *
 * Resolves to `{ placed: [{ id, answeredAt }], logins: [{ userId, sentAt,
 * batch }], checkoutErrors, loginErrors, perServer, maxInFlight }`, where a
 * login's `batch` is the current batch that its very next request read.
 */
async function runLoad({ servers, catalog, admins = [], checkouts, logins, inFlight, at = [], label = "shopper" }) {
  const placed = []
  const loginResults = []
  const checkoutErrors = []
  const loginErrors = []
  const perServer = servers.map(() => 0)
  let current = 0
  let maxInFlight = 0
  const track = async (promise) => {
    current++
    maxInFlight = Math.max(maxInFlight, current)
    try {
      return await promise
    } finally {
      current--
    }
  }

  let done = 0
  const pendingEvents = [...at].sort((a, b) => a[0] - b[0])
  const loginPromises = []
  let loginsFired = 0
  const afterCheckout = async () => {
    done++
    while (loginsFired < logins && done >= ((loginsFired + 1) * checkouts) / (logins + 1)) {
      loginPromises.push(fireLogin(loginsFired++))
    }
    while (pendingEvents.length && done >= pendingEvents[0][0] * checkouts) {
      await pendingEvents.shift()[1]()
    }
  }

  async function fireLogin(i) {
    const baseUrl = servers[i % servers.length]
    const admin = admins[Math.floor(i / servers.length) % admins.length]
    const session = Math.floor(i / (servers.length * admins.length)) % 2 === 0
    const sentAt = Date.now()
    try {
      await track(
        (async () => {
          const headers = await (session ? sessionLogin : jwtLogin)(baseUrl, admin)
          const { batch } = await request(baseUrl, "GET", "/admin/batches/current", { headers })
          loginResults.push({ userId: admin.id, sentAt, batch, kind: session ? "session" : "jwt" })
        })()
      )
    } catch (error) {
      loginErrors.push(`login ${i} (${session ? "session" : "jwt"}): ${error.message}`)
    }
  }

  let next = 0
  const lane = async () => {
    while (next < checkouts) {
      const i = next++
      const s = i % servers.length
      const variant = catalog.variants[i % catalog.variants.length]
      try {
        const order = await track(
          checkout(servers[s], catalog, {
            email: `${label}${i}@example.com`,
            items: [[variant.id, 1 + (i % 3)]],
          })
        )
        placed.push({ id: order.id, answeredAt: Date.now() })
        perServer[s]++
      } catch (error) {
        checkoutErrors.push(`checkout ${i}: ${error.message}`)
      }
      await afterCheckout()
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane))
  await Promise.all(loginPromises)
  return { placed, logins: loginResults, checkoutErrors, loginErrors, perServer, maxInFlight }
}

module.exports = { runLoad, sessionLogin, jwtLogin }
