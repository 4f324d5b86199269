import { Container, Skeleton } from "@medusajs/ui"
import { useRefreshBatchesOnReturn } from "../hooks/use-refresh-batches-on-return"
import { useShownBatch } from "../hooks/use-shown-batch"
import { BatchActionsSection } from "./batch-actions-section"
import { BatchHeaderSection } from "./batch-header-section"
import { BatchHistorySection } from "./batch-history-section"
import { BatchLoginWarning } from "./batch-login-warning"
import { BatchNavigationSection } from "./batch-navigation-section"
import { BatchOrdersSection } from "./batch-orders-section"
import { BatchProblemSection } from "./batch-problem-section"
import { BatchQueueWarning } from "./batch-queue-warning"
import { OpenBatchWarning } from "./open-batch-warning"

/**
 * The Batches page: navigation, the batch shown (from the URL, or the
 * administrator's current batch), its orders and the history of batches.
 */
export const BatchWorkspace = ({ numberParam }: { numberParam?: string }) => {
  const { batch, currentNumber, isLoading, problem } = useShownBatch(numberParam)
  useRefreshBatchesOnReturn()

  return (
    <div className="flex flex-col gap-y-3">
      <BatchNavigationSection />
      <BatchQueueWarning />
      <BatchLoginWarning />
      {batch?.status === "open" && <OpenBatchWarning number={batch.number} />}
      {isLoading && (
        <Container className="px-6 py-4">
          <Skeleton className="h-7 w-48" />
        </Container>
      )}
      {problem && <BatchProblemSection problem={problem} />}
      {batch && (
        <>
          <BatchHeaderSection batch={batch} isCurrent={batch.number === currentNumber} />
          {batch.status === "closed" && <BatchActionsSection key={batch.number} batch={batch} />}
          <BatchOrdersSection key={batch.number} batch={batch} />
        </>
      )}
      <BatchHistorySection shownNumber={batch?.number} />
    </div>
  )
}
