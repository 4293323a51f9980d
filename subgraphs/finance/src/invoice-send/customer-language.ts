import { translator, type Logger, type SettingsReader, type Translator } from '@cellgraph/kernel';

const ORGANIZATION = 'organization';

/**
 * The language customers read an organization's invoices in: its `organization` settings'
 * `defaultLocale` (and `defaultTimeZone`). Without the namespace in the cell, or while settings
 * cannot be read, English in UTC: the invoice still goes out.
 */
export class CustomerLanguage {
  constructor(
    private readonly settings: Pick<SettingsReader, 'namespace' | 'read'> | undefined,
    private readonly logger: Logger,
  ) {}

  async of(orgId: string): Promise<Translator> {
    if (!this.settings?.namespace(ORGANIZATION)) return translator();
    try {
      const { values } = await this.settings.read(orgId, null, ORGANIZATION);
      return translator(stringOrNull(values.defaultLocale), stringOrNull(values.defaultTimeZone));
    } catch (error) {
      this.logger.warn({ err: error, orgId }, 'organization settings unavailable; invoice texts in English');
      return translator();
    }
  }
}

const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

/** A calendar date (YYYY-MM-DD, no time zone) in the reader's format. */
export const calendarDate = (reader: Translator, day: string) => translator(reader.locale, 'UTC').date(`${day.slice(0, 10)}T00:00:00Z`);
