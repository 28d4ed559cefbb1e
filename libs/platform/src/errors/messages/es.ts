/**
 * What the API says, in Spanish (the default): a message per error code (`errors`), per broken
 * validation rule (`validation`), and the words they borrow (`roles`, statuses). `{name}` takes a
 * value of the error's params; `$t(key)` another message of this catalogue. English is in en.ts, with
 * exactly these keys (the compiler checks it). A new code of a service needs its message here and there.
 */
export const es = {
  errors: {
    // the HTTP edge
    VALIDATION_FAILED: 'La solicitud tiene datos que no son válidos',
    MALFORMED_JSON: 'El cuerpo de la solicitud no es JSON válido en UTF-8',
    JSON_TOO_DEEP: 'El JSON está anidado en más de {maxDepth} niveles',
    BODY_NOT_AN_OBJECT: 'El cuerpo de la solicitud debe ser un objeto JSON',
    BODY_TOO_LARGE: 'El cuerpo de la solicitud supera el máximo de {limitKiB} KiB',
    UNSUPPORTED_MEDIA_TYPE:
      'No se acepta el tipo de contenido «{contentType}»: envíe el cuerpo como application/json',
    ROUTE_NOT_FOUND: 'No existe la ruta {method} {path}',
    METHOD_NOT_ALLOWED: 'La ruta {path} no acepta {method}; acepta {allowed}',
    INTERNAL_ERROR: 'Ocurrió un error interno y quedó registrado; intente de nuevo más tarde',
    // any refusal that names no code of its own
    BAD_REQUEST: 'La solicitud no es válida',
    UNAUTHORIZED: 'Debe iniciar sesión',
    FORBIDDEN: 'No tiene permiso para hacer esto',
    NOT_FOUND: 'No se encontró lo que busca',
    NOT_ACCEPTABLE: 'No se puede responder en el formato pedido',
    CONFLICT: 'La acción no corresponde al estado actual',
    UNPROCESSABLE_ENTITY: 'Una regla del programa no permite esta acción',
    TOO_MANY_REQUESTS: 'Demasiadas solicitudes: espere un momento e intente de nuevo',
    SERVICE_UNAVAILABLE: 'El servicio no está disponible por ahora; intente de nuevo en un momento',
    // gateway: sign-in, tokens, roles, idempotency, services
    TOKEN_REQUIRED: 'Se necesita un token de acceso (Authorization: Bearer …)',
    TOKEN_INVALID: 'El token de acceso no es válido o ya venció',
    ROLE_NOT_ALLOWED: 'Esta acción no está permitida para el rol «$t(roles.{role})»',
    BAD_CREDENTIALS: {
      currentPassword: 'La contraseña actual no es correcta',
      password: 'El usuario o la contraseña no son correctos',
      pin: 'La referencia o el PIN no son correctos',
    },
    TOO_MANY_ATTEMPTS: {
      one: 'Demasiados intentos fallidos: vuelva a intentarlo en 1 minuto',
      other: 'Demasiados intentos fallidos: vuelva a intentarlo en {count} minutos',
    },
    IDEMPOTENCY_KEY_INVALID: 'Idempotency-Key debe tener de 1 a 200 caracteres',
    IDEMPOTENCY_KEY_REUSED: 'Este Idempotency-Key ya se usó con otra solicitud',
    IDEMPOTENCY_ANSWER_UNREADABLE:
      'Este Idempotency-Key ya se usó; su primera respuesta ya no se puede mostrar',
    IDEMPOTENCY_KEY_IN_PROGRESS:
      'Una solicitud con este Idempotency-Key todavía se está procesando',
    SERVICE_TIMEOUT: 'El servicio {service} no respondió a tiempo; intente de nuevo en un momento',
    SERVICE_UNREACHABLE:
      'No se pudo contactar al servicio {service}; intente de nuevo en un momento',
    // applications
    // staff accounts, reversals, the collection sheet
    USER_NOT_FOUND: 'No existe esa cuenta de personal',
    USERNAME_TAKEN: 'Ese nombre de usuario ya está en uso',
    LAST_ACTIVE_ADMIN:
      'Es la última cuenta de administración activa: no se puede desactivar ni cambiar de rol',
    REPAYMENT_NOT_FOUND: 'Ese pago no existe en este préstamo',
    REPAYMENT_ALREADY_REVERSED: 'Ese pago ya fue revertido',
    REPAYMENT_NOT_LATEST:
      'Solo se puede revertir el último pago del préstamo que no esté revertido',
    REPAYMENT_DAY_CLOSED:
      'Solo se puede revertir un pago el mismo día hábil en que se registró, antes del cierre',
    REPAYMENT_NOT_REVERSIBLE:
      'Este pago se registró antes de que existieran las reversiones: no se puede revertir',
    COLLECTION_DATE_IN_THE_PAST:
      'La hoja de cobranza es para la fecha hábil ({businessDate}) o una posterior: lo que se debía el {date} no se guarda',
    APPLICATION_NOT_FOUND: 'No existe la solicitud {id}',
    APPLICATION_NOT_YOURS: {
      otherEnterprise: 'Esta solicitud pertenece a otra empresa familiar',
      enterpriseOnly: 'Solo una empresa familiar tiene solicitudes propias',
    },
    ROLE_MAY_NOT_DECIDE: {
      firstDecision: 'La primera decisión la toma un oficial de crédito',
      secondApproval: 'Un préstamo grande necesita la segunda aprobación de un gestor del fondo',
    },
    SAME_APPROVER: 'La segunda aprobación debe venir de otra persona',
    NOT_AWAITING_DECISION: {
      decision:
        'La solicitud {reference} está «$t(applicationStatus.{status})»: no espera una decisión',
      secondApproval: 'En la segunda aprobación solo se aprueba o se rechaza',
      resubmit:
        'La solicitud {reference} está «$t(applicationStatus.{status})»: solo se reenvía una solicitud a la que se pidió información',
    },
    OUTSIDE_PRODUCT_LIMITS: {
      amount: 'amount debe estar entre {min} y {max}',
      termMonths: 'termMonths debe estar entre {min} y {max} meses',
      graceMonths: 'graceMonths debe ser como máximo {max} meses y menor que el plazo',
      secondApproval:
        'La segunda aprobación confirma la primera tal como está: para cambiar el monto o el plazo, recházela',
    },
    GRANT_NOT_ALLOWED: {
      needsInnovation: 'grantRequested: una subvención necesita una innovación con su costo',
      aboveLimit:
        'grantRequested puede ser como máximo {limit} ({share} % del costo de la innovación, y no más de {maxGrant})',
    },
    // repayment: loans, repayments, write-off, close of business
    LOAN_NOT_FOUND: 'No existe el préstamo {id}',
    LOAN_NOT_YOURS: 'Este préstamo pertenece a otra empresa familiar',
    LOAN_CLOSED: {
      repayment: 'El préstamo {reference} está «$t(loanStatus.{status})»: ya no recibe más pagos',
      writeOff:
        'El préstamo {reference} está «$t(loanStatus.{status})»: solo se castiga un préstamo vigente o con garantía ejecutada',
    },
    EXTERNAL_REF_REUSED:
      'El recibo {externalRef} ya se registró en este préstamo por {amount}, pagado el {paidOn}',
    PAID_ON_OUT_OF_RANGE: {
      afterBusinessDate: 'paidOn {paidOn} es posterior a la fecha de operaciones {businessDate}',
      beforeDisbursement:
        'paidOn {paidOn} es anterior al desembolso del préstamo, el {disbursedOn}',
    },
    MORE_THAN_OWED:
      'El monto {amount} es más de lo que el préstamo {reference} debe al {paidOn}: como máximo {maximum}',
    INVALID_DISBURSEMENT: 'El desembolso del préstamo {loanId} no es coherente y fue rechazado',
    ADMIN_ONLY: 'Solo un administrador ejecuta el cierre del día',
    DATE_ALREADY_CLOSED:
      '{date} es anterior a la fecha de operaciones {businessDate}: ese día ya se cerró',
    DATE_IN_FUTURE: 'El día {date} todavía no empieza en Cusco (hoy es {today})',
    TOO_MANY_DAYS: 'Se cierran como máximo {max} fechas a la vez: cierre primero hasta el {until}',
    // repayment: reprogramming and emergencies
    LOAN_NOT_ACTIVE:
      'El préstamo {reference} está «$t(loanStatus.{status})»: solo se reprograma un préstamo vigente',
    TOO_MANY_DAYS_PAST_DUE:
      'El préstamo {reference} tiene {daysPastDue} días de atraso: solo se reprograma un préstamo con {maximum} días de atraso como máximo',
    REPROGRAMMING_LIMIT_REACHED:
      'El préstamo {reference} ya se reprogramó {count} veces: se reprograma como máximo {maximum} veces',
    REPAYMENT_BEFORE_REPROGRAMMING:
      'El pago {externalRef} se registró antes de reprogramar el préstamo {reference}: ya no se puede revertir',
    DECLARED_AFTER_BUSINESS_DATE:
      'declaredOn {declaredOn} es posterior a la fecha de operaciones {businessDate}: una emergencia se declara por lo ya ocurrido',
    // disbursement: funds
    FUND_REFERENCE_REUSED:
      'Esta referencia ya se usó por {amount}: use una referencia nueva para otra transferencia',
    BUSINESS_DATE_UNKNOWN:
      'Todavía no se conoce la fecha de operaciones; intente de nuevo en un momento',
    // disbursement: guarantee fund analytics
    STRESS_RATE_OUT_OF_RANGE:
      'La tasa de estrés de la clase {classification} debe ser un decimal entre 0 y 1 (se recibió {rate})',
  },
  validation: {
    isDefined: '{field} es obligatorio',
    isNotEmpty: '{field} no debe estar vacío',
    isNotBlank: '{field} no debe estar en blanco',
    isString: '{field} debe ser un texto',
    isInt: '{field} debe ser un número entero',
    isNumber: '{field} debe ser un número',
    isPositive: '{field} debe ser mayor que cero',
    isBoolean: '{field} debe ser true o false',
    isIntegerInRange: '{field} debe ser un número entero entre {constraint1} y {constraint2}',
    min: '{field} debe ser como mínimo {constraint1}',
    max: '{field} debe ser como máximo {constraint1}',
    minLength: '{field} debe tener al menos {constraint1} caracteres',
    maxLength: '{field} debe tener como máximo {constraint1} caracteres',
    isLength: '{field} debe tener entre {constraint1} y {constraint2} caracteres',
    isIn: '{field} debe ser uno de estos valores: {constraint1}',
    isEnum: '{field} no es uno de los valores permitidos',
    isUuid: '{field} debe ser un UUID',
    isEmail: '{field} debe ser una dirección de correo',
    isDateString: '{field} debe ser una fecha AAAA-MM-DD',
    isIso8601: '{field} debe ser una fecha AAAA-MM-DD',
    isCalendarDate: '{field} debe ser una fecha real del calendario, AAAA-MM-DD',
    isObject: '{field} debe ser un objeto',
    nestedValidation: '{field} debe ser un objeto',
    isArray: '{field} debe ser una lista',
    arrayNotEmpty: '{field} no debe ser una lista vacía',
    arrayMinSize: '{field} debe tener al menos {constraint1} elementos',
    arrayMaxSize: '{field} debe tener como máximo {constraint1} elementos',
    arrayUnique: '{field} no debe repetir elementos',
    whitelistValidation: '{field} no es un campo permitido',
    forbiddenKey: '{field} no es un nombre de campo permitido',
    tooManyItems: '{field} tiene más de {constraint1} elementos',
    tooManyKeys: '{field} tiene más de {constraint1} campos',
    tooManyKeysInBody: 'El cuerpo de la solicitud tiene más de {constraint1} campos',
    controlCharacters: '{field} contiene caracteres de control',
    isSingleLine: '{field} debe ser una sola línea, sin tabuladores ni saltos de línea',
    matches: '{field} no tiene el formato esperado',
    isMoney:
      '{field} debe ser un monto no negativo con hasta 2 decimales, escrito como texto, por ejemplo "1500.00"',
    isPositiveMoney: '{field} debe ser mayor que 0.00',
    isStressRate:
      '{field} debe ser un decimal entre 0 y 1, con hasta 6 decimales, por ejemplo "0.25"',
    isDocumentId: '{field} debe ser un DNI (8 dígitos) o un RUC (11 dígitos)',
    isPin: '{field} debe tener 6 dígitos',
    isWithinExtension: '{field} no puede ser mayor que extensionMonths',
    unknownValue: 'El cuerpo de la solicitud no es válido',
    invalid: '{field} no es válido',
    more: {
      one: '… y 1 problema más',
      other: '… y {count} problemas más',
    },
  },
  roles: {
    loan_officer: 'oficial de crédito',
    fund_manager: 'gestor del fondo',
    admin: 'administrador',
    enterprise: 'empresa familiar',
  },
  applicationStatus: {
    submitted: 'recibida',
    in_review: 'en evaluación',
    info_requested: 'a la espera de información',
    awaiting_second_approval: 'a la espera de la segunda aprobación',
    approved: 'aprobada',
    waitlisted: 'en lista de espera',
    disbursed: 'desembolsada',
    rejected: 'rechazada',
  },
  loanStatus: {
    active: 'vigente',
    claimed: 'con garantía ejecutada',
    repaid: 'pagado',
    written_off: 'castigado',
  },
};

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

/** The shape every language's catalogue has: the same keys as the Spanish one. */
export type Catalogue = Messages<typeof es>;
