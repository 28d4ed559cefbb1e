import { HttpStatus } from '@nestjs/common';
import { codedException } from '@qollqa/platform';

export enum CollectionsExceptionCode {
  DateInThePast = 'COLLECTION_DATE_IN_THE_PAST',
  RoleNotAllowed = 'ROLE_NOT_ALLOWED',
}

const STATUS: Record<CollectionsExceptionCode, HttpStatus> = {
  [CollectionsExceptionCode.DateInThePast]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CollectionsExceptionCode.RoleNotAllowed]: HttpStatus.FORBIDDEN,
};

/** Refusals of the collection sheet. */
export class CollectionsException extends codedException(STATUS) {}
