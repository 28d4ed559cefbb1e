import { Decimal } from '@qollqa/money';
import { Browser, Locator, Page } from 'playwright-core';
import { applicationBody, newDocumentId } from '../support/application-factory';
import {
  DESKTOP,
  download,
  launchBrowser,
  openWindow,
  PHONE,
  screenText,
  signInStaff,
  startWebSystem,
  tableRows,
} from '../support/browser';
import { parseCsv } from '../support/csv';
import { eventually } from '../support/eventually';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';
import { checkScreen, screenSettled } from '../support/web-checks';

// What a person reads, formatted here from the API's strings (not with the web app's formatters).
const grouped = (units: string) => units.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** "9700.00" → "S/ 9,700.00" (a minus sign before S/ for a negative amount). */
function soles(amount: string): string {
  const value = new Decimal(amount);
  const [units, cents] = value.abs().toFixed(2).split('.');
  return `${value.isNegative() && !value.isZero() ? '−' : ''}S/ ${grouped(units)}.${cents}`;
}
/** "0.3608" → "36.08 %" (trailing zeros dropped: "0.1000" → "10 %"). */
const pct = (rate: string, places = 2) =>
  `${new Decimal(rate).times(100).toDecimalPlaces(places).toString()} %`;
const monthInWords = (month: string) =>
  new Intl.DateTimeFormat('es-PE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
const monthsFrom = (month: string, asOf: string) =>
  Number(asOf.slice(0, 4)) * 12 +
  Number(asOf.slice(5, 7)) -
  (Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)));

const CLASSES = ['normal', 'cpp', 'deficiente', 'dudoso', 'perdida'] as const;
const CLASS_NAMES = ['Normal', 'CPP', 'Deficiente', 'Dudoso', 'Pérdida'];
const DEFAULT_RATES = ['0.01', '0.05', '0.25', '0.60', '1.00'];

/** The card of a section, found by its heading. */
const cardOf = (page: Page, heading: string) =>
  page.locator('section.card', {
    has: page.getByRole('heading', { name: heading, exact: true }),
  });

