import { Text } from "@medusajs/ui"
import { ReactNode } from "react"

/** A label and its value, laid out like the rows of Medusa's detail pages. */
export const SectionRow = ({
  title,
  value,
}: {
  title: string
  value: ReactNode
}) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-4">
    <Text size="small" weight="plus" leading="compact">
      {title}
    </Text>
    <Text size="small" leading="compact" className="text-pretty">
      {value ?? "-"}
    </Text>
  </div>
)
