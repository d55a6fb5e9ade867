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
