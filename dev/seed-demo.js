/**
 * The catalogue of a demo store, before any order: what the dev store
 * (`npm run dev`), the install test and the browser tests seed, then fill
 * with real checkouts over HTTP (scripts/lib/demo-orders.js).
 *
 *   DEMO_ADMINS='[{"email":"…","password":"…"}]' \
 *     npx medusa exec ./dev/seed-demo.js <out.json>
 *
 * It only uses Medusa's own workflows, so it runs in any Medusa 2.21 store,
 * with or without this plugin. It is plain JavaScript outside `src/` so that
 * `medusa plugin:build` does not compile it into the package, and so that a
 * store without TypeScript set up runs it too. `<out.json>` receives the ids
 * and keys that a checkout needs:
 *
 * { regionId, salesChannelId, publishableKey, secretKey, shippingOptionId,
 *   paymentProviderId, fulfillmentProviderId,
 *   variants: [{ id, sku, title, price }], admins: [{ id, email }] }
 *
 * With TEST_PROVIDERS=true (the store's medusa-config.ts then registers the
 * test providers of integration-tests/fixtures) the region pays through
 * `pp_test-payment_test-payment` and the stock location and shipping option
 * ship through `test-fulfillment_test-fulfillment`, so checkouts
 * (scripts/lib/demo-orders.js) pay and ship through them.
 */
const { writeFileSync } = require("node:fs")
const { ContainerRegistrationKeys, Modules } = require("@medusajs/framework/utils")
const {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createUsersWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} = require("@medusajs/medusa/core-flows")

const COUNTRIES = ["de", "fr", "nl", "gb"]

/** The providers a catalogue pays and ships through: Medusa's own, or the test providers. */
const providers = () =>
  process.env.TEST_PROVIDERS === "true"
    ? { payment: "pp_test-payment_test-payment", fulfillment: "test-fulfillment_test-fulfillment" }
    : { payment: "pp_system_default", fulfillment: "manual_manual" }

const PRODUCTS = [
  { title: "Canvas Tote", sizes: { "One size": "TOTE-NAT" }, price: 20 },
  { title: "Enamel Mug", sizes: { "One size": "MUG-BLU" }, price: 12 },
  { title: "Linen Apron", sizes: { S: "APRON-GRY-S", M: "APRON-GRY-M", L: "APRON-GRY-L" }, price: 35 },
  { title: "Wool Socks", sizes: { "39-42": "SOCK-WOOL-39", "43-46": "SOCK-WOOL-43" }, price: 9 },
  { title: "Notebook A5", sizes: { "One size": "NOTE-A5" }, price: 7 },
]

/** Administrators made the way `npx medusa user -e -p` makes them. */
async function createAdmins(container, admins) {
  const auth = container.resolve(Modules.AUTH)
  const created = []
  for (const admin of admins) {
    const {
      result: [user],
    } = await createUsersWorkflow(container).run({
      input: {
        users: [
          {
            email: admin.email,
            first_name: admin.first_name ?? null,
            last_name: admin.last_name ?? null,
          },
        ],
      },
    })
    const { authIdentity, error } = await auth.register("emailpass", {
      body: { email: admin.email, password: admin.password },
    })
    if (error || !authIdentity) {
      throw new Error(`Could not register ${admin.email}: ${error}`)
    }
    await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
    created.push({ id: user.id, email: admin.email })
  }
  return created
}

// `medusa exec` runs the file's default export.
exports.default = async function seedDemo({ container, args }) {
  const [out] = args
  if (!out) {
    throw new Error("Usage: medusa exec ./dev/seed-demo.js <out.json>")
  }
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const admins = await createAdmins(
    container,
    JSON.parse(process.env.DEMO_ADMINS || "[]")
  )
  const catalog = { ...(await seedCatalog(container)), admins }
  writeFileSync(out, JSON.stringify(catalog, null, 2))
  logger.info(`Demo catalogue seeded: ${catalog.variants.length} variants, ${admins.length} admins`)
}

/**
 * A store that takes real checkouts: a region paid through
 * `pp_system_default` (the test provider with TEST_PROVIDERS=true), a sales channel with a publishable key (and a secret
 * key), a stock location that ships there, and `products`. The HTTP tests
 * seed their stores with it too, with a catalogue of their own.
 */
async function seedCatalog(container, products = PRODUCTS) {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const storeModule = container.resolve(Modules.STORE)
  const provider = providers()

  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Webshop" }] },
  })

  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: "Europe",
          currency_code: "eur",
          countries: COUNTRIES,
          payment_providers: [provider.payment],
        },
      ],
    },
  })

  // Medusa made a default store at its first start; the dashboard reads its
  // currencies and default channel.
  const [store] = await storeModule.listStores()
  if (store) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          name: "Order batches demo",
          supported_currencies: [{ currency_code: "eur", is_default: true }],
          default_sales_channel_id: salesChannel.id,
          default_region_id: region.id,
        },
      },
    })
  }

  const {
    result: [publishable, secret],
  } = await createApiKeysWorkflow(container).run({
    input: {
      api_keys: [
        { title: "Webshop", type: "publishable", created_by: "" },
        { title: "Integration", type: "secret", created_by: "" },
      ],
    },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: publishable.id, add: [salesChannel.id] },
  })

  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [
        {
          name: "Warehouse",
          address: { city: "Berlin", country_code: "DE", address_1: "Lagerstr. 1" },
        },
      ],
    },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: provider.fulfillment },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [salesChannel.id] },
  })

  const {
    result: [profile],
  } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Parcels", type: "default" }] },
  })
  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: "Warehouse delivery",
    type: "shipping",
    service_zones: [
      {
        name: "Europe",
        geo_zones: COUNTRIES.map((country_code) => ({
          country_code,
          type: "country",
        })),
      },
    ],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })

  const {
    result: [shippingOption],
  } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Standard",
        price_type: "flat",
        provider_id: provider.fulfillment,
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Standard", description: "2-3 days", code: "standard" },
        prices: [
          { currency_code: "eur", amount: 5 },
          { region_id: region.id, amount: 5 },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })

  const { result: created } = await createProductsWorkflow(container).run({
    input: {
      products: products.map((p) => ({
        title: p.title,
        status: "published",
        shipping_profile_id: profile.id,
        options: [{ title: "Size", values: Object.keys(p.sizes) }],
        variants: Object.entries(p.sizes).map(([size, sku]) => ({
          title: size,
          sku,
          options: { Size: size },
          manage_inventory: false,
          prices: [{ amount: p.price, currency_code: "eur" }],
        })),
        sales_channels: [{ id: salesChannel.id }],
      })),
    },
  })

  return {
    regionId: region.id,
    salesChannelId: salesChannel.id,
    publishableKey: publishable.token,
    secretKey: secret.token,
    shippingOptionId: shippingOption.id,
    paymentProviderId: provider.payment,
    fulfillmentProviderId: provider.fulfillment,
    variants: created.flatMap((product, i) =>
      product.variants.map((variant) => ({
        id: variant.id,
        sku: variant.sku,
        title: `${product.title} (${variant.title})`,
        price: products[i].price,
      }))
    ),
  }
}

exports.seedCatalog = seedCatalog
