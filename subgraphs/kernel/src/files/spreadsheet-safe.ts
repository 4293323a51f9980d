/**
 * A text cell of a file people open in a spreadsheet (CSV, XLSX), made inert: one starting with =,
 * +, -, @, tab or CR gets a leading ' so the spreadsheet shows it instead of running it as a
 * formula (CSV injection). Other values pass unchanged.
 */
export function spreadsheetSafe<T>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
