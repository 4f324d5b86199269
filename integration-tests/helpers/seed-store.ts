import { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
} from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"

export type SeededStore = {
  regionId: string
  salesChannelId: string
  publishableKey: string
  secretKey: string
  shippingOptionId: string
  /** Variants with a SKU each; prices in EUR. */
  variants: { id: string; sku: string; price: number }[]
}

/**
 * A store that can take a real checkout: a region paid through
 * `pp_system_default`, a sales channel with a publishable key, a stock
 * location that ships there, and a few products. The same steps as the
 * seed script of Medusa's starter, through Medusa's own workflows.
 */
export async function seedStore(container: MedusaContainer): Promise<SeededStore> {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)

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
          countries: ["de", "fr", "gb"],
          payment_providers: ["pp_system_default"],
        },
      ],
    },
  })

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
        { name: "Warehouse", address: { city: "Berlin", country_code: "DE", address_1: "Lagerstr. 1" } },
      ],
    },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [salesChannel.id] },
  })

  const {
    result: [profile],
  } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default", type: "default" }] },
  })
  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: "Warehouse delivery",
    type: "shipping",
    service_zones: [
      {
        name: "Europe",
        geo_zones: ["de", "fr", "gb"].map((country_code) => ({
          country_code,
          type: "country" as const,
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
        provider_id: "manual_manual",
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

  const products = [
    { title: "Canvas Tote", sku: "TOTE-NAT", price: 20 },
    { title: "Enamel Mug", sku: "MUG-BLU", price: 12 },
    { title: "Linen Apron", sku: "APRON-GRY", price: 35 },
  ]
  const { result: created } = await createProductsWorkflow(container).run({
    input: {
      products: products.map((p) => ({
        title: p.title,
        status: "published" as const,
        shipping_profile_id: profile.id,
        options: [{ title: "Size", values: ["One size"] }],
        variants: [
          {
            title: "One size",
            sku: p.sku,
            options: { Size: "One size" },
            manage_inventory: false,
            prices: [{ amount: p.price, currency_code: "eur" }],
          },
        ],
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
    variants: created.map((product, i) => ({
      id: product.variants[0].id,
      sku: products[i].sku,
      price: products[i].price,
    })),
  }
}
