import { Client } from "pg"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { rotateBatchWorkflow } from "../../src/workflows"
import {
  Admin,
  bearer,
  createAdmin,
  loginForToken,
  secretKey,
  session,
} from "../helpers/admin"
import { checkout } from "../helpers/checkout"
import { SeededStore, seedStore } from "../helpers/seed-store"
import { waitForAssignments } from "../helpers/wait"

jest.setTimeout(180_000)

/** How long the other session holds the batch table: far past the login's 5 seconds. */
const TABLE_HELD_MS = 25_000
/** The rotation lock: long enough that the login gives up while it is held. */
const ADVISORY_HELD_MS = 12_000
/** The bound for a login while the batches are locked. */
const LOGIN_BOUND_MS = 12_000

/** Every table of the plugin that a login's rotation or its record reads. */
const BATCH_TABLES = "order_batch, order_batch_order, order_batch_pending_order, order_batch_user"

// The rotation lock of src/modules/order-batch/lib/locks.ts.
const ROTATION_LOCK_KEY = "7302853621"

// A user hook that fails after the rotation committed: switched on per test.
let failHook = false
rotateBatchWorkflow.hooks.batchRotated(() => {
  if (failHook) {
    throw new Error("the store's batchRotated hook failed")
  }
})

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer, dbConfig }) => {
    let store: SeededStore
    let admin: Admin

    beforeEach(async () => {
      failHook = false
      store = await seedStore(getContainer())
      admin = await createAdmin(api, getContainer())
    })

    const key = () => secretKey(store.secretKey)
    const openNumber = async (): Promise<number | null> =>
      (await api.get("/admin/batches/open", key())).data.batch?.number ?? null
    const closedCount = async (): Promise<number> =>
      (await api.get("/admin/batches?limit=500", key())).data.batches.filter(
        (b: { status: string }) => b.status === "closed"
      ).length

    /**
     * Another session that holds `sql`'s lock in an open transaction for
     * `heldMs`; `released` settles when it committed.
     */
    async function holdLock(sql: string, heldMs: number) {
      const client = new Client({ connectionString: dbConfig.clientUrl })
      await client.connect()
      await client.query("BEGIN")
      await client.query(sql)
      const released = new Promise<void>((resolve) => setTimeout(resolve, heldMs))
        .then(() => client.query("COMMIT"))
        .finally(() => client.end())
        .then(() => undefined)
      return { released }
    }

    /** The dashboard's login, timed: a token, then a cookie session. */
    async function timedDashboardLogin() {
      const started = Date.now()
      const token = await loginForToken(api, admin)
      const tookMs = Date.now() - started
      const answer = await api.post("/auth/session", {}, bearer(token))
      const cookie = answer.headers["set-cookie"]!.map((c) => c.split(";")[0]).join("; ")
      return { token, cookie, tookMs }
    }

    const current = async (cookie: string) =>
      (await api.get("/admin/batches/current", session(cookie))).data

    /** The failure is recorded once the tables answer again, maybe just after the login. */
    async function currentWithFailure(cookie: string) {
      const deadline = Date.now() + 10_000
      for (;;) {
        const answer = await current(cookie)
        if (answer.failed_login || Date.now() > deadline) {
          return answer
        }
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }

    /** After the lock: orders land in the open batch and the next login rotates. */
    async function expectRecovery(openBefore: number) {
      const order = await checkout(api, store)
      await waitForAssignments(getContainer(), [order.id])
      const { data } = await api.get(`/admin/batches/${openBefore}/orders`, key())
      expect(data.orders.map((o: { id: string }) => o.id)).toContain(order.id)

      const { cookie } = await timedDashboardLogin()
      const after = await current(cookie)
      expect(after.batch).toMatchObject({ number: openBefore, status: "closed", closed_by: admin.id })
      expect(after.failed_login).toBeNull()
      expect(await openNumber()).toBe(openBefore + 1)
    }

    it("lets the administrator in while another session holds the batch tables, and keeps their batch", async () => {
      await loginForToken(api, admin) // closes batch 1, opens 2
      const openBefore = (await openNumber())!
      expect(openBefore).toBe(2)

      const { released } = await holdLock(`LOCK TABLE ${BATCH_TABLES} IN ACCESS EXCLUSIVE MODE`, TABLE_HELD_MS)
      const login = await timedDashboardLogin()
      console.log(`login with the batch tables locked answered in ${login.tookMs} ms`)
      expect(login.tookMs).toBeLessThan(LOGIN_BOUND_MS)
      // The token works for the admin API (a route that does not read batches).
      expect((await api.get("/admin/users/me", bearer(login.token))).data.user.id).toBe(admin.id)
      await released

      const { batch, failed_login } = await currentWithFailure(login.cookie)
      expect(batch.number).toBe(1)
      expect(failed_login).toEqual({ at: expect.any(String), reason: expect.any(String) })
      expect(failed_login.reason).toMatch(/more than 5 seconds/)
      expect(await openNumber()).toBe(openBefore)
      expect(await closedCount()).toBe(1)

      await expectRecovery(openBefore)
    })

    it("lets the administrator in while another session holds the rotation lock, and says so at once", async () => {
      await loginForToken(api, admin)
      const openBefore = (await openNumber())!

      const { released } = await holdLock(`SELECT pg_advisory_xact_lock(${ROTATION_LOCK_KEY})`, ADVISORY_HELD_MS)
      const login = await timedDashboardLogin()
      console.log(`login with the rotation lock held answered in ${login.tookMs} ms`)
      expect(login.tookMs).toBeLessThan(LOGIN_BOUND_MS)

      // Reads take no lock: the warning shows while the lock is still held.
      const { batch, failed_login } = await currentWithFailure(login.cookie)
      expect(batch.number).toBe(openBefore - 1)
      expect(failed_login.reason).toBe("the batches were busy for more than 5 seconds")
      expect(new Date(failed_login.at).getTime()).toBeGreaterThan(Date.now() - 60_000)
      expect(await openNumber()).toBe(openBefore)
      await released

      await expectRecovery(openBefore)
    })

    it("counts a login whose batchRotated hook throws as rotated: it gets in, and a retry closes one more batch", async () => {
      await loginForToken(api, admin)
      const openBefore = (await openNumber())!
      failHook = true

      const login = await timedDashboardLogin()
      expect(login.tookMs).toBeLessThan(LOGIN_BOUND_MS)
      const first = await current(login.cookie)
      expect(first.batch).toMatchObject({ number: openBefore, status: "closed", close_reason: "login" })
      expect(first.failed_login).toBeNull()
      expect(await openNumber()).toBe(openBefore + 1)
      expect(await closedCount()).toBe(openBefore)

      const retry = await timedDashboardLogin()
      expect((await current(retry.cookie)).batch.number).toBe(openBefore + 1)
      expect(await openNumber()).toBe(openBefore + 2)
      expect(await closedCount()).toBe(openBefore + 1)
    })
  },
})
