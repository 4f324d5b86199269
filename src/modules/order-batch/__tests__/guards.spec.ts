import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import OrderBatchModuleService from "../service"
import { moduleUnderTest, placed } from "./fixtures"
import { createOrderTable } from "./order-table"

jest.setTimeout(60_000)

const REFUSED = /Batch 1 is closed/

moduleIntegrationTestRunner<OrderBatchModuleService>({
  ...moduleUnderTest,
  testSuite: ({ service, MikroOrmWrapper }) => {
    const db = () => MikroOrmWrapper.forkManager()
    let closedId: string
    let openId: string

    beforeEach(async () => {
      await createOrderTable(db())
      await service.assignOrders([placed("order_1"), placed("order_2")])
      const { closed, opened } = await service.rotate({ reason: "manual" })
      closedId = closed!.id
      openId = opened!.id
      await service.assignOrders([placed("order_3")])
    })

    const membership = async () =>
      (await db().execute(`SELECT order_id, batch_id, deleted_at FROM order_batch_order ORDER BY order_id`)) as unknown[]

    describe("PostgreSQL refuses a change to a closed batch's membership", () => {
      it.each([
        ["adding an order", () => `INSERT INTO order_batch_order (order_id, batch_id, placed_at) VALUES ('order_x', '${closedId}', now())`],
        ["moving an order out", () => `UPDATE order_batch_order SET batch_id = '${openId}' WHERE order_id = 'order_1'`],
        ["moving an order in", () => `UPDATE order_batch_order SET batch_id = '${closedId}' WHERE order_id = 'order_3'`],
        ["removing an order", () => `DELETE FROM order_batch_order WHERE order_id = 'order_1'`],
        ["soft-deleting an order", () => `UPDATE order_batch_order SET deleted_at = now() WHERE order_id = 'order_2'`],
        ["renaming an order", () => `UPDATE order_batch_order SET order_id = 'order_y' WHERE order_id = 'order_2'`],
      ])("%s, at every isolation level", async (_, sql) => {
        const before = await membership()
        for (const level of ["READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"]) {
          await expect(
            db().transactional(async (em) => {
              await em.execute(`SET TRANSACTION ISOLATION LEVEL ${level}`)
              await em.execute(sql())
            })
          ).rejects.toThrow(REFUSED)
        }
        expect(await membership()).toEqual(before)
      })

      it("through the module's generated methods too", async () => {
        await expect(
          service.updateOrderBatchOrders({ order_id: "order_1", batch_id: openId })
        ).rejects.toThrow(REFUSED)
        await expect(service.deleteOrderBatchOrders("order_1")).rejects.toThrow(REFUSED)
        await expect(service.softDeleteOrderBatchOrders("order_1")).rejects.toThrow(REFUSED)
        expect((await service.retrieveBatchByNumber(1)).order_count).toBe(2)
      })

      it("while totals and cancellations of its orders may still be recorded", async () => {
        await service.updateOrderBatchOrders({ order_id: "order_1", total: 12, canceled_at: new Date() })
        expect(await service.retrieveBatchByNumber(1)).toMatchObject({ order_count: 2, canceled_count: 1 })
      })

      it("and lets the open batch's membership change", async () => {
        await db().execute(`DELETE FROM order_batch_order WHERE order_id = 'order_3'`)
        expect((await service.retrieveOpenBatch())!.order_count).toBe(0)
      })
    })

    describe("PostgreSQL refuses reopening, renumbering or removing a closed batch", () => {
      it.each([
        ["reopening", () => `UPDATE order_batch SET status = 'open' WHERE id = '${closedId}'`],
        ["renumbering", () => `UPDATE order_batch SET number = 99 WHERE id = '${closedId}'`],
        ["deleting", () => `DELETE FROM order_batch WHERE id = '${closedId}'`],
        ["soft-deleting", () => `UPDATE order_batch SET deleted_at = now() WHERE id = '${closedId}'`],
      ])("%s", async (_, sql) => {
        await db().execute(`DELETE FROM order_batch_order WHERE order_id = 'order_3'`)
        await expect(db().execute(sql())).rejects.toThrow(/Batch 1 is closed/)
        expect(await service.retrieveBatchByNumber(1)).toMatchObject({ status: "closed", number: 1 })
      })

      it("through the generated methods too, while print and export records still update", async () => {
        await expect(service.updateOrderBatches({ id: closedId, status: "open" })).rejects.toThrow(/Batch 1 is closed/)
        await service.updateOrderBatches({ id: closedId, printed_at: new Date(), printed_by: "user_1" })
        expect(await service.retrieveBatchByNumber(1)).toMatchObject({ status: "closed", printed_by: "user_1" })
      })
    })

    describe("a rotation with a time limit", () => {
      it("gives up within the limit when the lock is held, and changes nothing", async () => {
        const holder = db()
        await holder.transactional(async (em) => {
          await em.execute("SELECT pg_advisory_xact_lock(7302853621)")
          const started = Date.now()
          await expect(
            service.rotate({ reason: "login", user_id: "user_1", login_id: "login_1", time_limit_ms: 500 })
          ).rejects.toThrow(/lock timeout/)
          expect(Date.now() - started).toBeLessThan(3_000)
        })
        expect(await service.listOrderBatches()).toHaveLength(2)
        expect(await service.listOrderBatchUsers({ user_id: "user_1" })).toEqual([])
      })

      it("gives up within the limit when the batch tables are locked", async () => {
        await db().transactional(async (em) => {
          await em.execute("LOCK TABLE order_batch, order_batch_order, order_batch_user IN ACCESS EXCLUSIVE MODE")
          const started = Date.now()
          await expect(
            service.rotate({ reason: "login", user_id: "user_1", login_id: "login_1", time_limit_ms: 500 })
          ).rejects.toThrow(/lock timeout|statement timeout/)
          expect(Date.now() - started).toBeLessThan(3_000)
        })
      })

      it("records its login, and a failed login keeps the current batch", async () => {
        await service.rotate({ reason: "login", user_id: "user_1", login_id: "login_1", time_limit_ms: 5_000 })
        const [record] = await service.listOrderBatchUsers({ user_id: "user_1" })
        expect(record).toMatchObject({ login_id: "login_1", failed_login_at: null })

        await service.recordLoginFailure({ user_id: "user_1", reason: "lock timeout" })
        const [failed] = await service.listOrderBatchUsers({ user_id: "user_1" })
        expect(failed).toMatchObject({ batch_id: record.batch_id, failed_login_reason: "lock timeout" })
        expect((await service.retrieveCurrentBatch("user_1"))!.number).toBe(2)

        await service.recordLoginFailure({ user_id: "user_new", reason: "lock timeout" })
        expect((await service.retrieveCurrentBatch("user_new"))!.number).toBe(2)
      })

      it("records no failure for a login whose rotation committed after its caller gave up", async () => {
        await service.rotate({ reason: "login", user_id: "user_1", login_id: "login_late", time_limit_ms: 5_000 })
        await service.recordLoginFailure({ user_id: "user_1", reason: "timed out", login_id: "login_late" })
        const [record] = await service.listOrderBatchUsers({ user_id: "user_1" })
        expect(record).toMatchObject({ login_id: "login_late", failed_login_at: null, failed_login_reason: null })

        // The same administrator's next login that does fail is recorded.
        await service.recordLoginFailure({ user_id: "user_1", reason: "timed out", login_id: "login_next" })
        const [failed] = await service.listOrderBatchUsers({ user_id: "user_1" })
        expect(failed).toMatchObject({ login_id: "login_late", failed_login_reason: "timed out" })
      })
    })
  },
})
