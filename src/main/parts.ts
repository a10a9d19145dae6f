import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import type { Mailer } from '../platform/mailer.js';

/** What the composition root (the only place that knows every feature) is built from. */
export interface AppParts {
  config: Config;
  database: Database;
  clock: Clock;
  log: Logger;
  mailer?: Mailer;
}
