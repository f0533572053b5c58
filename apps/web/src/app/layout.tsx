import { type DeskSettings, type Me, roleAtLeast, type SessionUser } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { Suspense } from 'react'
import { Link, NavLink, Outlet, useLocation, useNavigation, useOutletContext } from 'react-router'
import { meQuery, useSignOut } from '../features/auth/api/session.ts'
import { SignInPage } from '../features/auth/components/sign-in-page.tsx'
import { NotificationsButton } from '../features/notifications/components/notifications-button.tsx'
import { HeaderSearch } from '../features/search/components/header-search.tsx'

/** The signed-in user, for the screens inside the shell (the shell renders them only when signed in). */
export function useSessionUser(): SessionUser {
  return useOutletContext<Me>().user
}

/** How the desk runs its workflow (the two-person rule), for the screens inside the shell. */
export function useDeskSettings(): DeskSettings {
  return useOutletContext<Me>().desk
}

/** The shell: header, navigation, who is signed in; signed out, the sign-in form in place of any screen. */
export function AppLayout() {
  const me = useQuery(meQuery())
  const signOut = useSignOut()
  const navigation = useNavigation()
  const { pathname } = useLocation()
  // The list and every workbench belong to "Disputes".
  const disputesActive = pathname === '/disputes' || pathname.startsWith('/disputes/')

  if (me.isPending) {
    return (
      <p role="status" className="page">
        Loading…
      </p>
    )
  }
  if (me.error) {
    return (
      <main id="main" className="page">
        <h1>Counterclaim</h1>
        <p role="alert" className="error">
          {me.error.message}
        </p>
        <button type="button" onClick={() => me.refetch()}>
          Try again
        </button>
      </main>
    )
  }
  if (!me.data) return <SignInPage />

  const session = me.data
  const user = session.user
  const mayReview = roleAtLeast(user.role, 'editor')
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand" end>
          Counterclaim
        </NavLink>
        <nav aria-label="Main">
          <NavLink to="/" end>
            My work
          </NavLink>
          <Link to="/disputes" aria-current={disputesActive ? 'page' : undefined}>
            Disputes
          </Link>
          <NavLink to="/claim-log">Claim log</NavLink>
          {mayReview ? <NavLink to="/review">Review queue</NavLink> : null}
          <NavLink to="/claimants">Claimants</NavLink>
          <NavLink to="/fact-checks">Fact-checks</NavLink>
          <NavLink to="/agreement">Rater agreement</NavLink>
          {roleAtLeast(user.role, 'admin') ? (
            <>
              <NavLink to="/accounts">Accounts</NavLink>
              <NavLink to="/webhooks">Webhooks</NavLink>
            </>
          ) : null}
        </nav>
        <HeaderSearch />
        <NotificationsButton />
        <span className="who">
          {user.name} <span className="role">({user.role})</span>{' '}
          <NavLink to="/account" className="who-link">
            Your account
          </NavLink>
        </span>
        <button type="button" className="quiet-on-dark" onClick={() => signOut.mutate()}>
          Sign out
        </button>
      </header>
      {signOut.error ? (
        <p role="alert" className="error banner">
          Could not sign out: {signOut.error.message}
        </p>
      ) : null}
      <main id="main" tabIndex={-1} aria-busy={navigation.state === 'loading'}>
        <Suspense
          fallback={
            <p role="status" className="page">
              Loading…
            </p>
          }
        >
          <Outlet context={session} />
        </Suspense>
      </main>
    </>
  )
}
