import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiInteger, ErrorResponse } from '@qollqa/contracts';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsNewPassword } from '../../users/dtos/user.dtos';
import { ACCOUNT_LIMIT } from '../services/sign-in-limits.service';

/** Spaces (of any width) and hyphens, as a PIN is printed ("410 056") or read aloud in groups. */
const PIN_SEPARATORS = /[\s\u2010-\u2015-]/g;

export class LoginDto {
  @ApiProperty({ example: 'officer' }) @IsString() @IsNotEmpty() @MaxLength(100) username: string;
  @ApiProperty({ example: 'officer-demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class EnterpriseLoginDto {
  @ApiProperty({ example: 'QL-7K4M2P' }) @IsString() @IsNotEmpty() @MaxLength(20) reference: string;
  @ApiProperty({
    example: '410 056',
    description:
      'The 6 digits of the PIN; spaces and hyphens between them are ignored ("410 056", "410-056" and "410056" are the same PIN)',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(PIN_SEPARATORS, '') : value))
  @IsString()
  @Matches(/^\d{6}$/, { message: 'pin must be 6 digits' })
  pin: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword: string;

  @IsNewPassword() newPassword: string;
}

export class TokenDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ enum: ['loan_officer', 'fund_manager', 'admin', 'enterprise'] }) role: string;
  @ApiProperty({
    example: 'Rosa Huamán',
    description:
      "The name to greet the person with: a member of staff's display name; for a family, its enterprise's name (its reference when the name cannot be had at once)",
  })
  displayName: string;
}

/** 401 of a password or PIN compared under the sign-in limits. */
export class SignInRefusedResponse extends ErrorResponse {
  @ApiInteger({
    minimum: 0,
    maximum: ACCOUNT_LIMIT - 1,
    example: 3,
    description:
      'How many more failures before sign-ins are locked for 15 minutes: the smaller of what the account (5 in 15 minutes) and the client address (20) have left; 0 when the next attempt will be refused',
  })
  attemptsLeft: number;
}

/** 429 of a locked account or client address. */
export class SignInLockedResponse extends ErrorResponse {
  @ApiDateTime({
    example: '2026-03-02T15:42:00.000Z',
    description:
      'When the lock ends and a sign-in may be tried again (the Retry-After header says the same in seconds)',
  })
  retryAt: string;
}
