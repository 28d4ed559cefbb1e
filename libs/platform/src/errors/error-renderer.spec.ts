import { HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CodedException, errorPart } from './coded.exception';
import { ErrorBody } from './error-body';
import { ErrorRenderer } from './error-renderer';
import { HttpErrorsModule } from './http-errors.module';
import { ValidationFailedException } from './validation-failed.exception';

describe('error messages in the caller’s language', () => {
  let renderer: ErrorRenderer;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [HttpErrorsModule] }).compile();
    await moduleRef.init();
    renderer = moduleRef.get(ErrorRenderer);
  });

  const body = (exception: HttpException) => exception.getResponse() as ErrorBody;

  it('fills in the values a service sent, in Spanish and in English', () => {
    const refusal = new CodedException('MORE_THAN_OWED', HttpStatus.UNPROCESSABLE_ENTITY, '…', {
      amount: '1013.90',
      reference: 'QL-7K4M2P',
      paidOn: '2026-02-15',
      maximum: '1013.89',
    });
    expect(renderer.render(body(refusal), 'es')).toEqual({
      statusCode: 422,
      message:
        'El monto 1013.90 es más de lo que el préstamo QL-7K4M2P debe al 2026-02-15: como máximo 1013.89',
      error: 'Unprocessable Entity',
      code: 'MORE_THAN_OWED',
    });
    expect(renderer.render(body(refusal), 'en').message).toBe(
      'amount 1013.90 is more than loan QL-7K4M2P owes on 2026-02-15: at most 1013.89',
    );
  });

  it('says the words it borrows in the same language (roles, statuses) and plural forms', () => {
    const role = new CodedException('ROLE_NOT_ALLOWED', HttpStatus.FORBIDDEN, '…', {
      role: 'fund_manager',
    });
    expect(renderer.render(body(role), 'es').message).toBe(
      'Esta acción no está permitida para el rol «gestor del fondo»',
    );
    expect(renderer.render(body(role), 'en').message).toBe(
      'This action is not allowed for the role fund manager',
    );
    const closed = new CodedException('LOAN_CLOSED', HttpStatus.CONFLICT, '…', [
      errorPart('LOAN_CLOSED', 'repayment', { reference: 'QL-7K4M2P', status: 'written_off' }),
    ]);
    expect(renderer.render(body(closed), 'es').message).toBe(
      'El préstamo QL-7K4M2P está «castigado»: ya no recibe más pagos',
    );
    const locked = (count: number) =>
      new CodedException('TOO_MANY_ATTEMPTS', HttpStatus.TOO_MANY_REQUESTS, '…', { count });
    expect(renderer.render(body(locked(1)), 'es').message).toMatch(/en 1 minuto$/);
    expect(renderer.render(body(locked(15)), 'es').message).toMatch(/en 15 minutos$/);
    expect(renderer.render(body(locked(15)), 'en').message).toMatch(/in 15 minutes$/);
  });

  it('lists validation problems, at most 20 and a count of the rest', () => {
    const issues = Array.from({ length: 25 }, (_, i) => ({
      path: `items.${i}.amount`,
      constraint: 'isMoney',
    }));
    const rendered = renderer.render(body(new ValidationFailedException(issues)), 'es');
    expect(rendered.code).toBe('VALIDATION_FAILED');
    expect(rendered.message).toHaveLength(21);
    expect(rendered.message[0]).toBe(
      'items.0.amount debe ser un monto no negativo con hasta 2 decimales, escrito como texto, por ejemplo "1500.00"',
    );
    expect(rendered.message[20]).toBe('… y 5 problemas más');
    const limits = new ValidationFailedException([
      { path: 'enterprise.name', constraint: 'maxLength', args: [120] },
      { path: 'valueChain', constraint: 'isIn', args: [['dairy', 'cheese']] },
    ]);
    expect(renderer.render(body(limits), 'en').message).toEqual([
      'enterprise.name must be at most 120 characters long',
      'valueChain must be one of: dairy, cheese',
    ]);
  });

  it('keeps what a client sent short and free of control characters in a message', () => {
    const path = `/api/${'x'.repeat(5000)}\u0000`;
    const rendered = renderer.render(
      body(
        new CodedException('ROUTE_NOT_FOUND', HttpStatus.NOT_FOUND, '…', { method: 'GET', path }),
      ),
      'es',
    );
    expect(rendered.message.length).toBeLessThan(200);
    expect(rendered.message).not.toContain('\u0000');
    const sneaky = new CodedException('EXTERNAL_REF_REUSED', HttpStatus.CONFLICT, '…', {
      externalRef: '$t(roles.admin)',
      amount: '1.00',
      paidOn: '2026-01-01',
    });
    expect(renderer.render(body(sneaky), 'es').message).not.toMatch(/administrador/);
  });

  it('answers an error without a code of its own with its status’s code and no English in Spanish', () => {
    const plain = body(new NotFoundException('Widget 7 not found'));
    expect(renderer.render(plain, 'es')).toEqual({
      statusCode: 404,
      message: 'No se encontró lo que busca',
      error: 'Not Found',
      code: 'NOT_FOUND',
    });
    expect(renderer.render(plain, 'en').message).toBe('Widget 7 not found');
    // A code a service added without its messages: the status's message, never the raw code.
    const unknown = new CodedException('BRAND_NEW_CODE', HttpStatus.CONFLICT, 'Brand new refusal');
    expect(renderer.render(body(unknown), 'es')).toMatchObject({
      code: 'BRAND_NEW_CODE',
      message: 'La acción no corresponde al estado actual',
    });
    expect(renderer.render(body(unknown), 'en').message).toBe('Brand new refusal');
  });
});
