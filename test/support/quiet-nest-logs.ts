import { Logger } from '@nestjs/common';

// Runs before each integration suite's imports. The suites load every service's module into one
// process, which makes @nestjs/typeorm warn, at import time, that the data source name "default" is
// registered more than once (each service has its own app and container, so it is harmless). Nest's
// own logs below errors are noise here; each service's logger is set again when its app starts.
Logger.overrideLogger(['error']);
