import { BadRequestException, ConflictException, HttpException } from '@nestjs/common';
import { fromRpcErrorBody, toRpcErrorBody } from './rpc-error';

describe('errors across request–reply', () => {
  it('keeps a validation failure a 400 with every message', () => {
    const body = toRpcErrorBody(
      new BadRequestException(['amount must be a decimal string', 'pin must be 6 digits']),
    );
    expect(body).toEqual({
      statusCode: 400,
      message: ['amount must be a decimal string', 'pin must be 6 digits'],
      error: 'Bad Request',
    });
    const rebuilt = fromRpcErrorBody(body);
    expect(rebuilt.getStatus()).toBe(400);
    expect(rebuilt.getResponse()).toEqual(body);
  });

  it('keeps a refusal its status and message', () => {
    expect(toRpcErrorBody(new ConflictException('Application QL-7K4M2P is rejected'))).toEqual({
      statusCode: 409,
      message: 'Application QL-7K4M2P is rejected',
      error: 'Conflict',
    });
  });

  it('turns an unexpected error into a plain 500 for the caller, keeping its cause for the logs only', () => {
    const body = toRpcErrorBody(
      new TypeError("Cannot read properties of undefined (reading 'id')"),
    );
    expect(body).toMatchObject({ statusCode: 500, message: 'Internal server error' });
    expect(body.cause).toMatch(/reading 'id'/);
    expect((fromRpcErrorBody(body) as HttpException).getResponse()).not.toHaveProperty('cause');
  });
});
