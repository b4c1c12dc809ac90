/** A refusal or failure of a backup command: its message is for the person who ran it, with the exit code. */
export class OpsError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Exit codes of `npm run backup`, `restore` and `db:export`, as documented in docs/deployment.md. */
export const EXIT = {
  /** Bad arguments, a missing or unreadable file, no database where one is expected. */
  USAGE: 2,
  /** The folder is in use by a running app. */
  IN_USE: 3,
  /** The restore would replace a database and `--force` was not given. */
  EXISTS: 4,
  /** The backup file does not hold a Stageline database. */
  INVALID_BACKUP: 5,
  /** The running app could not be asked, or failed to answer. */
  APP_UNREACHABLE: 6,
  /** The database is a PostgreSQL server: its own tools apply. */
  POSTGRES_SERVER: 7,
} as const;
