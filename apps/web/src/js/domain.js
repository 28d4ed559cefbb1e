// The API's enumerations (API.md, SPEC.md), in the order the screens list them.
import { h } from './render.js';

export const STATUSES = [
  'submitted',
  'in_review',
  'info_requested',
  'awaiting_second_approval',
  'approved',
  'waitlisted',
  'disbursed',
  'rejected',
];
export const VALUE_CHAINS = [
  'dairy',
  'cheese',
  'guinea_pig',
  'native_potato',
  'mushroom',
  'restaurant',
];
export const LOAN_STATUSES = ['active', 'claimed', 'repaid', 'written_off'];
export const CLASSIFICATIONS = ['normal', 'cpp', 'deficiente', 'dudoso', 'perdida'];

// Districts of the programme, offered as suggestions in a <datalist>; any other name may be typed.
export const MUNICIPALITIES = [
  'Ocongate',
  'Ccatca',
  'Andahuaylillas',
  'Anta',
  'Chumbivilcas',
  'Pomacanchi',
];

export function municipalityList(id) {
  return h(
    'datalist',
    { id },
    MUNICIPALITIES.map((m) => h('option', { value: m })),
  );
}
