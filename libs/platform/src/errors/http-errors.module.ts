import { ExecutionContext, Injectable, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { I18nLoader, I18nModule, I18nResolver, I18nTranslation } from 'nestjs-i18n';
import { ErrorRenderer } from './error-renderer';
import { interpolate } from './messages/interpolate';
import { HttpErrorFilter } from './http-error.filter';
import { DEFAULT_LANGUAGE, LANGUAGES, preferredLanguage } from './language';
import { CATALOGUES } from './messages';
import { RouteTable } from './route-table';

/** nestjs-i18n reads the catalogue from code (typed, checked for both languages), not from files. */
@Injectable()
export class CatalogueLoader extends I18nLoader {
  async languages(): Promise<string[]> {
    return [...LANGUAGES];
  }

  async load(): Promise<I18nTranslation> {
    return CATALOGUES as unknown as I18nTranslation;
  }
}

/** The request's language for I18nContext, by the same rule as the error answers. */
@Injectable()
export class AcceptLanguageHeaderResolver implements I18nResolver {
  resolve(context: ExecutionContext): string | undefined {
    if (context.getType() !== 'http') return undefined;
    return preferredLanguage(context.switchToHttp().getRequest().headers?.['accept-language']);
  }
}

/**
 * The public API's error answers (see HttpErrorFilter): imported by the gateway. The application
 * must also call `RouteTable.watch` before init, so a wrong method gets 405.
 */
@Module({
  imports: [
    I18nModule.forRoot({
      fallbackLanguage: DEFAULT_LANGUAGE,
      loader: CatalogueLoader,
      loaderOptions: {},
      resolvers: [AcceptLanguageHeaderResolver],
      formatter: interpolate,
      logging: false,
    }),
  ],
  providers: [ErrorRenderer, RouteTable, { provide: APP_FILTER, useClass: HttpErrorFilter }],
  exports: [ErrorRenderer, RouteTable],
})
export class HttpErrorsModule {}
