import { graphql } from '../../gql';

// Every operation of the finance module is prefixed with `Finance` (operation names are unique app-wide).

graphql(`
  fragment FinanceMoney on Money {
    amount
    currencyCode
  }
`);

/** An invoice in a list. */
graphql(`
  fragment FinanceInvoiceListItem on Invoice {
    id
    number
    status
    issueDate
    dueDate
    currencyCode
    total {
      ...FinanceMoney
    }
    amountDue {
      ...FinanceMoney
    }
    contact {
      id
      name
    }
  }
`);

/** What the invoice page shows and edits. */
graphql(`
  fragment FinanceInvoice on Invoice {
    id
    number
    status
    issueDate
    dueDate
    currencyCode
    memo
    terms
    sentAt
    viewedAt
    paidAt
    voidedAt
    discount {
      kind
      value
    }
    subtotal {
      ...FinanceMoney
    }
    discountTotal {
      ...FinanceMoney
    }
    taxTotal {
      ...FinanceMoney
    }
    total {
      ...FinanceMoney
    }
    amountPaid {
      ...FinanceMoney
    }
    amountDue {
      ...FinanceMoney
    }
    contact {
      id
      name
      email
    }
    lines {
      id
      position
      description
      quantity
      taxRate
      unitPrice {
        ...FinanceMoney
      }
      amount {
        ...FinanceMoney
      }
      taxAmount {
        ...FinanceMoney
      }
    }
  }
`);

export const FinanceInvoicesQuery = graphql(`
  query FinanceInvoices($filter: InvoiceFilter, $orderBy: [InvoiceOrder!], $first: Int, $after: String, $last: Int, $before: String) {
    invoices(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...FinanceInvoiceListItem
      }
    }
  }
`);

export const FinanceInvoiceQuery = graphql(`
  query FinanceInvoice($id: ID!) {
    invoice(id: $id) {
      ...FinanceInvoice
    }
  }
`);

export const FinanceContactsQuery = graphql(`
  query FinanceContacts($search: String) {
    contacts(search: $search, first: 20) {
      nodes {
        id
        name
        email
      }
    }
  }
`);

