const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

// TEST_TYPE picks one test set, the way Medusa's starters split them.
const testMatch = {
  unit: ["**/src/**/__tests__/**/*.unit.spec.[jt]s"],
  "integration:modules": ["**/src/modules/*/__tests__/**/*.spec.[jt]s"],
  "integration:http": ["**/integration-tests/http/**/*.spec.[jt]s"],
  e2e: ["**/e2e/**/*.spec.[jt]s"],
}

// The browser tests share one seeded store, started once for the run.
const e2e = process.env.TEST_TYPE === "e2e"
  ? {
      globalSetup: "./e2e/global-setup.js",
      globalTeardown: "./e2e/global-teardown.js",
      testTimeout: 120_000,
    }
  : {}

module.exports = {
  transform: {
    "^.+\\.[jt]s$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", decorators: true } } },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  setupFiles: ["./integration-tests/setup.js"],
  testMatch: testMatch[process.env.TEST_TYPE] ?? [
    "**/src/**/__tests__/**/*.unit.spec.[jt]s",
  ],
  testPathIgnorePatterns: process.env.TEST_TYPE === "integration:modules"
    ? ["\\.unit\\.spec\\.[jt]s$"]
    : [],
  ...e2e,
}
