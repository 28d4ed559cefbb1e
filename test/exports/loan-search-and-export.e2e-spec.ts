import { JwtService } from '@nestjs/jwt';
import { LoanDisbursedEvent } from '@qollqa/contracts';
import { randomUUID } from 'node:crypto';
import { LOAN_CSV_COLUMNS } from '../../apps/gateway/src/loans/loan-csv-columns';
import { fieldPaths } from '../../apps/gateway/src/exports/flatten';
import { startRepaymentSystem, Tokens } from '../repayment/repayment-api';
import { parseCsv } from '../support/csv';
import { eventually } from '../support/eventually';
import { loanDisbursedEvent } from '../support/loan-factory';
import { publishEvents } from '../support/publish-event';
import { TestSystem } from '../support/test-system';

const LOANS = 130;

/**
 * GET /api/loans with `q`, and as CSV: 130 loans of PEN 1,000.00 (more than a page of 100, and
 * more than one batch of 100 the gateway reads), among them "Familia Quíspe Huamán" and
 * `Familia "La Unión", Ccatca`. An enterprise owns two of them.
 */
describe('Loans: search and CSV export', () => {
  let system: TestSystem;
  let tokens: Tokens;
  let quispe: LoanDisbursedEvent;
  let union: LoanDisbursedEvent;
  let familyToken: string;
  const familyId = randomUUID();

  const loans = (query: string, token = tokens.officer) =>
    system.http().get(`/api/loans${query}`).set('Authorization', `Bearer ${token}`);
  const csv = (query: string, token = tokens.officer) =>
    loans(query, token).set('Accept', 'text/csv');

  beforeAll(async () => {
    ({ system, tokens } = await startRepaymentSystem('loan_exports', '2026-01-15'));
    const events = Array.from({ length: LOANS }, (_, i) =>
      loanDisbursedEvent({
        principal: '1000.00',
        termMonths: 3,
        enterpriseName: `Familia Condori ${i}`,
        documentId: String(41000000 + i),
        ...(i < 2 ? { enterpriseId: familyId } : {}),
      }),
    );
    quispe = loanDisbursedEvent({
      principal: '1000.00',
      termMonths: 3,
      enterpriseName: 'Familia Quíspe Huamán',
      documentId: '45871236',
    });
    union = loanDisbursedEvent({
      principal: '1500.00',
      termMonths: 3,
      enterpriseName: 'Familia "La Unión", Ccatca',
      municipality: 'Ccatca',
      documentId: '20123456789',
    });
    events.splice(40, 0, quispe);
    events.splice(90, 0, union);
    await publishEvents(system, events);
    await eventually(async () =>
      expect((await loans('?pageSize=1').expect(200)).body.total).toBe(LOANS + 2),
    );
    familyToken = await system
      .app('gateway')
      .get(JwtService)
      .signAsync({ sub: familyId, name: 'QL-FAMILY', role: 'enterprise', enterpriseId: familyId });
  });
  afterAll(() => system?.close());

  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

  describe('search', () => {
    it('finds part of the name, case and accents ignored', async () => {
      for (const q of ['quispe', 'QUISPE', 'Quíspe', 'ispe hua', 'huaman']) {
        const { body } = await loans(`?q=${encodeURIComponent(q)}`).expect(200);
        expect(ids(body)).toEqual([quispe.payload.loanId]);
        expect(body.total).toBe(1);
      }
      expect(ids((await loans('?q=la%20union').expect(200)).body)).toEqual([union.payload.loanId]);
      expect((await loans('?q=condori%201').expect(200)).body.total).toBe(41); // 1, 10–19, 100–129
    });

    it('finds a reference in any case, and a DNI or RUC exactly', async () => {
      const reference = quispe.payload.reference.toLowerCase();
      expect(ids((await loans(`?q=${reference}`).expect(200)).body)).toEqual([
        quispe.payload.loanId,
      ]);
      expect(ids((await loans('?q=45871236').expect(200)).body)).toEqual([quispe.payload.loanId]);
      expect(ids((await loans('?q=20123456789').expect(200)).body)).toEqual([union.payload.loanId]);
      expect((await loans('?q=4587123').expect(200)).body.total).toBe(0);
    });

    it('combines with the other filters, and an enterprise searches only its own', async () => {
      expect((await loans('?q=quispe&municipality=Ccatca').expect(200)).body.total).toBe(0);
      expect((await loans('?q=condori', familyToken).expect(200)).body.total).toBe(2);
      expect((await loans('?q=quispe', familyToken).expect(200)).body.total).toBe(0);
    });

    it('refuses an empty, too long or control-character q', async () => {
      await loans('?q=').expect(400);
      await loans('?q=%20%20').expect(400);
      await loans(`?q=${'a'.repeat(121)}`).expect(400);
      await loans('?q=a%00b').expect(400);
      await loans('?q=a&q=b').expect(400);
      await loans(`?q=${'a'.repeat(120)}`).expect(200);
    });
  });

  describe('CSV', () => {
    it('has every row whatever the page asked, a header of the JSON fields, RFC 4180 quoting', async () => {
      const response = await csv('?page=2&pageSize=1')
        .expect(200)
        .expect('Content-Type', 'text/csv; charset=utf-8')
        .expect('Content-Disposition', 'attachment; filename="loans.csv"');
      const { header, rows } = parseCsv(response.text);
      // The columns are the list item's fields, nested ones with dots.
      const [item] = (await loans(`?q=${quispe.payload.reference}`).expect(200)).body.items;
      expect(header).toEqual(fieldPaths(item));
      expect(header).toEqual([...LOAN_CSV_COLUMNS]);
      // Every loan once, in the list's order (oldest disbursement first, then id).
      const all = (await loans('?pageSize=100').expect(200)).body.items.concat(
        (await loans('?page=2&pageSize=100').expect(200)).body.items,
      );
      expect(rows.map((row) => row.id)).toEqual(all.map((loan: { id: string }) => loan.id));
      expect(new Set(rows.map((row) => row.id)).size).toBe(LOANS + 2);

      expect(response.text).toContain('"Familia ""La Unión"", Ccatca"');
      const unionRow = rows.find((row) => row.id === union.payload.loanId)!;
      expect(unionRow).toMatchObject({
        'enterprise.name': 'Familia "La Unión", Ccatca',
        'enterprise.municipality': 'Ccatca',
        principal: '1500.00',
        outstandingPrincipal: '1500.00',
        tea: '0.18',
        guaranteeFee: '15.75', // 1,500.00 × 0.70 × 1.5 %
        moratoryInterestDue: '0.00',
        'enterprise.womenLed': 'true',
        'nextInstallment.number': '1',
        'nextInstallment.dueDate': '2026-02-15',
        claimedOn: '',
      });
      // The JSON item, cell for cell.
      const quispeRow = rows.find((row) => row.id === quispe.payload.loanId)!;
      for (const column of LOAN_CSV_COLUMNS) {
        const value = column
          .split('.')
          .reduce<unknown>((v, key) => (v as Record<string, unknown> | null)?.[key], item);
        expect([column, quispeRow[column]]).toEqual([column, value == null ? '' : String(value)]);
      }
    });

    it('has only the rows the search and filters select', async () => {
      const { rows } = parseCsv((await csv('?q=QUISPE').expect(200)).text);
      expect(rows.map((row) => row.id)).toEqual([quispe.payload.loanId]);
      const none = parseCsv((await csv('?q=nobody').expect(200)).text);
      expect(none.header).toEqual([...LOAN_CSV_COLUMNS]);
      expect(none.rows).toEqual([]);
    });

    it('keeps the roles of the JSON route: a family gets its own loans only', async () => {
      const { rows } = parseCsv((await csv('', familyToken).expect(200)).text);
      expect(rows).toHaveLength(2);
      expect(rows.every((row) => row['enterprise.id'] === familyId)).toBe(true);
      await csv('', tokens.manager).expect(200);
      await csv('', tokens.admin).expect(200);
      await system.http().get('/api/loans').set('Accept', 'text/csv').expect(401);
      await csv('?q=').expect(400);
    });

    it('answers JSON unless CSV is preferred', async () => {
      const json = await loans('?pageSize=1').set('Accept', 'application/json, text/csv;q=0.5');
      expect(json.headers['content-type']).toMatch(/^application\/json/);
      expect(json.body.items).toHaveLength(1);
    });
  });
});