/** The value of a key figure, found by its label (spaces plain). */
async function figure(scope: Page | Locator, label: string): Promise<string> {
  const page = 'page' in scope ? scope.page() : scope;
  const box = scope.locator('.kpi', {
    has: page.locator('.kpi__label', { hasText: new RegExp(`^${label}$`) }),
  });
  return (await box.locator('.kpi__value').innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * The fund manager's instruments in the web UI, in Spanish: the guarantee fund's record, leverage and
 * vintages with their charts (Chart.js on canvases, under the page's Content-Security-Policy), the
 * stress test in words, the programme's impact, the portfolio's concentration alerts and reprogrammed
 * loans, the innovation fund's budget used, and CSV exports of the tables.
 *
 * A season like the analytics suite's, in one system: in January a dairy family (with a grant) that
 * pays every installment and a guinea-pig family that never pays (claimed at 90 days in May, then a
 * payment after the claim: a recovery); in February a mushroom family that never pays; in March the
 * dairy family's second loan, never paid. At the end the dairy family's first loan is reprogrammed
 * after a frost. The guarantee fund's capital is small, so that high stress rates break its limit.
 */
describe("The fund manager's guarantee, stress test and impact screens", () => {
  let system: TestSystem;
  let url: string;
  let browser: Browser;
  let staff: StaffClient;
  let manager: Page;
  const cspProblems: string[] = [];
  const familyA = newDocumentId();
  const loans = { dairy: '', guineaPig: '', mushroom: '', dairyAgain: '' };

  const closeTo = (date: string) =>
    staff.as('admin').post('/api/admin/close-of-business', { date }).expect(200);
  const repay = (id: string, amount: string, paidOn: string, externalRef: string) =>
    staff
      .as('officer')
      .post(`/api/loans/${id}/repayments`, { amount, paidOn, externalRef })
      .expect(201);
  const installment = async (id: string, n: number) =>
    (await staff.as('officer').get(`/api/loans/${id}`).expect(200)).body.schedule[n].installment;
  const asManager = async (path: string) => (await staff.as('manager').get(path).expect(200)).body;

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-01-10';
    ({ system, url } = await startWebSystem('web_guarantee'));
    browser = await launchBrowser();
    staff = await StaffClient.signIn(system);
    await staff.addGuaranteeCapital('5000.00', 'BN-WEB-GARANTIA');
    await staff.addInnovationBudget('3100.00', 'MINAGRI-WEB-GARANTIA');

    loans.dairy = await staff.payOut(
      applicationBody({ enterprise: { documentId: familyA, name: 'Familia Quispe Mamani' } }),
    );
    loans.guineaPig = await staff.payOut(
      applicationBody({
        enterprise: {
          documentId: newDocumentId(),
          name: 'Familia Ccori Huaman',
          valueChain: 'guinea_pig',
          municipality: 'Ccatca',
          womenLed: false,
        },
        request: { amount: '3000.00', termMonths: 12, innovation: undefined },
      }),
    );
    await closeTo('2026-02-10');
    await repay(loans.dairy, await installment(loans.dairy, 0), '2026-02-10', 'RCPT-W1');
    loans.mushroom = await staff.payOut(
      applicationBody({
        enterprise: {
          documentId: newDocumentId(),
          name: 'Familia Mamani Quispe',
          valueChain: 'mushroom',
          municipality: 'Ccatca',
        },
        request: { amount: '2000.00', termMonths: 6, innovation: undefined },
      }),
    );
    await closeTo('2026-03-10');
    await repay(loans.dairy, await installment(loans.dairy, 1), '2026-03-10', 'RCPT-W2');
    loans.dairyAgain = await staff.payOut(
      applicationBody({
        enterprise: { documentId: familyA, name: 'Familia Quispe Mamani' },
        request: {
          amount: '4000.00',
          termMonths: 12,
          collateralValue: '2000.00',
          innovation: undefined,
        },
      }),
    );
    for (const [n, date] of [
      [2, '2026-04-10'],
      [3, '2026-05-10'],
    ] as const) {
      await closeTo(date);
      await repay(loans.dairy, await installment(loans.dairy, n), date, `RCPT-W${n + 1}`);
    }
    await closeTo('2026-05-11'); // the guinea-pig loan: 90 days late, claimed
    await repay(loans.guineaPig, '500.00', '2026-05-11', 'RCPT-G1'); // the fund recovers 0.70 of it
    await staff
      .as('manager')
      .post(`/api/loans/${loans.dairy}/reprogramming`, {
        reason: 'climate_event',
        note: 'Helada de mayo: se perdió el pasto',
        extensionMonths: 3,
        graceMonths: 1,
      })
      .expect(200);
    await system.settle();

    ({ page: manager } = await openWindow(browser, url, DESKTOP));
    // A chart that breaks the page's Content-Security-Policy says so in the console.
    manager.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text()))
        cspProblems.push(message.text());
    });
    await signInStaff(manager, 'manager', 'manager-demo');
  }, 180_000); // four payouts and four months of closes through every service
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  it("shows the guarantee fund's record and every vintage as the API gives them, with charts", async () => {
    const analytics = await asManager('/api/funds/guarantee/analytics');
    expect(analytics.claims.count).toBe(1); // the season happened as scripted
    expect(analytics.vintages).toHaveLength(3);
    await manager.goto('/#/guarantee');
    await manager
      .getByRole('heading', { level: 1, name: 'Fondo de garantía: resultados y prueba de estrés' })
      .waitFor();
    const vintages = cardOf(manager, 'Cosechas: los créditos de cada mes de desembolso');
    await vintages.locator('table').waitFor();
    await screenSettled(manager);

    expect(await figure(manager, 'Garantías otorgadas')).toBe(
      soles(analytics.guaranteesIssued.amount),
    );
    expect(await figure(manager, 'Garantías pagadas')).toBe(soles(analytics.claims.amount));
    expect(await figure(manager, 'Recuperado')).toBe(soles(analytics.recoveries));
    expect(await figure(manager, 'Parte de lo garantizado que se pagó')).toBe(
      pct(analytics.claimsRatio),
    );
    expect(await figure(manager, 'Parte de lo pagado que se recuperó')).toBe(
      pct(analytics.recoveryRate),
    );
    expect(await figure(manager, 'Pérdida neta')).toBe(soles(analytics.netLoss));

    const shown = await tableRows(vintages);
    expect(shown).toEqual(
      analytics.vintages.map((v: Record<string, string>) => [
        monthInWords(v.month),
        String(monthsFrom(v.month, analytics.asOf)),
        String(v.loans),
        soles(v.principal),
        soles(v.outstanding),
        pct(v.par30),
        String(v.claimed),
        soles(v.claimedAmount),
      ]),
    );

    // Two charts (leverage over the closes, PAR 30 by months on book): images with a sentence for a
    // screen reader, drawn by Chart.js (pixels on the canvas), each with the table of its data.
    const canvases = manager.locator('main canvas');
    expect(await canvases.count()).toBe(2);
    for (const canvas of await canvases.all()) {
      expect(await canvas.getAttribute('role')).toBe('img');
      expect((await canvas.getAttribute('aria-label'))?.length).toBeGreaterThan(20);
      const painted = await canvas.evaluate((el) => {
        const c = el as unknown as {
          width: number;
          height: number;
          getContext(kind: '2d'): { getImageData(...a: number[]): { data: Uint8ClampedArray } };
        };
        const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) n++;
        return n;
      });
      expect(painted).toBeGreaterThan(100);
      const figure = canvas.locator('xpath=ancestor::figure[1]');
      const next = figure.locator('xpath=following-sibling::*[1]');
      expect(await next.evaluate((el) => (el as unknown as { tagName: string }).tagName)).toMatch(
        /^(DIV|DETAILS)$/,
      );
      expect(await next.locator('table').count()).toBe(1);
    }
    // The leverage of each close against the limit, as the portfolio's history keeps them.
    const history = await asManager(`/api/portfolio/history?from=2025-05-11&to=${analytics.asOf}`);
    const leverage = cardOf(manager, 'Apalancamiento frente a su límite');
    await leverage.getByText('Ver los datos en una tabla').click();
    const leverageRows = await tableRows(leverage);
    expect(leverageRows).toHaveLength(history.length);
    const last = history[history.length - 1].concentration.guaranteeFund;
    expect(leverageRows[leverageRows.length - 1].slice(1)).toEqual([
      last.leverage,
      last.leverageLimit,
    ]);
    expect(cspProblems).toEqual([]);
    await checkScreen(manager, 'guarantee', { lang: 'es', allowed: ['manager'] });
  });

  it('exports the vintages as a CSV file that holds what the table shows, amounts as decimals', async () => {
    const analytics = await asManager('/api/funds/guarantee/analytics');
    const vintages = cardOf(manager, 'Cosechas: los créditos de cada mes de desembolso');
    const file = await download(manager, vintages.getByRole('button', { name: 'Exportar CSV' }));
    expect(file.filename).toBe(`cosechas-${analytics.asOf}.csv`);
    const csv = parseCsv(file.text);
    expect(csv.header).toEqual([
      'month',
      'monthsOnBook',
      'loans',
      'principal',
      'outstanding',
      'par30',
      'claimed',
      'claimedAmount',
    ]);
    expect(csv.rows).toEqual(
      analytics.vintages.map((v: Record<string, unknown>) => ({
        month: v.month,
        monthsOnBook: String(monthsFrom(String(v.month), analytics.asOf)),
        loans: String(v.loans),
        principal: v.principal,
        outstanding: v.outstanding,
        par30: v.par30,
        claimed: String(v.claimed),
        claimedAmount: v.claimedAmount,
      })),
    );
    // Row by row, the file says what the table on screen says.
    expect(
      csv.rows.map((r) => [
        monthInWords(r.month),
        r.monthsOnBook,
        r.loans,
        soles(r.principal),
        soles(r.outstanding),
        pct(r.par30),
        r.claimed,
        soles(r.claimedAmount),
      ]),
    ).toEqual(await tableRows(vintages));
  });

  /** What the stress card shows against the API's answer for `rates` (decimals, in class order). */
  async function expectStressShown(rates: string[]) {
    const query = CLASSES.map((c, i) => `${c}=${rates[i]}`).join('&');
    const stress = await asManager(`/api/funds/guarantee/stress?${query}`);
    const funds = await asManager('/api/funds');
    const card = cardOf(manager, 'Prueba de estrés');
    let sentence: string;
    if (stress.withinLimit) {
      sentence = 'El fondo se mantiene dentro de su límite de apalancamiento.';
    } else {
      // exposure after ÷ limit − capital after, rounded up to the céntimo.
      const needed = new Decimal(stress.exposureAfter)
        .div(funds.guarantee.leverageLimit)
        .minus(stress.availableCapitalAfter)
        .toDecimalPlaces(2, Decimal.ROUND_CEIL);
      sentence = `Necesitaría ${soles(needed.toFixed(2))} más de capital para volver a su límite.`;
    }
    await card.getByText(sentence).waitFor();
    await screenSettled(manager);
    expect(await figure(card, 'Garantías que pagaría')).toBe(soles(stress.projectedClaims));
    expect(await figure(card, 'Capital disponible después')).toBe(
      soles(stress.availableCapitalAfter),
    );
    expect(await figure(card, 'Exposición después')).toBe(soles(stress.exposureAfter));
    const limit = new Decimal(funds.guarantee.leverageLimit).toString();
    expect(await figure(card, 'Apalancamiento después')).toBe(
      new Decimal(stress.availableCapitalAfter).gt(0)
        ? `${stress.leverageAfter}× de un máximo de ${limit}×`
        : 'Sin capital disponible',
    );
    const rows = await tableRows(card);
    expect(rows.slice(0, 5)).toEqual(
      CLASSES.map((c, i) => [
        CLASS_NAMES[i],
        String(stress.byClassification[c].loans),
        soles(stress.byClassification[c].guaranteed),
        pct(stress.byClassification[c].rate, 4),
        soles(stress.byClassification[c].projectedClaims),
      ]),
    );
    expect(rows[5][4]).toBe(soles(stress.projectedClaims));
    return stress;
  }

  it('runs the stress test at the reference rates, then at rates typed as percentages, in words', async () => {
    const card = cardOf(manager, 'Prueba de estrés');
    // On arrival: the API's default rates, shown as percentages in the form.
    for (const [i, name] of CLASS_NAMES.entries())
      expect(await card.getByLabel(`${name} (%)`).inputValue()).toBe(
        new Decimal(DEFAULT_RATES[i]).times(100).toString(),
      );
    expect((await expectStressShown(DEFAULT_RATES)).withinLimit).toBe(true);

    // A harsher season, still within the limit.
    const typed = async (percentages: string[]) => {
      for (const [i, name] of CLASS_NAMES.entries())
        await card.getByLabel(`${name} (%)`).fill(percentages[i]);
      await card.getByRole('button', { name: 'Calcular' }).click();
    };
    await typed(['2', '10', '30', '70', '100']);
    await eventually(async () =>
      expect(manager.url()).toMatch(/normal=0\.02&cpp=0\.1&deficiente=0\.3&dudoso=0\.7&perdida=1$/),
    );
    expect((await expectStressShown(['0.02', '0.1', '0.3', '0.7', '1'])).withinLimit).toBe(true);

    // Most of the late loans lost: the fund would be above its limit, and the page says by how much.
    await typed(['1', '5', '85,5', '90', '100']);
    await eventually(async () => expect(manager.url()).toMatch(/deficiente=0\.855/));
    const broken = await expectStressShown(['0.01', '0.05', '0.855', '0.9', '1']);
    expect(broken.withinLimit).toBe(false);
    await checkScreen(manager, 'guarantee: stress test above the limit', {
      lang: 'es',
      allowed: ['manager'],
    });

    // A rate above 100 % is refused in the browser, before asking the API.
    await card.getByLabel('Dudoso (%)').fill('150');
    await card.getByRole('button', { name: 'Calcular' }).click();
    await card.getByText('Escriba un porcentaje de 0 a 100, con hasta 4 decimales.').waitFor();
    expect(manager.url()).toMatch(/dudoso=0\.9&/);

    // A rate the API refuses (from a link): its own message, in Spanish.
    const refused = await staff.as('manager').get('/api/funds/guarantee/stress?perdida=1.5');
    expect(refused.status).toBe(400);
    await manager.goto('/#/guarantee?perdida=1.5');
    await cardOf(manager, 'Prueba de estrés').getByText(refused.body.message[0]).waitFor();
    expect(await screenText(manager)).toContain('Revise los datos:');
  });

  it("shows the programme's impact as GET /api/portfolio/impact counts it", async () => {
    const impact = await asManager('/api/portfolio/impact');
    expect(impact.enterprisesFinanced).toBe(3);
    await manager.goto('/#/impact');
    await manager.getByRole('heading', { level: 1, name: 'Impacto del programa' }).waitFor();
    const goal = cardOf(manager, 'Familias financiadas frente a la meta');
    await goal.getByText(`${impact.enterprisesFinanced} de ${impact.target.enterprises}`).waitFor();
    const bar = goal.locator('progress');
    expect(await bar.getAttribute('value')).toBe(String(impact.enterprisesFinanced));
    expect(await bar.getAttribute('max')).toBe(String(impact.target.enterprises));
    expect(await figure(manager, 'Lideradas por mujeres')).toBe(
      `${impact.womenLed} (${pct(impact.womenLedShare)} del total)`,
    );
    expect(await figure(manager, 'Primeros créditos')).toBe(String(impact.firstLoan));
    expect(await figure(manager, 'Créditos repetidos')).toBe(String(impact.repeatLoan));
    expect(await figure(manager, 'Subvenciones pagadas')).toBe(soles(impact.grants.amount));
    expect(await screenText(manager)).toContain(
      `Del fondo de innovación; subvenciones: ${impact.grants.count}`,
    );

    const names: Record<string, string> = {
      dairy: 'Leche',
      guinea_pig: 'Cuyes',
      mushroom: 'Hongos',
    };
    const chains = cardOf(manager, 'Por cadena de valor');
    expect((await tableRows(chains)).sort()).toEqual(
      Object.entries(impact.byValueChain)
        .map(([chain, v]) => {
          const s = v as { enterprises: number; womenLed: number; disbursed: string };
          return [names[chain], String(s.enterprises), String(s.womenLed), soles(s.disbursed)];
        })
        .sort(),
    );
    // The districts as a grid of cells, the numbers written in each.
    const cells = cardOf(manager, 'Por distrito').locator('li.district');
    const districts = await cells.evaluateAll((lis) =>
      lis.map((li) => (li as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ')),
    );
    expect(districts.sort()).toEqual(
      Object.entries(impact.byMunicipality)
        .map(([name, v]) => {
          const s = v as { enterprises: number; womenLed: number; disbursed: string };
          return `${name} Familias ${s.enterprises} Lideradas por mujeres ${s.womenLed} Desembolsado ${soles(s.disbursed)}`;
        })
        .sort(),
    );
    // Ccatca has financed most families: the darkest shade.
    expect(await cells.filter({ hasText: 'Ccatca' }).getAttribute('class')).toContain(
      'district--4',
    );
    const file = await download(
      manager,
      cardOf(manager, 'Por distrito').getByRole('button', { name: 'Exportar CSV' }),
    );
    expect(
      parseCsv(file.text).rows.sort((a, b) => (a.municipality < b.municipality ? -1 : 1)),
    ).toEqual(
      Object.entries(impact.byMunicipality)
        .map(([municipality, v]) => {
          const s = v as { enterprises: number; womenLed: number; disbursed: string };
          return {
            municipality,
            enterprises: String(s.enterprises),
            womenLed: String(s.womenLed),
            disbursed: s.disbursed,
          };
        })
        .sort((a, b) => (a.municipality < b.municipality ? -1 : 1)),
    );
    await checkScreen(manager, 'impact', { lang: 'es', allowed: ['manager'] });
    // On a phone nothing is wider than the screen.
    await manager.setViewportSize(PHONE);
    const [scrollWidth, clientWidth] = (await manager.evaluate(
      '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
    )) as number[];
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await manager.setViewportSize(DESKTOP);
  });

  it('shows the concentration alerts and the reprogrammed loans on the portfolio page', async () => {
    const summary = await asManager('/api/portfolio/summary');
    const { alerts, thresholds, largestValueChain, largestMunicipality, largestLoan } =
      summary.concentration;
    // Four families, two districts and one loan of 6,000: concentrated by design.
    expect(alerts).toEqual(
      expect.arrayContaining([
        'VALUE_CHAIN_CONCENTRATION',
        'MUNICIPALITY_CONCENTRATION',
        'SINGLE_LOAN_CONCENTRATION',
      ]),
    );
    expect(summary.reprogrammed.loans).toBe(1);
    await manager.goto('/#/portfolio');
    await manager.getByRole('heading', { level: 1, name: 'Cartera' }).waitFor();
    const box = manager.locator('.banner', { hasText: 'Alertas de concentración' });
    await box.locator('li').first().waitFor();
    const sentences: Record<string, string> = {
      VALUE_CHAIN_CONCENTRATION: `La cadena de valor ${{ dairy: 'Leche', guinea_pig: 'Cuyes', mushroom: 'Hongos' }[largestValueChain.name as string]} reúne ${pct(largestValueChain.share)} de la cartera (el umbral es ${pct(thresholds.valueChainShare)}).`,
      MUNICIPALITY_CONCENTRATION: `El distrito ${largestMunicipality.name} reúne ${pct(largestMunicipality.share)} de la cartera (el umbral es ${pct(thresholds.municipalityShare)}).`,
      SINGLE_LOAN_CONCENTRATION: `Un solo crédito reúne ${pct(largestLoan.share)} de la cartera (el umbral es ${pct(thresholds.loanShare)}). Ver el crédito ${String(largestLoan.loanId).slice(0, 8)}`,
      LEVERAGE_NEAR_LIMIT: `El fondo de garantía ya usa ${pct(summary.concentration.guaranteeFund?.limitUsed ?? '0')} de su límite de apalancamiento (el umbral es ${pct(thresholds.limitUsed)}).`,
    };
    const items = await box
      .locator('li')
      .evaluateAll((lis) =>
        lis.map((li) => (li as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ')),
      );
    expect(items).toEqual(alerts.map((code: string) => sentences[code]));
    expect(await box.getByRole('link').getAttribute('href')).toBe(`#/loans/${largestLoan.loanId}`);

    const reprogrammed = cardOf(manager, 'Créditos reprogramados');
    expect(await figure(reprogrammed, 'Créditos')).toBe(String(summary.reprogrammed.loans));
    expect(await figure(reprogrammed, 'Saldo')).toBe(soles(summary.reprogrammed.outstanding));
    await checkScreen(manager, 'portfolio', { lang: 'es', allowed: ['manager'] });
  });

  it("shows the innovation fund's budget used: committed and paid-out grants together", async () => {
    const { innovation } = await asManager('/api/funds');
    // The only grant was paid out with its loan: nothing stays merely committed.
    expect(innovation).toMatchObject({
      committed: '0.00',
      disbursed: '3000.00',
      budget: '3100.00',
    });
    const used = new Decimal(innovation.committed).plus(innovation.disbursed);
    const share = pct(used.div(innovation.budget).toDecimalPlaces(4).toString());
    await manager.goto('/#/funds');
    await manager.getByRole('heading', { level: 1, name: 'Fondos' }).waitFor();
    const card = cardOf(manager, 'Fondo de innovación');
    const label = (await card.locator('.meter__label').innerText()).replace(/\s+/g, ' ');
    expect(label).toBe(
      `Usado (comprometido y desembolsado): ${soles(used.toFixed(2))} / ${soles(innovation.budget)} (${share})`,
    );
    expect(share).toBe('96.77 %');
    expect(await card.locator('.meter__track').getAttribute('aria-label')).toBe(
      `Usado (comprometido y desembolsado): ${share}`,
    );
  });

  it('keeps these screens from a loan officer: not in the menu, refused by the API', async () => {
    const { context, page } = await openWindow(browser, url, DESKTOP);
    try {
      await signInStaff(page, 'officer', 'officer-demo');
      const menu = page.getByRole('navigation', { name: 'Menú principal' });
      const items = await menu.getByRole('link').allInnerTexts();
      expect(items).not.toEqual(expect.arrayContaining(['Garantías']));
      expect(items).not.toEqual(expect.arrayContaining(['Impacto']));
      for (const path of ['guarantee', 'impact']) {
        await page.goto(`/#/${path}`);
        await page.getByRole('heading', { level: 1, name: 'Solicitudes por evaluar' }).waitFor();
      }
      for (const path of [
        '/api/funds/guarantee/analytics',
        '/api/funds/guarantee/stress',
        '/api/portfolio/impact',
      ])
        await staff.as('officer').get(path).expect(403);
    } finally {
      await context.close();
    }
  });
});
