import { HttpStatus } from '@nestjs/common';
import { codedException } from '@qollqa/platform';

export enum UsersExceptionCode {
  NotFound = 'USER_NOT_FOUND',
  UsernameTaken = 'USERNAME_TAKEN',
  LastActiveAdmin = 'LAST_ACTIVE_ADMIN',
}

const STATUS: Record<UsersExceptionCode, HttpStatus> = {
  [UsersExceptionCode.NotFound]: HttpStatus.NOT_FOUND,
  [UsersExceptionCode.UsernameTaken]: HttpStatus.CONFLICT,
  [UsersExceptionCode.LastActiveAdmin]: HttpStatus.CONFLICT,
};

/** Every refusal of the staff accounts feature. */
export class UsersException extends codedException(STATUS) {}
