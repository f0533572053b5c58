// A setup file of the API projects: whatever databases a test file opened or created are released when it ends.
import { afterAll } from 'vitest'
import { releaseTestDatabases } from './test-db.ts'

afterAll(releaseTestDatabases)
