// The plugin's widgets in Medusa's own order pages: the order's batch on the
// order page, the current batch and "Go to batch #" above the order list.
const { logIn, screenshot, useDashboard, withFailureScreenshot } = require("./support/dashboard")
const { placeOrder, store } = require("./support/store")

describe("Order widgets", () => {
  const session = useDashboard()
  const header = () => session.page.getByTestId("batch-header")
  /** An order in the batch this file's login closed, and one placed after. */
  let closed
  let open

  beforeAll(async () => {
    closed = await placeOrder([[1, 1]], "e2e.widgets@example.com")
    await logIn(session.page, store().admins[0], "/app/orders")
    open = await placeOrder([[2, 1]], "e2e.widgets@example.com")
    expect(open.batch.number).toBe(closed.batch.number + 1)
  })

  it("shows the order's batch on the order page, linking to it", () =>
    withFailureScreenshot(session.page, "order-widget", async () => {
      const { page } = session
      const { order, batch } = closed
      await page.goto(`/app/orders/${order.id}`)
      const widget = page.getByTestId("order-batch-widget")
      const link = widget.getByRole("link", { name: `#${batch.number}`, exact: true })
      await link.waitFor()
      // Medusa's own order page around it has loaded too.
      await page.getByText(`#${order.display_id}`, { exact: true }).first().waitFor()
      expect(await widget.getByText("open — still receiving orders").count()).toBe(0)
      await screenshot(page, "order-batch-widget", { readme: true })

      await link.click()
      await page.waitForURL(`**/app/batches/${batch.number}`)
      await header().getByRole("heading", { name: `Batch #${batch.number}`, exact: true }).waitFor()
    }))

  it("says so on the order page when the order's batch is still open", () =>
    withFailureScreenshot(session.page, "order-widget-open", async () => {
      const { page } = session
      const { order, batch } = open
      await page.goto(`/app/orders/${order.id}`)
      const widget = page.getByTestId("order-batch-widget")
      await widget.getByRole("link", { name: `#${batch.number}`, exact: true }).waitFor()
      await widget.getByText("open — still receiving orders").waitFor()
      await screenshot(page, "order-batch-widget-open")
    }))

  it("shows the current batch on the order list, with Go to batch", () =>
    withFailureScreenshot(session.page, "order-list-widget", async () => {
      const { page } = session
      const current = closed.batch.number
      await page.goto("/app/orders")
      const widget = page.getByTestId("order-list-batch-widget")
      await widget.getByRole("link", { name: `Batch #${current}`, exact: true }).waitFor()
      await widget.getByText(/Closed .+ · \d+ orders?$/).waitFor()
      // Medusa 2.21 puts plugin widgets after the page's own sections, so
      // below the list until an administrator moves it up (Customize).
      await screenshot(page, "order-list-widget", { locator: widget })

      // A bad number is answered here too, without leaving the list.
      const field = widget.getByLabel("Go to batch #")
      await field.fill("abc")
      await field.press("Enter")
      await widget.getByRole("alert").filter({ hasText: "A batch number is a whole number" }).waitFor()
      expect(new URL(page.url()).pathname).toBe("/app/orders")

      await field.fill(String(current - 1))
      await field.press("Enter")
      await page.waitForURL(`**/app/batches/${current - 1}`)
      await header().getByRole("heading", { name: `Batch #${current - 1}`, exact: true }).waitFor()

      await page.goto("/app/orders")
      await widget.getByRole("link", { name: "View batches", exact: true }).click()
      await page.waitForURL("**/app/batches")
      await header().getByRole("heading", { name: `Batch #${current}`, exact: true }).waitFor()
    }))
})
