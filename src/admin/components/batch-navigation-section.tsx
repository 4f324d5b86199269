import { Button, Container, Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { useOpenBatch } from "../hooks/api/batches"
import { CloseBatchPrompt } from "./close-batch-prompt"
import { GoToBatchForm } from "./go-to-batch-form"

/** The page's heading and the ways to move between batches. */
export const BatchNavigationSection = () => {
  const { t } = useTranslation()
  const { batch: openBatch } = useOpenBatch()

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-3 px-6 py-4">
        <Heading level="h1">{t("orderBatches.domain")}</Heading>
        <div className="flex flex-wrap items-center gap-2">
          <Button size="small" variant="secondary" asChild>
            <Link to="/batches">{t("orderBatches.actions.currentBatch")}</Link>
          </Button>
          {openBatch ? (
            <Button size="small" variant="secondary" asChild>
              <Link to={`/batches/${openBatch.number}`}>
                {t("orderBatches.actions.nextBatchPreview")}
              </Link>
            </Button>
          ) : (
            <Button size="small" variant="secondary" disabled>
              {t("orderBatches.actions.nextBatchPreview")}
            </Button>
          )}
          <CloseBatchPrompt />
        </div>
      </div>
      <div className="px-6 py-4">
        <GoToBatchForm />
      </div>
      {openBatch === null && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4" data-testid="no-open-batch">
          {t("orderBatches.noOpenBatch")}
        </Text>
      )}
    </Container>
  )
}
