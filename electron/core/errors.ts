/**
 * Errors a user (or a remote station) can cause. They cross every transport as `{ code, message, details }`,
 * where `message` is an i18n key (resources/locales) and `details` fills its placeholders.
 */
export type ErrorCode =
  | 'validation'
  | 'unknown_method'
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'no_event_open'
  | 'event_file_not_found'
  | 'event_file_exists'
  | 'event_file_newer'
  | 'event_file_corrupt'
  // Not an Einlass event file: a SQLite database of another program, or an empty file.
  | 'event_file_foreign'
  // The file may not be read (permissions).
  | 'event_file_unreadable'
  // The file, or its folder, may not be written to.
  | 'event_file_readonly'
  // Another program holds the write lock of the file longer than the busy timeout.
  | 'event_file_busy'
  | 'not_found'
  | 'undo_not_allowed'
  | 'invalid_pattern'
  | 'list_in_use'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: Record<string, unknown> = {},
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }

  get messageKey(): string {
    return `errors.${this.code}`;
  }
}