export const FinanceInvoiceCreateMutation = graphql(`
  mutation FinanceInvoiceCreate($input: InvoiceCreateInput!) {
    invoiceCreate(input: $input) {
      invoice {
        ...FinanceInvoice
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinanceInvoiceUpdateMutation = graphql(`
  mutation FinanceInvoiceUpdate($input: InvoiceUpdateInput!) {
    invoiceUpdate(input: $input) {
      invoice {
        ...FinanceInvoice
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinanceInvoiceLineAddMutation = graphql(`
  mutation FinanceInvoiceLineAdd($input: InvoiceLineAddInput!) {
    invoiceLineAdd(input: $input) {
      invoice {
        ...FinanceInvoice
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinanceInvoiceLineUpdateMutation = graphql(`
  mutation FinanceInvoiceLineUpdate($input: InvoiceLineUpdateInput!) {
    invoiceLineUpdate(input: $input) {
      invoice {
        ...FinanceInvoice
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinanceInvoiceLineRemoveMutation = graphql(`
  mutation FinanceInvoiceLineRemove($input: InvoiceLineRemoveInput!) {
    invoiceLineRemove(input: $input) {
      invoice {
        ...FinanceInvoice
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinanceInvoiceVoidMutation = graphql(`
  mutation FinanceInvoiceVoid($input: InvoiceVoidInput!) {
    invoiceVoid(input: $input) {
      invoice {
        ...FinanceInvoice
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinanceInvoiceDuplicateMutation = graphql(`
  mutation FinanceInvoiceDuplicate($input: InvoiceDuplicateInput!) {
    invoiceDuplicate(input: $input) {
      invoice {
        id
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

/** A contact's invoices and what it owes (the contact profile's widget). */
export const FinanceContactInvoicesQuery = graphql(`
  query FinanceContactInvoices($contactId: ID!) {
    contact(id: $contactId) {
      id
      balanceDue {
        ...FinanceMoney
      }
      invoices(first: 10) {
        totalCount
        nodes {
          ...FinanceInvoiceListItem
        }
      }
    }
  }
`);

graphql(`
  fragment FinanceExpense on Expense {
    id
    category
    description
    vendor
    expenseDate
    status
    rejectionReason
    decidedAt
    reimbursedAt
    amount {
      ...FinanceMoney
    }
    receipt {
      id
      name
      downloadUrl
    }
    submitter {
      id
      name
    }
    approver {
      id
      name
    }
  }
`);

export const FinanceExpensesQuery = graphql(`
  query FinanceExpenses($filter: ExpenseFilter, $orderBy: [ExpenseOrder!], $first: Int, $after: String, $last: Int, $before: String) {
    expenses(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...FinanceExpense
      }
    }
  }
`);

export const FinanceExpenseSubmitMutation = graphql(`
  mutation FinanceExpenseSubmit($input: ExpenseSubmitInput!) {
    expenseSubmit(input: $input) {
      expense {
        ...FinanceExpense
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinanceExpenseApproveMutation = graphql(`
  mutation FinanceExpenseApprove($input: ExpenseApproveInput!) {
    expenseApprove(input: $input) {
      expense {
        ...FinanceExpense
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinanceExpenseRejectMutation = graphql(`
  mutation FinanceExpenseReject($input: ExpenseRejectInput!) {
    expenseReject(input: $input) {
      expense {
        ...FinanceExpense
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinanceExpenseReimburseMutation = graphql(`
  mutation FinanceExpenseReimburse($input: ExpenseReimburseInput!) {
    expenseReimburse(input: $input) {
      expense {
        ...FinanceExpense
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

/** An invoice's changes as they happen (another tab's edits, a payment, the overdue job). */
export const FinanceInvoiceChangedSubscription = graphql(`
  subscription FinanceInvoiceChanged($id: ID!) {
    invoiceChanged(id: $id) {
      event
      invoiceId
      invoice {
        ...FinanceInvoice
      }
    }
  }
`);

export const FinanceInvoiceSendMutation = graphql(`
  mutation FinanceInvoiceSend($input: InvoiceSendInput!) {
    invoiceSend(input: $input) {
      invoice {
        ...FinanceInvoice
      }
      recipients
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinancePublicInvoiceQuery = graphql(`
  query FinancePublicInvoice($token: String!) {
    publicInvoice(token: $token) {
      number
      status
      pdfUrl
      organizationName
      customerName
      issueDate
      dueDate
      currencyCode
      memo
      terms
      payable
      lines {
        description
        quantity
        taxRate
        unitPrice {
          ...FinanceMoney
        }
        amount {
          ...FinanceMoney
        }
      }
      subtotal {
        ...FinanceMoney
      }
      discountTotal {
        ...FinanceMoney
      }
      taxTotal {
        ...FinanceMoney
      }
      total {
        ...FinanceMoney
      }
      amountPaid {
        ...FinanceMoney
      }
      amountDue {
        ...FinanceMoney
      }
    }
  }
`);

graphql(`
  fragment FinancePayment on Payment {
    id
    type
    method
    status
    reference
    description
    failureMessage
    paidAt
    createdAt
    amount {
      ...FinanceMoney
    }
    fee {
      ...FinanceMoney
    }
    refundOf {
      id
    }
  }
`);

export const FinancePublicInvoicePayMutation = graphql(`
  mutation FinancePublicInvoicePay($token: String!, $idempotencyKey: String) {
    publicInvoicePay(token: $token, idempotencyKey: $idempotencyKey) {
      paymentUrl
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinanceInvoicePaymentsQuery = graphql(`
  query FinanceInvoicePayments($id: ID!) {
    invoice(id: $id) {
      id
      payments(first: 50) {
        nodes {
          ...FinancePayment
        }
      }
    }
  }
`);

export const FinanceInvoicePayMutation = graphql(`
  mutation FinanceInvoicePay($input: InvoicePayInput!) {
    invoicePay(input: $input) {
      paymentUrl
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinancePaymentRecordMutation = graphql(`
  mutation FinancePaymentRecord($input: PaymentRecordInput!) {
    paymentRecord(input: $input) {
      invoice {
        ...FinanceInvoice
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinancePaymentRefundMutation = graphql(`
  mutation FinancePaymentRefund($input: PaymentRefundInput!) {
    paymentRefund(input: $input) {
      invoice {
        ...FinanceInvoice
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinanceCreditNoteIssueMutation = graphql(`
  mutation FinanceCreditNoteIssue($input: CreditNoteIssueInput!) {
    creditNoteIssue(input: $input) {
      creditNote {
        ...FinancePayment
      }
      invoice {
        ...FinanceInvoice
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

/** The reports page: every report of a period at once (each per currency; the page picks one). */
export const FinanceReportsQuery = graphql(`
  query FinanceReports($from: LocalDate!, $to: LocalDate!, $asOf: LocalDate) {
    financeRevenue(from: $from, to: $to) {
      month
      currencyCode
      invoiced {
        ...FinanceMoney
      }
      invoiceCount
      collected {
        ...FinanceMoney
      }
    }
    financeArAging(asOf: $asOf) {
      currencyCode
      current {
        ...FinanceMoney
      }
      days1To30 {
        ...FinanceMoney
      }
      days31To60 {
        ...FinanceMoney
      }
      days61To90 {
        ...FinanceMoney
      }
      over90 {
        ...FinanceMoney
      }
      total {
        ...FinanceMoney
      }
      invoiceCount
    }
    financeExpensesByCategory(from: $from, to: $to) {
      category
      currencyCode
      amount {
        ...FinanceMoney
      }
      expenseCount
    }
    financeProfitAndLoss(from: $from, to: $to) {
      currencyCode
      revenue {
        ...FinanceMoney
      }
      expenses {
        ...FinanceMoney
      }
      net {
        ...FinanceMoney
      }
    }
  }
`);

/** A recurring invoice as the invoice page's "Repeat" panel shows it. */
graphql(`
  fragment FinanceRecurringInvoice on RecurringInvoice {
    id
    frequency
    startDate
    nextIssueDate
    endDate
    autoSend
    sendTo
    enabled
    active
    stoppedAt
    invoices(first: 10) {
      totalCount
      nodes {
        id
        number
        status
        issueDate
      }
    }
  }
`);

export const FinanceInvoiceRecurrenceQuery = graphql(`
  query FinanceInvoiceRecurrence($id: ID!) {
    invoice(id: $id) {
      id
      recurrence {
        ...FinanceRecurringInvoice
      }
      issuedBy {
        id
        template {
          id
          number
        }
      }
    }
  }
`);

export const FinanceInvoiceMakeRecurringMutation = graphql(`
  mutation FinanceInvoiceMakeRecurring($input: InvoiceMakeRecurringInput!) {
    invoiceMakeRecurring(input: $input) {
      recurringInvoice {
        ...FinanceRecurringInvoice
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinanceRecurringInvoiceUpdateMutation = graphql(`
  mutation FinanceRecurringInvoiceUpdate($input: RecurringInvoiceUpdateInput!) {
    recurringInvoiceUpdate(input: $input) {
      recurringInvoice {
        ...FinanceRecurringInvoice
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FinanceRecurringInvoiceStopMutation = graphql(`
  mutation FinanceRecurringInvoiceStop($input: RecurringInvoiceStopInput!) {
    recurringInvoiceStop(input: $input) {
      recurringInvoice {
        ...FinanceRecurringInvoice
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);
