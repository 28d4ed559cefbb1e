import { Catalogue } from './es';

/** What the API says in English (`Accept-Language: en`): the keys of es.ts, every one. */
export const en = {
  errors: {
    VALIDATION_FAILED: 'The request has data that is not valid',
    MALFORMED_JSON: 'The body is not valid UTF-8 JSON',
    JSON_TOO_DEEP: 'The JSON is nested deeper than {maxDepth} levels',
    BODY_NOT_AN_OBJECT: 'The body must be a JSON object',
    BODY_TOO_LARGE: 'The body is larger than the maximum of {limitKiB} KiB',
    UNSUPPORTED_MEDIA_TYPE:
      'The content type "{contentType}" is not accepted: send the body as application/json',
    ROUTE_NOT_FOUND: 'Cannot {method} {path}: there is no such route',
    METHOD_NOT_ALLOWED: 'The route {path} does not take {method}; it takes {allowed}',
    INTERNAL_ERROR: 'Something went wrong on our side and it was logged; try again later',
    BAD_REQUEST: 'The request is not valid',
    UNAUTHORIZED: 'You need to sign in',
    FORBIDDEN: 'You may not do this',
    NOT_FOUND: 'What you are looking for was not found',
    NOT_ACCEPTABLE: 'The answer cannot be given in the format asked for',
    CONFLICT: 'The action does not fit the current state',
    UNPROCESSABLE_ENTITY: 'A rule of the programme does not allow this',
    TOO_MANY_REQUESTS: 'Too many requests: wait a moment and try again',
    SERVICE_UNAVAILABLE: 'The service is not available right now; try again shortly',
    TOKEN_REQUIRED: 'A bearer token is required',
    TOKEN_INVALID: 'The token is not valid or has expired',
    ROLE_NOT_ALLOWED: 'This action is not allowed for the role $t(roles.{role})',
    BAD_CREDENTIALS: {
      currentPassword: 'The current password is not correct',
      password: 'Username or password is not correct',
      pin: 'Reference or PIN is not correct',
    },
    TOO_MANY_ATTEMPTS: {
      one: 'Too many failed attempts: try again in 1 minute',
      other: 'Too many failed attempts: try again in {count} minutes',
    },
    IDEMPOTENCY_KEY_INVALID: 'Idempotency-Key must be 1 to 200 characters',
    IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was used with a different request',
    IDEMPOTENCY_ANSWER_UNREADABLE:
      'This Idempotency-Key was already used; its first answer can no longer be shown',
    IDEMPOTENCY_KEY_IN_PROGRESS: 'A request with this Idempotency-Key is still being processed',
    SERVICE_TIMEOUT: 'The {service} service did not answer in time; try again shortly',
    SERVICE_UNREACHABLE: 'The {service} service cannot be reached; try again shortly',
    // staff accounts, reversals, the collection sheet
    USER_NOT_FOUND: 'No such staff account',
    USERNAME_TAKEN: 'That username is already taken',
    LAST_ACTIVE_ADMIN:
      'This is the last active admin account: it can be neither deactivated nor given another role',
    REPAYMENT_NOT_FOUND: 'No such repayment on this loan',
    REPAYMENT_ALREADY_REVERSED: 'That repayment was already reversed',
    REPAYMENT_NOT_LATEST: "Only the loan's latest repayment that is not reversed can be reversed",
    REPAYMENT_DAY_CLOSED:
      'A repayment can be reversed only on the business date it was recorded, before the close',
    REPAYMENT_NOT_REVERSIBLE:
      'This repayment was recorded before reversals existed: it cannot be reversed',
    COLLECTION_DATE_IN_THE_PAST:
      'The collection sheet is for the business date ({businessDate}) or later: what was owed on {date} is not kept',
    APPLICATION_NOT_FOUND: 'Application {id} not found',
    APPLICATION_NOT_YOURS: {
      otherEnterprise: 'This application belongs to another enterprise',
      enterpriseOnly: 'Only an enterprise has its own applications',
    },
    ROLE_MAY_NOT_DECIDE: {
      firstDecision: 'Only a loan officer makes the first decision',
      secondApproval: 'A large loan needs a fund manager for its second approval',
    },
    SAME_APPROVER: 'The second approval must come from another person',
    NOT_AWAITING_DECISION: {
      decision:
        'Application {reference} is $t(applicationStatus.{status}): it is not waiting for a decision',
      secondApproval: 'A second approval approves or rejects',
      resubmit:
        'Application {reference} is $t(applicationStatus.{status}): only an application waiting for information is resubmitted',
    },
    OUTSIDE_PRODUCT_LIMITS: {
      amount: 'amount must be between {min} and {max}',
      termMonths: 'termMonths must be between {min} and {max}',
      graceMonths: 'graceMonths must be at most {max} and less than the term',
      secondApproval:
        'A second approval confirms the first approval as it is: reject it to change amount or term',
    },
    GRANT_NOT_ALLOWED: {
      needsInnovation: 'a grant needs an innovation with its cost',
      aboveLimit:
        "grantRequested may be at most {limit} ({share} % of the innovation's cost, at most {maxGrant})",
    },
    LOAN_NOT_FOUND: 'Loan {id} not found',
    LOAN_NOT_YOURS: 'This loan belongs to another enterprise',
    LOAN_CLOSED: {
      repayment: 'Loan {reference} is $t(loanStatus.{status}): it takes no more repayments',
      writeOff:
        'Loan {reference} is $t(loanStatus.{status}): only an active or claimed loan can be written off',
    },
    EXTERNAL_REF_REUSED:
      'externalRef {externalRef} was already recorded on this loan for {amount} paid on {paidOn}',
    PAID_ON_OUT_OF_RANGE: {
      afterBusinessDate: 'paidOn {paidOn} is after the business date {businessDate}',
      beforeDisbursement: 'paidOn {paidOn} is before the loan was disbursed on {disbursedOn}',
    },
    MORE_THAN_OWED:
      'amount {amount} is more than loan {reference} owes on {paidOn}: at most {maximum}',
    INVALID_DISBURSEMENT: 'The disbursement of loan {loanId} contradicts itself and was refused',
    ADMIN_ONLY: 'Only an admin runs the close of business',
    DATE_ALREADY_CLOSED: '{date} is before the business date {businessDate}: it was closed already',
    DATE_IN_FUTURE: '{date} has not begun yet in Cusco (today is {today})',
    TOO_MANY_DAYS: 'At most {max} dates are closed at once: close up to {until} first',
    LOAN_NOT_ACTIVE:
      'Loan {reference} is $t(loanStatus.{status}): only an active loan is reprogrammed',
    TOO_MANY_DAYS_PAST_DUE:
      'Loan {reference} is {daysPastDue} days past due: only a loan at most {maximum} days past due is reprogrammed',
    REPROGRAMMING_LIMIT_REACHED:
      'Loan {reference} was reprogrammed {count} times already: at most {maximum}',
    REPAYMENT_BEFORE_REPROGRAMMING:
      'Repayment {externalRef} was recorded before loan {reference} was reprogrammed: it can no longer be reversed',
    DECLARED_AFTER_BUSINESS_DATE:
      'declaredOn {declaredOn} is after the business date {businessDate}: an emergency is declared for what has happened',
    FUND_REFERENCE_REUSED:
      'This reference was already used for {amount}: use a new reference for a new transfer',
    BUSINESS_DATE_UNKNOWN: 'The business date is not known yet; try again shortly',
    // disbursement: guarantee fund analytics
    STRESS_RATE_OUT_OF_RANGE:
      'The stress rate of the class {classification} must be a decimal from 0 to 1 ({rate} was given)',
  },
  validation: {
    isDefined: '{field} is required',
    isNotEmpty: '{field} must not be empty',
    isNotBlank: '{field} must not be blank',
    isString: '{field} must be a string',
    isInt: '{field} must be an integer',
    isNumber: '{field} must be a number',
    isPositive: '{field} must be more than zero',
    isBoolean: '{field} must be true or false',
    isIntegerInRange: '{field} must be an integer from {constraint1} to {constraint2}',
    min: '{field} must be at least {constraint1}',
    max: '{field} must be at most {constraint1}',
    minLength: '{field} must be at least {constraint1} characters long',
    maxLength: '{field} must be at most {constraint1} characters long',
    isLength: '{field} must be {constraint1} to {constraint2} characters long',
    isIn: '{field} must be one of: {constraint1}',
    isEnum: '{field} is not one of the allowed values',
    isUuid: '{field} must be a UUID',
    isEmail: '{field} must be an email address',
    isDateString: '{field} must be a date as YYYY-MM-DD',
    isIso8601: '{field} must be a date as YYYY-MM-DD',
    isCalendarDate: '{field} must be a real calendar date as YYYY-MM-DD',
    isObject: '{field} must be an object',
    nestedValidation: '{field} must be an object',
    isArray: '{field} must be an array',
    arrayNotEmpty: '{field} must not be an empty array',
    arrayMinSize: '{field} must have at least {constraint1} items',
    arrayMaxSize: '{field} must have at most {constraint1} items',
    arrayUnique: '{field} must not repeat items',
    whitelistValidation: '{field} is not an allowed field',
    forbiddenKey: '{field} is not an allowed field name',
    tooManyItems: '{field} has more than {constraint1} items',
    tooManyKeys: '{field} has more than {constraint1} fields',
    tooManyKeysInBody: 'The body has more than {constraint1} fields',
    controlCharacters: '{field} contains control characters',
    isSingleLine: '{field} must be a single line, without tabs or line breaks',
    matches: '{field} does not have the expected format',
    isMoney:
      '{field} must be a non-negative amount with at most 2 decimals, as a string such as "1500.00"',
    isPositiveMoney: '{field} must be more than 0.00',
    isStressRate: '{field} must be a decimal from 0 to 1 with at most 6 places, such as "0.25"',
    isDocumentId: '{field} must be a DNI (8 digits) or a RUC (11 digits)',
    isPin: '{field} must be 6 digits',
    isWithinExtension: '{field} must not be more than extensionMonths',
    unknownValue: 'The body is not valid',
    invalid: '{field} is not valid',
    more: {
      one: '… and 1 more problem',
      other: '… and {count} more problems',
    },
  },
  roles: {
    loan_officer: 'loan officer',
    fund_manager: 'fund manager',
    admin: 'admin',
    enterprise: 'enterprise',
  },
  applicationStatus: {
    submitted: 'submitted',
    in_review: 'in review',
    info_requested: 'waiting for information',
    awaiting_second_approval: 'awaiting second approval',
    approved: 'approved',
    waitlisted: 'waitlisted',
    disbursed: 'disbursed',
    rejected: 'rejected',
  },
  loanStatus: {
    active: 'active',
    claimed: 'claimed',
    repaid: 'repaid',
    written_off: 'written off',
  },
} satisfies Catalogue;
