import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { bearer, createAdmin, loginForToken, secretKey } from "../helpers/admin"
import { TEST_OAUTH_AUTHORIZE_URL } from "../fixtures/test-oauth/service"

jest.setTimeout(240_000)

// The repository's medusa-config.ts adds the OAuth-like test provider of
// integration-tests/fixtures/test-oauth for this switch. It is read when the
// runner loads the config, in its own beforeAll.
const previous = process.env.TEST_OAUTH_PROVIDER
beforeAll(() => {
  process.env.TEST_OAUTH_PROVIDER = "true"
})
afterAll(() => {
  process.env.TEST_OAUTH_PROVIDER = previous
})

const payloadOf = (token: string) =>
  JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"))

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    it("rotates once at an SSO administrator's first login (the refresh that carries the new user), never at later refreshes", async () => {
      // An administrator invites the SSO user; their own login closes batch 1.
      const inviter = await createAdmin(api, getContainer())
      const inviterToken = await loginForToken(api, inviter)
      const { data: { invite } } = await api.post(
        "/admin/invites",
        { email: "sso@example.com" },
        bearer(inviterToken)
      )
      const { data: { api_key } } = await api.post(
        "/admin/api-keys",
        { title: "reads", type: "secret" },
        bearer(inviterToken)
      )
      // A secret key reads without logging in, so it rotates nothing.
      const openNumber = async (): Promise<number> =>
        (await api.get("/admin/batches/open", secretKey(api_key.token))).data.batch.number
      expect(await openNumber()).toBe(2)

      // The dashboard's SSO button: the provider's authorize page, no token.
      const { data: start } = await api.get("/auth/user/test-oauth")
      expect(start).toEqual({ location: expect.stringMatching(`^${TEST_OAUTH_AUTHORIZE_URL}\\?state=`) })
      const state = new URL(start.location).searchParams.get("state")

      // The provider redirects back: a token for an identity with no user yet.
      const { data: callback } = await api.get(
        `/auth/user/test-oauth/callback?code=sso@example.com&state=${state}`
      )
      expect(payloadOf(callback.token)).toMatchObject({ actor_type: "user", actor_id: "" })
      expect(await openNumber()).toBe(2)

      // The dashboard creates the user by accepting the invite with that token.
      const { data: accepted } = await api.post(
        `/admin/invites/accept?token=${invite.token}`,
        { email: "sso@example.com", first_name: "Sam", last_name: "Single-Sign-On" },
        bearer(callback.token)
      )
      const userId = accepted.user.id
      expect(await openNumber()).toBe(2)

      // Its first token that carries the user: the login, which closes batch 2.
      const { data: first } = await api.post("/auth/token/refresh", {}, bearer(callback.token))
      expect(payloadOf(first.token)).toMatchObject({ actor_type: "user", actor_id: userId })
      expect(await openNumber()).toBe(3)
      const { data: current } = await api.get("/admin/batches/current", bearer(first.token))
      expect(current.batch).toMatchObject({ number: 2, status: "closed", close_reason: "login", closed_by: userId })
      expect(current.failed_login).toBeNull()

      // Refreshing a token that already carries the user is no login.
      const { data: again } = await api.post("/auth/token/refresh", {}, bearer(first.token))
      await api.post("/auth/token/refresh", {}, bearer(again.token))
      expect(await openNumber()).toBe(3)

      // A later SSO login answers a token with the user at the callback: one rotation, like any login.
      const { data: next } = await api.get("/auth/user/test-oauth")
      const nextState = new URL(next.location).searchParams.get("state")
      const { data: nextCallback } = await api.get(
        `/auth/user/test-oauth/callback?code=sso@example.com&state=${nextState}`
      )
      expect(payloadOf(nextCallback.token)).toMatchObject({ actor_id: userId })
      expect(await openNumber()).toBe(4)
      await api.post("/auth/token/refresh", {}, bearer(nextCallback.token))
      expect(await openNumber()).toBe(4)
    })
  },
})
