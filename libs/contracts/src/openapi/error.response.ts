import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from './api-fields';

/** Every error answer (API.md "Errors"). */
export class ErrorResponse {
  @ApiInteger({ minimum: 400, maximum: 599, example: 400 }) statusCode: number;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description:
      "In the request's Accept-Language (es first, en), Spanish by default; a list for a validation failure",
    example: ['enterprise.name debe tener como máximo 120 caracteres'],
  })
  message: string | string[];
  @ApiProperty({ example: 'Bad Request', description: 'The HTTP status text' }) error: string;
  @ApiProperty({
    example: 'VALIDATION_FAILED',
    description: 'A stable machine-readable code (VALIDATION_FAILED, LOAN_CLOSED, …)',
  })
  code: string;
}
