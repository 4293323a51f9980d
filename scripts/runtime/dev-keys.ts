import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCellKeys, type CellKeys } from './keys.js';

/**
 * Development keys, kept in .cellgraph/keys.json (git-ignored) so that tokens survive restarts.
 * Deployed cells get theirs from their secret store.
 */
export async function loadOrCreateKeys(stateDir: string): Promise<CellKeys> {
  const file = join(stateDir, 'keys.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<CellKeys>) : {};
  if (
    stored.internalContextSecret &&
    stored.auth &&
    stored.encryptionKey &&
    stored.signatureWebhookSecret &&
    stored.paymentWebhookSecret &&
    stored.webhookEncryptionKey
  )
    return stored as CellKeys;
  const keys = { ...(await generateCellKeys()), ...stored }; // keep what exists, add what is new
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
