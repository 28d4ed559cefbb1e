/** The languages the API answers in; Spanish first (the programme's language), then English. */
export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'es';

/**
 * The language to answer in, from an `Accept-Language` header: the supported language the caller
 * ranks highest (`en-GB;q=0.8, es;q=0.9` → es), Spanish when it names none of them or no header.
 */
export function preferredLanguage(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { language: Language; q: number } | undefined;
  for (const range of value.slice(0, 500).split(',')) {
    const [tag, ...parameters] = range.trim().split(';');
    const language = tag.trim().toLowerCase().split('-')[0] as Language;
    if (!LANGUAGES.includes(language)) continue;
    const qParameter = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParameter ? Number(qParameter.slice(2)) : 1;
    if (!(q > 0)) continue;
    if (!best || q > best.q) best = { language, q };
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}
