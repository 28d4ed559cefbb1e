import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';

export const ROLES = ['loan_officer', 'fund_manager', 'admin', 'enterprise'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: the gateway passes it with every command and query, services decide with it. */
export class Actor {
  /** A user's id, or the enterprise's id for an enterprise token. */
  @IsUUID() id: string;
  /** The user's name as the timeline shows it ("officer"), or the application reference. */
  @IsString() name: string;
  @IsIn(ROLES) role: Role;
  @IsOptional() @IsUUID() enterpriseId?: string;
}

/** Base of every command and query the gateway sends on a caller's behalf. */
export abstract class ActorCommand {
  @IsDefined() @ValidateNested() @Type(() => Actor) actor: Actor;
}
