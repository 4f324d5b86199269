import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { updateProductVariantsWorkflow } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { ORDER_BATCH_MODULE } from "../../src/modules/order-batch"
import type OrderBatchModuleService from "../../src/modules/order-batch/service"
import { BatchActionEvents } from "../../src/modules/order-batch/types"
import { resumeBatchActionRunsWorkflow } from "../../src/workflows"
import { Admin, bearer, createAdmin, loginForToken } from "../helpers/admin"
import { checkout } from "../helpers/checkout"
import { copyOrders } from "../helpers/copy-orders"
import { SeededStore, seedStore } from "../helpers/seed-store"
import { waitForAssignments } from "../helpers/wait"

jest.setTimeout(240_000)

type Auth = { headers: Record<string, string> }
type Placed = { id: string; display_id: number }
type Run = {
  id: string
  batch_number: number
  action: string
  status: string
  total: number
  succeeded: number
  skipped: number
  failed_count: number
  error: string | null
  failed: { order_id: string; display_id: number | null; message: string }[]
  started_by: string | null
  started_at: string
  finished_at: string | null
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the request to fail")
    },
    (e) => e.response as { status: number; data: { type: string; message: string } }
  )

/** What the order page shows of an order's fulfillments and payments. */
const ORDER_FIELDS = [
  "id",
  "status",
  "fulfillment_status",
  "payment_status",
  "*items",
  "*items.detail",
  "*fulfillments",
  "*fulfillments.items",
  "*fulfillments.labels",
  "*payment_collections",
  "*payment_collections.payments",
  "*payment_collections.payments.captures",
].join(",")

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: Admin
    let auth: Auth

    beforeEach(async () => {
      store = await seedStore(getContainer())
      admin = await createAdmin(api, getContainer())
      auth = bearer(await loginForToken(api, admin))
    })

    const service = (): OrderBatchModuleService => getContainer().resolve(ORDER_BATCH_MODULE)
    const variant = (sku: string) => store.variants.find((v) => v.sku === sku)!.id

    /** Places the checkouts into the open batch and closes it. Returns the closed batch's number. */
    async function closedBatch(orders: Placed[]) {
      await waitForAssignments(getContainer(), orders.map((o) => o.id))
      const { data } = await api.post("/admin/batches/rotate", {}, auth)
      return data.closed.number as number
    }

    const order = async (id: string) =>
      (await api.get(`/admin/orders/${id}?fields=${ORDER_FIELDS}`, auth)).data.order

    const start = async (number: number, action: string) => {
      const response = await api.post(`/admin/batches/${number}/actions`, { action }, auth)
      expect(response.status).toBe(202)
      return response.data.run as Run
    }

    /** Polls the run until it stops running, keeping every state seen on the way. */
    async function finish(number: number, id: string, seen: Run[] = []) {
      const deadline = Date.now() + 120_000
      for (;;) {
        const { data } = await api.get(`/admin/batches/${number}/actions/${id}`, auth)
        seen.push(data.run)
        // The counters never pass the total, and a finished run has counted every order.
        const counted = data.run.succeeded + data.run.skipped + data.run.failed_count
        expect(counted).toBeLessThanOrEqual(data.run.total)
        if (data.run.status === "completed") {
          expect(counted).toBe(data.run.total)
        }
        if (data.run.status !== "running") {
          return data.run as Run
        }
        if (Date.now() > deadline) {
          throw new Error(`run ${id} still running: ${JSON.stringify(data.run)}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }

    const run = async (number: number, action: string) => {
      const started = await start(number, action)
      return await finish(number, started.id)
    }

    /** A fulfillment as the comparison needs it: what was fulfilled where, and whether it shipped. */
    const shape = (o: any) =>
      o.fulfillments.map((f: any) => ({
        location_id: f.location_id,
        provider_id: f.provider_id,
        shipping_option_id: f.shipping_option_id,
        requires_shipping: f.requires_shipping,
        shipped: !!f.shipped_at,
        items: f.items
          .map((i: any) => ({ sku: i.sku, quantity: Number(i.quantity) }))
          .sort((a: any, b: any) => a.sku.localeCompare(b.sku)),
        labels: f.labels.length,
      }))
    const payments = (o: any) => o.payment_collections.flatMap((pc: any) => pc.payments)

    it("fulfills, ships and captures a closed batch as Medusa's own routes do, skipping canceled and finished orders, never twice", async () => {
      const ada = await checkout(api, store, {
        email: "ada@example.com",
        items: [
          { variant_id: variant("TOTE-NAT"), quantity: 2 },
          { variant_id: variant("MUG-BLU"), quantity: 1 },
        ],
      })
      const grace = await checkout(api, store, {
        email: "grace@example.com",
        items: [{ variant_id: variant("APRON-GRY"), quantity: 1 }],
      })
      const canceled = await checkout(api, store, { email: "canceled@example.com" })
      // The reference: the same items as Ada's, handled through the dashboard's own routes.
      const reference = await checkout(api, store, {
        email: "reference@example.com",
        items: [
          { variant_id: variant("TOTE-NAT"), quantity: 2 },
          { variant_id: variant("MUG-BLU"), quantity: 1 },
        ],
      })
      await api.post(`/admin/orders/${canceled.id}/cancel`, {}, auth)
      const number = await closedBatch([ada, grace, canceled, reference])

      // What the dashboard's Fulfill items form sends: the shipping option's location, every unfulfilled item.
      const { shipping_option: option } = (
        await api.get(`/admin/shipping-options/${store.shippingOptionId}?fields=+service_zone.fulfillment_set.location.id`, auth)
      ).data
      const before = await order(reference.id)
      await api.post(
        `/admin/orders/${reference.id}/fulfillments`,
        {
          location_id: option.service_zone.fulfillment_set.location.id,
          shipping_option_id: option.id,
          no_notification: false,
          items: before.items.map((i: any) => ({ id: i.id, quantity: i.quantity })),
        },
        auth
      )
      const fulfilledRef = await order(reference.id)
      const [refFulfillment] = fulfilledRef.fulfillments
      await api.post(
        `/admin/orders/${reference.id}/fulfillments/${refFulfillment.id}/shipments`,
        {
          items: refFulfillment.items.map((i: any) => ({ id: i.line_item_id, quantity: i.quantity })),
          labels: [],
          no_notification: false,
        },
        auth
      )
      for (const payment of payments(fulfilledRef)) {
        await api.post(`/admin/payments/${payment.id}/capture`, { amount: payment.amount }, auth)
      }

      // Fulfill all: 202 with the run at once; Ada and Grace fulfilled, the canceled order and the reference skipped.
      const started = await start(number, "fulfill")
      expect(started).toMatchObject({
        batch_number: number,
        action: "fulfill",
        status: "running",
        total: 4,
        failed: [],
        started_by: admin.id,
        finished_at: null,
      })
      const fulfill = await finish(number, started.id)
      expect(fulfill).toMatchObject({ status: "completed", total: 4, succeeded: 2, skipped: 2, failed: [] })
      expect(new Date(fulfill.finished_at!).getTime()).toBeGreaterThanOrEqual(new Date(fulfill.started_at).getTime())

      const adaFulfilled = await order(ada.id)
      expect(adaFulfilled.fulfillment_status).toBe("fulfilled")
      expect(shape(adaFulfilled)).toEqual(shape(fulfilledRef))
      expect(adaFulfilled.items.every((i: any) => Number(i.detail.fulfilled_quantity) === Number(i.quantity))).toBe(true)
      expect(shape(await order(grace.id))).toEqual([
        expect.objectContaining({ items: [{ sku: "APRON-GRY", quantity: 1 }], shipped: false }),
      ])
      expect((await order(canceled.id)).fulfillments).toEqual([])

      // A second Fulfill all touches nothing: every order is done or canceled.
      const again = await run(number, "fulfill")
      expect(again).toMatchObject({ status: "completed", total: 4, succeeded: 0, skipped: 4, failed: [] })
      expect((await order(ada.id)).fulfillments).toHaveLength(1)

      // Mark all shipped: the fulfillments Fulfill all made.
      const ship = await run(number, "ship")
      expect(ship).toMatchObject({ status: "completed", succeeded: 2, skipped: 2, failed: [] })
      const [adaShipped, refShipped] = [await order(ada.id), await order(reference.id)]
      expect(adaShipped.fulfillment_status).toBe(refShipped.fulfillment_status)
      expect(adaShipped.fulfillment_status).toBe("shipped")
      expect(shape(adaShipped)).toEqual(shape(refShipped))
      expect((await run(number, "ship")).succeeded).toBe(0)

      // Capture all: every authorized payment, for its amount, as the dashboard's Capture does.
      const capture = await run(number, "capture")
      expect(capture).toMatchObject({ status: "completed", succeeded: 2, skipped: 2, failed: [] })
      const [adaPaid, refPaid, canceledOrder] = [await order(ada.id), await order(reference.id), await order(canceled.id)]
      expect(adaPaid.payment_status).toBe("captured")
      expect(adaPaid.payment_status).toBe(refPaid.payment_status)
      for (const paid of [adaPaid, refPaid]) {
        const [payment] = payments(paid)
        expect(payment.captured_at).not.toBeNull()
        expect(payment.captures.map((c: any) => Number(c.amount))).toEqual([Number(payment.amount)])
      }
      expect(payments(canceledOrder).every((p: any) => !p.captured_at)).toBe(true)
      const captureAgain = await run(number, "capture")
      expect(captureAgain).toMatchObject({ succeeded: 0, skipped: 4 })
      expect(payments(await order(ada.id))[0].captures).toHaveLength(1)

      // The history, newest first; each run by id.
      const { runs } = (await api.get(`/admin/batches/${number}/actions`, auth)).data
      expect(runs.map((r: Run) => r.action)).toEqual(["capture", "capture", "ship", "ship", "fulfill", "fulfill"])
      expect(runs.every((r: Run) => r.status === "completed" && r.batch_number === number)).toBe(true)
      expect(Object.keys(runs[0]).sort()).toEqual([
        "action", "batch_number", "error", "failed", "failed_count", "finished_at", "id", "skipped", "started_at",
        "started_by", "status", "succeeded", "total",
      ])
      expect((await api.get(`/admin/batches/${number}/actions/${fulfill.id}`, auth)).data.run).toEqual(fulfill)
    })

    it("records one order's failure with Medusa's message and goes on with the others, page after page, counting as it goes", async () => {
      const orders: Placed[] = []
      for (let i = 0; i < 11; i++) {
        orders.push(await checkout(api, store, { email: `shopper${i}@example.com` }))
      }
      // An apron whose variant now manages inventory has no reservation: Medusa refuses to fulfill it.
      const broken = await checkout(api, store, {
        email: "broken@example.com",
        items: [{ variant_id: variant("APRON-GRY"), quantity: 1 }],
      })
      await updateProductVariantsWorkflow(getContainer()).run({
        input: { product_variants: [{ id: variant("APRON-GRY"), manage_inventory: true }] },
      })
      const number = await closedBatch([...orders, broken])

      const own = await failure(
        api.post(`/admin/orders/${broken.id}/fulfillments`, {
          items: (await order(broken.id)).items.map((i: any) => ({ id: i.id, quantity: i.quantity })),
        }, auth)
      )
      expect(own.status).toBe(400)

      const seen: Run[] = []
      const started = await start(number, "fulfill")
      const done = await finish(number, started.id, seen)
      expect(done).toMatchObject({ status: "completed", total: 12, succeeded: 11, skipped: 0 })
      expect(done.failed).toEqual([{ order_id: broken.id, display_id: broken.display_id, message: own.data.message }])
      expect((await order(broken.id)).fulfillments).toEqual([])
      expect((await order(orders[10].id)).fulfillment_status).toBe("fulfilled")

      // Progress only moves forward, and the dashboard saw it between the start and the end.
      const progress = seen.map((r) => r.succeeded + r.skipped + r.failed_count)
      expect(progress).toEqual([...progress].sort((a, b) => a - b))
      expect(progress.some((n) => n > 0 && n < 12)).toBe(true)
      expect(progress[progress.length - 1]).toBe(12)
      expect(done.failed_count).toBe(1)

      // Every order's outcome, a page at a time in the batch's order; the failures alone by status.
      const base = `/admin/batches/${number}/actions/${done.id}`
      const page1 = (await api.get(`${base}/outcomes?limit=5`, auth)).data
      const page3 = (await api.get(`${base}/outcomes?limit=5&offset=10`, auth)).data
      expect(page1).toMatchObject({ count: 12, limit: 5, offset: 0 })
      expect(page1.outcomes.map((o: any) => o.order_id)).toEqual(orders.slice(0, 5).map((o) => o.id))
      expect(page1.outcomes.every((o: any) => o.status === "succeeded" && o.message === null)).toBe(true)
      expect(page3.outcomes.map((o: any) => [o.order_id, o.status])).toEqual([
        [orders[10].id, "succeeded"],
        [broken.id, "failed"],
      ])
      const failedOnly = (await api.get(`${base}/outcomes?status=failed`, auth)).data
      expect(failedOnly).toMatchObject({ count: 1, outcomes: [{ order_id: broken.id, message: own.data.message }] })
      // The run's failures are paged too.
      expect((await api.get(`${base}?limit=1&offset=1`, auth)).data.run).toMatchObject({ failed_count: 1, failed: [] })
      for (const query of ["limit=101", "limit=0", "offset=-1", "limit=1.5", "status=done"]) {
        for (const path of [base, `${base}/outcomes`]) {
          if (query.startsWith("status") && path === base) {
            continue
          }
          const bad = await failure(api.get(`${path}?${query}`, auth))
          expect(bad.status).toBe(400)
          expect(bad.data.type).toBe("invalid_data")
        }
      }
      expect((await failure(api.get(`/admin/batches/${number}/actions/obrun_nothing/outcomes`, auth))).status).toBe(404)
    })

    it("answers 400 for the open batch, bad numbers and actions, 404 for unknown batches and runs, 409 while the same action runs", async () => {
      const first = await checkout(api, store)
      const number = await closedBatch([first])
      const open = (await api.get("/admin/batches/open", auth)).data.batch

      const openBatch = await failure(api.post(`/admin/batches/${open.number}/actions`, { action: "fulfill" }, auth))
      expect(openBatch.status).toBe(400)
      expect(openBatch.data.type).toBe("not_allowed")
      expect(openBatch.data.message).toMatch(new RegExp(`Batch ${open.number} is still open.*close it first`))

      for (const body of [{ action: "refund" }, {}, { action: "fulfill", extra: 1 }]) {
        const bad = await failure(api.post(`/admin/batches/${number}/actions`, body, auth))
        expect(bad.status).toBe(400)
        expect(bad.data.type).toBe("invalid_data")
      }
      for (const path of ["abc/actions", "0/actions", "1.5/actions", "abc/actions/obrun_1"]) {
        const bad = await failure(api.get(`/admin/batches/${path}`, auth))
        expect(bad.status).toBe(400)
        expect(bad.data.type).toBe("invalid_data")
      }
      const missing = await failure(api.post("/admin/batches/99/actions", { action: "fulfill" }, auth))
      expect(missing.status).toBe(404)
      expect(missing.data.type).toBe("not_found")
      expect((await failure(api.get("/admin/batches/99/actions", auth))).status).toBe(404)

      const done = await run(number, "capture")
      const unknownRun = await failure(api.get(`/admin/batches/${number}/actions/obrun_nothing`, auth))
      expect(unknownRun.status).toBe(404)
      expect(unknownRun.data.type).toBe("not_found")
      // A run is found only under its own batch.
      expect((await failure(api.get(`/admin/batches/${open.number}/actions/${done.id}`, auth))).status).toBe(404)
      expect((await api.get(`/admin/batches/${open.number}/actions`, auth)).data.runs).toEqual([])

      // The database refuses a second running run of an action on a batch, whoever writes it.
      const batch = (await api.get(`/admin/batches/${number}`, auth)).data.batch
      const running = await service().createOrderBatchActionRuns({
        batch_id: batch.id,
        batch_number: number,
        action: "ship",
        total: 1,
        started_at: new Date(),
        heartbeat_at: new Date(),
      })
      await expect(
        service().createOrderBatchActionRuns({
          batch_id: batch.id,
          batch_number: number,
          action: "ship",
          total: 1,
          started_at: new Date(),
          heartbeat_at: new Date(),
        })
      ).rejects.toThrow()
      const conflict = await failure(api.post(`/admin/batches/${number}/actions`, { action: "ship" }, auth))
      expect(conflict.status).toBe(409)
      expect(conflict.data.type).toBe("conflict")
      expect(conflict.data.message).toContain(running.id)
      // Another action on the same batch is fine.
      expect((await run(number, "fulfill")).status).toBe("completed")

      // Two requests at the same moment: one run.
      const answers = await Promise.allSettled(
        [1, 2, 3].map(() => api.post(`/admin/batches/${number}/actions`, { action: "capture" }, auth))
      )
      const statuses = answers
        .map((a) => (a.status === "fulfilled" ? a.value.status : (a.reason as any).response.status))
        .sort()
      expect(statuses).toEqual([202, 409, 409])
      const winner = answers.find((a) => a.status === "fulfilled") as PromiseFulfilledResult<{ data: { run: Run } }>
      expect((await finish(number, winner.value.data.run.id)).status).toBe("completed")
    })

    it("takes up a run whose worker stopped: an order it was acting on is only read, never acted on again", async () => {
      const orders: Placed[] = []
      for (let i = 0; i < 5; i++) {
        orders.push(await checkout(api, store, { email: `stopped${i}@example.com` }))
      }
      const number = await closedBatch(orders)
      const batch = (await api.get(`/admin/batches/${number}`, auth)).data.batch
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

      // A worker fulfilled the first order and stopped before it recorded the outcome.
      const first = await order(orders[0].id)
      await api.post(`/admin/orders/${orders[0].id}/fulfillments`, {
        items: first.items.map((i: any) => ({ id: i.id, quantity: i.quantity })),
      }, auth)
      const interrupted = await service().createBatchActionRun({
        batch_id: batch.id,
        batch_number: number,
        action: "fulfill",
        started_by: admin.id,
      })
      expect(interrupted.total).toBe(5)
      // Its rows as the dead worker left them, leases run out an hour ago:
      // the first two processing (one done in Medusa, one not), the third
      // claimed, the fourth claimed by three workers that all died; the last pending.
      const rows = [
        { status: "processing", claims: 1 },
        { status: "processing", claims: 1 },
        { status: "claimed", claims: 1 },
        { status: "claimed", claims: 3 },
      ]
      for (const [i, row] of rows.entries()) {
        await knex.raw(
          `UPDATE order_batch_action_outcome SET status = ?, claims = ?, owner = 'dead-worker',
                  lease_until = now() - interval '1 hour' WHERE run_id = ? AND order_id = ?`,
          [row.status, row.claims, interrupted.id, orders[i].id]
        )
      }
      await knex.raw(`UPDATE order_batch_action_run SET heartbeat_at = now() - interval '1 hour' WHERE id = ?`, [interrupted.id])
      // A run whose worker is alive is left alone.
      const alive = await service().createBatchActionRun({ batch_id: batch.id, batch_number: number, action: "ship" })
      await knex.raw(`UPDATE order_batch_action_outcome SET status = 'claimed', owner = 'live-worker',
                        lease_until = now() + interval '1 hour' WHERE run_id = ?`, [alive.id])

      const { result } = await resumeBatchActionRunsWorkflow(getContainer()).run()
      expect(result).toEqual({ resumed: [{ id: interrupted.id }] })
      // Taken by one caller only.
      expect((await resumeBatchActionRunsWorkflow(getContainer()).run()).result).toEqual({ resumed: [] })

      const resumed = await finish(number, interrupted.id)
      expect(resumed).toMatchObject({ status: "completed", total: 5, succeeded: 3, skipped: 0, failed_count: 2 })
      const { outcomes } = (await api.get(`/admin/batches/${number}/actions/${interrupted.id}/outcomes`, auth)).data
      expect(outcomes.map((o: any) => [o.order_id, o.status])).toEqual([
        [orders[0].id, "succeeded"],
        [orders[1].id, "failed"],
        [orders[2].id, "succeeded"],
        [orders[3].id, "failed"],
        [orders[4].id, "succeeded"],
      ])
      expect(outcomes[0].message).toMatch(/stopped before recording it/)
      expect(outcomes[1].message).toMatch(/not repeated/)
      expect(outcomes[3].message).toMatch(/Taken up 3 times/)
      const fulfillments = await Promise.all(orders.map(async (o) => (await order(o.id)).fulfillments.length))
      expect(fulfillments).toEqual([1, 0, 1, 0, 1])

      const still = (await api.get(`/admin/batches/${number}/actions/${alive.id}`, auth)).data.run
      expect(still).toMatchObject({ status: "running", succeeded: 0, skipped: 0, failed_count: 0 })
    })

    it("keeps assigning orders while a 200-order run goes, with five processors on it, each order taken once", async () => {
      // Ten storefront checkouts and 190 copies of them through Medusa's order module: the same orders, in seconds.
      const placed: Placed[] = []
      for (let i = 0; i < 10; i++) {
        placed.push(await checkout(api, store, { email: `bulk${i}@example.com` }))
      }
      await waitForAssignments(getContainer(), placed.map((o) => o.id))
      const copies = await copyOrders(getContainer(), placed.map((o) => o.id), 190)
      const orders = [...placed.map((o) => o.id), ...copies]
      const { data: closing } = await api.post("/admin/batches/rotate", {}, auth)
      expect(closing.closed.order_count).toBe(200)
      const number = closing.closed.number as number

      /** Milliseconds from a checkout's answer to its order's batch. */
      const assignment = async (email: string) => {
        const placed = await checkout(api, store, { email })
        const from = Date.now()
        // Polled every few milliseconds: the helper's 100 ms would hide the difference.
        while (!(await service().listOrderBatchOrders({ order_id: placed.id }, { select: ["order_id"] })).length) {
          if (Date.now() - from > 10_000) {
            throw new Error(`order ${placed.id} got no batch in 10 s`)
          }
          await new Promise((resolve) => setTimeout(resolve, 5))
        }
        return Date.now() - from
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
      const idle: number[] = []
      for (let i = 0; i < 5; i++) {
        idle.push(await assignment(`idle${i}@example.com`))
      }

      const started = await start(number, "fulfill")
      // Four more processors on the same run, as several workers would be.
      const eventBus = getContainer().resolve(Modules.EVENT_BUS)
      await Promise.all(
        [1, 2, 3, 4].map(() => eventBus.emit({ name: BatchActionEvents.RUN_QUEUED, data: { id: started.id } }))
      )
      const busy: number[] = []
      for (let i = 0; i < 5; i++) {
        busy.push(await assignment(`busy${i}@example.com`))
      }
      const during = (await api.get(`/admin/batches/${number}/actions/${started.id}`, auth)).data.run
      const done = await finish(number, started.id)
      // eslint-disable-next-line no-console
      console.log(
        `assignment during a 200-order run: median ${median(busy)} ms against ${median(idle)} ms with none ` +
          `(${(median(busy) / Math.max(1, median(idle))).toFixed(2)}x); the run had settled ` +
          `${during.succeeded + during.skipped + during.failed_count} of 200 when the last was placed`
      )
      expect(during.status).toBe("running")
      // Far above the noise (milliseconds): an order held up by the run would wait for all of it.
      expect(Math.max(...busy)).toBeLessThan(2_000)

      expect(done).toMatchObject({ status: "completed", total: 200, succeeded: 200, skipped: 0, failed_count: 0 })
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await knex.raw(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE claims = 1)::int AS once FROM order_batch_action_outcome WHERE run_id = ?`,
        [started.id]
      )
      expect(rows[0]).toEqual({ n: 200, once: 200 })
      const { rows: fulfilled } = await knex.raw(
        `SELECT count(*)::int AS n FROM order_fulfillment WHERE order_id = ANY(?) AND deleted_at IS NULL`,
        [orders]
      )
      expect(fulfilled[0].n).toBe(200)
    })
  },
})
