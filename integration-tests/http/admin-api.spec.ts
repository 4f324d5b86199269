import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
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
import { SeededStore, seedStore } from "../helpers/seed-store"
import { waitForAssignments } from "../helpers/wait"

jest.setTimeout(120_000)

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the request to fail")
    },
    (e) => e.response as { status: number; data: { type: string; message: string } }
  )

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: Admin
    let key: ReturnType<typeof secretKey>

    beforeEach(async () => {
      store = await seedStore(getContainer())
      admin = await createAdmin(api, getContainer())
      key = secretKey(store.secretKey)
    })

    /** Three batches: #1 with two orders, #2 with one, #3 open. */
    const threeBatches = async () => {
      const first = [await checkout(api, store), await checkout(api, store, { email: "b@example.com" })]
      await waitForAssignments(getContainer(), first.map((o) => o.id))
      await api.post("/admin/batches/rotate", {}, key)
      const second = await checkout(api, store, { email: "c@example.com" })
      await waitForAssignments(getContainer(), [second.id])
      await api.post("/admin/batches/rotate", {}, key)
      return { first, second }
    }

    it("lists batches newest first, paginated, with counts and totals", async () => {
      await threeBatches()

      const { data } = await api.get("/admin/batches?limit=2&offset=0", key)
      const page2 = (await api.get("/admin/batches?limit=2&offset=2", key)).data

      expect(data).toMatchObject({ count: 3, limit: 2, offset: 0 })
      expect(data.batches.map((b) => [b.number, b.status, b.order_count])).toEqual([
        [3, "open", 0],
        [2, "closed", 1],
      ])
      expect(page2.batches.map((b) => b.number)).toEqual([1])
      expect(page2.batches[0].totals).toEqual([{ currency_code: "eur", amount: 50 }])
      expect(Object.keys(data.batches[1]).sort()).toEqual(
        [
          "canceled_count", "close_reason", "closed_at", "closed_by", "exported_at", "exported_by", "id",
          "number", "opened_at", "order_count", "printed_at", "printed_by", "status", "totals", "totals_pending",
        ].sort()
      )
    })

    it("answers a batch by number and its orders oldest first, with fields and pagination", async () => {
      const { first } = await threeBatches()

      const batch = (await api.get("/admin/batches/1", key)).data.batch
      const all = (await api.get("/admin/batches/1/orders", key)).data
      const page = (await api.get("/admin/batches/1/orders?limit=1&offset=1&fields=id,email,display_id", key)).data

      expect(batch).toMatchObject({ number: 1, status: "closed", order_count: 2, close_reason: "manual" })
      expect(all).toMatchObject({ count: 2, limit: 50, offset: 0 })
      expect(all.orders.map((o) => o.id)).toEqual(first.map((o) => o.id))
      expect(all.orders[0]).toMatchObject({ payment_status: expect.any(String), total: 25 })
      expect(page).toMatchObject({ count: 2, limit: 1, offset: 1 })
      expect(page.orders).toHaveLength(1)
      expect(page.orders[0]).toMatchObject({
        id: first[1].id,
        email: "b@example.com",
        display_id: first[1].display_id,
      })
      // Medusa's order list adds what its statuses need (items), nothing else.
      expect(page.orders[0]).not.toHaveProperty("shipping_address")
      expect(all.orders[0].shipping_address).toMatchObject({ first_name: "Ada" })
      const open = (await api.get("/admin/batches/3/orders", key)).data
      expect(open).toMatchObject({ orders: [], count: 0 })
    })

    it("answers 400 invalid_data for every malformed batch number on every route", async () => {
      const bad = [
        "abc", "0", "-1", "1.5", "1e3", "99999999999", "2147483648", "%20", "0x10", "+1", "01",
        "1%3B%20DROP%20TABLE%20order_batch", "1'%20OR%20'1'%3D'1",
      ]
      for (const number of bad) {
        for (const path of [`/admin/batches/${number}`, `/admin/batches/${number}/orders`]) {
          const response = await failure(api.get(path, key))
          expect([path, response.status, response.data.type]).toEqual([path, 400, "invalid_data"])
          expect(response.data.message).toMatch(
            /^Batch number must be a whole number from 1 to 2147483647; received "/
          )
        }
      }
      // An empty number is no batch route at all.
      expect((await failure(api.get("/admin/batches//orders", key))).status).toBe(404)
      expect((await api.get("/admin/batches", key)).data.count).toBe(0)
    })

    it("answers 404 not_found naming the batches that exist", async () => {
      await api.post("/admin/batches/rotate", {}, key)

      for (const path of ["/admin/batches/7", "/admin/batches/7/orders"]) {
        const response = await failure(api.get(path, key))
        expect(response.status).toBe(404)
        expect(response.data).toEqual({
          type: "not_found",
          message: "Batch 7 does not exist; batches 1 to 2 exist.",
        })
      }
    })

    it("refuses malformed pagination with 400 invalid_data", async () => {
      const bad = ["limit=0", "limit=abc", "limit=1.5", "limit=1e3", "offset=-1", "offset=1.5", "limit=501", "unknown=1", "order=number"]
      for (const query of bad) {
        for (const path of ["/admin/batches", "/admin/batches/1/orders"]) {
          const response = await failure(api.get(`${path}?${query}`, key))
          expect([query, response.status, response.data.type]).toEqual([query, 400, "invalid_data"])
        }
      }
      expect((await failure(api.get("/admin/batches?limit=1.5", key))).data.message).toBe(
        "Invalid request: limit must be a whole number from 1 to 500."
      )
    })

    it("answers no open batch on a new store, creates none by reading, and the first close makes batch 1", async () => {
      for (let i = 0; i < 2; i++) {
        expect((await api.get("/admin/batches/open", key)).data).toEqual({ batch: null })
        expect((await api.get("/admin/batches/current", key)).data).toEqual({ batch: null, failed_login: null, queue_problem: null })
        expect((await api.get("/admin/batches", key)).data).toMatchObject({ batches: [], count: 0 })
      }
      expect((await failure(api.get("/admin/batches/1", key))).status).toBe(404)

      const { data } = await api.post("/admin/batches/rotate", {}, key)

      expect(data.closed).toMatchObject({ number: 1, status: "closed", order_count: 0, close_reason: "manual" })
      expect(data.opened).toMatchObject({ number: 2, status: "open" })
      expect((await api.get("/admin/batches/open", key)).data.batch).toMatchObject({ number: 2 })
    })

    it("rotates on request, and a retry with the same number closes nothing more", async () => {
      await api.post("/admin/batches/rotate", {}, key)
      const open = (await api.get("/admin/batches/open", key)).data.batch

      const first = (await api.post("/admin/batches/rotate", { number: open.number }, key)).data
      const retry = (await api.post("/admin/batches/rotate", { number: open.number }, key)).data

      expect(first.closed).toMatchObject({ number: open.number, status: "closed", close_reason: "manual" })
      expect(first.opened).toMatchObject({ number: open.number + 1, status: "open" })
      expect(retry).toEqual(first)
      expect((await api.get("/admin/batches", key)).data.count).toBe(3)

      const ahead = await failure(api.post("/admin/batches/rotate", { number: open.number + 5 }, key))
      expect(ahead.status).toBe(404)
      for (const body of [{ number: 0 }, { number: "abc" }, { number: 1.5 }, { other: 1 }]) {
        const bad = await failure(api.post("/admin/batches/rotate", body, key))
        expect(bad.status).toBe(400)
        expect(bad.data.type).toBe("invalid_data")
      }
      expect((await api.get("/admin/batches", key)).data.count).toBe(3)
    })

    it("accepts an admin session, an admin bearer token and a secret API key", async () => {
      const cookie = await loginForSession(api, admin)
      const token = await loginForToken(api, admin)

      for (const auth of [session(cookie), bearer(token), key]) {
        for (const path of ["/admin/batches", "/admin/batches/current", "/admin/batches/open", "/admin/batches/1", "/admin/batches/1/orders"]) {
          expect((await api.get(path, auth)).status).toBe(200)
        }
      }
    })

    it("refuses anonymous callers, customers and publishable keys", async () => {
      await api.post("/admin/batches/rotate", {}, key)
      const publishable = { "x-publishable-api-key": store.publishableKey }
      const registered = await api.post("/auth/customer/emailpass/register", {
        email: "shopper@example.com",
        password: "shopper-password",
      })
      await api.post("/store/customers", { email: "shopper@example.com" }, {
        headers: { ...publishable, authorization: `Bearer ${registered.data.token}` },
      })
      const customer = (
        await api.post("/auth/customer/emailpass", { email: "shopper@example.com", password: "shopper-password" })
      ).data.token

      for (const headers of [{}, { authorization: `Bearer ${customer}` }, publishable]) {
        for (const [method, path] of [
          ["get", "/admin/batches"],
          ["get", "/admin/batches/current"],
          ["get", "/admin/batches/open"],
          ["get", "/admin/batches/1"],
          ["get", "/admin/batches/1/orders"],
          ["post", "/admin/batches/rotate"],
        ] as const) {
          const response = await failure(
            method === "get" ? api.get(path, { headers }) : api.post(path, {}, { headers })
          )
          expect(response.status).toBe(401)
        }
      }
      expect((await api.get("/admin/batches", key)).data.count).toBe(2)
    })

    it("answers no current batch before any batch closed, and the newest closed one to an API key", async () => {
      expect((await api.get("/admin/batches/current", key)).data).toEqual({ batch: null, failed_login: null, queue_problem: null })
      await api.post("/admin/batches/rotate", {}, key)
      await api.post("/admin/batches/rotate", {}, key)
      expect((await api.get("/admin/batches/current", key)).data.batch.number).toBe(2)
    })
  },
})
