// The Batches page as an administrator uses it: the login that closes a
// batch, moving between batches, bad numbers, the preview of the next batch
// and closing it by hand.
const {
  logIn,
  screenshot,
  sectionRow,
  useDashboard,
  waitForOrderRows,
  withFailureScreenshot,
} = require("./support/dashboard")
const { api, batchOrders, openBatch, placeOrder, sql, store } = require("./support/store")

describe("Batches page", () => {
  const session = useDashboard()
  const header = () => session.page.getByTestId("batch-header")
  const goToField = () => session.page.getByLabel("Go to batch #")
  const goToForm = () => session.page.locator("form").filter({ has: goToField() })
  /** The batch this file's login closed: the administrator's current batch. */
  let current

  it("logging in closes the open batch and shows it as the current batch", () =>
    withFailureScreenshot(session.page, "login", async () => {
      const { page } = session
      // An order of our own, so the batch the login closes is not empty.
      await placeOrder([[0, 1], [2, 2]])
      const before = await openBatch()
      const orders = await batchOrders(before.number)

      await logIn(page, store().admins[0], "/app/batches")

      expect((await openBatch()).number).toBe(before.number + 1)
      current = before.number
      await header().getByRole("heading", { name: `Batch #${current}`, exact: true }).waitFor()
      await header().getByText("Your current batch").waitFor()
      await sectionRow(header(), "Closed by").getByText("Ada Admin, at login").waitFor()
      await sectionRow(header(), "Orders").getByText(String(orders.length), { exact: true }).waitFor()
      await waitForOrderRows(page, orders.map((o) => o.display_id))
      await screenshot(page, "batches-current", { readme: true })
    }))

  it("goes to a batch by number, with Enter and with the Go button", () =>
    withFailureScreenshot(session.page, "go-to-batch", async () => {
      const { page } = session
      const { count } = await api("/admin/batches?limit=1")
      const {
        batches: [oldest],
      } = await api(`/admin/batches?limit=1&offset=${count - 1}`)
      // The seeding filled the oldest batches in order.
      const seeded = store().batches

      await goToField().fill(String(oldest.number))
      await goToField().press("Enter")
      await page.waitForURL(`**/app/batches/${oldest.number}`)
      await header().getByRole("heading", { name: `Batch #${oldest.number}`, exact: true }).waitFor()
      await waitForOrderRows(page, seeded[0].map((o) => o.display_id))

      await goToField().fill(`#${oldest.number + 1}`)
      await goToForm().getByRole("button", { name: "Go" }).click()
      await page.waitForURL(`**/app/batches/${oldest.number + 1}`)
      await header().getByRole("heading", { name: `Batch #${oldest.number + 1}`, exact: true }).waitFor()
      await waitForOrderRows(page, seeded[1].map((o) => o.display_id))

      // "Current batch" comes back to the batch of this login.
      await page.getByRole("link", { name: "Current batch", exact: true }).click()
      await page.waitForURL("**/app/batches")
      await header().getByRole("heading", { name: `Batch #${current}`, exact: true }).waitFor()
      await screenshot(page, "go-to-batch")
    }))

  it("answers a bad batch number under the field and stays where it is", () =>
    withFailureScreenshot(session.page, "go-to-batch-error", async () => {
      const { page } = session
      const newest = (await openBatch()).number
      const cases = [
        ["abc", "A batch number is a whole number, such as 12."],
        ["0", "Batch numbers start at 1."],
        ["-4", "Batch numbers start at 1."],
        // Only the server knows which batches exist; it names the range.
        [String(newest + 1), `Batch ${newest + 1} does not exist`],
      ]
      const alert = goToForm().getByRole("alert")
      const url = page.url()
      for (const [input, message] of cases) {
        await goToField().fill(input)
        // Typing clears the previous answer.
        await alert.waitFor({ state: "detached" })
        await goToField().press("Enter")
        await alert.filter({ hasText: message }).waitFor()
        expect(page.url()).toBe(url)
        await header().getByRole("heading", { name: `Batch #${current}`, exact: true }).waitFor()
      }
      await screenshot(page, "go-to-batch-error", { readme: true })
    }))

  it("previews the next batch under a warning", () =>
    withFailureScreenshot(session.page, "next-batch", async () => {
      const { page } = session
      const open = await openBatch()
      await page.getByRole("link", { name: "Next batch (preview)" }).click()
      await page.waitForURL(`**/app/batches/${open.number}`)
      await header().getByRole("heading", { name: `Batch #${open.number}`, exact: true }).waitFor()
      await page
        .getByTestId("open-batch-warning")
        .getByText(`Batch #${open.number} is still receiving orders`)
        .waitFor()
      await sectionRow(header(), "Closed").getByText("Still open").waitFor()
      await screenshot(page, "next-batch-preview")
    }))

  it("shows a new order in the preview and not in the current batch", () =>
    withFailureScreenshot(session.page, "new-order", async () => {
      const { page } = session
      const { order, batch } = await placeOrder([[1, 2]], "e2e.preview@example.com")
      const open = await openBatch()
      expect(batch.number).toBe(open.number)

      // The page reads the batch again when it loads.
      await page.reload()
      await waitForOrderRows(page, (await batchOrders(open.number)).map((o) => o.display_id))
      await page.getByTestId("batch-orders").getByRole("link", { name: `#${order.display_id}`, exact: true }).waitFor()
      await screenshot(page, "next-batch-warning", { readme: true })

      await page.getByRole("link", { name: "Current batch", exact: true }).click()
      await page.waitForURL("**/app/batches")
      await header().getByRole("heading", { name: `Batch #${current}`, exact: true }).waitFor()
      const currentOrders = (await batchOrders(current)).map((o) => o.display_id)
      expect(currentOrders).not.toContain(order.display_id)
      await waitForOrderRows(page, currentOrders)
      expect(
        await page.getByTestId("batch-orders").getByRole("link", { name: `#${order.display_id}`, exact: true }).count()
      ).toBe(0)
    }))

  it("closes the open batch now, after a confirmation", () =>
    withFailureScreenshot(session.page, "close-batch", async () => {
      const { page } = session
      const open = await openBatch()
      await page.getByRole("link", { name: "Next batch (preview)" }).click()
      await page.waitForURL(`**/app/batches/${open.number}`)

      await page.getByRole("button", { name: "Close batch now" }).click()
      const prompt = page.getByRole("alertdialog")
      await prompt.getByText(`Close batch #${open.number} now?`).waitFor()
      // Cancelling closes nothing.
      await prompt.getByRole("button", { name: "Cancel" }).click()
      await prompt.waitFor({ state: "detached" })
      expect((await openBatch()).number).toBe(open.number)

      await page.getByRole("button", { name: "Close batch now" }).click()
      await prompt.getByText(`Close batch #${open.number} now?`).waitFor()
      await prompt.getByRole("button", { name: "Close batch", exact: true }).click()
      await page
        .getByText(`Batch #${open.number} is closed. New orders now go into batch #${open.number + 1}.`)
        .waitFor()
      expect((await openBatch()).number).toBe(open.number + 1)

      // The batch on screen is closed now: no warning, closed by hand.
      await page.getByTestId("open-batch-warning").waitFor({ state: "detached" })
      await sectionRow(header(), "Closed by").getByText("Ada Admin, closed manually").waitFor()

      // And the preview is the new batch.
      await page.getByRole("link", { name: "Next batch (preview)" }).click()
      await page.waitForURL(`**/app/batches/${open.number + 1}`)
      await header().getByRole("heading", { name: `Batch #${open.number + 1}`, exact: true }).waitFor()
      await page.getByTestId("open-batch-warning").waitFor()
      await waitForOrderRows(page, [])
      await screenshot(page, "batch-closed")
    }))

  it("warns where the trigger that queues every order is disabled, until it is enabled again", () =>
    withFailureScreenshot(session.page, "queue-warning", async () => {
      const { page } = session
      const warning = page.getByTestId("queue-problem-warning")
      await page.reload()
      await header().waitFor()
      expect(await warning.count()).toBe(0)

      await sql(`ALTER TABLE "order" DISABLE TRIGGER order_batch_queue_order`)
      try {
        await page.reload()
        await warning
          .getByText(/New orders are not queued for their batch: the trigger order_batch_queue_order on the "order" table is disabled/)
          .waitFor()
        await warning.getByText(/ALTER TABLE "order" ENABLE TRIGGER order_batch_queue_order/).waitFor()
        await screenshot(page, "queue-warning")
      } finally {
        await sql(`ALTER TABLE "order" ENABLE TRIGGER order_batch_queue_order`)
      }
      await page.reload()
      await header().waitFor()
      await warning.waitFor({ state: "detached" })
    }))
})
