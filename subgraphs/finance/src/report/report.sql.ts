/*
 * The finance reports' SQL: aggregates computed by Postgres, per currency (amounts in different
 * currencies are never added). Every statement runs in the caller's organization's transaction
 * (row-level security), so it sees that organization's rows only. Months are calendar months in
 * UTC: invoice issue dates and expense dates are dates (no time zone); payment times (timestamptz)
 * are taken in UTC. Sums are of numeric columns, so they are exact; the service rounds once to the
 * currency's minor units (a sum of amounts already rounded stays as it is).
 */

/** Issued invoices (not DRAFT, not VOID, not in the trash) count as invoiced, on their issue date. */
export const INVOICED_BY_MONTH_SQL = `
SELECT to_char(date_trunc('month', issue_date), 'YYYY-MM-DD') AS month, currency, sum(total)::text AS invoiced, count(*)::int AS invoices
FROM finance.invoices
WHERE deleted_at IS NULL AND status NOT IN ('draft', 'void') AND issue_date BETWEEN $1::date AND $2::date
GROUP BY 1, 2
ORDER BY 1, 2`;

/**
 * Accounts receivable on `$1` (as of that day): the amount due of open invoices (SENT, VIEWED,
 * PARTIALLY_PAID, OVERDUE) issued by then, by days past their due date.
 */
export const AR_AGING_SQL = `
SELECT currency,
  coalesce(sum(amount_due) FILTER (WHERE $1::date - due_date <= 0), 0)::text AS current,
  coalesce(sum(amount_due) FILTER (WHERE $1::date - due_date BETWEEN 1 AND 30), 0)::text AS days_1_30,
  coalesce(sum(amount_due) FILTER (WHERE $1::date - due_date BETWEEN 31 AND 60), 0)::text AS days_31_60,
  coalesce(sum(amount_due) FILTER (WHERE $1::date - due_date BETWEEN 61 AND 90), 0)::text AS days_61_90,
  coalesce(sum(amount_due) FILTER (WHERE $1::date - due_date > 90), 0)::text AS over_90,
  sum(amount_due)::text AS total,
  count(*)::int AS invoices
FROM finance.invoices
WHERE deleted_at IS NULL AND status IN ('sent', 'viewed', 'partially_paid', 'overdue') AND amount_due > 0 AND issue_date <= $1::date
GROUP BY currency
ORDER BY currency`;

/** Approved and reimbursed expenses (not in the trash) by category, on their expense date. */
export const EXPENSES_BY_CATEGORY_SQL = `
SELECT category, currency, sum(amount)::text AS amount, count(*)::int AS expenses
FROM finance.expenses
WHERE deleted_at IS NULL AND status IN ('approved', 'reimbursed') AND expense_date BETWEEN $1::date AND $2::date
GROUP BY 1, 2
ORDER BY 1, 2`;

/*
 * Collected cash: payments received minus refunds paid out, each on the day its money moved
 * (`paid_at`: a payment's arrival, a refund's completion). A payment counts while COMPLETED and also
 * once REFUNDED (its refunds are separate rows that subtract); a refund counts when COMPLETED. Credit
 * notes are not cash (they lower what is due) and never count; pending, failed and cancelled rows
 * neither. Payments are not soft-deleted (the ledger is kept whatever happens to the invoice).
 */
const COLLECTED_ROWS = `
  FROM finance.payments
  WHERE ((type = 'payment' AND status IN ('completed', 'refunded')) OR (type = 'refund' AND status = 'completed'))
    AND paid_at >= ($1::date)::timestamp AT TIME ZONE 'UTC' AND paid_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'`;

/** Collected per month (UTC) and currency over [$1, $2]. */
export const COLLECTED_BY_MONTH_SQL = `
SELECT to_char(date_trunc('month', paid_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS month, currency,
  sum(CASE WHEN type = 'payment' THEN amount ELSE -amount END)::text AS collected
${COLLECTED_ROWS}
GROUP BY 1, 2
ORDER BY 1, 2`;

/** Profit and loss per currency over [$1, $2]: revenue (collected), expenses (approved + reimbursed, by expense date), net. */
export const PROFIT_AND_LOSS_SQL = `
WITH revenue AS (
  SELECT currency, sum(CASE WHEN type = 'payment' THEN amount ELSE -amount END) AS amount
  ${COLLECTED_ROWS}
  GROUP BY currency
), spent AS (
  SELECT currency, sum(amount) AS amount
  FROM finance.expenses
  WHERE deleted_at IS NULL AND status IN ('approved', 'reimbursed') AND expense_date BETWEEN $1::date AND $2::date
  GROUP BY currency
)
SELECT currency, coalesce(revenue.amount, 0)::text AS revenue, coalesce(spent.amount, 0)::text AS expenses,
  (coalesce(revenue.amount, 0) - coalesce(spent.amount, 0))::text AS net
FROM revenue FULL JOIN spent USING (currency)
ORDER BY currency`;
