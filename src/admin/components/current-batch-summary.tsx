import { Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { useCurrentBatch, useOpenBatch } from "../hooks/api/batches"
import { formatDateTime } from "../lib/format"

/** "Batch #12 · Closed 3 Mar, 09:12 · 5 orders", linking to the batch. */
export const CurrentBatchSummary = () => {
  const { t } = useTranslation()
  const { batch, isPending } = useCurrentBatch()
  // Where no batch ever closed, a new store may have no batch at all.
  const open = useOpenBatch({ enabled: batch === null })

  if (isPending || (batch === null && open.isPending)) {
    return null
  }
  if (!batch) {
    return (
      <Text size="small" className="text-ui-fg-subtle">
        {t(`orderBatches.widgets.${open.batch ? "noCurrent" : "noBatch"}`)}
      </Text>
    )
  }
  return (
    <div className="flex flex-wrap items-baseline gap-x-2">
      <Link
        to={`/batches/${batch.number}`}
        className="txt-compact-medium-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
      >
        {t("orderBatches.batchTitle", { number: batch.number })}
      </Link>
      <Text size="small" className="text-ui-fg-subtle">
        {t("orderBatches.widgets.currentBatchSummary", {
          date: formatDateTime(batch.closed_at),
          count: batch.order_count,
        })}
      </Text>
    </div>
  )
}
