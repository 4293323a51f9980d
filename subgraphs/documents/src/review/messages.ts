import { defineMessages } from '@cellgraph/kernel';

/** The e-mail that carries a review link to an outside reviewer. */
export const reviewEmailTexts = defineMessages('documents.reviewEmail', {
  subject: { en: 'Please review “{title}”', de: 'Bitte prüfen Sie „{title}“' },
  greeting: { en: '{hasName, select, yes {Hello {name},} other {Hello,}}', de: '{hasName, select, yes {Guten Tag {name},} other {Guten Tag,}}' },
  askText: {
    en: 'You are asked to review “{title}”. Read it and suggest changes, without an account, until {until}:',
    de: 'Sie werden gebeten, „{title}“ zu prüfen. Lesen Sie das Dokument und schlagen Sie Änderungen vor, ohne Konto, bis zum {until}:',
  },
  askBeforeLink: { en: 'You are asked to review “{title}”.', de: 'Sie werden gebeten, „{title}“ zu prüfen.' },
  link: { en: 'Read it and suggest changes', de: 'Lesen Sie das Dokument und schlagen Sie Änderungen vor' },
  afterLink: { en: ', without an account, until {until}.', de: ', ohne Konto, bis zum {until}.' },
});
