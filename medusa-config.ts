import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * The store this repository runs for its own tests and development: core
 * Medusa plus this plugin loaded from `src`. ORDER_BATCH_OPTIONS (JSON) sets
 * the plugin's options for a run.
 *
 * REDIS_URL and MEDUSA_WORKER_MODE turn it into a production deployment (what
 * `npm run test:cluster` runs): server and worker processes sharing Redis for
 * the event bus, the workflow engine, locking and sessions. Without them it
 * is one process on Medusa's in-memory modules.
 */
const pluginOptions = JSON.parse(process.env.ORDER_BATCH_OPTIONS || "{}")

/**
 * NOTIFICATION_LOCAL_CHANNELS ("feed,email") gives the store Medusa's local
 * notification provider on those channels, so tests and the dev store see
 * close summaries sent by email; without it the store keeps Medusa's default
 * (the local provider on `feed` only).
 */
const localNotificationChannels = (process.env.NOTIFICATION_LOCAL_CHANNELS ?? "")
  .split(",")
  .map((channel) => channel.trim())
  .filter(Boolean)
const notificationModules = localNotificationChannels.length
  ? [
      {
        resolve: "@medusajs/medusa/notification",
        options: {
          providers: [
            {
              resolve: "@medusajs/medusa/notification-local",
              id: "local",
              options: { name: "Local Notification Provider", channels: localNotificationChannels },
            },
          ],
        },
      },
    ]
  : []
const redisUrl = process.env.REDIS_URL || undefined
// Medusa reads an empty MEDUSA_WORKER_MODE as no mode at all, and then loads
// no scheduled job (the plugin's reconcile job among them): empty is "shared".
const workerMode = (process.env.MEDUSA_WORKER_MODE || "shared") as "shared" | "worker" | "server"

const redisModules = redisUrl
  ? [
      { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } },
          ],
        },
      },
    ]
  : []

// TEST_OAUTH_PROVIDER=true (the SSO login test) lets administrators log in
// through the OAuth-like test provider of integration-tests/fixtures too.
const testOAuth = process.env.TEST_OAUTH_PROVIDER === "true"
const testOAuthModules = testOAuth
  ? [
      {
        resolve: "@medusajs/medusa/auth",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/auth-emailpass", id: "emailpass" },
            { resolve: `${process.cwd()}/integration-tests/fixtures/test-oauth`, id: "test-oauth" },
          ],
        },
      },
    ]
  : []

// TEST_PROVIDERS=true (the batch-action tests: npm run test:cluster,
// npm run test:faults, and dev/seed-demo.js) adds the fulfillment and payment
// providers of integration-tests/fixtures: test-fulfillment beside Medusa's
// manual one, test-payment beside the system one (always registered). Their
// delays, failures and crashes are set by TEST_PROVIDER_* variables or the
// JSON file in TEST_PROVIDER_CONTROL, and what they make is logged to
// TEST_PROVIDER_LOG (integration-tests/fixtures/test-fulfillment/control.js).
const testProviders = process.env.TEST_PROVIDERS === "true"
const fixtures = `${process.cwd()}/integration-tests/fixtures`
const testProviderModules = testProviders
  ? [
      {
        resolve: "@medusajs/medusa/fulfillment",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/fulfillment-manual", id: "manual" },
            { resolve: `${fixtures}/test-fulfillment`, id: "test-fulfillment" },
          ],
        },
      },
      {
        resolve: "@medusajs/medusa/payment",
        options: {
          providers: [{ resolve: `${fixtures}/test-payment`, id: "test-payment" }],
        },
      },
    ]
  : []

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    workerMode,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
      ...(testOAuth && { authMethodsPerActor: { user: ["emailpass", "test-oauth"] } }),
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLE === "true",
  },
  modules: [
    {
      resolve: "./src/modules/order-batch",
      options: pluginOptions,
    },
    ...notificationModules,
    ...testOAuthModules,
    ...testProviderModules,
    ...redisModules,
  ],
})
