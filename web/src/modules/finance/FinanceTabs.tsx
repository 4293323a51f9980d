import { NavLink } from 'react-router';

/** The finance pages, one tab each. */
export function FinanceTabs() {
  return (
    <nav className="fin-tabs" aria-label="Finance">
      <NavLink to="/finance/invoices">Invoices</NavLink>
      <NavLink to="/finance/expenses">Expenses</NavLink>
      <NavLink to="/finance/reports">Reports</NavLink>
    </nav>
  );
}
