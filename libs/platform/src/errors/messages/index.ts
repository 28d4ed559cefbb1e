import { Language } from '../language';
import { en } from './en';
import { Catalogue, es } from './es';

export const CATALOGUES: Record<Language, Catalogue> = { es, en };
export { en, es };
export type { Catalogue };
