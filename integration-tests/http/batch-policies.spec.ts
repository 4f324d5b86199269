import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ORDER_BATCH_MODULE } from "../../src/modules/order-batch"
import type OrderBatchModuleService from "../../src/modules/order-batch/service"
import { loginForToken } from "../helpers/admin"
import { checkout } from "../helpers/checkout"
import { roles, send, superAdmin, useRbacFlags } from "../helpers/rbac"
import { seedStore } from "../helpers/seed-store"
import { waitForAssignments } from "../helpers/wait"

jest.setTimeout(180_000)

// Medusa's RBAC feature flags, on before the test runner loads anything.
useRbacFlags()

/** Every batch read and document; `:number` 1 is the batch the super admin's login closed. */
const READS = [
  "/admin/batches",
  "/admin/batches/current",
  "/admin/batches/open",
  "/admin/batches/allowed-actions",
  "/admin/batches/1",
  "/admin/batches/1/orders",
  "/admin/batches/1/print",
  "/admin/batches/1/pick-list",
  "/admin/batches/1/pick-list?format=csv",
  "/admin/batches/1/export",
  "/admin/batches/1/actions",
]

const refusal = (policy: string) => ({
  type: "forbidden",
  message: `Insufficient permissions. Required policies: ${policy}`,
})

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    /** A super admin, and a real checkout in a batch that super admin then closed. */
    const closedBatchWithAnOrder = async (container: MedusaContainer) => {
      const store = await seedStore(container)
      const root = await superAdmin(api, container)
      const placed = await checkout(api, store, { email: "ada@example.com" })
      await waitForAssignments(container, [placed.id])
      const number = ((await send(api, "post", "/admin/batches/rotate", root.token)).data.closed as { number: number })
        .number
      return { root, placed, number }
    }

    const openNumber = async (token: string) =>
      ((await send(api, "get", "/admin/batches/open", token)).data.batch as { number: number }).number

    /** Starts an action on batch `number` with `token` (a 202) and waits until the run stops. */
    const finish = async (number: number, token: string, action: string) => {
      const started = await send(api, "post", `/admin/batches/${number}/actions`, token, { action })
      expect([action, started.status]).toEqual([action, 202])
      expect(started.data.run).toMatchObject({ batch_number: number, action })
      const deadline = Date.now() + 60_000
      for (;;) {
        const { data } = await send(api, "get", `/admin/batches/${number}/actions/${started.data.run.id}`, token)
        if (data.run.status !== "running") {
          return data.run
        }
        if (Date.now() > deadline) {
          throw new Error(`${action} on batch ${number} still running`)
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }

    it("reads batches only with order read, and closes one or runs an action only with order update", async () => {
      const container = getContainer()
      const root = await superAdmin(api, container)
      const userWithRole = roles(api, container, root.token)
      const { token: orderReader } = await userWithRole("reader@example.com", "Order reader", ["order:read"])
      const { token: catalogue } = await userWithRole("catalogue@example.com", "Catalogue only", [
        "product:read",
        "product:update",
      ])

      // Medusa's own order routes draw the same lines.
      expect((await send(api, "get", "/admin/orders", root.token)).status).toBe(200)
      expect((await send(api, "get", "/admin/orders", orderReader)).status).toBe(200)
      expect((await send(api, "get", "/admin/orders", catalogue)).status).toBe(403)
      expect((await send(api, "get", "/admin/products", catalogue)).status).toBe(200)

      // Reads and documents: the super admin and order read, never a role without it.
      for (const path of READS) {
        expect([path, (await send(api, "get", path, root.token)).status]).toEqual([path, 200])
        expect([path, (await send(api, "get", path, orderReader)).status]).toEqual([path, 200])
        const refused = await send(api, "get", path, catalogue)
        expect([path, refused.status, refused.data]).toEqual([path, 403, refusal("order:read")])
      }
      // A route nobody declared one by one still needs order read (the catch-all entry).
      expect((await send(api, "get", "/admin/batches/1/actions/obrun_none", catalogue)).status).toBe(403)
      expect((await send(api, "get", "/admin/batches/1/actions/obrun_none", orderReader)).status).toBe(404)

      // Closing and batch actions need order update: refused to both roles, nothing closed, no run.
      const open = await openNumber(root.token)
      for (const token of [orderReader, catalogue]) {
        const close = await send(api, "post", "/admin/batches/rotate", token)
        expect(close.status).toBe(403)
        expect(close.data.message).toEqual(expect.stringContaining("order:"))
        const closeN = await send(api, "post", "/admin/batches/rotate", token, { number: open })
        expect(closeN.status).toBe(403)
        for (const action of ["fulfill", "ship", "capture"]) {
          const refused = await send(api, "post", "/admin/batches/1/actions", token, { action })
          expect([action, refused.status, refused.data.message]).toEqual([
            action,
            403,
            expect.stringContaining("order:"),
          ])
        }
      }
      expect(await openNumber(root.token)).toBe(open)
      expect((await send(api, "get", "/admin/batches/1/actions", root.token)).data.runs).toEqual([])

      // The super admin may do both.
      const closed = await send(api, "post", "/admin/batches/rotate", root.token)
      expect(closed.status).toBe(200)
      expect(closed.data).toMatchObject({ closed: { number: open }, opened: { number: open + 1 } })
      // Batch 1 has no orders: the run is done at once, before the database goes.
      expect(await finish(1, root.token, "capture")).toMatchObject({ status: "completed", total: 0 })
    })

    it("asks of a batch action what Medusa asks of the same operation on one order, and says so to the dashboard", async () => {
      const container = getContainer()
      const { root, placed, number } = await closedBatchWithAnOrder(container)

      const userWithRole = roles(api, container, root.token)
      // Updates orders and fulfils them, reads payments, may not capture.
      const fulfiller = (
        await userWithRole("fulfiller@example.com", "Fulfiller", [
          "order:read",
          "order:update",
          "fulfillment:create",
          "fulfillment:update",
          "payment:read",
        ])
      ).token
      // Updates orders and captures payments, may not fulfil.
      const cashier = (
        await userWithRole("cashier@example.com", "Cashier", ["order:read", "order:update", "payment:read", "capture:create"])
      ).token
      // Captures payments, may not update orders.
      const capturer = (
        await userWithRole("capturer@example.com", "Capturer", ["order:read", "payment:read", "capture:create"])
      ).token

      const { data } = await send(api, "get", `/admin/orders/${placed.id}?fields=*payment_collections.payments`, root.token)
      const payment = data.order.payment_collections[0].payments[0] as { id: string; amount: number }

      // Refused as Medusa's own route refuses the same role the same operation on one order.
      const refusedCapture = await send(api, "post", `/admin/batches/${number}/actions`, fulfiller, { action: "capture" })
      expect(refusedCapture).toEqual({ status: 403, data: refusal("capture:create") })
      expect(await send(api, "post", `/admin/payments/${payment.id}/capture`, fulfiller, { amount: payment.amount })).toEqual(
        refusedCapture
      )
      const refusedFulfill = await send(api, "post", `/admin/batches/${number}/actions`, cashier, { action: "fulfill" })
      expect(refusedFulfill).toEqual({ status: 403, data: refusal("fulfillment:create") })
      expect(await send(api, "post", `/admin/orders/${placed.id}/fulfillments`, cashier, { items: [] })).toEqual(
        refusedFulfill
      )
      expect(await send(api, "post", `/admin/batches/${number}/actions`, cashier, { action: "ship" })).toEqual({
        status: 403,
        data: refusal("fulfillment:update"),
      })
      // Medusa's capture alone is not enough: a batch action changes orders.
      expect(await send(api, "post", `/admin/batches/${number}/actions`, capturer, { action: "capture" })).toEqual({
        status: 403,
        data: refusal("order:update"),
      })
      expect((await send(api, "get", `/admin/batches/${number}/actions`, root.token)).data.runs).toEqual([])

      // What the dashboard is told each role may start.
      const allowed = async (token: string) =>
        Object.fromEntries(
          ((await send(api, "get", "/admin/batches/allowed-actions", token)).data.actions as { action: string; allowed: boolean }[]).map(
            (a) => [a.action, a.allowed]
          )
        )
      expect(await allowed(root.token)).toEqual({ fulfill: true, ship: true, capture: true })
      expect(await allowed(fulfiller)).toEqual({ fulfill: true, ship: true, capture: false })
      expect(await allowed(cashier)).toEqual({ fulfill: false, ship: false, capture: true })
      expect(await allowed(capturer)).toEqual({ fulfill: false, ship: false, capture: false })
      expect((await send(api, "get", "/admin/batches/allowed-actions", capturer)).data.actions).toContainEqual({
        action: "capture",
        allowed: false,
        policies: ["order:update", "payment:read", "capture:create"],
      })

      // Allowed: each role runs what it may, and the run does its work.
      expect(await finish(number, fulfiller, "fulfill")).toMatchObject({ status: "completed", succeeded: 1, failed: [] })
      expect(await finish(number, fulfiller, "ship")).toMatchObject({ status: "completed", succeeded: 1, failed: [] })
      expect(await finish(number, cashier, "capture")).toMatchObject({ status: "completed", succeeded: 1, failed: [] })
      const order = (await send(api, "get", `/admin/orders/${placed.id}?fields=id,fulfillment_status,payment_status`, root.token))
        .data.order
      expect(order).toMatchObject({ fulfillment_status: "shipped", payment_status: "captured" })
    })

    it("filters a batch's orders' fields as Medusa's order list does, by the roles of the caller", async () => {
      const container = getContainer()
      const { root, placed, number } = await closedBatchWithAnOrder(container)
      const { token: orderReader } = await roles(api, container, root.token)("reader@example.com", "Order reader", [
        "order:read",
      ])

      const fields = "id,email,*customer,*payment_collections"
      const read = async (token: string) => {
        const batch = await send(api, "get", `/admin/batches/${number}/orders?fields=${fields}`, token)
        const orders = await send(api, "get", `/admin/orders?id=${placed.id}&fields=${fields}`, token)
        expect([batch.status, orders.status]).toEqual([200, 200])
        return { batch: batch.data.orders[0], orders: orders.data.orders[0] }
      }

      // The super admin reads the customer and the payments, through a batch as on the order list.
      const full = await read(root.token)
      expect(full.orders.customer).toMatchObject({ email: "ada@example.com" })
      expect(full.orders.payment_collections).toHaveLength(1)
      expect(full.batch.customer).toEqual(full.orders.customer)
      expect(full.batch.payment_collections).toEqual(full.orders.payment_collections)

      // A role without customer or payment read gets neither, on either route; the order's own fields stay.
      const filtered = await read(orderReader)
      expect(filtered.orders).toMatchObject({ id: placed.id, email: "ada@example.com" })
      expect(filtered.orders).not.toHaveProperty("customer")
      expect(filtered.orders).not.toHaveProperty("payment_collections")
      expect(filtered.batch).toEqual(filtered.orders)
      // So do the defaults of the batch's orders, which name the customer.
      const defaults = (await send(api, "get", `/admin/batches/${number}/orders`, orderReader)).data.orders[0]
      expect(defaults).toMatchObject({ id: placed.id, email: "ada@example.com" })
      expect(defaults).not.toHaveProperty("customer")
      expect((await send(api, "get", `/admin/batches/${number}/orders`, root.token)).data.orders[0].customer).toMatchObject({
        email: "ada@example.com",
      })
    })

    it("closes a batch at the login of a user who may update orders, and at no other login, recording nothing", async () => {
      const container = getContainer()
      const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
      const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
      const root = await superAdmin(api, container)
      const userWithRole = roles(api, container, root.token)
      const warn = jest.spyOn(logger, "warn")
      const error = jest.spyOn(logger, "error")

      try {
        // Made and logged in by `userWithRole`: each login is a login like any other.
        const before = await openNumber(root.token)
        const reader = await userWithRole("reader@example.com", "Order reader", ["order:read"])
        const catalogue = await userWithRole("catalogue@example.com", "Catalogue only", ["product:read"])
        expect(await openNumber(root.token)).toBe(before)
        // Logging in again closes nothing either.
        await loginForToken(api, reader.admin)
        expect(await openNumber(root.token)).toBe(before)

        // Nothing recorded as a failure, nothing that would warn anyone.
        expect((await send(api, "get", "/admin/batches/current", reader.token)).data.failed_login).toBeNull()
        const logins = await service.listOrderBatchUsers({ user_id: [reader.admin.id, catalogue.admin.id] })
        expect(logins.filter((login) => login.failed_login_at)).toEqual([])
        const alarms = [...warn.mock.calls, ...error.mock.calls].filter((args) =>
          String(args[0]).includes("medusa-order-batches")
        )
        expect(alarms).toEqual([])

        // A role with order update closes a batch at its login, as the super admin does.
        await userWithRole("packer@example.com", "Packer", ["order:read", "order:update"])
        expect(await openNumber(root.token)).toBe(before + 1)
      } finally {
        warn.mockRestore()
        error.mockRestore()
      }
    })
  },
})
