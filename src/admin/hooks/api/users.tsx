import { HttpTypes } from "@medusajs/framework/types"
import { FetchError } from "@medusajs/js-sdk"
import { QueryKey, useQuery, UseQueryOptions } from "@tanstack/react-query"
import { queryKeysFactory } from "../../lib/query-key-factory"
import { sdk } from "../../lib/sdk"

// The same keys as the dashboard's own user queries, with the same answer.
export const usersQueryKeys = queryKeysFactory("users")

export const useUser = (
  id: string,
  options?: Omit<
    UseQueryOptions<HttpTypes.AdminUserResponse, FetchError, HttpTypes.AdminUserResponse, QueryKey>,
    "queryKey" | "queryFn"
  >
) => {
  const { data, ...rest } = useQuery({
    queryKey: usersQueryKeys.detail(id),
    queryFn: () => sdk.admin.user.retrieve(id),
    ...options,
  })
  return { ...data, ...rest }
}
