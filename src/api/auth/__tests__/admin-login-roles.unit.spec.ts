import { adminLoginOfAnswer } from "../admin-login"

/** A JWT-shaped token; only the payload is read, Medusa signed it in the same request. */
const token = (payload: unknown) =>
  ["e30", Buffer.from(JSON.stringify(payload)).toString("base64url"), "sig"].join(".")

describe("adminLoginOfAnswer", () => {
  it("answers the user and the roles Medusa put in the token", () => {
    const body = {
      token: token({ actor_type: "user", actor_id: "user_1", app_metadata: { user_id: "user_1", roles: ["role_a", "role_b"] } }),
    }
    expect(adminLoginOfAnswer(body)).toEqual({ userId: "user_1", roles: ["role_a", "role_b"] })
  })

  it.each([
    ["no app_metadata (RBAC off)", {}],
    ["no roles", { app_metadata: { user_id: "user_1" } }],
    ["roles that are not a list", { app_metadata: { roles: "role_a" } }],
  ])("answers no roles for %s", (_, extra) => {
    expect(adminLoginOfAnswer({ token: token({ actor_type: "user", actor_id: "user_1", ...extra }) })).toEqual({
      userId: "user_1",
      roles: [],
    })
  })
})
