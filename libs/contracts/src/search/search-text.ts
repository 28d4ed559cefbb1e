/**
 * Search over lists (`q` of GET /api/applications and GET /api/loans): what a user types is read as
 * a reference, a DNI/RUC or part of an enterprise's name. Names are compared in one normal form —
 * lower case, accents and other marks removed, spaces collapsed — that the services store next to
 * the name (and index with pg_trgm), so "quispe" finds "Familia Quíspe" without scanning.
 */

/** "Familia  Quíspe Ñaupa" → "familia quispe naupa". The same function for stored names and for q. */
export function searchableText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export type Search =
  | { by: 'reference'; reference: string }
  | { by: 'document'; documentId: string }
  /** A LIKE pattern over the normalised name, its wildcards escaped with a backslash. */
  | { by: 'name'; pattern: string };

const REFERENCE = /^QL-[A-Z0-9]{6}$/i;
const DNI_OR_RUC = /^(\d{8}|\d{11})$/;

/**
 * A reference ("ql-7k4m2p", any case) matches that application exactly; 8 or 11 digits match that
 * DNI or RUC exactly; anything else is part of a name.
 */
export function parseSearch(q: string): Search {
  const text = q.trim();
  if (REFERENCE.test(text)) return { by: 'reference', reference: text.toUpperCase() };
  if (DNI_OR_RUC.test(text)) return { by: 'document', documentId: text };
  const escaped = searchableText(text).replace(/[\\%_]/g, (c) => `\\${c}`);
  return { by: 'name', pattern: `%${escaped}%` };
}
