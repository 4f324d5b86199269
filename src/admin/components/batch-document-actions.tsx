import { Button } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { backendHref } from "../lib/sdk"
import { AdminBatch } from "../lib/types"

/**
 * Print, pick list and CSV are documents the browser opens itself, with the
 * dashboard's cookie session: print and pick list in a new tab where the
 * print dialog takes over, the CSV as a download. The server records the
 * print or export as the document starts; the page shows it when the
 * administrator comes back to it (useRefreshBatchesOnReturn).
 */
export const BatchDocumentActions = ({ batch }: { batch: AdminBatch }) => {
  const { t } = useTranslation()
  const base = backendHref(`/admin/batches/${batch.number}`)

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button size="small" variant="secondary" asChild>
        <a href={`${base}/print`} target="_blank" rel="noopener noreferrer">
          {t("orderBatches.actions.print")}
        </a>
      </Button>
      <Button size="small" variant="secondary" asChild>
        <a href={`${base}/pick-list`} target="_blank" rel="noopener noreferrer">
          {t("orderBatches.actions.pickList")}
        </a>
      </Button>
      <Button size="small" variant="secondary" asChild>
        <a href={`${base}/export`} download={`batch-${batch.number}.csv`}>
          {t("orderBatches.actions.exportCsv")}
        </a>
      </Button>
    </div>
  )
}
