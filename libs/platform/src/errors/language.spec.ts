import { preferredLanguage } from './language';

describe('the language of an answer', () => {
  it.each([
    [undefined, 'es'],
    ['', 'es'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['es-PE,es;q=0.9,en;q=0.8', 'es'],
    ['en-GB;q=0.8, es;q=0.9', 'es'],
    ['fr-FR,fr;q=0.9,en;q=0.5', 'en'],
    ['fr, de', 'es'],
    ['en;q=0, es;q=0.1', 'es'],
    ['*', 'es'],
    ['EN', 'en'],
    [['qu', 'en'], 'en'],
  ])('Accept-Language %j → %s', (header, language) => {
    expect(preferredLanguage(header as string)).toBe(language);
  });
});
