import { Browser, Page } from 'playwright-core';
import {
  DESKTOP,
  download,
  expectSpanishOnly,
  launchBrowser,
  openFromMenu,
  openWindow,
  screenText,
  signInStaff,
  signOut,
  startWebSystem,
  tableRows,
} from '../support/browser';
import { TestSystem } from '../support/test-system';

/**
 * The admin's screens, in Spanish: staff accounts (create, sign in as the new person, deactivate,
 * reset a password, the last admin kept), a person changing their own password, the audit trail
 * with its filters and CSV, and the close-of-business history.
 *
 * Needs the API of API.md's "Additions (v1.1)": /api/users, /api/auth/password, /api/audit (and
 * its CSV), /api/admin/closes.
 */
describe('Staff accounts, audit trail and close history in the web UI', () => {
  let system: TestSystem;
  let url: string;
  let browser: Browser;
  let admin: Page;
  const firstPassword = 'Ocongate-2026-cuyes';
  const ownPassword = 'Ccatca-queso-fresco-7';
  const resetPassword = 'Andahuaylillas-2026';

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-03-02';
    ({ system, url } = await startWebSystem('web_staff'));
    browser = await launchBrowser();
    ({ page: admin } = await openWindow(browser, url, DESKTOP));
    await signInStaff(admin, 'admin', 'admin-demo');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  const createForm = () =>
    admin.locator('form').filter({ has: admin.getByRole('button', { name: 'Crear la cuenta' }) });
  const rowOf = (page: Page, username: string) =>
    page.locator('table tbody tr').filter({ hasText: username });

  /** A second person's window, signed in. */
  const windowOf = async (username: string, password: string) => {
    const { page } = await openWindow(browser, url, DESKTOP);
    await signInStaff(page, username, password);
    return page;
  };

  it('creates a loan officer with a password of 12 characters or more', async () => {
    await openFromMenu(admin, 'Cuentas', 'Cuentas del equipo');
    await rowOf(admin, 'officer2').waitFor(); // the demo's staff are listed
    const form = createForm();
    await form.getByLabel('Usuario').fill('rosa.huaman');
    await form.getByLabel('Nombre').fill('Rosa Huamán Quispe');
    await form.getByLabel('Rol').selectOption({ label: 'Analista de crédito' });
    await form.getByLabel('Contraseña inicial').fill('corta');
    await form.getByRole('button', { name: 'Crear la cuenta' }).click();
    await form.getByText('La contraseña debe tener al menos 12 caracteres.').waitFor();

    await form.getByLabel('Contraseña inicial').fill(firstPassword);
    await form.getByRole('button', { name: 'Crear la cuenta' }).click();
    await admin
      .getByText('Cuenta rosa.huaman creada con el rol Analista de crédito. Ya puede ingresar.')
      .waitFor();
    const row = rowOf(admin, 'rosa.huaman');
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Rosa Huamán Quispe[\s\S]*Activa[\s\S]*Nunca/);
    expect(await admin.getByLabel('Rol de rosa.huaman').inputValue()).toBe('loan_officer');
    await expectSpanishOnly(admin);
  });

  it('refuses a username that is taken, in a sentence', async () => {
    const form = createForm();
    await form.getByLabel('Usuario').fill('rosa.huaman');
    await form.getByLabel('Nombre').fill('Otra Rosa');
    await form.getByLabel('Contraseña inicial').fill(firstPassword);
    await form.getByRole('button', { name: 'Crear la cuenta' }).click();
    await form.getByText('Ese usuario ya existe. Elija otro.').waitFor();
    await expectSpanishOnly(admin);
  });

  it('lets the new officer sign in, and change her own password', async () => {
    const rosa = await windowOf('rosa.huaman', firstPassword);
    await rosa.getByRole('heading', { level: 1, name: 'Solicitudes por evaluar' }).waitFor();
    expect(await screenText(rosa, '#app-header')).toContain(
      'Sesión de Rosa Huamán Quispe · Analista de crédito',
    );

    await rosa.getByRole('link', { name: 'Cambiar mi contraseña' }).click();
    await rosa.getByRole('heading', { level: 1, name: 'Cambiar mi contraseña' }).waitFor();
    await rosa.getByLabel('Contraseña actual').fill('no-es-la-clave-1');
    await rosa.getByLabel('Contraseña nueva', { exact: true }).fill(ownPassword);
    await rosa.getByLabel('Repita la contraseña nueva').fill(ownPassword);
    await rosa.getByRole('button', { name: 'Cambiar la contraseña' }).click();
    await rosa.getByText('La contraseña actual no es correcta.').waitFor();

    await rosa.getByLabel('Contraseña actual').fill(firstPassword);
    await rosa.getByRole('button', { name: 'Cambiar la contraseña' }).click();
    await rosa.getByText('Su contraseña fue cambiada.').waitFor();
    await expectSpanishOnly(rosa);

    await signOut(rosa);
    await signInStaff(rosa, 'rosa.huaman', ownPassword);
    await rosa.getByRole('heading', { level: 1, name: 'Solicitudes por evaluar' }).waitFor();
    await rosa.context().close();
  });

  it('keeps the last active admin: deactivating it or changing its role is refused in words', async () => {
    await admin.reload();
    await rowOf(admin, 'rosa.huaman').waitFor();
    const lastAdmin =
      'No se puede: es la última cuenta de administración activa. Primero dé el rol de administración a otra cuenta.';
    const adminRow = admin.locator('table tbody tr').filter({
      has: admin.locator('td', { hasText: /^admin$/ }),
    });
    await adminRow.getByRole('button', { name: 'Desactivar' }).click();
    await admin.getByText(lastAdmin).waitFor();
    expect(await adminRow.innerText()).toContain('Activa');

    await admin.reload(); // a fresh screen, so the refusal below is the role change's own
    await rowOf(admin, 'rosa.huaman').waitFor();
    await admin.getByLabel('Rol de admin', { exact: true }).selectOption('loan_officer');
    await admin.getByText(lastAdmin).waitFor();
    expect(await admin.getByLabel('Rol de admin', { exact: true }).inputValue()).toBe('admin');
    await expectSpanishOnly(admin);
  });

  it('deactivates an officer: her open session ends at once and she can no longer sign in', async () => {
    const rosa = await windowOf('rosa.huaman', ownPassword);
    await rowOf(admin, 'rosa.huaman').getByRole('button', { name: 'Desactivar' }).click();
    await admin.getByText('La cuenta rosa.huaman fue desactivada: ya no puede ingresar.').waitFor();
    expect(await rowOf(admin, 'rosa.huaman').innerText()).toContain('Desactivada');

    // Her next click finds her token refused: back to the sign-in form, told why.
    await rosa
      .getByRole('navigation', { name: 'Menú principal' })
      .getByRole('link', { name: 'Solicitudes' })
      .click();
    await rosa.getByText('Su sesión terminó. Vuelva a ingresar.').waitFor();
    await rosa.getByLabel('Usuario').fill('rosa.huaman');
    await rosa.getByLabel('Contraseña').fill(ownPassword);
    await rosa.getByRole('button', { name: 'Ingresar' }).click();
    await rosa.getByText('El usuario o la contraseña no son correctos.').waitFor();
    await expectSpanishOnly(rosa);
    await rosa.context().close();
  });

  it('reactivates her and resets her password: only the new one opens', async () => {
    await rowOf(admin, 'rosa.huaman').getByRole('button', { name: 'Reactivar' }).click();
    await admin.getByText('La cuenta rosa.huaman fue reactivada.').waitFor();
    await rowOf(admin, 'rosa.huaman').getByRole('button', { name: 'Nueva contraseña' }).click();
    await admin.getByLabel('Nueva contraseña de rosa.huaman').fill(resetPassword);
    await admin.getByRole('button', { name: 'Cambiar la contraseña' }).click();
    await admin
      .getByText('La contraseña de rosa.huaman fue cambiada. Sus sesiones anteriores ya no sirven.')
      .waitFor();

    const { page: rosa } = await openWindow(browser, url, DESKTOP);
    await rosa.goto('/#/login?as=staff');
    await rosa.getByLabel('Usuario').fill('rosa.huaman');
    await rosa.getByLabel('Contraseña').fill(ownPassword);
    await rosa.getByRole('button', { name: 'Ingresar' }).click();
    await rosa.getByText('El usuario o la contraseña no son correctos.').waitFor();
    await signInStaff(rosa, 'rosa.huaman', resetPassword);
    await rosa.context().close();
  });

  it('shows the audit trail newest first, with its filters, to the admin', async () => {
    // A failed sign-in of someone unknown: recorded without a user.
    await system
      .http()
      .post('/api/auth/login')
      .send({ username: 'nadie', password: 'x' })
      .expect(401);

    await openFromMenu(admin, 'Auditoría', 'Auditoría');
    const rows = await tableRows(admin);
    // Newest first: the unknown person's failed sign-in is the latest thing that happened.
    expect(rows[0]).toEqual(
      expect.arrayContaining(['Desconocido', '—', 'Ingreso del equipo', 'Rechazada · 401']),
    );
    const has = (cells: string[]) => rows.some((row) => cells.every((cell) => row.includes(cell)));
    expect(has(['admin', 'Administración', 'Nueva cuenta', 'Aceptada · 201'])).toBe(true);
    expect(has(['admin', 'Administración', 'Nueva cuenta', 'Rechazada · 409'])).toBe(true);
    expect(has(['admin', 'Administración', 'Cambio de una cuenta', 'Rechazada · 409'])).toBe(true);
    expect(has(['rosa.huaman', 'Analista de crédito', 'Cambio de la propia contraseña'])).toBe(
      true,
    );
    expect(has(['admin', 'Administración', 'Nueva contraseña de una cuenta'])).toBe(true);

    // Only what Rosa did, and only her sign-ins: the last one (accepted) comes first.
    await admin.getByLabel('Usuario').fill('rosa.huaman');
    await admin.getByLabel('Acción').selectOption({ label: 'Ingreso del equipo' });
    await admin.locator('form.filters').getByRole('button', { name: 'Filtrar' }).click();
    await admin.waitForURL(/actor=rosa.huaman/);
    // The list before the filter is gone once no row is someone else's.
    await admin
      .locator('table tbody tr')
      .filter({ hasNotText: 'rosa.huaman' })
      .first()
      .waitFor({ state: 'detached' });
    const signIns = await tableRows(admin);
    expect(
      signIns.every((row) => row[1] === 'rosa.huaman' && row[3] === 'Ingreso del equipo'),
    ).toBe(true);
    // Oldest to newest: the first password, her own new one, her own again before she was
    // deactivated, her own while deactivated (refused), her own after the reset (refused), the
    // reset one — shown newest first.
    expect(signIns.map((row) => row[5])).toEqual([
      'Aceptada · 200',
      'Rechazada · 401',
      'Rechazada · 401',
      'Aceptada · 200',
      'Aceptada · 200',
      'Aceptada · 200',
    ]);
    await expectSpanishOnly(admin);
  });

  it('exports the audit trail as CSV with a header row', async () => {
    const file = await download(admin, admin.getByRole('button', { name: 'Exportar CSV' }));
    expect(file.filename).toMatch(/^auditoria-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...lines] = file.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(header.split(',')).toEqual(
      expect.arrayContaining([
        'id',
        'at',
        'actor',
        'role',
        'action',
        'resourceId',
        'statusCode',
        'requestId',
      ]),
    );
    // The filters on screen apply: Rosa's six sign-ins, every one.
    expect(lines).toHaveLength(6);
    expect(
      lines.every((line) => line.includes('rosa.huaman') && line.includes('POST /api/auth/login')),
    ).toBe(true);
  });

  it('lets a fund manager read the audit trail, and not a loan officer', async () => {
    const manager = await windowOf('manager', 'manager-demo');
    await openFromMenu(manager, 'Auditoría', 'Auditoría');
    expect((await tableRows(manager)).length).toBeGreaterThan(5);
    await manager.context().close();

    const officer = await windowOf('officer', 'officer-demo');
    expect(await screenText(officer, '.mainnav')).not.toContain('Auditoría');
    await officer.goto('/#/audit');
    await officer.getByRole('heading', { level: 1, name: 'Solicitudes por evaluar' }).waitFor();
    await officer.context().close();
  });

  it('runs a close of business and shows it in the close history, newest first', async () => {
    await openFromMenu(admin, 'Operaciones', 'Operaciones');
    await admin.getByText('lunes, 2 de marzo de 2026').waitFor();
    await admin.getByLabel('Cerrar hasta la fecha').fill('2026-03-04');
    await admin.getByRole('button', { name: 'Ejecutar el cierre' }).click();
    await admin
      .getByRole('dialog', {
        name: '¿Cerrar 2 días de negocio, del 3 de marzo de 2026 al 4 de marzo de 2026?',
      })
      .getByRole('button', { name: 'Sí, ejecutar el cierre' })
      .click();
    await admin
      .getByText('Cierre listo. La fecha de negocio ahora es 4 de marzo de 2026.')
      .waitFor();

    const history = admin.locator('section.card').filter({ hasText: 'Historial de cierres' });
    await history.locator('table tbody tr').nth(1).waitFor();
    const rows = await tableRows(history);
    // Two dates closed (3 and 4 March), the newest first; no loans yet, so nothing aged or claimed.
    expect(rows.map((row) => row[0])).toEqual(['4 mar. 2026', '3 mar. 2026']);
    for (const row of rows) {
      expect(row[2]).toMatch(/^\d+\.\d{2} s$/); // its duration
      expect(row.slice(3)).toEqual(['0', '0', '0', '0']);
    }
    await expectSpanishOnly(admin);
  });
});
