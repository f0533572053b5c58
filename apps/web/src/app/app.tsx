import { QueryClientProvider, useQuery } from '@tanstack/react-query'
import { meQuery, useSignOut } from '../features/auth/api/session.ts'
import { SignInPage } from '../features/auth/components/sign-in-page.tsx'
import { DisputeListPage } from '../features/disputes/components/dispute-list-page.tsx'
import { queryClient } from '../lib/query-client.ts'

function Shell() {
  const me = useQuery(meQuery())
  const signOut = useSignOut()
  if (me.isPending) return <p role="status">Loading…</p>
  if (!me.data) return <SignInPage />
  return (
    <>
      <header className="app-header">
        <a href="/" className="brand">
          Counterclaim
        </a>
        <nav aria-label="Main">
          <a href="/">Disputes</a>
        </nav>
        <span>
          {me.data.name} ({me.data.role})
        </span>
        <button type="button" onClick={() => signOut.mutate()}>
          Sign out
        </button>
      </header>
      <main>
        <DisputeListPage />
      </main>
    </>
  )
}

/** Providers and the shell: composition only. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Shell />
    </QueryClientProvider>
  )
}
