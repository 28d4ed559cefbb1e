import { Injectable } from '@nestjs/common';
import { I18nService } from 'nestjs-i18n';
import { errorKey } from './coded.exception';
import { codeForStatus, ErrorBody, ErrorDetail, ErrorParams, statusText } from './error-body';
import { Language } from './language';
import { CATALOGUES } from './messages';
import { CONTROL_CHARACTERS } from './strict-json';
import { VALIDATION_FAILED } from './validation-failed.exception';

/** What a client receives: API.md's error shape, and nothing else. */
export interface PublicErrorBody {
  statusCode: number;
  message: string | string[];
  error: string;
  code: string;
}

/** A message never grows past this, whatever a client's values (a path, a header) hold. */
const MAX_MESSAGE_LENGTH = 300;
const MAX_PARAM_LENGTH = 160;

/**
 * Says an error in the caller's language: each detail's catalogue message with its values filled
 * in. A detail the catalogue lacks (a code added without its messages, a plain Nest exception) gets
 * the generic message of its status — in English the service's own text, which is English anyway.
 */
@Injectable()
export class ErrorRenderer {
  constructor(private readonly i18n: I18nService) {}

  render(body: ErrorBody, language: Language): PublicErrorBody {
    const status = body.statusCode;
    const code = body.code ?? codeForStatus(status);
    // An error that names no code says what its thrower said (in English) or its status's message.
    const details = body.details?.length
      ? body.details
      : body.code
        ? [{ key: errorKey(body.code) }]
        : [];
    const messages = details.length
      ? details.map((detail) => this.translate(detail, language) ?? this.fallback(body, language))
      : [this.fallback(body, language)];
    const unique = [...new Set(messages)].map(truncate);
    return {
      statusCode: status,
      message: code === VALIDATION_FAILED ? unique : unique.join('; '),
      error: statusText(status),
      code,
    };
  }

  private translate({ key, params }: ErrorDetail, language: Language): string | undefined {
    if (!hasMessage(CATALOGUES[language], key)) return undefined;
    const args = sanitize(params ?? {});
    const text = this.i18n.translate(key, { lang: language, args }) as unknown;
    return typeof text === 'string' ? text : undefined;
  }

  private fallback(body: ErrorBody, language: Language): string {
    const original = Array.isArray(body.message) ? body.message.join('; ') : body.message;
    if (language === 'en' && typeof original === 'string' && original) {
      return original.replace(new RegExp(CONTROL_CHARACTERS, 'gu'), '');
    }
    return this.translate({ key: errorKey(codeForStatus(body.statusCode)) }, language) ?? '';
  }
}

/** Whether `key` names a message (a string, or plural forms) — own properties only. */
function hasMessage(catalogue: object, key: string): boolean {
  let node: unknown = catalogue;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' || (typeof node === 'object' && node !== null && 'other' in node);
}

/** Values from clients (a path, a content type) are shown short, without control characters. */
function sanitize(params: ErrorParams): ErrorParams {
  const clean: ErrorParams = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'number') {
      clean[name] = value;
      continue;
    }
    const text = String(value)
      .replace(
        new RegExp(CONTROL_CHARACTERS, 'gu'),
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      )
      .replace(/\$t\(/g, '$ t('); // never read as a nested message of the catalogue
    clean[name] = text.length > MAX_PARAM_LENGTH ? `${text.slice(0, MAX_PARAM_LENGTH)}…` : text;
  }
  return clean;
}

function truncate(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message;
}
