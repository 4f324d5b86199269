import { LoaderOptions } from "@medusajs/framework/types"
import { resolveOptions } from "../options"

/** Stops the store at start-up when an option is wrong, naming it. */
export default async function validateOptions({ options }: LoaderOptions) {
  resolveOptions(options as Record<string, unknown>)
}
