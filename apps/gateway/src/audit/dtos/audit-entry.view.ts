import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@qollqa/contracts';

/** One row of the audit trail, as GET /api/audit answers it. */
export class AuditEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time', description: 'When the gateway answered' })
  at: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The username; an enterprise's reference for a family; null when no one is known (a sign-in of an unknown user, a request without a valid token)",
  })
  actor: string | null;
  @ApiProperty({ type: String, enum: ROLES, nullable: true }) role: string | null;
  @ApiProperty({ example: 'POST /api/loans/{id}/repayments' }) action: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The route's {id}, else the id of the resource a 201 created",
  })
  resourceId: string | null;
  @ApiProperty({ type: 'integer', example: 201 }) statusCode: number;
  @ApiProperty({ description: "The client's X-Request-Id, or the one the gateway gave it" })
  requestId: string;
}

export class AuditPageView {
  @ApiProperty({ type: [AuditEntryView], description: 'Newest first' }) items: AuditEntryView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
