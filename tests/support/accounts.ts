/** The accounts of the test template database; these passwords exist only in tests. */
export const TEST_ACCOUNTS = {
  admin: { email: 'admin@example.org', password: 'admin-test-password' },
  editor: { email: 'editor@example.org', password: 'editor-test-password' },
  checker: { email: 'checker@example.org', password: 'checker-test-password' },
} as const

export type TestRole = keyof typeof TEST_ACCOUNTS

/** scrypt's log2 N in tests: cheap, so suites stay fast; production keeps 17. */
export const TEST_SCRYPT_LOG_N = 10
