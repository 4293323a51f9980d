import { NavLink } from 'react-router';
import { useT } from '../../app/i18n';
import { m } from './messages';

/** The finance pages, one tab each. */
export function FinanceTabs() {
  const t = useT();
  return (
    <nav className="fin-tabs" aria-label={t(m.tabsLabel)}>
      <NavLink to="/finance/invoices">{t(m.invoices)}</NavLink>
      <NavLink to="/finance/expenses">{t(m.expenses)}</NavLink>
      <NavLink to="/finance/reports">{t(m.reports)}</NavLink>
    </nav>
  );
}
