import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: a family reads the reference from paper or an SMS.
const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A short, readable application reference such as QL-7K4M2P. */
export function newReference(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `QL-${code}`;
}

export function normaliseReference(reference: string): string {
  return reference.trim().toUpperCase();
}

/** A 6-digit PIN, leading zeros allowed. It is stored only as a hash (CredentialHasher, argon2id). */
export function newPin(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}
