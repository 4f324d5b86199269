// The documents of a batch as the dashboard opens them, with its cookie
// session: the print document and the pick list in new tabs, the CSV as a
// download; each is recorded against the administrator.
const fs = require("node:fs")
const { parseCsv } = require("./support/csv")
const {
  logIn,
  screenshot,
  sectionRow,
  useDashboard,
  waitForOrderRows,
  withFailureScreenshot,
} = require("./support/dashboard")
const { api, batchOrders, openBatch, placeOrder, store } = require("./support/store")
const { request, secretKey } = require("../scripts/lib/demo-orders")

describe("Batch documents", () => {
  const session = useDashboard()
  const header = () => session.page.getByTestId("batch-header")
  /** The batch this file's login closed, and its orders with their items. */
  let number
  let orders

  beforeAll(async () => {
    // Orders of known items, closed into the current batch by the login.
    await placeOrder([[0, 2], [3, 1]], "e2e.documents@example.com")
    await placeOrder([[0, 1], [4, 3]], "e2e.documents@example.com")
    number = (await openBatch()).number
    await logIn(session.page, store().admins[1], "/app/batches")
    orders = await batchOrders(number, "id,display_id,items.variant_sku,items.quantity")
    await header().getByRole("heading", { name: `Batch #${number}`, exact: true }).waitFor()
    await waitForOrderRows(session.page, orders.map((o) => o.display_id))
  })

  /**
   * The administrator comes back to the dashboard's window, from the print
   * tab or from the spreadsheet with the export. Headless Chromium keeps every
   * tab visible and focused, so the focus a real browser gives is sent here.
   */
  const comeBack = () => session.page.evaluate(() => window.dispatchEvent(new Event("focus")))

  /** Clicks a link that opens a new tab and returns that tab, loaded. */
  async function openInNewTab(name) {
    const { context, page } = session
    const [tab] = await Promise.all([
      context.waitForEvent("page"),
      page.getByRole("link", { name, exact: true }).click(),
    ])
    await tab.waitForLoadState("load")
    return tab
  }

  it("prints the batch: one page per order, in a new tab", () =>
    withFailureScreenshot(session.page, "print", async () => {
      await sectionRow(header(), "Printed").getByText("Not printed yet").waitFor()
      const doc = await openInNewTab("Print batch")
      expect(new URL(doc.url()).pathname).toBe(`/admin/batches/${number}/print`)
      expect(await doc.title()).toBe(`Batch ${number}: ${orders.length} orders`)
      const sections = doc.locator("section.order")
      expect(await sections.count()).toBe(orders.length)
      for (const [i, order] of orders.entries()) {
        const section = sections.nth(i)
        await section.getByRole("heading", { name: `Order #${order.display_id}` }).waitFor()
        await section.getByText(`Batch ${number}`, { exact: true }).waitFor()
        for (const item of order.items) {
          await section.getByRole("cell", { name: item.variant_sku, exact: true }).waitFor()
        }
      }
      await screenshot(doc, "print-document", { readme: true })
      // On paper, every order but the last ends its page.
      await doc.emulateMedia({ media: "print" })
      const breaks = await sections.evaluateAll((all) => all.map((s) => getComputedStyle(s).breakAfter))
      expect(breaks).toEqual(orders.map((_, i) => (i < orders.length - 1 ? "page" : "auto")))
      await doc.close()

      // The server recorded who printed it; the dashboard shows it on return.
      expect((await api(`/admin/batches/${number}`)).batch.printed_at).not.toBeNull()
      await comeBack()
      await sectionRow(header(), "Printed").getByText("by Wendy Warehouse").waitFor()
    }))

  it("opens the pick list: one line per SKU, summed over the batch", () =>
    withFailureScreenshot(session.page, "pick-list", async () => {
      const expected = new Map()
      for (const order of orders) {
        for (const item of order.items) {
          const line = expected.get(item.variant_sku) ?? { quantity: 0, orders: new Set() }
          line.quantity += Number(item.quantity)
          line.orders.add(order.id)
          expected.set(item.variant_sku, line)
        }
      }
      const doc = await openInNewTab("Pick list")
      expect(new URL(doc.url()).pathname).toBe(`/admin/batches/${number}/pick-list`)
      const rows = await doc
        .locator("tbody tr")
        .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent.trim())))
      expect(rows.map(([, , sku, quantity, count]) => [sku, Number(quantity), Number(count)])).toEqual(
        [...expected.keys()].sort().map((sku) => [sku, expected.get(sku).quantity, expected.get(sku).orders.size])
      )
      await screenshot(doc, "pick-list")
      await doc.close()
    }))

  it("downloads the batch as batch-<number>.csv, one row per order", () =>
    withFailureScreenshot(session.page, "export", async () => {
      const { page } = session
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Export CSV", exact: true }).click(),
      ])
      expect(download.suggestedFilename()).toBe(`batch-${number}.csv`)
      const text = fs.readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "")
      const [head, ...rows] = parseCsv(text)
      expect(head).toEqual([
        "batch_number",
        "order_number",
        "order_id",
        "placed_at",
        "email",
        "customer_name",
        "shipping_name",
        "shipping_address",
        "item_count",
        "currency_code",
        "total",
        "payment_status",
        "fulfillment_status",
        "status",
      ])
      const cell = (row, name) => row[head.indexOf(name)]
      expect(rows.map((row) => cell(row, "order_id"))).toEqual(orders.map((o) => o.id))
      expect(rows.map((row) => Number(cell(row, "order_number")))).toEqual(orders.map((o) => o.display_id))
      expect(new Set(rows.map((row) => cell(row, "batch_number")))).toEqual(new Set([String(number)]))
      expect(rows.map((row) => Number(cell(row, "item_count")))).toEqual(
        orders.map((o) => o.items.reduce((sum, item) => sum + Number(item.quantity), 0))
      )

      // Recorded as the file started, and shown when the administrator comes back.
      expect((await api(`/admin/batches/${number}`)).batch.exported_at).not.toBeNull()
      await comeBack()
      await sectionRow(header(), "Exported").getByText("by Wendy Warehouse").waitFor()
      await screenshot(page, "batch-handled")
    }))

  it("marks an order canceled after the close: CANCELED on its slip, off the pick list, counted on the page; slips and lines carry barcodes", () =>
    withFailureScreenshot(session.page, "canceled", async () => {
      const [canceled, ...kept] = orders
      const { url, catalog } = store()
      await request(url, "POST", `/admin/orders/${canceled.id}/cancel`, {
        headers: secretKey(catalog.secretKey),
        body: {},
      })
      await comeBack()
      await header().getByTestId("batch-canceled-count").getByText("1 canceled", { exact: false }).waitFor()
      await header().getByText("Canceled orders are left out of the totals").waitFor()

      const doc = await openInNewTab("Print batch")
      const sections = doc.locator("section.order")
      const slip = sections.nth(0)
      await slip.getByRole("heading", { name: `Order #${canceled.display_id}` }).waitFor()
      await slip.getByRole("alert").getByText("CANCELED", { exact: true }).waitFor()
      expect(await doc.locator("section.order.canceled").count()).toBe(1)
      // Every slip carries its order number as a barcode, drawn inline.
      const codes = await sections.evaluateAll((all) =>
        all.map((s) => s.querySelector("svg.barcode")?.getAttribute("data-barcode"))
      )
      expect(codes).toEqual(orders.map((o) => String(o.display_id)))
      const box = await slip.locator("svg.barcode").boundingBox()
      expect(box.width).toBeGreaterThan(50)
      await screenshot(doc, "print-canceled-slip", { readme: true, locator: slip })
      await doc.close()

      const list = await openInNewTab("Pick list")
      await list.getByText("Left out: 1 canceled order of this batch").waitFor()
      const skus = new Set(kept.flatMap((o) => o.items.map((item) => item.variant_sku)))
      const lines = await list
        .locator("tbody tr")
        .evaluateAll((trs) =>
          trs.map((tr) => [tr.cells[2].childNodes[0].textContent.trim(), tr.querySelector("svg.barcode")?.getAttribute("data-barcode")])
        )
      expect(lines).toEqual([...skus].sort().map((sku) => [sku, sku]))
      await screenshot(list, "pick-list-barcodes", { readme: true })
      await list.close()
    }))
})
