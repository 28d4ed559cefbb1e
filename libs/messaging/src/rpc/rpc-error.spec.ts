import { BadRequestException, ConflictException, HttpException, HttpStatus } from '@nestjs/common';
import { CodedException, ValidationFailedException } from '@qollqa/platform';
import { fromRpcErrorBody, toRpcErrorBody } from './rpc-error';

describe('errors across request–reply', () => {
  it('keeps a validation failure a 400 with its code and one detail per problem', () => {
    const body = toRpcErrorBody(
      new ValidationFailedException([
        { path: 'amount', constraint: 'isMoney' },
        { path: 'enterprise.name', constraint: 'maxLength', args: [120] },
      ]),
    );
    expect(body).toEqual({
      statusCode: 400,
      message:
        'amount must be a non-negative amount with at most 2 decimals, as a string such as "1500.00"; ' +
        'enterprise.name must be at most 120 characters long',
      error: 'Bad Request',
      code: 'VALIDATION_FAILED',
      details: [
        { key: 'validation.isMoney', params: { field: 'amount' } },
        { key: 'validation.maxLength', params: { field: 'enterprise.name', constraint1: 120 } },
      ],
    });
    const rebuilt = fromRpcErrorBody(body);
    expect(rebuilt.getStatus()).toBe(400);
    expect(rebuilt.getResponse()).toEqual(body);
  });

  it("keeps a service's refusal its status, code and the values its message needs", () => {
    const refusal = new CodedException(
      'MORE_THAN_OWED',
      HttpStatus.UNPROCESSABLE_ENTITY,
      'amount 1013.90 is more than loan QL-7K4M2P owes on 2026-02-15: at most 1013.89',
      { amount: '1013.90', reference: 'QL-7K4M2P', paidOn: '2026-02-15', maximum: '1013.89' },
    );
    const rebuilt = fromRpcErrorBody(toRpcErrorBody(refusal));
    expect(rebuilt.getStatus()).toBe(422);
    expect(rebuilt.getResponse()).toEqual({
      statusCode: 422,
      message: 'amount 1013.90 is more than loan QL-7K4M2P owes on 2026-02-15: at most 1013.89',
      error: 'Unprocessable Entity',
      code: 'MORE_THAN_OWED',
      details: [
        {
          key: 'errors.MORE_THAN_OWED',
          params: {
            amount: '1013.90',
            reference: 'QL-7K4M2P',
            paidOn: '2026-02-15',
            maximum: '1013.89',
          },
        },
      ],
    });
  });

  it('keeps a plain Nest refusal its status and message', () => {
    expect(toRpcErrorBody(new ConflictException('Application QL-7K4M2P is rejected'))).toEqual({
      statusCode: 409,
      message: 'Application QL-7K4M2P is rejected',
      error: 'Conflict',
    });
    expect(toRpcErrorBody(new BadRequestException(['a', 'b']))).toMatchObject({
      statusCode: 400,
      message: ['a', 'b'],
    });
  });

  it('turns an unexpected error into a plain 500 for the caller, keeping its cause for the logs only', () => {
    const body = toRpcErrorBody(
      new TypeError("Cannot read properties of undefined (reading 'id')"),
    );
    expect(body).toMatchObject({
      statusCode: 500,
      message: 'Internal server error',
      code: 'INTERNAL_ERROR',
    });
    expect(body.cause).toMatch(/reading 'id'/);
    expect((fromRpcErrorBody(body) as HttpException).getResponse()).not.toHaveProperty('cause');
  });
});
