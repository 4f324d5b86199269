import { FetchError } from "@medusajs/js-sdk"
import { Button, Hint, Input, Label, toast } from "@medusajs/ui"
import { FormEvent, useId, useState } from "react"
import { useTranslation } from "react-i18next"
import { useNavigate } from "react-router-dom"
import { useLookUpBatch } from "../hooks/api/batches"
import { MAX_BATCH_NUMBER, parseTypedBatchNumber } from "../../lib/batch-number"

/**
 * "Go to batch #": a bad number, or one that names no batch, is answered under
 * the field and the dashboard stays where it is; any other failure is a toast
 * with the server's message.
 */
export const GoToBatchForm = () => {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const lookUpBatch = useLookUpBatch()
  const id = useId()
  const [value, setValue] = useState("")
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseTypedBatchNumber(value)
    if (!parsed.ok) {
      setError(
        t(`orderBatches.goTo.errors.${parsed.reason}`, {
          max: MAX_BATCH_NUMBER.toLocaleString(),
        })
      )
      return
    }

    setPending(true)
    try {
      await lookUpBatch(parsed.number)
      setError(null)
      setValue("")
      navigate(`/batches/${parsed.number}`)
    } catch (e) {
      const status = e instanceof FetchError ? e.status : undefined
      if (status === 404 || status === 400) {
        // The server names the batches that exist ("… from 1 to 12").
        setError((e as Error).message)
      } else {
        toast.error((e as Error).message)
      }
    } finally {
      setPending(false)
    }
  }

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-y-1">
      <div className="flex items-center gap-x-2">
        <Label htmlFor={id} size="small" weight="plus" className="whitespace-nowrap">
          {t("orderBatches.goTo.label")}
        </Label>
        {/* Text, not type="number": the browser would swallow "abc" or "1e3"
            before the field could say what is wrong with them. */}
        <Input
          id={id}
          size="small"
          className="w-32"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t("orderBatches.goTo.placeholder")}
          value={value}
          onChange={(event) => {
            setValue(event.target.value)
            setError(null)
          }}
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <Button size="small" variant="secondary" type="submit" isLoading={pending}>
          {t("orderBatches.goTo.submit")}
        </Button>
      </div>
      {error && (
        <Hint id={`${id}-error`} variant="error" role="alert">
          {error}
        </Hint>
      )}
    </form>
  )
}
