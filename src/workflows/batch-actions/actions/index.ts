import { BatchActionName } from "../../../modules/order-batch/types"
import { captureOrder } from "./capture"
import { fulfillOrder } from "./fulfill"
import { shipOrder } from "./ship"
import { BatchOrderAction } from "./types"

/** What each batch action does to one order. */
export const BATCH_ORDER_ACTIONS: Record<BatchActionName, BatchOrderAction<{ display_id?: number | null }>> = {
  fulfill: fulfillOrder as BatchOrderAction<{ display_id?: number | null }>,
  ship: shipOrder as BatchOrderAction<{ display_id?: number | null }>,
  capture: captureOrder as BatchOrderAction<{ display_id?: number | null }>,
}

export type { OrderActionSkip, BatchOrderAction } from "./types"
