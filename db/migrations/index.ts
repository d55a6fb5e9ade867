import { migration001 } from './001-initial';
import { migration002 } from './002-front-desk';

/** Numbered migrations: entry i brings the schema from user_version i to i + 1. Never edit one that has shipped. */
export const migrations: readonly string[] = [migration001, migration002];

export const SCHEMA_VERSION = migrations.length;
