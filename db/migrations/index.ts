import { migration001 } from './001-initial';
import { migration002 } from './002-front-desk';
import { migration003 } from './003-registration-sync';
import { migration004 } from './004-programme';
import { migration005 } from './005-reports';
import { migration006 } from './006-stations-sync';
import { migration007 } from './007-search-index-unchanged';
import { migration008 } from './008-source-removed';
import { migration009 } from './009-erased-registrations';
import { migration010 } from './010-local-field-list-values';
import { migration011 } from './011-source-last-check';
import { migration012 } from './012-email-index';
import { migration013 } from './013-former-codes';
import { migration014 } from './014-hub-waiting-cancellations';
import { migration015 } from './015-rewrite-pending';
import { migration016 } from './016-sync-run-changes';
import { migration017 } from './017-run-kept-local';
import { migration018 } from './018-compact-codes';
import { migration019 } from './019-conflicts-seen';

export interface Migration {
  version: number;
  sql: string;
}

/**
 * Numbered migrations, applied in order to bring user_version up to SCHEMA_VERSION. Never edit one that has
 * shipped; add a new number instead (tests/db/migrations.test.ts checks the numbers run 1..N without gaps).
 */
export const migrations: readonly Migration[] = [
  { version: 1, sql: migration001 },
  { version: 2, sql: migration002 },
  { version: 3, sql: migration003 },
  { version: 4, sql: migration004 },
  { version: 5, sql: migration005 },
  { version: 6, sql: migration006 },
  { version: 7, sql: migration007 },
  { version: 8, sql: migration008 },
  { version: 9, sql: migration009 },
  { version: 10, sql: migration010 },
  { version: 11, sql: migration011 },
  { version: 12, sql: migration012 },
  { version: 13, sql: migration013 },
  { version: 14, sql: migration014 },
  { version: 15, sql: migration015 },
  { version: 16, sql: migration016 },
  { version: 17, sql: migration017 },
  { version: 18, sql: migration018 },
  { version: 19, sql: migration019 },
].sort((a, b) => a.version - b.version);

export const SCHEMA_VERSION = Math.max(...migrations.map((m) => m.version));
