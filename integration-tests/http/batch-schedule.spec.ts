import { INotificationModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import closeBatchOnSchedule, { closeOnSchedule } from "../../src/jobs/close-batch-on-schedule"
import { secretKey } from "../helpers/admin"
import { checkout } from "../helpers/checkout"
import { recordEvents } from "../helpers/events"
import { SeededStore, seedStore } from "../helpers/seed-store"
import { waitForAssignments } from "../helpers/wait"

jest.setTimeout(180_000)

// Read by the repository's medusa-config.ts when the runner loads it. The
// store keeps Medusa's default notification setup: a feed, no email provider.
const previous = process.env.ORDER_BATCH_OPTIONS
beforeAll(() => {
  process.env.ORDER_BATCH_OPTIONS = JSON.stringify({
    closeSchedule: "*/10 * * * *",
    rotateEmptyBatch: false,
    closeSummaryEmail: "ops@example.com",
  })
})
afterAll(() => {
  process.env.ORDER_BATCH_OPTIONS = previous
})

const SCHEDULE = "*/10 * * * *"

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore

    beforeEach(async () => {
      store = await seedStore(getContainer())
    })

    const batches = async () =>
      (await api.get("/admin/batches", secretKey(store.secretKey))).data.batches

    it("closes the open batch once per tick however many workers run the job, with reason schedule, keeping an empty batch open", async () => {
      const closedEvents = recordEvents(getContainer(), ["order_batch.closed"])
      const order = await checkout(api, store)
      await waitForAssignments(getContainer(), [order.id])
      const [open] = await batches()
      expect(open).toMatchObject({ number: 1, status: "open", order_count: 1 })

      // The next tick of */10 after the batch opened, as two workers see it.
      const opened = new Date(open.opened_at)
      const tick = new Date(Math.floor(opened.getTime() / 600_000) * 600_000 + 600_000)
      const run = { schedule: SCHEDULE, since: new Date(tick.getTime() - 60_000), now: new Date(tick.getTime() + 250) }
      const results = await Promise.all([
        closeOnSchedule(getContainer(), run),
        closeOnSchedule(getContainer(), run),
      ])
      expect(results.map((r) => r?.rotated).sort()).toEqual([false, true])
      // The worker that lost the race gets the same close back.
      expect(results.map((r) => r?.closed?.number)).toEqual([1, 1])

      const [next, closed] = await batches()
      expect(closed).toMatchObject({ number: 1, status: "closed", close_reason: "schedule", closed_by: null, order_count: 1 })
      expect(next).toMatchObject({ number: 2, status: "open" })

      // The next minute's run finds no new tick; batch 2 opened after this one anyway.
      expect(
        await closeOnSchedule(getContainer(), { ...run, since: run.now, now: new Date(run.now.getTime() + 60_000) })
      ).toBeNull()

      // At the next tick batch 2 is empty: rotateEmptyBatch: false keeps it open.
      const nextTick = new Date(Math.max(tick.getTime(), Math.floor(Date.now() / 600_000) * 600_000) + 600_000)
      const empty = await closeOnSchedule(getContainer(), {
        schedule: SCHEDULE,
        since: new Date(nextTick.getTime() - 60_000),
        now: nextTick,
      })
      expect(empty).toMatchObject({ rotated: false, closed: null, opened: { number: 2 } })
      expect((await batches()).map((b: { number: number; status: string }) => [b.number, b.status])).toEqual([
        [2, "open"],
        [1, "closed"],
      ])

      // The job itself, on the real clock: no tick of */10 fell in its first minute's look-back, or one did and batch 2 is empty.
      await closeBatchOnSchedule(getContainer())
      expect(await batches()).toHaveLength(2)

      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(closedEvents.map((e) => e.data.number)).toEqual([1])

      // The close was announced in the feed; the store has no email
      // provider, so the summary email is recorded as failed and nothing else broke.
      const notifications: INotificationModuleService = getContainer().resolve(Modules.NOTIFICATION)
      const deadline = Date.now() + 30_000
      let sent = await notifications.listNotifications({ resource_id: closed.id })
      while (sent.filter((n) => n.status !== "pending").length < 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200))
        sent = await notifications.listNotifications({ resource_id: closed.id })
      }
      expect(sent.map((n) => [n.channel, n.status, n.to]).sort()).toEqual([
        ["email", "failure", "ops@example.com"],
        ["feed", "success", ""],
      ])
      expect(sent.find((n) => n.channel === "feed")!.data).toMatchObject({
        title: expect.stringMatching(/^Batch 1 closed on schedule: 1 order, €\d/),
      })
    })
  },
})
