import { useQueryClient } from "@tanstack/react-query"
import { useEffect } from "react"
import { batchesQueryKeys } from "./api/batches"

/**
 * Reads the batches again when the administrator comes back to the dashboard
 * tab or window: from the print tab, from the spreadsheet with the export,
 * from another window. The server records a print or export as the document
 * starts, so the batch they come back to already shows it; no polling. The
 * dashboard's own query client turns refetch-on-focus off, and TanStack's
 * listens to tab switches only, not to a window regaining focus.
 */
export const useRefreshBatchesOnReturn = () => {
  const queryClient = useQueryClient()
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === "visible") {
        // A tab switch fires both events: the second joins the first's fetch.
        queryClient.invalidateQueries(
          { queryKey: batchesQueryKeys.all },
          { cancelRefetch: false }
        )
      }
    }
    window.addEventListener("focus", refresh)
    document.addEventListener("visibilitychange", refresh)
    return () => {
      window.removeEventListener("focus", refresh)
      document.removeEventListener("visibilitychange", refresh)
    }
  }, [queryClient])
}
