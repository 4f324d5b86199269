import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * Records what the real event bus delivers for the given event names, so a
 * test can assert on the events the plugin's workflows emitted.
 */
let recorders = 0

export function recordEvents(container: MedusaContainer, names: string[]) {
  const id = ++recorders
  const eventBus = container.resolve(Modules.EVENT_BUS)
  const received: { name: string; data: Record<string, unknown> }[] = []
  for (const name of names) {
    eventBus.subscribe(
      name,
      async (event: { name: string; data: Record<string, unknown> }) => {
        received.push({ name: event.name, data: event.data })
      },
      { subscriberId: `test-recorder-${id}-${name}` }
    )
  }
  return received
}
