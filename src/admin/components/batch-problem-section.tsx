import { Container, Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { ShownBatch } from "../hooks/use-shown-batch"

/** Takes the batch's place when there is none to show, and says why. */
export const BatchProblemSection = ({
  problem,
}: {
  problem: NonNullable<ShownBatch["problem"]>
}) => {
  const { t } = useTranslation()
  const [heading, description] =
    problem.kind === "not_found"
      ? [t("orderBatches.notFound.heading"), problem.message]
      : [
          t(`orderBatches.${problem.kind === "no_batch" ? "noBatch" : "noCurrent"}.heading`),
          t(`orderBatches.${problem.kind === "no_batch" ? "noBatch" : "noCurrent"}.description`),
        ]

  return (
    <Container className="px-6 py-8" data-testid="batch-problem">
      <div className="flex flex-col items-center gap-y-1 text-center">
        <Heading level="h2">{heading}</Heading>
        <Text size="small" className="text-ui-fg-subtle max-w-prose">
          {description}
        </Text>
      </div>
    </Container>
  )
}
