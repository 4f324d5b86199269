import { Button } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { batchesQueryKeys, useBatch } from "../hooks/api/batches"
import { backendHref } from "../lib/sdk"
import { AdminBatch } from "../lib/types"

type HandledField = "printed_at" | "exported_at"

/** How long the batch is read again after a click; a slower document shows at the next visit. */
const WATCH_MS = 60_000

/**
 * Print, pick list and CSV are documents the browser opens itself, with the
 * dashboard's cookie session: print and pick list in a new tab where the
 * print dialog takes over, the CSV as a download.
 */
export const BatchDocumentActions = ({ batch }: { batch: AdminBatch }) => {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const base = backendHref(`/admin/batches/${batch.number}`)

  // The server records printed_at / exported_at only once the whole document
  // is written, after the click; so the batch is read again every second
  // until the record shows (or WATCH_MS passes), then everything is refreshed.
  const [watch, setWatch] = useState<{
    field: HandledField
    before: string | null
    since: number
  } | null>(null)
  const { batch: latest, dataUpdatedAt } = useBatch(batch.number, {
    enabled: !!watch,
    refetchInterval: () => (watch && Date.now() - watch.since < WATCH_MS ? 1_000 : false),
  })
  useEffect(() => {
    if (watch && latest && dataUpdatedAt > watch.since && latest[watch.field] !== watch.before) {
      setWatch(null)
      queryClient.invalidateQueries({ queryKey: batchesQueryKeys.all })
    }
  }, [watch, latest, dataUpdatedAt, queryClient])
  const watchFor = (field: HandledField) => () =>
    setWatch({ field, before: batch[field], since: Date.now() })

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button size="small" variant="secondary" asChild>
        <a href={`${base}/print`} target="_blank" rel="noopener noreferrer" onClick={watchFor("printed_at")}>
          {t("orderBatches.actions.print")}
        </a>
      </Button>
      <Button size="small" variant="secondary" asChild>
        <a href={`${base}/pick-list`} target="_blank" rel="noopener noreferrer">
          {t("orderBatches.actions.pickList")}
        </a>
      </Button>
      <Button size="small" variant="secondary" asChild>
        <a href={`${base}/export`} download={`batch-${batch.number}.csv`} onClick={watchFor("exported_at")}>
          {t("orderBatches.actions.exportCsv")}
        </a>
      </Button>
    </div>
  )
}
