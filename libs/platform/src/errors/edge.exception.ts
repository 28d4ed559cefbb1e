import { HttpStatus } from '@nestjs/common';
import { codedException } from './coded.exception';

/** Refusals of the HTTP edge itself, before any feature sees the request. */
export enum EdgeExceptionCode {
  MalformedJson = 'MALFORMED_JSON',
  JsonTooDeep = 'JSON_TOO_DEEP',
  BodyNotAnObject = 'BODY_NOT_AN_OBJECT',
  BodyTooLarge = 'BODY_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  InternalError = 'INTERNAL_ERROR',
  /** A dependency (the database) cannot be reached for a while: try again (503, Retry-After). */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
}

const STATUS: Record<EdgeExceptionCode, HttpStatus> = {
  [EdgeExceptionCode.MalformedJson]: HttpStatus.BAD_REQUEST,
  [EdgeExceptionCode.JsonTooDeep]: HttpStatus.BAD_REQUEST,
  [EdgeExceptionCode.BodyNotAnObject]: HttpStatus.BAD_REQUEST,
  [EdgeExceptionCode.BodyTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [EdgeExceptionCode.UnsupportedMediaType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [EdgeExceptionCode.RouteNotFound]: HttpStatus.NOT_FOUND,
  [EdgeExceptionCode.MethodNotAllowed]: HttpStatus.METHOD_NOT_ALLOWED,
  [EdgeExceptionCode.InternalError]: HttpStatus.INTERNAL_SERVER_ERROR,
  [EdgeExceptionCode.ServiceUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

export class EdgeException extends codedException(STATUS) {}
