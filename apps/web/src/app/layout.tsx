import { type DeskSettings, type Me, roleAtLeast, type SessionUser } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { Suspense, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, NavLink, Outlet, useLocation, useNavigation, useOutletContext } from 'react-router'
import { meQuery, useSignOut } from '../features/auth/api/session.ts'
import { SignInPage } from '../features/auth/components/sign-in-page.tsx'
import { NotificationsButton } from '../features/notifications/components/notifications-button.tsx'
import { HeaderSearch } from '../features/search/components/header-search.tsx'
import { LanguageSwitch } from '../i18n/language-switch.tsx'

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
  const { t } = useTranslation(['layout', 'common', 'domain'])
  const me = useQuery(meQuery())
  const signOut = useSignOut()
  const navigation = useNavigation()
  const { pathname, key } = useLocation()
  // The list and every workbench belong to "Disputes".
  const disputesActive = pathname === '/disputes' || pathname.startsWith('/disputes/')
  const menu = useHeaderMenu(key)

  if (me.isPending) {
    return (
      <p role="status" className="page">
        {t('common:loading')}
      </p>
    )
  }
  if (me.error) {
    return (
      <main id="main" className="page">
        <h1>{t('layout:brand')}</h1>
        <p role="alert" className="error">
          {me.error.message}
        </p>
        <button type="button" onClick={() => me.refetch()}>
          {t('common:tryAgain')}
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
        {t('layout:skipToContent')}
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand" end>
          {t('layout:brand')}
        </NavLink>
        <button
          ref={menu.buttonRef}
          type="button"
          className="quiet-on-dark menu-button"
          aria-expanded={menu.open}
          aria-controls={`${MENU_MAIN} ${MENU_ACCOUNT}`}
          onClick={menu.toggle}
        >
          {t('layout:menu')}
        </button>
        <div id={MENU_MAIN} className="app-menu" data-open={menu.open}>
          <nav aria-label={t('layout:mainNavigation')}>
            <NavLink to="/" end>
              {t('layout:nav.myWork')}
            </NavLink>
            <Link to="/disputes" aria-current={disputesActive ? 'page' : undefined}>
              {t('layout:nav.disputes')}
            </Link>
            <NavLink to="/claim-log">{t('layout:nav.claimLog')}</NavLink>
            {mayReview ? <NavLink to="/review">{t('layout:nav.review')}</NavLink> : null}
            <NavLink to="/claimants">{t('layout:nav.claimants')}</NavLink>
            <NavLink to="/fact-checks">{t('layout:nav.factChecks')}</NavLink>
            <NavLink to="/agreement">{t('layout:nav.agreement')}</NavLink>
            {roleAtLeast(user.role, 'admin') ? (
              <>
                <NavLink to="/accounts">{t('layout:nav.accounts')}</NavLink>
                <NavLink to="/webhooks">{t('layout:nav.webhooks')}</NavLink>
              </>
            ) : null}
          </nav>
          <HeaderSearch />
        </div>
        <NotificationsButton />
        <div id={MENU_ACCOUNT} className="app-menu app-menu-account" data-open={menu.open}>
          <span className="who">
            <span dir="auto">{user.name}</span>{' '}
            <span className="role">({t(`domain:role.${user.role}`)})</span>{' '}
            <NavLink to="/account" className="who-link">
              {t('layout:yourAccount')}
            </NavLink>
          </span>
          <button type="button" className="quiet-on-dark" onClick={() => signOut.mutate()}>
            {t('layout:signOut')}
          </button>
          <LanguageSwitch />
        </div>
      </header>
      {signOut.error ? (
        <p role="alert" className="error banner">
          {t('layout:signOutFailed', { message: signOut.error.message })}
        </p>
      ) : null}
      <main id="main" tabIndex={-1} aria-busy={navigation.state === 'loading'}>
        <Suspense
          fallback={
            <p role="status" className="page">
              {t('common:loading')}
            </p>
          }
        >
          <Outlet context={session} />
        </Suspense>
      </main>
    </>
  )
}

const MENU_MAIN = 'header-menu-main'
const MENU_ACCOUNT = 'header-menu-account'

/**
 * The header's menu on a narrow screen (CSS shows its button only there): it opens and closes with its
 * button, closes on Escape (focus back on the button) and on every navigation (a link chosen in it, even
 * to the screen already shown, is a navigation of its own).
 */
function useHeaderMenu(navigation: string) {
  const [open, setOpen] = useState(false)
  const buttonRef = useRef<HTMLButtonElement>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on each navigation
  useEffect(() => setOpen(false), [navigation])
  useEffect(() => {
    if (!open) return
    const onKey = (event: KeyboardEvent) => {
      // The header's search and the notifications panel close themselves on Escape first.
      if (event.key !== 'Escape' || event.defaultPrevented) return
      if (event.target instanceof Element && event.target.closest('.notifications')) return
      setOpen(false)
      buttonRef.current?.focus()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [open])
  return {
    open,
    buttonRef,
    toggle: () => setOpen((o) => !o),
  }
}
