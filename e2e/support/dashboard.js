// The dashboard in Debian's Chromium, driven by playwright-core: a browser
// per spec file, the real login form, what the Batches page shows, and
// screenshots.
const fs = require("node:fs")
const path = require("node:path")
const { chromium } = require("playwright-core")
const { store } = require("./store")

const root = path.resolve(__dirname, "../..")
const SCREENSHOTS = path.join(root, ".cache", "e2e-screenshots")
// Set to docs/screenshots to refresh the README's pictures.
const README_SCREENSHOTS = process.env.E2E_SCREENSHOTS_DIR
  ? path.resolve(root, process.env.E2E_SCREENSHOTS_DIR)
  : null

const CHROMIUM = process.env.E2E_CHROMIUM ?? "/usr/bin/chromium"
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

/** A labelled row of a detail section (`Closed by`, `Printed`, …). */
const sectionRow = (section, title) =>
  section.locator(":scope > div").filter({ has: section.page().getByText(title, { exact: true }) })

/**
 * Waits until the batch's orders table shows exactly these order numbers,
 * or its empty state where there are none.
 */
async function waitForOrderRows(page, displayIds) {
  const table = page.getByTestId("batch-orders")
  if (!displayIds.length) {
    await table.getByText("No orders in this batch").waitFor()
    return
  }
  for (const id of displayIds) {
    await table.getByRole("link", { name: `#${id}`, exact: true }).waitFor()
  }
  // And no other row.
  await table.locator("tbody tr").nth(displayIds.length).waitFor({ state: "detached" })
}

/**
 * Registers a browser and one signed-out dashboard tab for the spec file;
 * `session.page` is that tab once the file's tests run.
 */
function useDashboard() {
  const session = { browser: null, context: null, page: null }
  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`No Chromium at ${CHROMIUM}: run \`apt-get install -y chromium\` (or set E2E_CHROMIUM).`)
    }
    session.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    session.context = await session.browser.newContext({
      baseURL: store().url,
      viewport: { width: 1280, height: 1100 },
      acceptDownloads: true,
      locale: "en-GB",
      timezoneId: "Europe/Berlin",
    })
    // Waits are on what the page shows; these only bound a wait that fails.
    session.context.setDefaultTimeout(30_000)
    session.context.setDefaultNavigationTimeout(60_000)
    session.page = await session.context.newPage()
  })
  afterAll(async () => {
    await session.browser?.close()
  })
  return session
}

/**
 * Signs in through the dashboard's own login form, starting from `from`
 * (the dashboard sends a signed-out visitor to the login page and back).
 */
async function logIn(page, { email, password }, from = "/app/orders") {
  await page.goto(from)
  await page.waitForURL("**/app/login")
  await page.getByPlaceholder("Email").fill(email)
  await page.getByPlaceholder("Password").fill(password)
  await page.getByRole("button", { name: "Continue with Email" }).click()
  await page.waitForURL((url) => url.pathname === from)
}

/**
 * Saves a screenshot of the page (or of `locator`) under
 * .cache/e2e-screenshots, and under E2E_SCREENSHOTS_DIR too for the ones
 * the README shows.
 */
async function screenshot(page, name, { readme = false, locator } = {}) {
  const image = await (locator ?? page).screenshot({ animations: "disabled" })
  const dirs = [SCREENSHOTS, ...(readme && README_SCREENSHOTS ? [README_SCREENSHOTS] : [])]
  for (const dir of dirs) {
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, `${name}.png`), image)
  }
}

/** Runs a test's body; a failure leaves a screenshot of what the page showed. */
async function withFailureScreenshot(page, name, body) {
  try {
    await body()
  } catch (error) {
    await screenshot(page, `failed-${name}`).catch(() => {})
    throw error
  }
}

module.exports = {
  useDashboard,
  logIn,
  sectionRow,
  waitForOrderRows,
  screenshot,
  withFailureScreenshot,
}
