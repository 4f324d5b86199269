// Batch actions as an administrator uses them: Fulfill all on a closed
// batch's page, behind its confirmation, the progress while it runs and the
// run in the batch's history when it is done.
const { logIn, screenshot, useDashboard, withFailureScreenshot } = require("./support/dashboard")
const { api, batchOrders, placeOrder, store } = require("./support/store")
const { request, secretKey } = require("../scripts/lib/demo-orders")

/** Closes batch `number` (only while it is the open one) with the store's secret key. */
const closeBatch = (number) =>
  request(store().url, "POST", "/admin/batches/rotate", {
    headers: secretKey(store().catalog.secretKey),
    body: { number },
  })

describe("Batch actions", () => {
  const session = useDashboard()

  it("fulfills every order of a closed batch from its page: confirmation, progress, done", () =>
    withFailureScreenshot(session.page, "batch-actions", async () => {
      const { page } = session
      // Orders of our own, enough for the progress to show between start and end.
      const placed = []
      for (let i = 0; i < 5; i++) {
        placed.push(await placeOrder([[i % 3, 1 + (i % 2)]], `e2e.fulfill${i}@example.com`))
      }
      const number = placed[0].batch.number
      await closeBatch(number)
      const { batch } = await api(`/admin/batches/${number}`)
      const count = batch.order_count - batch.canceled_count

      await logIn(page, store().admins[0], `/app/batches/${number}`)
      const section = page.getByTestId("batch-actions")
      await section.getByRole("heading", { name: "Batch actions" }).waitFor()

      await section.getByRole("button", { name: "Fulfill all", exact: true }).click()
      const prompt = page.getByRole("alertdialog")
      await prompt.getByText(`Fulfill every order of batch #${number}?`).waitFor()
      await prompt.getByText(`unfulfilled item of ${count} orders`, { exact: false }).waitFor()

      // Everything the progress bar showed, however briefly.
      await page.evaluate(() => {
        window.__progress = []
        new MutationObserver(() => {
          const bar = document.querySelector('[data-testid="batch-action-progress"] [role="progressbar"]')
          if (bar) {
            window.__progress.push(Number(bar.getAttribute("aria-valuenow")))
          }
        }).observe(document.body, { subtree: true, childList: true, attributes: true })
      })
      await prompt.getByRole("button", { name: "Fulfill all", exact: true }).click()

      const history = section.getByTestId("batch-action-history")
      const newest = history.getByTestId("batch-action-run").first()
      await newest.getByText("Done", { exact: true }).waitFor({ timeout: 90_000 })
      const { runs } = await api(`/admin/batches/${number}/actions`)
      const [run] = runs
      expect(run).toMatchObject({ action: "fulfill", status: "completed", total: batch.order_count })
      await newest
        .getByText(`${run.total} orders: ${run.succeeded} done, ${run.skipped} skipped, ${run.failed.length} failed`, {
          exact: false,
        })
        .waitFor()
      expect(run.succeeded).toBeGreaterThanOrEqual(placed.length)

      const progress = await page.evaluate(() => window.__progress)
      expect(progress.length).toBeGreaterThan(0)
      expect(progress).toEqual([...progress].sort((a, b) => a - b))
      // The progress is gone once the run is done, and the button is free again.
      await section.getByTestId("batch-action-progress").waitFor({ state: "detached" })

      const orders = await batchOrders(number, "id,fulfillment_status")
      for (const { order } of placed) {
        expect(orders.find((o) => o.id === order.id).fulfillment_status).toBe("fulfilled")
      }
      // The batch's orders table shows it without a reload.
      const table = page.getByTestId("batch-orders")
      for (const { order } of placed) {
        await table.locator("tr").filter({ has: page.getByRole("link", { name: `#${order.display_id}`, exact: true }) })
          .getByText("Fulfilled", { exact: true }).waitFor()
      }
      await section.scrollIntoViewIfNeeded()
      await screenshot(page, "batch-actions", { readme: true })
    }))
})
