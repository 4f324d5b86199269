import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import OrderBatchModuleService from "../service"
import { moduleUnderTest, placed } from "./fixtures"
import { createOrderTable, insertOrders } from "./order-table"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<OrderBatchModuleService>({
  ...moduleUnderTest,
  testSuite: ({ service, MikroOrmWrapper }) => {
    const db = () => MikroOrmWrapper.forkManager()
    const queued = async () =>
      (await db().execute(`SELECT order_id FROM order_batch_pending_order ORDER BY order_id`)).map(
        (row: { order_id: string }) => row.order_id
      )

    beforeEach(() => createOrderTable(db()))

    it("queues each committed order in its own transaction, and a rolled-back one not at all", async () => {
      await insertOrders(db(), [{ id: "order_a", currency_code: "eur" }])
      await db()
        .transactional(async (em) => {
          await em.execute(`INSERT INTO "order" (id, currency_code) VALUES ('order_rolled_back', 'eur')`)
          throw new Error("checkout failed")
        })
        .catch(() => undefined)

      expect(await queued()).toEqual(["order_a"])
    })

    it("takes a converted draft order, a SQL import with an old date, and skips a deleted one", async () => {
      await insertOrders(db(), [
        { id: "order_draft", currency_code: "eur", is_draft_order: true },
        { id: "order_imported", currency_code: "usd", created_at: "2019-03-01T10:00:00Z" },
        { id: "order_deleted", currency_code: "eur" },
      ])
      await db().execute(`UPDATE "order" SET deleted_at = now() WHERE id = 'order_deleted'`)
      expect(await queued()).toEqual(["order_deleted", "order_imported"])

      await db().execute(`UPDATE "order" SET is_draft_order = false WHERE id = 'order_draft'`)
      const { closed, swept_order_ids } = await service.rotate({ reason: "manual" })

      expect(swept_order_ids.sort()).toEqual(["order_draft", "order_imported"])
      const [imported] = await service.listOrderBatchOrders({ order_id: "order_imported" })
      expect(imported.batch_id).toBe(closed!.id)
      expect(new Date(imported.placed_at).toISOString()).toBe("2019-03-01T10:00:00.000Z")
      expect(await queued()).toEqual([])
    })

    it("leaves a close only the orders since the last close: the queue is empty after each", async () => {
      await insertOrders(db(), Array.from({ length: 40 }, (_, i) => ({ id: `order_${i}`, currency_code: "eur" })))
      // Most have their order.placed assignment already; a close still takes the rest.
      await service.assignOrders(Array.from({ length: 30 }, (_, i) => placed(`order_${i}`)))
      const first = await service.rotate({ reason: "manual" })
      expect(first.swept_order_ids).toHaveLength(10)
      expect(first.closed!.order_count).toBe(40)
      expect(await queued()).toEqual([])

      await insertOrders(db(), [{ id: "order_next", currency_code: "eur" }])
      expect(await queued()).toEqual(["order_next"])
      const second = await service.rotate({ reason: "manual" })
      expect(second.swept_order_ids).toEqual(["order_next"])
      expect(await queued()).toEqual([])
    })

    it("drains queued orders into the open batch in the background, oldest first, only past their grace time", async () => {
      await insertOrders(db(), [
        { id: "order_old_1", currency_code: "eur" },
        { id: "order_old_2", currency_code: "eur" },
        { id: "order_new", currency_code: "eur" },
      ])
      await db().execute(
        `UPDATE order_batch_pending_order SET created_at = now() - interval '10 minutes' WHERE order_id LIKE 'order_old%'`
      )

      const first = await service.assignQueuedOrders({ limit: 1, older_than_seconds: 60 })
      const second = await service.assignQueuedOrders({ limit: 10, older_than_seconds: 60 })

      expect(first).toHaveLength(1)
      expect(second.map((a) => a.order_id)).toEqual([first[0].order_id === "order_old_1" ? "order_old_2" : "order_old_1"])
      expect(await queued()).toEqual(["order_new"])
      expect((await service.retrieveOpenBatch())!.order_count).toBe(2)
    })

    it("creates no batch when the queue is empty, or holds only orders within their grace time", async () => {
      expect(await service.assignQueuedOrders({ limit: 100 })).toEqual([])
      expect(await service.listOrderBatches()).toEqual([])

      // A new install: the orders from before it are queued a moment ago.
      await insertOrders(db(), [{ id: "order_before_install", currency_code: "eur" }])
      expect(await service.assignQueuedOrders({ limit: 100, older_than_seconds: 60 })).toEqual([])
      expect(await service.listOrderBatches()).toEqual([])
      expect(await queued()).toEqual(["order_before_install"])
    })

    it("says when the trigger is missing or disabled, and a close still takes every order without it", async () => {
      expect((await service.retrieveQueueState()).problem).toBeNull()

      await db().execute(`ALTER TABLE "order" DISABLE TRIGGER order_batch_queue_order`)
      expect((await service.retrieveQueueState()).problem).toMatch(/order_batch_queue_order .* is disabled/)
      await insertOrders(db(), [{ id: "order_unqueued_1", currency_code: "eur", created_at: "2015-01-01T00:00:00Z" }])

      await db().execute(`DROP TRIGGER order_batch_queue_order ON "order"`)
      expect((await service.retrieveQueueState()).problem).toMatch(/is missing\. Run `npx medusa (db:migrate|exec \.\/src\/migration-scripts\/create-order-batch-queue\.ts)`/)
      await insertOrders(db(), [{ id: "order_unqueued_2", currency_code: "eur" }])
      expect(await queued()).toEqual([])

      const { closed, swept_order_ids } = await service.rotate({ reason: "manual" })
      expect(swept_order_ids.sort()).toEqual(["order_unqueued_1", "order_unqueued_2"])
      expect(closed!.order_count).toBe(2)
    })

    it("restores the trigger and queues the orders that have no batch, once, however often it runs", async () => {
      await db().execute(`DROP TRIGGER order_batch_queue_order ON "order"`)
      await insertOrders(db(), [
        { id: "order_before_1", currency_code: "eur", created_at: "2014-06-01T00:00:00Z" },
        { id: "order_before_2", currency_code: "eur" },
        { id: "order_draft", currency_code: "eur", is_draft_order: true },
      ])
      await service.assignOrders([placed("order_before_2")])

      expect(await service.createQueue()).toEqual({ trigger_created: true, install_batch: null, queued: 1 })
      expect(await service.createQueue()).toEqual({ trigger_created: false, install_batch: null, queued: 0 })
      expect((await service.retrieveQueueState()).problem).toBeNull()
      expect(await queued()).toEqual(["order_before_1"])

      await insertOrders(db(), [{ id: "order_after", currency_code: "eur" }])
      expect(await queued()).toEqual(["order_after", "order_before_1"])
    })

    it("lets an order through where it cannot be queued, and the reconcile job's search then finds it", async () => {
      // A fault inside the trigger: the queue refuses this one order.
      await db().execute(
        `ALTER TABLE order_batch_pending_order ADD CONSTRAINT test_refuse CHECK (order_id <> 'order_fault')`
      )
      await insertOrders(db(), [
        { id: "order_fault", currency_code: "eur", created_at: "2016-01-01T00:00:00Z" },
        { id: "order_fine", currency_code: "eur" },
      ])
      await db().execute(`ALTER TABLE order_batch_pending_order DROP CONSTRAINT test_refuse`)
      const [{ n }] = await db().execute(`SELECT count(*)::int AS n FROM "order" WHERE id = 'order_fault'`)
      expect(n).toBe(1)
      expect(await queued()).toEqual(["order_fine"])

      expect(await service.queueMissedOrders()).toBe(1)
      expect(await queued()).toEqual(["order_fault", "order_fine"])
      // Nothing missed since: nothing read.
      expect(await service.queueMissedOrders()).toBe(0)
      const { swept_order_ids } = await service.rotate({ reason: "manual" })
      expect(swept_order_ids.sort()).toEqual(["order_fault", "order_fine"])
    })

    it("runs the trigger as the queue's owner with its search_path pinned", async () => {
      const [fn] = await db().execute(
        `SELECT prosecdef, proconfig FROM pg_proc WHERE proname = 'order_batch_queue_order'`
      )
      expect(fn.prosecdef).toBe(true)
      expect(fn.proconfig).toEqual([expect.stringMatching(/^search_path=pg_catalog, "?public"?$/)])
    })

    it("counts canceled orders apart, leaves them out of totals, and says while totals are pending", async () => {
      await service.assignOrders([
        placed("order_1"),
        { ...placed("order_2"), canceled_at: new Date() },
      ])
      await insertOrders(db(), [{ id: "order_swept", currency_code: "eur" }])
      const { closed } = await service.rotate({ reason: "manual" })

      expect(closed).toMatchObject({
        order_count: 3,
        canceled_count: 1,
        totals: [{ currency_code: "eur", amount: 10 }],
        totals_pending: true,
      })
      await service.updateOrderBatchOrders([{ order_id: "order_swept", total: 5 }])
      expect(await service.retrieveBatchByNumber(closed!.number)).toMatchObject({
        totals: [{ currency_code: "eur", amount: 15 }],
        totals_pending: false,
      })
    })
  },
})
