/**
 * Internationalization, for the server and the web app alike (no Node APIs): catalogs declared
 * by modules with every language in the type, ICU MessageFormat, and locale-aware formatting.
 */
export * from './locales.js';
export * from './messages.js';
export * from './translator.js';
export * from './zod-message.js';
