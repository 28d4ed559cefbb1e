import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsNewPassword } from '../../users/dtos/user.dtos';

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
  @ApiProperty({ example: '123456' })
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
}
