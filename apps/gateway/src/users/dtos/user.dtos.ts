import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoundedText, PageQuery } from '@qollqa/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { STAFF_ROLES, StaffRole } from '../entities/user.entity';

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,40}$/;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** A new password: 12–128 characters, taken as typed (no trimming). */
export function IsNewPassword() {
  return applyDecorators(
    ApiProperty({
      type: String,
      minLength: PASSWORD_MIN,
      maxLength: PASSWORD_MAX,
      format: 'password',
    }),
    IsString(),
    Length(PASSWORD_MIN, PASSWORD_MAX, {
      message: `$property must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`,
    }),
  );
}

export class CreateUserDto {
  @ApiProperty({ example: 'rosa.huaman', pattern: USERNAME_PATTERN.source })
  @IsString()
  @Matches(USERNAME_PATTERN, {
    message: 'username must be 3 to 40 characters of a-z, 0-9, ".", "_" and "-"',
  })
  username: string;

  @IsBoundedText(120, { example: 'Rosa Huamán' }) displayName: string;

  @ApiProperty({ enum: STAFF_ROLES }) @IsIn(STAFF_ROLES) role: StaffRole;

  @IsNewPassword() password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 120, example: 'Rosa Huamán' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 120, { message: 'displayName must be 1 to 120 characters' })
  displayName?: string;

  @ApiPropertyOptional({ enum: STAFF_ROLES }) @IsOptional() @IsIn(STAFF_ROLES) role?: StaffRole;

  @ApiPropertyOptional({
    description: 'false: the user can no longer sign in and every token it holds stops working',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class SetPasswordDto {
  @IsNewPassword() password: string;
}

export class ListUsersQuery extends PageQuery {}

/** A staff account as the API shows it: never a password or a hash. */
export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'rosa.huaman' }) username: string;
  @ApiProperty({ example: 'Rosa Huamán' }) displayName: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: StaffRole;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) lastLoginAt: string | null;
}

export class UsersPage {
  @ApiProperty({ type: [UserView] }) items: UserView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export function toUserView(user: {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  active: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}
