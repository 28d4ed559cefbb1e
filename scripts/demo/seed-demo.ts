import { DemoApi, waitUntil } from './demo-api';
import { demoEnterprises } from './demo-enterprises';
import { playDemoSeason } from './demo-season';

interface ApplicationSummary {
  id: string;
  status: string;
  enterprise: { documentId: string };
  score: { recommendation: string } | null;
}

/**
 * Loads the demo through the public API, as the programme's staff would: officers register the
 * families' applications, the scoring service scores them, officers decide (a fund manager confirms
 * the large ones). Idempotent: families already registered are skipped, so a second start adds nothing.
 */
export async function seedDemoData(baseUrl: string, today: string): Promise<string> {
  const api = new DemoApi(baseUrl);
  await Promise.all(['officer', 'officer2', 'manager', 'admin'].map((user) => api.signIn(user)));

  const existing = new Set<string>();
  for (let page = 1; ; page++) {
    const result = await api.get<{ items: ApplicationSummary[]; total: number }>(
      'officer',
      `/api/applications?page=${page}&pageSize=100`,
    );
    result.items.forEach((a) => existing.add(a.enterprise.documentId));
    if (page * 100 >= result.total) break;
  }
  // The funds first: capital and budget that let the demo's loans be paid out. Once per reference.
  await api.post('manager', '/api/funds/guarantee/capital', {
    amount: '250000.00',
    reference: 'DEMO-FONDO-GARANTIA-2026',
  });
  await api.post('manager', '/api/funds/innovation/budget', {
    amount: '60000.00',
    reference: 'DEMO-FONDO-INNOVACION-2026',
  });

  const missing = demoEnterprises().filter((e) => !existing.has(e.documentId));
  const registered =
    missing.length === 0
      ? `already registered (${existing.size} applications)`
      : await register(api, missing);

  // Approved applications become loans; the season gives them a history.
  const disbursed = await waitUntil(async () => {
    const all = await api.get<{ total: number }>(
      'officer',
      '/api/applications?status=disbursed&pageSize=1',
    );
    const approved = await api.get<{ total: number }>(
      'officer',
      '/api/applications?status=approved&pageSize=1',
    );
    return approved.total === 0 ? all.total : undefined;
  }, 60_000);
  const season = await playDemoSeason(api, disbursed, today);
  return `${registered}; ${season}`;
}

async function register(
  api: DemoApi,
  missing: ReturnType<typeof demoEnterprises>,
): Promise<string> {
  let decided = 0;
  for (const enterprise of missing) {
    const officer = enterprise.index % 2 === 0 ? 'officer' : 'officer2';
    const created = await api.post<{ id: string }>(
      officer,
      '/api/applications',
      enterprise.body,
      `demo-${enterprise.documentId}`,
    );
    const scored = await waitUntil(async () => {
      const application = await api.get<ApplicationSummary>(
        officer,
        `/api/applications/${created.id}`,
      );
      return application.status === 'in_review' ? application : undefined;
    });
    decided += (await decide(api, officer, scored, enterprise.index)) ? 1 : 0;
  }
  return `${missing.length} applications registered, ${decided} decided`;
}

/** About a fifth stay in the review queue; the rest follow the score, as a careful officer would. */
async function decide(
  api: DemoApi,
  officer: string,
  application: ApplicationSummary,
  index: number,
): Promise<boolean> {
  if (index % 5 === 4) return false;
  const path = `/api/applications/${application.id}/decision`;
  const recommendation = application.score?.recommendation;
  if (index % 11 === 3) {
    await api.post(officer, path, {
      decision: 'request_info',
      reason: 'Traer la cotización del proveedor del equipo',
    });
  } else if (recommendation === 'decline') {
    await api.post(officer, path, {
      decision: 'reject',
      reason: 'El excedente neto no cubre la cuota',
    });
  } else {
    const decidedApp = await api.post<{ status: string }>(officer, path, {
      decision: 'approve',
      reason: 'Visité la finca: el plan es sólido',
    });
    if (decidedApp.status === 'awaiting_second_approval' && index % 3 !== 0) {
      await api.post('manager', path, {
        decision: 'approve',
        reason: 'Dentro de la política del fondo',
      });
    }
  }
  return true;
}
