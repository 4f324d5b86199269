import fs from "node:fs"
import path from "node:path"
import axios, { AxiosInstance } from "axios"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdmin, loginForToken, secretKey } from "../helpers/admin"
import { checkout } from "../helpers/checkout"
import { seedStore } from "../helpers/seed-store"
import { waitForAssignments } from "../helpers/wait"

// 100 checkouts through Medusa's cart routes: about 4 minutes on an idle 2-core machine, over
// 10 on a busy one; the limit is for a hang, not a speed test.
jest.setTimeout(1_200_000)

const CHECKOUTS = 100
const LOGINS = 10

// A second Medusa process on the same database, as a store with a server and
// a worker (or several servers) runs: the invariants must hold across them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStore } = require("../../scripts/lib/store")
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require("../../scripts/lib/preflight")

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer, dbConnection, dbConfig }) => {
    let second: { url: string; stop: () => Promise<void> } | undefined
    afterAll(async () => {
      await second?.stop()
    })

    /** Each closed batch's order ids, read straight from the database. */
    const closedBatchOrders = async () => {
      const rows: { number: number; order_id: string }[] = await dbConnection.raw(
        `SELECT b.number, a.order_id FROM order_batch b
           JOIN order_batch_order a ON a.batch_id = b.id
          WHERE b.status = 'closed' ORDER BY b.number, a.order_id`
      ).then((r: { rows: { number: number; order_id: string }[] }) => r.rows)
      const byBatch: Record<number, string[]> = {}
      for (const row of rows) {
        ;(byBatch[row.number] ??= []).push(row.order_id)
      }
      return byBatch
    }

    it(`keeps every invariant with ${CHECKOUTS} checkouts and ${LOGINS} logins at once, over two Medusa processes`, async () => {
      const container = getContainer()
      const store = await seedStore(container)
      const admins = await Promise.all(
        Array.from({ length: LOGINS }, (_, i) => createAdmin(api, container, `admin${i}@example.com`))
      )
      // No batch exists before the burst (a read creates none): the first
      // checkouts and logins also race to create batch 1.
      expect((await api.get("/admin/batches/open", secretKey(store.secretKey))).data.batch).toBeNull()
      const logs = path.resolve(__dirname, "../../.cache")
      fs.mkdirSync(logs, { recursive: true })
      second = await startStore({
        cwd: path.resolve(__dirname, "../.."),
        port: await freePort(),
        command: "start",
        env: { DATABASE_URL: dbConfig.clientUrl, MEDUSA_ADMIN_DISABLE: "true" },
        output: path.join(logs, "concurrency-second-store.log"),
      })
      const servers: AxiosInstance[] = [api, axios.create({ baseURL: second!.url })]

      // Checkouts run 25 at a time, so they complete over the whole burst;
      // login i fires once i tenths of them completed, so logins land while
      // orders are being placed and assigned.
      let completed = 0
      const waiting: (() => void)[] = []
      const afterCheckouts = (n: number) =>
        new Promise<void>((resolve) => {
          const check = () => completed >= n && (resolve(), true)
          if (!check()) waiting.push(check)
        })
      let next = 0
      const worker = async () => {
        const placed: { id: string }[] = []
        while (next < CHECKOUTS) {
          const i = next++
          const server = servers[i % servers.length]
          placed.push(await checkout(server, store, { email: `shopper${i}@example.com` }))
          completed++
          waiting.forEach((check) => check())
        }
        return placed
      }
      const results = await Promise.allSettled([
        ...Array.from({ length: 25 }, worker),
        ...admins.map((admin, i) =>
          afterCheckouts((i * CHECKOUTS) / LOGINS).then(() =>
            loginForToken(servers[i % servers.length], admin)
          )
        ),
      ])
      const failures = results.filter((r) => r.status === "rejected")
      expect(failures).toEqual([])
      const orders = results
        .slice(0, 25)
        .flatMap((r) => (r as PromiseFulfilledResult<{ id: string }[]>).value)
      expect(orders).toHaveLength(CHECKOUTS)
      await waitForAssignments(container, orders.map((o) => o.id), 120_000)

      // Invariant 1: unique, contiguous numbers; one open batch, the highest.
      const batches: { number: number; status: string }[] = (
        await dbConnection.raw(`SELECT number, status FROM order_batch ORDER BY number`)
      ).rows
      expect(batches.map((b) => b.number)).toEqual(batches.map((_, i) => i + 1))
      expect(batches.filter((b) => b.status === "open")).toEqual([batches.at(-1)])
      // Invariants 5 and 7: each login closed exactly one batch, or (its
      // rotation queued behind the others for over 5 s on a loaded machine)
      // got in without one and says so; never two, never silently none.
      const { rows: logins } = await dbConnection.raw(
        `SELECT u.user_id, u.failed_login_at IS NOT NULL AS failed,
                (SELECT count(*)::int FROM order_batch b WHERE b.closed_by = u.user_id AND b.close_reason = 'login') AS closes
           FROM order_batch_user u WHERE u.user_id = ANY (?)`,
        [admins.map((admin) => admin.id)]
      )
      expect(logins).toHaveLength(LOGINS)
      for (const login of logins) {
        expect({ ...login, ok: login.failed ? login.closes === 0 : login.closes === 1 }).toMatchObject({ ok: true })
      }
      const rotated = logins.filter((login: { failed: boolean }) => !login.failed).length
      expect(rotated).toBeGreaterThan(0)
      expect(batches).toHaveLength(rotated + 1)

      // Invariant 2: every order of the store is in exactly one batch.
      const { rows: orphans } = await dbConnection.raw(
        `SELECT o.id FROM "order" o
          WHERE o.is_draft_order = false
            AND NOT EXISTS (SELECT 1 FROM order_batch_order a WHERE a.order_id = o.id)`
      )
      expect(orphans).toEqual([])
      const { rows: counted } = await dbConnection.raw(
        `SELECT count(*)::int AS orders, count(DISTINCT a.order_id)::int AS assigned
           FROM "order" o JOIN order_batch_order a ON a.order_id = o.id
          WHERE o.is_draft_order = false`
      )
      expect(counted[0]).toEqual({ orders: CHECKOUTS, assigned: CHECKOUTS })

      // Invariant 3: closed batches neither gain nor lose orders as more arrive.
      const before = await closedBatchOrders()
      // The logins fell among the checkouts: several closed batches hold orders.
      expect(Object.keys(before).length).toBeGreaterThan(2)
      const later = await Promise.all(
        Array.from({ length: 10 }, (_, i) => checkout(api, store, { email: `late${i}@example.com` }))
      )
      await waitForAssignments(container, later.map((o) => o.id), 60_000)
      expect(await closedBatchOrders()).toEqual(before)

      const open = (await api.get("/admin/batches/open", secretKey(store.secretKey))).data.batch
      expect(open.order_count).toBeGreaterThanOrEqual(10)
      console.info(
        `concurrency: ${CHECKOUTS} checkouts and ${LOGINS} logins over two processes gave ${batches.length} batches; ` +
          `orders per closed batch: ${Object.values(before).map((ids) => ids.length).join(", ")}`
      )
    })
  },
})
