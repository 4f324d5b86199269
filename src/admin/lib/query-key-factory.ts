/**
 * Query keys in the shape Medusa's dashboard uses, so that invalidating
 * `all` reaches every list and detail of a resource.
 */
export const queryKeysFactory = <T extends string>(globalKey: T) => {
  const factory = {
    all: [globalKey] as const,
    lists: () => [...factory.all, "list"] as const,
    list: (query?: unknown) =>
      query === undefined
        ? factory.lists()
        : ([...factory.lists(), { query }] as const),
    details: () => [...factory.all, "detail"] as const,
    detail: (id: string | number, query?: unknown) =>
      query === undefined
        ? ([...factory.details(), id] as const)
        : ([...factory.details(), id, { query }] as const),
  }
  return factory
}
