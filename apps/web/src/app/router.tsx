import { lazy } from 'react'
import { createBrowserRouter, Navigate, useLocation } from 'react-router'
import { AppLayout, useSessionUser } from './layout.tsx'
import { NotFoundPage, RouteErrorPage } from './route-pages.tsx'

const MyWorkPage = lazy(async () => ({
  default: (await import('../features/my-work/components/my-work-page.tsx')).MyWorkPage,
}))

const WebhooksPage = lazy(async () => ({
  default: (await import('../features/webhooks/components/webhooks-page.tsx')).WebhooksPage,
}))

const ClaimantPage = lazy(async () => ({
  default: (await import('../features/claimants/components/claimant-page.tsx')).ClaimantPage,
}))

const AccountsPage = lazy(async () => ({
  default: (await import('../features/accounts/components/accounts-page.tsx')).AccountsPage,
}))

const AccountPage = lazy(async () => ({
  default: (await import('../features/accounts/components/account-page.tsx')).AccountPage,
}))

/** A claimant's page offers merging to editors: it gets the signed-in user from the shell. */
function ClaimantRoute() {
  return <ClaimantPage user={useSessionUser()} />
}

/** Accounts are for admins; the screen says so to anyone else (and the API refuses them). */
function AccountsRoute() {
  return <AccountsPage user={useSessionUser()} />
}

/** The signed-in user's own account and API tokens. */
function AccountRoute() {
  return <AccountPage user={useSessionUser()} />
}

/** Webhooks are for admins; the screen says so to anyone else (and the API refuses them). */
function WebhooksRoute() {
  return <WebhooksPage user={useSessionUser()} />
}

/**
 * The signed-in home is my work. The disputes list lived here before: an old bookmark of a filtered list
 * (`/?tag=…`) goes to the list with the same filters.
 */
function HomeRoute() {
  const { search } = useLocation()
  const user = useSessionUser()
  const params = new URLSearchParams(search)
  if (['q', 'status', 'tag'].some((name) => params.has(name))) {
    return <Navigate to={`/disputes${search}`} replace />
  }
  return <MyWorkPage user={user} />
}

/**
 * Every screen of the web app. Signed out, the layout shows the sign-in form whatever the path, so only
 * sign-in (and the server-rendered public pages under /v/) can be reached. Every screen loads on demand, so
 * the first load is the shell and the sign-in form; the contract's schemas (zod) come with the first screen.
 */
export const router = createBrowserRouter([
  {
    path: '/',
    Component: AppLayout,
    ErrorBoundary: RouteErrorPage,
    children: [
      { index: true, Component: HomeRoute },
      {
        path: 'disputes',
        lazy: async () => ({ Component: (await import('./disputes-route.tsx')).DisputesRoute }),
      },
      {
        path: 'disputes/:id',
        lazy: async () => ({ Component: (await import('./workbench-route.tsx')).WorkbenchRoute }),
      },
      {
        path: 'claim-log',
        lazy: async () => ({ Component: (await import('./claim-log-route.tsx')).ClaimLogRoute }),
      },
      {
        path: 'claim-log/import',
        lazy: async () => ({ Component: (await import('./claim-log-import-route.tsx')).ClaimLogImportRoute }),
      },
      {
        path: 'review',
        lazy: async () => ({ Component: (await import('./review-route.tsx')).ReviewRoute }),
      },
      {
        path: 'claimants',
        lazy: async () => ({
          Component: (await import('../features/claimants/components/claimant-list-page.tsx'))
            .ClaimantListPage,
        }),
      },
      { path: 'claimants/:id', Component: ClaimantRoute },
      {
        path: 'fact-checks',
        lazy: async () => ({ Component: (await import('./fact-checks-route.tsx')).FactChecksRoute }),
      },
      {
        path: 'fact-checks/feeds',
        lazy: async () => ({ Component: (await import('./fact-checks-route.tsx')).FactCheckFeedsRoute }),
      },
      {
        path: 'fact-checks/:id',
        lazy: async () => ({ Component: (await import('./fact-checks-route.tsx')).FactCheckRoute }),
      },
      {
        path: 'search',
        lazy: async () => ({
          Component: (await import('../features/search/components/search-page.tsx')).SearchPage,
        }),
      },
      {
        path: 'agreement',
        lazy: async () => ({
          Component: (await import('../features/agreement/components/agreement-page.tsx')).AgreementPage,
        }),
      },
      { path: 'accounts', Component: AccountsRoute },
      { path: 'account', Component: AccountRoute },
      { path: 'webhooks', Component: WebhooksRoute },
      {
        path: 'notifications',
        lazy: async () => ({
          Component: (await import('../features/notifications/components/notifications-page.tsx'))
            .NotificationsPage,
        }),
      },
      {
        path: 'account/password',
        lazy: async () => ({
          Component: (await import('../features/accounts/components/change-password-page.tsx'))
            .ChangePasswordPage,
        }),
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
])
