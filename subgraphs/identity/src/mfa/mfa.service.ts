import { randomBytes } from 'node:crypto';
import { requireUserId, uuidv7, type Database, type RequestContext, type SecretBox } from '@cellgraph/kernel';
import { IsNull, type EntityManager } from 'typeorm';
import { invalidMfaCode, wrongPassword } from '../auth/auth.errors.js';
import { verifyPassword } from '../auth/password.js';
import { User } from '../user/user.entity.js';
import { MfaBackupCode, MfaFactor } from './mfa.entities.js';
import { mfaAlreadyEnabled, mfaNotEnabled, mfaNotStarted } from './mfa.errors.js';
import { base32Decode, base32Encode, matchTotp, newTotpSecret, otpauthUrl } from './totp.js';

const BACKUP_CODES = 10;
const BACKUP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I

/** A backup code as shown: 10 characters in two groups, 50 bits of entropy. */
function newBackupCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((byte) => BACKUP_ALPHABET[byte % BACKUP_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const normalizeBackupCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * Two-factor authentication with TOTP: enrolment (the seed encrypted at rest, shown once as an
 * otpauth URL), confirmation with a first code, ten single-use backup codes stored as keyed
 * digests, and disabling with the password.
 */
export class MfaService {
  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
  ) {}

  private tx<T>(userId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction({ userId, orgId: null }, (em) => work(em));
  }

  async isEnabled(userId: string): Promise<boolean> {
    const factor = await this.tx(userId, (em) => em.findOneBy(MfaFactor, { userId }));
    return Boolean(factor?.enabledAt);
  }

  /** Starts the signed-in user's enrolment: a new seed, shown once. */
  async enrollStart(request: RequestContext): Promise<{ secret: string; otpauthUrl: string }> {
    const userId = requireUserId(request);
    const secret = newTotpSecret();
    return this.tx(userId, async (em) => {
      const existing = await em.findOneBy(MfaFactor, { userId });
      if (existing?.enabledAt) throw mfaAlreadyEnabled();
      const user = await em.findOneByOrFail(User, { id: userId });
      await em.upsert(MfaFactor, { userId, secretSealed: this.box.seal(base32Encode(secret)), enabledAt: null, lastUsedStep: null }, ['userId']);
      return { secret: base32Encode(secret), otpauthUrl: otpauthUrl(secret, user.email) };
    });
  }

  /** Turns the factor on with a first valid code; returns the backup codes (shown once). */
  async enrollConfirm(request: RequestContext, code: string): Promise<string[]> {
    const userId = requireUserId(request);
    return this.tx(userId, async (em) => {
      const factor = await em.findOne(MfaFactor, { where: { userId }, lock: { mode: 'pessimistic_write' } });
      if (!factor) throw mfaNotStarted();
      if (factor.enabledAt) throw mfaAlreadyEnabled();
      const step = matchTotp(base32Decode(this.box.open(factor.secretSealed)), code.trim(), null);
      if (step === null) throw invalidMfaCode();
      await em.update(MfaFactor, { userId }, { enabledAt: new Date(), lastUsedStep: step });
      const codes = Array.from({ length: BACKUP_CODES }, newBackupCode);
      await em.delete(MfaBackupCode, { userId });
      await em.insert(
        MfaBackupCode,
        codes.map((c) => ({ id: uuidv7(), userId, codeDigest: this.box.digest(normalizeBackupCode(c)), usedAt: null })),
      );
      await this.db.emit(em, { type: 'mfa.enabled', orgId: null, actorId: userId, subject: { type: 'User', id: userId } });
      return codes;
    });
  }

  /** Turns the signed-in user's second factor off, after checking the password. */
  async disable(request: RequestContext, password: string): Promise<void> {
    const userId = requireUserId(request);
    const user = await this.tx(userId, (em) =>
      em.createQueryBuilder(User, 'user').addSelect('user.passwordHash').where('user.id = :userId', { userId }).getOneOrFail(),
    );
    if (!(await verifyPassword(user.passwordHash, password))) throw wrongPassword('password');
    await this.tx(userId, async (em) => {
      const factor = await em.findOneBy(MfaFactor, { userId });
      if (!factor?.enabledAt) throw mfaNotEnabled();
      await em.delete(MfaFactor, { userId });
      await em.delete(MfaBackupCode, { userId });
      await this.db.emit(em, { type: 'mfa.disabled', orgId: null, actorId: userId, subject: { type: 'User', id: userId } });
    });
  }

  /** Checks a second-factor code: a TOTP code (once per time step) or an unused backup code. */
  async verifyCode(userId: string, code: string): Promise<boolean> {
    return this.tx(userId, async (em) => {
      const factor = await em.findOne(MfaFactor, { where: { userId }, lock: { mode: 'pessimistic_write' } });
      if (!factor?.enabledAt) return false;
      const trimmed = code.trim();
      if (/^\d{6}$/.test(trimmed)) {
        const step = matchTotp(base32Decode(this.box.open(factor.secretSealed)), trimmed, factor.lastUsedStep);
        if (step === null) return false;
        await em.update(MfaFactor, { userId }, { lastUsedStep: step });
        return true;
      }
      const used = await em.update(
        MfaBackupCode,
        { userId, codeDigest: this.box.digest(normalizeBackupCode(trimmed)), usedAt: IsNull() },
        { usedAt: new Date() },
      );
      return (used.affected ?? 0) > 0;
    });
  }
}
