import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

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

export class TokenDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ enum: ['loan_officer', 'fund_manager', 'admin', 'enterprise'] }) role: string;
}
