import { FetchError } from "@medusajs/js-sdk"
import { useTranslation } from "react-i18next"
import { MAX_BATCH_NUMBER, parseTypedBatchNumber } from "../../lib/batch-number"
import { AdminBatch } from "../lib/types"
import { useBatch, useCurrentBatch, useOpenBatch } from "./api/batches"

const isAnswered = (error: FetchError | null) =>
  error?.status === 400 || error?.status === 404

export type ShownBatch = {
  batch: AdminBatch | null
  /** The administrator's current batch, to mark it where it is shown. */
  currentNumber: number | null
  isLoading: boolean
  /**
   * Why no batch is shown: no batch at all yet (a new store), none closed
   * yet, or a bad or unknown number.
   */
  problem:
    | { kind: "no_batch" }
    | { kind: "no_current" }
    | { kind: "not_found"; message: string }
    | null
}

/**
 * The batch the page shows: the one in the URL (`/batches/12`), or the
 * administrator's current batch on `/batches`. Errors other than a bad or
 * unknown number are thrown to the route's error boundary.
 */
export const useShownBatch = (numberParam?: string): ShownBatch => {
  const { t } = useTranslation()
  const parsed =
    numberParam === undefined ? null : parseTypedBatchNumber(numberParam)
  const number = parsed?.ok ? parsed.number : undefined

  const current = useCurrentBatch()
  // Where no batch ever closed: is there an open one at least?
  const open = useOpenBatch()
  const byNumber = useBatch(number ?? 0, {
    enabled: number !== undefined,
    retry: (failures, error) => !isAnswered(error) && failures < 1,
  })

  const unexpected =
    current.error ??
    open.error ??
    (isAnswered(byNumber.error) ? null : byNumber.error)
  if (unexpected) {
    throw unexpected
  }

  const currentNumber = current.batch?.number ?? null
  if (parsed === null) {
    const none = current.batch === null
    return {
      batch: current.batch ?? null,
      currentNumber,
      isLoading: current.isPending || (none && open.isPending),
      problem:
        !none || open.isPending
          ? null
          : { kind: open.batch ? "no_current" : "no_batch" },
    }
  }
  if (!parsed.ok) {
    return {
      batch: null,
      currentNumber,
      isLoading: false,
      problem: {
        kind: "not_found",
        message: t(`orderBatches.goTo.errors.${parsed.reason}`, {
          max: MAX_BATCH_NUMBER.toLocaleString(),
        }),
      },
    }
  }
  return {
    batch: byNumber.batch ?? null,
    currentNumber,
    isLoading: byNumber.isPending,
    problem: byNumber.error
      ? { kind: "not_found", message: byNumber.error.message }
      : null,
  }
}
