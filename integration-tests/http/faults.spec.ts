import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { assignOrdersToBatchWorkflow } from "../../src/workflows"
import { secretKey } from "../helpers/admin"
import { checkout } from "../helpers/checkout"
import { SeededStore, seedStore } from "../helpers/seed-store"
import { waitForAssignments } from "../helpers/wait"

jest.setTimeout(120_000)

// A store's own ordersAssigned hook that fails: switched on per test. It runs
// after the assignment step, so the subscriber's workflow fails after the
// order joined the open batch.
let failHook = false
let hookFailures = 0
assignOrdersToBatchWorkflow.hooks.ordersAssigned(() => {
  if (failHook) {
    hookFailures++
    throw new Error("the store's ordersAssigned hook failed")
  }
})

type Raw = { raw: (sql: string, params?: unknown[]) => Promise<{ rows: any[] }> }

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer, dbConnection }) => {
    const db = dbConnection as unknown as Raw
    let store: SeededStore

    beforeEach(async () => {
      failHook = false
      store = await seedStore(getContainer())
    })

    const key = () => secretKey(store.secretKey)
    const batchOf = async (orderId: string) =>
      (await db.raw(
        `SELECT b.number, b.status FROM order_batch_order a JOIN order_batch b ON b.id = a.batch_id
          WHERE a.order_id = ? AND a.deleted_at IS NULL`,
        [orderId]
      )).rows
    const until = async (what: string, fn: () => Promise<boolean>, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs
      while (!(await fn())) {
        if (Date.now() > deadline) {
          throw new Error(`timed out waiting for ${what}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }

    describe("the order.placed subscriber fails", () => {
      afterEach(async () => {
        await db.raw(`DROP TRIGGER IF EXISTS faults_refuse_subscriber ON order_batch_order`)
        await db.raw(`DROP FUNCTION IF EXISTS faults_refuse_subscriber()`)
        await db.raw(`DROP SEQUENCE IF EXISTS faults_refused`)
      })

      it("where its assignment fails in the database, the order is in no batch until the next close takes it in", async () => {
        const first = await checkout(api, store, { email: "before@example.com" })
        await waitForAssignments(getContainer(), [first.id])

        // PostgreSQL refuses the subscriber's write (it always carries the
        // order's total; a close's sweep never does) and counts each refusal
        // in a sequence, which a rollback does not undo.
        await db.raw(`CREATE SEQUENCE faults_refused`)
        await db.raw(`
          CREATE FUNCTION faults_refuse_subscriber() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF NEW.total IS NOT NULL THEN
              PERFORM nextval('faults_refused');
              RAISE EXCEPTION 'refused by the fault test';
            END IF;
            RETURN NEW;
          END $$`)
        await db.raw(`
          CREATE TRIGGER faults_refuse_subscriber BEFORE INSERT ON order_batch_order
            FOR EACH ROW EXECUTE FUNCTION faults_refuse_subscriber()`)

        const order = await checkout(api, store, { email: "refused@example.com" })
        await until("the subscriber's refused assignment", async () => {
          const { rows } = await db.raw(`SELECT is_called FROM faults_refused`)
          return rows[0].is_called
        })
        expect(await batchOf(order.id)).toEqual([])
        const { rows: queued } = await db.raw(
          `SELECT 1 FROM order_batch_pending_order WHERE order_id = ?`,
          [order.id]
        )
        expect(queued).toHaveLength(1)

        const { data } = await api.post("/admin/batches/rotate", {}, key())
        expect(data.closed.order_count).toBe(2)
        expect(await batchOf(order.id)).toEqual([{ number: data.closed.number, status: "closed" }])
        // Swept orders' totals are read after the close, never silently low.
        await until("the swept order's total", async () => {
          const { batch } = (await api.get(`/admin/batches/${data.closed.number}`, key())).data
          return !batch.totals_pending && batch.totals[0]?.amount > 0
        })
        const { batch } = (await api.get(`/admin/batches/${data.closed.number}`, key())).data
        let expected = 0
        for (const id of [first.id, order.id]) {
          expected += (await api.get(`/admin/orders/${id}?fields=total`, key())).data.order.total
        }
        expect(batch.totals).toEqual([{ currency_code: "eur", amount: expected }])
        expect((await api.get("/admin/batches/open", key())).data.batch.order_count).toBe(0)
      })

      it("where a hook after its assignment throws, the order stays in the open batch and is in exactly the batch the next close closes", async () => {
        failHook = true
        const failuresBefore = hookFailures
        const order = await checkout(api, store, { email: "hook@example.com" })
        await until("the subscriber's failed hook", async () => hookFailures > failuresBefore)
        expect(await batchOf(order.id)).toEqual([{ number: expect.any(Number), status: "open" }])
        const { data } = await api.post("/admin/batches/rotate", {}, key())
        expect(await batchOf(order.id)).toEqual([{ number: data.closed.number, status: "closed" }])
        const { data: next } = await api.get(`/admin/batches/${data.opened.number}/orders`, key())
        expect(next.orders.map((o: { id: string }) => o.id)).not.toContain(order.id)
      })
    })
  },
})
