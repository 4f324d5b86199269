import { MedusaError } from "@medusajs/framework/utils"
import { MAX_BATCH_NUMBER } from "../../lib/batch-number"
import { CLOSE_SCHEDULE_RULE, parseCloseSchedule } from "../../lib/close-schedule"

/**
 * Options of the plugin, given in a store's `medusa-config.ts`:
 * `plugins: [{ resolve: "medusa-order-batches", options: { ... } }]`.
 */
export type OrderBatchOptions = {
  /**
   * Close the open batch and open the next one on every successful
   * administrator login.
   *
   * @default true
   */
  rotateOnLogin?: boolean
  /**
   * Rotate at login even when the open batch has no orders (the number then
   * tracks logins); `false` keeps an empty batch open.
   *
   * @default true
   */
  rotateEmptyBatch?: boolean
  /**
   * Number of the first batch, for stores that continue the numbering of an
   * older system. Read only when the first batch is created. At most
   * 2146483647 (`MAX_FIRST_BATCH_NUMBER`), which leaves room for a million
   * batches under the largest batch number, 2147483647.
   *
   * @default 1
   */
  firstBatchNumber?: number
  /**
   * A cron expression of five fields (minute hour day-of-month month
   * day-of-week, in the server's time zone), or `@hourly`, `@daily`,
   * `@weekly`, `@monthly`: a scheduled job in the worker closes the open
   * batch at each tick (`close_reason: "schedule"`), once per tick however
   * many workers run. `rotateEmptyBatch: false` keeps an empty batch open at
   * a tick. Unset: no scheduled close.
   *
   * @default undefined
   * @example "0 9,14 * * 1-5" (09:00 and 14:00 on weekdays)
   */
  closeSchedule?: string
  /**
   * An email address, or a list of them, that gets a summary of every close
   * on the `email` notification channel (template `order-batch-closed`),
   * sent through the email provider the store configured. Unset: no email;
   * the dashboard's notification feed is told of every close regardless.
   *
   * @default undefined
   */
  closeSummaryEmail?: string | string[]
  /**
   * Seconds a worker holds an order of a batch action run (fulfill, ship,
   * capture) without renewing its hold; a live worker renews it every third
   * of that. An order whose worker stopped is taken up by another worker
   * once it runs out: longer means a slower recovery after a crash, not a
   * slower run. From 5 to 3600.
   *
   * @default 30
   */
  actionLeaseSeconds?: number
}

export type ResolvedOrderBatchOptions = Required<
  Omit<OrderBatchOptions, "closeSchedule" | "closeSummaryEmail">
> & {
  /** Null where no scheduled close is configured. */
  closeSchedule: string | null
  /** Empty where no summary email is configured. */
  closeSummaryEmail: string[]
}

export const DEFAULT_OPTIONS: ResolvedOrderBatchOptions = {
  rotateOnLogin: true,
  rotateEmptyBatch: true,
  firstBatchNumber: 1,
  closeSchedule: null,
  closeSummaryEmail: [],
  actionLeaseSeconds: 30,
}

/** The bounds of `actionLeaseSeconds`: a renewal every third of it must fit, and a crash must not hide a run for hours. */
export const ACTION_LEASE_SECONDS = { min: 5, max: 3_600 }

// Deliberately loose: the email provider is the judge of an address; this
// catches a misplaced value (a name, a list joined by commas) at start-up.
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/

/**
 * Batches a store can still close after its first one. Numbering that starts
 * closer to the largest batch number would run out after a few logins (every
 * login closes a batch) and then fail every rotation.
 */
export const BATCHES_AHEAD = 1_000_000

/** The largest `firstBatchNumber`: it leaves room for BATCHES_AHEAD batches. */
export const MAX_FIRST_BATCH_NUMBER = MAX_BATCH_NUMBER - BATCHES_AHEAD

const invalid = (message: string) =>
  new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `medusa-order-batches: ${message}`
  )

/**
 * Validates the options a store passed and fills in the defaults. Throws a
 * message naming the option, so a wrong configuration stops the store at
 * start-up instead of misbehaving later.
 */
export function resolveOptions(
  options: Record<string, unknown> = {}
): ResolvedOrderBatchOptions {
  const resolved = { ...DEFAULT_OPTIONS }

  for (const key of ["rotateOnLogin", "rotateEmptyBatch"] as const) {
    const value = options[key]
    if (value === undefined) {
      continue
    }
    if (typeof value !== "boolean") {
      throw invalid(
        `option "${key}" must be true or false; received ${JSON.stringify(value)}.`
      )
    }
    resolved[key] = value
  }

  const first = options.firstBatchNumber
  if (first !== undefined) {
    if (
      typeof first !== "number" ||
      !Number.isInteger(first) ||
      first < 1 ||
      first > MAX_FIRST_BATCH_NUMBER
    ) {
      throw invalid(
        `option "firstBatchNumber" must be a whole number from 1 to ${MAX_FIRST_BATCH_NUMBER} ` +
          `(room for ${BATCHES_AHEAD.toLocaleString("en-US")} batches below the largest batch number, ` +
          `${MAX_BATCH_NUMBER}); received ${JSON.stringify(first)}.`
      )
    }
    resolved.firstBatchNumber = first
  }

  const schedule = options.closeSchedule
  if (schedule !== undefined && schedule !== null) {
    const parsed = typeof schedule === "string" ? parseCloseSchedule(schedule) : null
    if (!parsed?.ok) {
      const why = parsed && !parsed.ok ? ` (${parsed.reason})` : ""
      throw invalid(
        `option "closeSchedule" must be ${CLOSE_SCHEDULE_RULE}; received ${JSON.stringify(schedule)}${why}.`
      )
    }
    resolved.closeSchedule = parsed.expression
  }

  const emails = options.closeSummaryEmail
  if (emails !== undefined && emails !== null) {
    const list = Array.isArray(emails) ? emails : [emails]
    const bad = list.find((email) => typeof email !== "string" || !EMAIL.test(email.trim()))
    if (bad !== undefined || !list.length) {
      throw invalid(
        `option "closeSummaryEmail" must be an email address or a non-empty list of them; received ${JSON.stringify(emails)}.`
      )
    }
    resolved.closeSummaryEmail = [...new Set(list.map((email: string) => email.trim()))]
  }

  const lease = options.actionLeaseSeconds
  if (lease !== undefined) {
    if (typeof lease !== "number" || !Number.isInteger(lease) || lease < ACTION_LEASE_SECONDS.min || lease > ACTION_LEASE_SECONDS.max) {
      throw invalid(
        `option "actionLeaseSeconds" must be a whole number of seconds from ${ACTION_LEASE_SECONDS.min} to ${ACTION_LEASE_SECONDS.max}; received ${JSON.stringify(lease)}.`
      )
    }
    resolved.actionLeaseSeconds = lease
  }

  return resolved
}
