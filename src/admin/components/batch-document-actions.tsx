import { Button } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { batchesQueryKeys } from "../hooks/api/batches"
import { backendHref } from "../lib/sdk"

/**
 * Print, pick list and CSV are documents the browser opens itself, with the
 * dashboard's cookie session: print and pick list in a new tab where the
 * print dialog takes over, the CSV as a download.
 */
export const BatchDocumentActions = ({ number }: { number: number }) => {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const base = backendHref(`/admin/batches/${number}`)
  // Opening a document records printed_at / exported_at on the server.
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: batchesQueryKeys.all })

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button size="small" variant="secondary" asChild>
        <a href={`${base}/print`} target="_blank" rel="noopener noreferrer" onClick={refresh}>
          {t("orderBatches.actions.print")}
        </a>
      </Button>
      <Button size="small" variant="secondary" asChild>
        <a href={`${base}/pick-list`} target="_blank" rel="noopener noreferrer">
          {t("orderBatches.actions.pickList")}
        </a>
      </Button>
      <Button size="small" variant="secondary" asChild>
        <a href={`${base}/export`} download={`batch-${number}.csv`} onClick={refresh}>
          {t("orderBatches.actions.exportCsv")}
        </a>
      </Button>
    </div>
  )
}
