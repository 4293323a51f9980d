import { translator, type Logger, type SettingsReader, type Translator } from '@cellgraph/kernel';

const ORGANIZATION = 'organization';

/**
 * The language outside reviewers read an organization's e-mails in: its `organization` settings'
 * `defaultLocale` and `defaultTimeZone`. Without the namespace in the cell, or while settings
 * cannot be read, English in UTC: the e-mail still goes out.
 */
export class ReviewerLanguage {
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
      this.logger.warn({ err: error, orgId }, 'organization settings unavailable; review e-mail in English');
      return translator();
    }
  }
}

const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);
