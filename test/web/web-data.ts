import { applicationBody } from '../support/application-factory';

/**
 * API.md's example application with its texts in Spanish, as an officer in Ocongate types them, so
 * that a Spanish screen shows no English (the browser suites check it).
 */
export function spanishApplication(
  enterprise: Record<string, unknown> = {},
  request: Record<string, unknown> = {},
) {
  return applicationBody({
    enterprise,
    request: {
      purpose: 'Ordeñadora y tanque de enfriamiento',
      innovation: { description: 'Ordeño mecánico', cost: '7500.00', grantRequested: '3000.00' },
      ...request,
    },
  });
}
