import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import OrderBatchModuleService from "../service"
import { moduleUnderTest, placed } from "./fixtures"
import { createOrderTable, insertOrders } from "./order-table"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<OrderBatchModuleService>({
  ...moduleUnderTest,
  moduleOptions: { firstBatchNumber: 1001 },
  testSuite: ({ service, MikroOrmWrapper }) => {
    const db = () => MikroOrmWrapper.forkManager()
    const batchOf = async (orderId: string) =>
      (await service.listOrderBatchOrders({ order_id: orderId }, { relations: ["batch"] }))[0]?.batch ?? null

    // A store selling before the plugin arrived: orders, and no trigger yet.
    beforeEach(async () => {
      await createOrderTable(db())
      await db().execute(`DROP TRIGGER order_batch_queue_order ON "order"`)
      await insertOrders(db(), [
        { id: "order_2014", currency_code: "eur", created_at: "2014-02-01T00:00:00Z" },
        { id: "order_2020", currency_code: "usd", created_at: "2020-07-01T00:00:00Z" },
        { id: "order_yesterday", currency_code: "eur" },
        { id: "order_draft", currency_code: "eur", is_draft_order: true },
      ])
    })

    it("puts the history into one sealed batch of its own, and the first login closes only what came after", async () => {
      const created = await service.createQueue()
      expect(created).toEqual({ trigger_created: true, install_batch: { number: 1001, orders: 3 }, queued: 0 })

      const history = await service.retrieveBatchByNumber(1001)
      expect(history).toMatchObject({ status: "closed", close_reason: "install", order_count: 3, closed_by: null })
      expect(history.closed_at).toBeInstanceOf(Date)
      expect((await batchOf("order_2014"))?.number).toBe(1001)
      expect(await batchOf("order_draft")).toBeNull()
      // No login made it anyone's current batch, and none closed yet.
      expect(await service.retrieveCurrentBatch(null)).toBeNull()
      expect(await service.retrieveOpenBatch()).toBeNull()

      await insertOrders(db(), [{ id: "order_today", currency_code: "eur" }])
      await db().execute(`UPDATE "order" SET is_draft_order = false WHERE id = 'order_draft'`)
      const { closed } = await service.rotate({ reason: "login", user_id: "user_1", actor_id: "user_1" })
      expect(closed).toMatchObject({ number: 1002, order_count: 2 })
      expect((await service.retrieveCurrentBatch("user_1"))?.number).toBe(1002)
      expect((await batchOf("order_draft"))?.number).toBe(1002)
    })

    it("runs once: a second run finds the batch sealed and the history in it", async () => {
      await service.createQueue()
      expect(await service.createQueue()).toEqual({ trigger_created: false, install_batch: null, queued: 0 })
      expect((await service.listOrderBatches()).map((b) => b.number)).toEqual([1001])
    })

    it("is refused any change once sealed, like every closed batch", async () => {
      await service.createQueue()
      const history = await service.retrieveBatchByNumber(1001)
      await expect(
        db().execute(`INSERT INTO order_batch_order (order_id, batch_id, placed_at) VALUES ('order_x', '${history.id}', now())`)
      ).rejects.toThrow(/Batch 1001 is closed/)
      await expect(db().execute(`UPDATE order_batch SET closed_at = NULL WHERE id = '${history.id}'`)).rejects.toThrow(
        /Batch 1001 is closed/
      )
      // Only an install batch may be closed before it is sealed.
      await expect(
        db().execute(`INSERT INTO order_batch (id, number, status, opened_at, close_reason) VALUES ('obat_x', 1002, 'closed', now(), 'manual')`)
      ).rejects.toThrow(/order_batch_sealed_check/)
    })

    it("leaves the orders of a store that has batches already to its next close", async () => {
      await service.assignOrders([placed("order_placed")])
      expect(await service.createQueue()).toEqual({ trigger_created: true, install_batch: null, queued: 3 })
      const { closed } = await service.rotate({ reason: "manual" })
      expect(closed).toMatchObject({ number: 1001, order_count: 4 })
    })

    it("a fill that stopped half-way: a close meanwhile takes every order without a batch, and the next run seals it", async () => {
      // A fill that stopped half-way: the batch is closed to new orders, not sealed, one order in it.
      await db().execute(
        `INSERT INTO order_batch (id, number, status, opened_at, close_reason) VALUES ('obat_install', 1001, 'closed', now(), 'install')`
      )
      await db().execute(
        `INSERT INTO order_batch_order (order_id, batch_id, placed_at) VALUES ('order_2014', 'obat_install', now())`
      )
      await db().execute(`
        CREATE TRIGGER order_batch_queue_order AFTER INSERT OR UPDATE OF is_draft_order ON "order"
        FOR EACH ROW EXECUTE FUNCTION order_batch_queue_order()`)
      await service.assignOrders([placed("order_new")])

      // A close meanwhile takes every order that has no batch, not only the queue.
      const { closed } = await service.rotate({ reason: "manual" })
      expect(closed).toMatchObject({ number: 1002, order_count: 3 })
      expect((await batchOf("order_yesterday"))?.number).toBe(1002)

      const resumed = await service.createQueue()
      expect(resumed.install_batch).toEqual({ number: 1001, orders: 0 })
      expect(await service.retrieveBatchByNumber(1001)).toMatchObject({ order_count: 1, closed_at: expect.any(Date) })
    })
  },
})
