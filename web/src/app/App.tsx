import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation, type RouteObject } from 'react-router';
import { AcceptInvitationPage } from '../auth/AcceptInvitationPage';
import { MfaPage } from '../auth/MfaPage';
import { ForgotPasswordPage, ResetPasswordPage } from '../auth/PasswordPages';
import { SignInPage } from '../auth/SignInPage';
import { SignUpPage } from '../auth/SignUpPage';
import { AppShell } from '../layout/AppShell';
import { HomePage } from '../layout/HomePage';
import { NotFoundPage } from '../layout/NotFoundPage';
import { ALL_MODULES } from '../modules';
import { settingsRoute } from '../settings';
import { ErrorState, Loading } from '../ui/states';
import { CellQuery, FeaturesQuery } from './cell';
import { ModulesContext, useSession } from './context';
import { useT } from './i18n';
import { m } from './messages';
import { enabledModules, switchedOffModules, type ModuleDefinition } from './registry';
import { useProfileReader } from './useReader';

/** Asks the cell which modules it serves (less those switched off for the signed-in user), then routes through theirs only. */
export function App() {
  const t = useT();
  const { data, error, refetch } = useQuery(CellQuery);
  const { session } = useSession();
  const reader = useProfileReader(Boolean(session));
  // Without the flags (identity unreachable) every served module shows; the gateway still refuses switched-off ones.
  const features = useQuery(FeaturesQuery, { skip: !session, fetchPolicy: 'network-only' });
  const served = data?.cell.modules.map((module) => module.name).join(',');
  const off = switchedOffModules(features.data?.features ?? []).join(',');
  const waiting = (Boolean(session) && features.loading && !features.data) || reader.loading;
  const modules = useMemo(
    () => (served === undefined || waiting ? null : enabledModules(ALL_MODULES, served.split(','), off ? off.split(',') : [])),
    [served, off, waiting],
  );
  const router = useMemo(() => (modules ? createBrowserRouter(appRoutes(modules)) : null), [modules]);
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (!modules || !router) return <Loading label={t(m.starting)} />;
  return (
    <ModulesContext.Provider value={modules}>
      <RouterProvider router={router} />
    </ModulesContext.Provider>
  );
}

export function appRoutes(modules: readonly ModuleDefinition[]): RouteObject[] {
  // Module pages load lazily: the router shows this while the first page's code arrives.
  return [{ hydrateFallbackElement: <Loading />, children: pageRoutes(modules) }];
}

function pageRoutes(modules: readonly ModuleDefinition[]): RouteObject[] {
  return [
    { path: '/sign-in', element: <SignInPage /> },
    { path: '/sign-in/mfa', element: <MfaPage /> },
    { path: '/sign-up', element: <SignUpPage /> },
    { path: '/forgot-password', element: <ForgotPasswordPage /> },
    { path: '/reset-password', element: <ResetPasswordPage /> },
    { path: '/invitations/accept', element: <AcceptInvitationPage /> },
    // Pages for people without an account (a token in the link is their only credential).
    ...modules.flatMap((module) => module.publicRoutes ?? []),
    {
      element: <RequireSession />,
      children: [
        {
          element: <AppShell />,
          children: [
            { index: true, element: <HomePage /> },
            settingsRoute(modules),
            ...modules.flatMap((module) => module.routes ?? []),
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ];
}

/** Signed-in pages: waits for the silent refresh, and sends signed-out visitors to sign in. */
function RequireSession() {
  const t = useT();
  const { session, resolved } = useSession();
  const location = useLocation();
  if (!resolved) return <Loading label={t(m.signingIn)} />;
  if (!session) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}
