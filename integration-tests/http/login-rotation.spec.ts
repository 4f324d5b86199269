import Medusa from "@medusajs/js-sdk"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { totpCode } from "../helpers/totp"
import {
  Admin,
  bearer,
  createAdmin,
  loginForSession,
  loginForToken,
  secretKey,
  session,
} from "../helpers/admin"
import { checkout } from "../helpers/checkout"
import { recordEvents } from "../helpers/events"
import { SeededStore, seedStore } from "../helpers/seed-store"
import { waitForAssignments } from "../helpers/wait"

jest.setTimeout(120_000)

// Medusa's auth module turns MFA on only with an encryption key.
process.env.AUTH_MFA_ENCRYPTION_KEY ??= "login-rotation-test-key-0123456789abcdef"

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: Admin

    beforeEach(async () => {
      store = await seedStore(getContainer())
      admin = await createAdmin(api, getContainer())
    })

    // Read with the secret API key: it needs no login, so it rotates nothing.
    const batches = async () =>
      (await api.get("/admin/batches?limit=500", secretKey(store.secretKey))).data
    // Null on a new store: its first order or close creates the first batch.
    const openNumber = async (): Promise<number | null> =>
      (await api.get("/admin/batches/open", secretKey(store.secretKey))).data.batch?.number ?? null

    it("rotates once at a JWT client's login, and its very next request sees it", async () => {
      const events = recordEvents(getContainer(), ["order_batch.closed", "order_batch.opened"])
      expect(await openNumber()).toBeNull()
      const before = 1 // the login's close creates the first batch and closes it
      const sdk = new Medusa({
        baseUrl: api.defaults.baseURL!,
        auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
      })

      await sdk.auth.login("user", "emailpass", { email: admin.email, password: admin.password })
      const { batch } = await sdk.client.fetch<{ batch: { number: number } }>(
        "/admin/batches/current"
      )

      expect(batch).toMatchObject({ number: before, status: "closed", close_reason: "login", closed_by: admin.id })
      expect(await openNumber()).toBe(before + 1)
      expect((await batches()).count).toBe(2)
      expect(events.map((e) => [e.name, e.data.number])).toEqual([
        ["order_batch.closed", before],
        ["order_batch.opened", before + 1],
      ])
    })

    it("rotates once for the dashboard's login (token, then cookie session), however often the session is set", async () => {
      // The first order's assignment opens batch 1.
      await waitForAssignments(getContainer(), [(await checkout(api, store)).id])
      const before = (await openNumber())!
      expect(before).toBe(1)

      const token = await loginForToken(api, admin)
      const first = await api.post("/auth/session", {}, bearer(token))
      // SSO and MFA flows set the session more than once for one login.
      await api.post("/auth/session", {}, bearer(token))
      const cookie = first.headers["set-cookie"]!.map((c) => c.split(";")[0]).join("; ")

      const { data } = await api.get("/admin/batches/current", session(cookie))
      expect(data.batch.number).toBe(before)
      expect(await openNumber()).toBe(before + 1)
    })

    it("does not rotate for a failed login, a customer, a token refresh or an identity with no user", async () => {
      const token = await loginForToken(api, admin)
      const before = await openNumber()

      const failed = await api
        .post("/auth/user/emailpass", { email: admin.email, password: "wrong" })
        .catch((e) => e.response)
      expect(failed.status).toBe(401)

      const publishable = { headers: { "x-publishable-api-key": store.publishableKey } }
      const registered = await api.post("/auth/customer/emailpass/register", {
        email: "shopper@example.com",
        password: "shopper-password",
      })
      await api.post(
        "/store/customers",
        { email: "shopper@example.com" },
        { headers: { ...publishable.headers, ...bearer(registered.data.token).headers } }
      )
      const customer = await api.post("/auth/customer/emailpass", {
        email: "shopper@example.com",
        password: "shopper-password",
      })
      expect(customer.data.token).toEqual(expect.any(String))

      const refreshed = await api.post("/auth/token/refresh", {}, bearer(token))
      expect(refreshed.data.token).toEqual(expect.any(String))

      await api.post("/auth/user/emailpass/register", {
        email: "not-yet-a-user@example.com",
        password: "pending-password",
      })
      const actorless = await api.post("/auth/user/emailpass", {
        email: "not-yet-a-user@example.com",
        password: "pending-password",
      })
      expect(actorless.data.token).toEqual(expect.any(String))

      expect(await openNumber()).toBe(before)
    })

    it("does not rotate while MFA is pending, and rotates once when the challenge is met", async () => {
      const token = await loginForToken(api, admin)
      const {
        data: { mfa_factor, secret },
      } = await api.post("/auth/mfa/factors", { provider: "totp" }, bearer(token))
      await api.post(
        `/auth/mfa/factors/${mfa_factor.id}/verify`,
        { code: totpCode(secret) },
        bearer(token)
      )
      // The first login closed the store's first batch and opened batch 2.
      const before = 2
      expect(await openNumber()).toBe(before)

      const pending = await api.post("/auth/user/emailpass", {
        email: admin.email,
        password: admin.password,
      })
      expect(pending.data.mfa_required).toBe(true)
      expect(await openNumber()).toBe(before)

      const verified = await api.post(
        `/auth/mfa/challenges/${pending.data.mfa_challenge.id}/verify`,
        { method: "totp", code: totpCode(secret) },
        bearer(pending.data.token)
      )
      const { data } = await api.get("/admin/batches/current", bearer(verified.data.token))
      expect(data.batch.number).toBe(before)
      expect(await openNumber()).toBe(before + 1)
    })

    it("keeps each administrator's own current batch", async () => {
      const other = await createAdmin(api, getContainer(), "second@example.com")
      const first = bearer(await loginForToken(api, admin))

      const order = await checkout(api, store)
      await waitForAssignments(getContainer(), [order.id])
      const second = bearer(await loginForToken(api, other))

      const mine = (await api.get("/admin/batches/current", first)).data.batch
      const theirs = (await api.get("/admin/batches/current", second)).data.batch
      expect(theirs.number).toBe(mine.number + 1)
      expect([mine.order_count, theirs.order_count]).toEqual([0, 1])
      expect(theirs.closed_by).toBe(other.id)
    })
  },
})
