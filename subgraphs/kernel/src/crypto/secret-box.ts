import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Authenticated encryption of small secrets at rest (TOTP seeds, webhook secrets) with AES-256-GCM
 * under a key from the environment (a KMS data key in a deployed cell). Ciphertexts carry a
 * version so the key can be rotated. Also derives a keyed hash (HMAC) for secrets that are only
 * ever compared, never read back (backup codes).
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    this.key = Buffer.from(base64Key, 'base64');
    if (this.key.length !== 32) throw new Error('The encryption key must be 32 bytes, base64-encoded');
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('Unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** A keyed hash: useless to whoever steals the table without the key. */
  digest(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('base64url');
  }
}

export const encryptionKeySchema = z
  .string({ error: 'is required (32 random bytes, base64)' })
  .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

export const generateEncryptionKey = () => randomBytes(32).toString('base64');
