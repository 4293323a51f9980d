import { useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useModules } from '../app/context';
import { AvatarMenu } from './AvatarMenu';
import { CommandPalette } from './CommandPalette';
import { QuickViewPanel } from './QuickView';
import { labelText, useT } from '../app/i18n';
import { m } from './messages';

/** The signed-in frame: top bar, the registry's sidebar, the page, and the quick-view panel. */
export function AppShell() {
  const t = useT();
  const modules = useModules();
  const [navOpen, setNavOpen] = useState(false);
  const navigation = modules.flatMap((module) => module.navigation ?? []).sort((a, b) => a.order - b.order);
  const topBarItems = modules.flatMap((module) => module.topBar ?? []);
  return (
    <div className={`shell ${navOpen ? 'shell-nav-open' : ''}`}>
      <a href="#main" className="skip-link">
        {t(m.skipToContent)}
      </a>
      <header className="top-bar">
        <button type="button" className="nav-toggle" aria-label={t(m.menu)} aria-expanded={navOpen} onClick={() => setNavOpen(!navOpen)}>
          ☰
        </button>
        <NavLink to="/" className="brand">
          Cellgraph
        </NavLink>
        <CommandPalette />
        <div className="top-bar-items">
          {topBarItems.map((Item, index) => (
            <Item key={index} />
          ))}
          <AvatarMenu />
        </div>
      </header>
      <nav className="sidebar" aria-label={t(m.mainNavigation)} onClick={() => setNavOpen(false)}>
        <NavLink to="/" end className="nav-item">
          <span aria-hidden className="nav-icon">
            ⌂
          </span>
          {t(m.home)}
        </NavLink>
        {navigation.map((item) => (
          <NavLink key={item.path} to={item.path} className="nav-item">
            <span aria-hidden className="nav-icon">
              {item.icon}
            </span>
            {labelText(item.label)}
          </NavLink>
        ))}
        <NavLink to="/settings" className="nav-item nav-item-bottom">
          <span aria-hidden className="nav-icon">
            ⚙
          </span>
          {t(m.settings)}
        </NavLink>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
      <QuickViewPanel />
    </div>
  );
}
