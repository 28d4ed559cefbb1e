// What the system did at a step, said in each language from its code and figures.
// setLang marks the page's language; this is all of the DOM these functions touch.
(globalThis as { document?: unknown }).document = { documentElement: {} };
/* eslint-disable @typescript-eslint/no-require-imports */
const { setLang } = require('../i18n.js') as { setLang: (lang: string) => void };
const { describeDetail, actedBy, personalNote } = require('./timeline.js') as {
  describeDetail: (detail: object | null) => string | null;
  actedBy: (entry: object) => string | null;
  personalNote: (entry: object) => string | null;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The sentence with the no-break space of amounts made plain. */
const say = (detail: object | null) => describeDetail(detail)?.replace(/\u00a0/g, ' ') ?? null;

const paidOut = {
  code: 'DISBURSED',
  disbursedOn: '2026-03-02',
  principal: '6000.00',
  guaranteeFee: '63.00',
  grant: '0.00',
  payout: '5937.00',
  grantRequested: '3000.00',
};

describe('describeDetail: a sentence per code, in the current language', () => {
  afterEach(() => setLang('es'));

  it('says a score, a second approval and each waitlist reason', () => {
    setLang('es');
    expect(say({ code: 'SCORED', score: 71, grade: 'B', recommendation: 'approve' })).toBe(
      'Puntaje 71 de 100, categoría B: se recomienda aprobar.',
    );
    expect(
      say({ code: 'SECOND_APPROVAL_REQUIRED', amount: '12500.00', threshold: '10000.00' }),
    ).toBe(
      'Aprobada por S/ 12,500.00. Como pasa de S/ 10,000.00, el gestor del fondo debe confirmarla.',
    );
    expect(say({ code: 'WAITLISTED', reason: 'QUEUE_AHEAD', guarantee: '700.00', ahead: 2 })).toBe(
      'Hay 2 créditos aprobados antes que este esperando al fondo de garantía. Se desembolsará en orden de aprobación apenas haya espacio.',
    );
    setLang('en');
    expect(
      say({
        code: 'WAITLISTED',
        reason: 'GUARANTEE_CAPACITY',
        guarantee: '8750.00',
        room: '4000.00',
      }),
    ).toBe(
      "This loan's guarantee (S/ 8,750.00) is more than the guarantee fund can cover for now (S/ 4,000.00). It will be paid out in order of approval as soon as there is room.",
    );
    // An older waitlisting, without its figures.
    expect(say({ code: 'WAITLISTED', reason: 'GUARANTEE_CAPACITY' })).toBe(
      'The guarantee fund has reached its limit for now. It will be paid out in order of approval as soon as there is room.',
    );
  });

  it('says a payout with its grant, or why the grant was refused', () => {
    setLang('es');
    expect(
      say({
        ...paidOut,
        grantRefusal: {
          code: 'GRANT_ENTERPRISE_LIMIT',
          requested: '3000.00',
          limit: '5000.00',
          remaining: '2000.00',
        },
      }),
    ).toBe(
      'Se entregaron S/ 5,937.00 el 2 de marzo de 2026: el crédito de S/ 6,000.00 menos la comisión de garantía de S/ 63.00. ' +
        'La subvención pedida de S/ 3,000.00 no se otorgó: cada familia puede recibir como máximo S/ 5,000.00 y a esta le quedaban S/ 2,000.00.',
    );
    setLang('en');
    expect(say({ ...paidOut, grant: '3000.00', payout: '8937.00', grantRefusal: null })).toBe(
      'Paid out S/ 8,937.00 on 2 March 2026: the loan of S/ 6,000.00 less the guarantee fee of S/ 63.00, plus a grant of S/ 3,000.00.',
    );
    expect(
      say({
        ...paidOut,
        grantRefusal: { code: 'GRANT_BUDGET_EXHAUSTED', requested: '3000.00', available: '0.00' },
      }),
    ).toContain(
      'The grant asked for (S/ 3,000.00) was not given: the innovation fund had only S/ 0.00 left.',
    );
  });

  it('says why a loan was reprogrammed, by how much, its months of interest only and what it pays next', () => {
    const frost = {
      code: 'REPROGRAMMED',
      reason: 'climate_event',
      extensionMonths: 3,
      graceMonths: 2,
      nextDueDate: '2026-05-02',
      nextInstallment: '83.33',
    };
    setLang('es');
    expect(say(frost)).toBe(
      'El crédito se reprogramó por un evento climático: el plazo crece 3 meses y durante los primeros 2 meses solo se paga interés. ' +
        'La próxima cuota es de S/ 83.33 y vence el 2 de mayo de 2026.',
    );
    expect(
      say({
        ...frost,
        reason: 'health',
        extensionMonths: 1,
        graceMonths: 1,
        nextInstallment: '1250.40',
      }),
    ).toBe(
      'El crédito se reprogramó por motivos de salud: el plazo crece 1 mes y durante el primer mes solo se paga interés. ' +
        'La próxima cuota es de S/ 1,250.40 y vence el 2 de mayo de 2026.',
    );
    // A reason this version does not know reads as "another reason", never as its code.
    expect(
      say({ ...frost, reason: 'drought_2027', graceMonths: 0, nextInstallment: '514.24' }),
    ).toBe(
      'El crédito se reprogramó por otro motivo: el plazo crece 3 meses, sin meses de gracia. ' +
        'La próxima cuota es de S/ 514.24 y vence el 2 de mayo de 2026.',
    );
    setLang('en');
    expect(say({ ...frost, reason: 'social_unrest' })).toBe(
      'The loan was reprogrammed because of social unrest: the term grows by 3 months and for the first 2 months only interest is paid. ' +
        'The next installment is S/ 83.33, due on 2 May 2026.',
    );
  });

  it('says nothing of a code it does not know, and never shows a username or a system note', () => {
    expect(say({ code: 'SOMETHING_NEW' })).toBeNull();
    expect(say(null)).toBeNull();
    expect(actedBy({ by: 'system', byName: null })).toBe('automático');
    expect(actedBy({ by: 'officer', byName: 'Rosa Huamán' })).toBe('Rosa Huamán');
    expect(actedBy({ by: 'officer' })).toBeNull();
    expect(personalNote({ by: 'system', note: 'Scored 71 (B)', noteBySystem: true })).toBeNull();
    expect(
      personalNote({ by: 'officer', note: 'Approved for 12500.00', noteBySystem: true }),
    ).toBeNull();
    expect(personalNote({ by: 'officer', note: 'Visité la finca', noteBySystem: false })).toBe(
      'Visité la finca',
    );
  });
});
