import type { BatchDTO } from "../modules/order-batch/types"
import { countOf, formatDate, formatMoney } from "./documents/format"

export type BatchCloseSummary = {
  /** "Batch 12 closed at Ada Admin's login: 31 orders, €1,893.50" */
  title: string
  /** When, what the totals leave out, and where to find the batch. */
  description: string
  /** The batch's page in the dashboard, e.g. `/app/batches/12`. */
  path: string
  /** The same page as a full address where the admin's backend URL is known. */
  url: string
  actorName: string | null
}

type Context = {
  /** The name of the user who closed the batch, where a user did. */
  actorName: string | null
  /** The dashboard's path, `admin.path` in medusa-config (default `/app`). */
  adminPath: string
  /** `admin.backendUrl` in medusa-config, where it is a full address. */
  backendUrl?: string
}

function how(batch: BatchDTO, actorName: string | null): string {
  switch (batch.close_reason) {
    case "login":
      return actorName ? `at ${actorName}'s login` : "at an administrator's login"
    case "schedule":
      return "on schedule"
    case "install":
      return "at the plugin's install, with the orders from before it"
    default:
      return actorName ? `by ${actorName}` : "by a request to the admin API"
  }
}

function amounts(batch: BatchDTO): string {
  if (!batch.order_count) {
    return "no orders"
  }
  const totals = batch.totals_pending
    ? "totals still being read"
    : batch.totals.map((total) => formatMoney(total.amount, total.currency_code)).join(" + ")
  return [countOf(batch.order_count, "order"), totals].filter(Boolean).join(", ")
}

/** What a close notification says about a batch that just closed. */
export function describeBatchClose(batch: BatchDTO, context: Context): BatchCloseSummary {
  const path = `${context.adminPath.replace(/\/$/, "")}/batches/${batch.number}`
  const base = context.backendUrl?.replace(/\/$/, "")
  const url = base && /^https?:\/\//.test(base) ? `${base}${path}` : path
  const canceled = batch.canceled_count
    ? ` ${countOf(batch.canceled_count, "canceled order")} ${batch.canceled_count === 1 ? "is" : "are"} left out of the totals.`
    : ""
  return {
    title: `Batch ${batch.number} closed ${how(batch, context.actorName)}: ${amounts(batch)}`,
    description:
      `Closed ${formatDate(batch.closed_at)}.${canceled} ` +
      `Open it under Orders › Batches, or go to ${url}.`,
    path,
    url,
    actorName: context.actorName,
  }
}
