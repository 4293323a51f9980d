import { translator, type Logger, type SettingsReader, type Translator } from '@cellgraph/kernel';

const PROFILE = 'profile';

/**
 * Each recipient's translator: the locale and time zone of their `profile` settings in the
 * organization (their own, else the organization's defaults for members). Without the namespace
 * in the cell, or while settings cannot be read, English in UTC: a notification is still sent.
 */
export class RecipientReaders {
  constructor(
    private readonly settings: Pick<SettingsReader, 'namespace' | 'read'> | undefined,
    private readonly logger: Logger,
  ) {}

  async of(orgId: string, userId: string): Promise<Translator> {
    if (!this.settings?.namespace(PROFILE)) return translator();
    try {
      const { values } = await this.settings.read(orgId, userId, PROFILE);
      return translator(stringOrNull(values.locale), stringOrNull(values.timeZone));
    } catch (error) {
      this.logger.warn({ err: error, orgId }, 'recipient profile unavailable; texts in English (UTC)');
      return translator();
    }
  }
}

const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);
